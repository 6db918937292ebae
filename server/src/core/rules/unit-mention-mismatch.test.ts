import { describe, expect, it } from 'vitest';
import { edit, expectFixResolves, findings, lint, spec, under } from '../../../../test/helpers/spec';

const ID = 'unit-mention-mismatch';
const TABLE = '      - ref: L5B1\n        uan: A/651/5975\n        title: Analyse Financial Performance\n        credit: 5\n      - L5B2\n';

describe(ID, () => {
  it("passes a qualification table that repeats the units' own values", () => {
    expect(findings(lint(edit(spec(), '      - L5B1\n      - L5B2\n', TABLE)), ID)).toEqual([]);
  });

  it("flags a title that differs from the unit's own, with the unit's as related location", () => {
    // "Analysis Financial Performance" (Key Facts) against "Analysing Financial Performance" (its own heading)
    const text = edit(spec(), '      - L5B1\n      - L5B2\n', TABLE.replace('title: Analyse Financial Performance', 'title: Analysis Financial Performance'));
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(under(text, f[0]!)).toBe('Analysis Financial Performance');
    expect(f[0]!.message).toBe(
      '\'Level 5 Award in Sales Planning\' gives unit L5B1 the title "Analysis Financial Performance", but the unit itself has "Analyse Financial Performance".',
    );
    expect(f[0]!.related.map((r) => under(text, r))).toEqual(['Analyse Financial Performance']);
  });

  it("offers to copy the unit's value; --fix does not (either side may be the wrong one)", () => {
    const text = edit(spec(), '      - L5B1\n      - L5B2\n', TABLE.replace('uan: A/651/5975', 'uan: Y/650/7928'));
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['Y/650/7928']);
    expect(f[0]!.message).toContain('the UAN "Y/650/7928", but the unit itself has "A/651/5975"');
    expect(f[0]!.fixes.map((x) => [x.title, !!x.safe])).toEqual([["Use the unit's UAN: A/651/5975", false]]);
    expectFixResolves(text, f[0]!, f[0]!.fixes[0]);
  });

  it('compares numbers as numbers', () => {
    const text = edit(spec(), '      - L5B1\n      - L5B2\n', TABLE.replace('credit: 5', 'credit: 4'));
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['4']);
    expect(f[0]!.message).toContain('the credit 4, but the unit itself has 5');
    expect(expectFixResolves(text, f[0]!, f[0]!.fixes[0])).toBe(edit(spec(), '      - L5B1\n      - L5B2\n', TABLE));
  });
});
