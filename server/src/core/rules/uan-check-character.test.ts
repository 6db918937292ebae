import { describe, expect, it } from 'vitest';
import { edit, expectFixResolves, findings, lint, only, spec, under } from '../../../../test/helpers/spec';

const ID = 'uan-check-character';

describe(ID, () => {
  it('passes UANs whose letter holds', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('flags a UAN whose letter fails, naming the unit and the letter its digits imply', () => {
    const text = edit(spec(), 'uan: A/651/5975', 'uan: B/651/5975');
    const f = only(lint(text), ID);
    expect(f.severity).toBe('warning');
    expect(under(text, f)).toBe('B/651/5975');
    expect(f.message).toContain('UAN B/651/5975 of unit L5B1 fails its check: its digits imply the letter A, not B');
  });

  it('offers to change the letter, not applied by --fix', () => {
    const text = edit(spec(), 'uan: A/651/5975', 'uan: Y/651/5975');
    const f = only(lint(text), ID);
    expect(f.fixes.map((x) => [x.title, !!x.safe])).toEqual([['Change the UAN to A/651/5975 (if its letter, not a digit, is the typo)', false]]);
    expect(f.fixes[0]!.preferred).toBeFalsy();
    expect(expectFixResolves(text, f, f.fixes[0])).toBe(spec());
  });

  it("checks a UAN repeated in a qualification's unit table", () => {
    const text = edit(spec(), '      - L5B1\n', '      - ref: L5B1\n        uan: A/651/5976\n');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['A/651/5976']);
    expect(f[0]!.message).toContain("of unit L5B1 in 'Level 5 Award in Sales Planning'");
  });
});
