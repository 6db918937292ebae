import { describe, expect, it } from 'vitest';
import { edit, expectFixResolves, findings, lint, spec, under } from '../../../../test/helpers/spec';

const ID = 'schema';

describe(ID, () => {
  it('passes a valid spec', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('flags a missing required key, naming the unit and the key', () => {
    const text = edit(spec(), '    title: Organisational Sales Planning\n', '');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toMatch(/^Unit L5B2 has no 'title'/);
    expect(under(text, f[0]!)).toBe('ref: L5B2');
  });

  it('flags a value of the wrong type, in plain words', () => {
    const text = edit(spec(), 'credit: 3  #', 'credit: three  #');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['three']);
    expect(f[0]!.message).toBe("'credit' in unit L5B2 should be a whole number, not text ('three').");
  });

  it('flags a malformed identifier with an example of the right form', () => {
    const text = edit(spec(), 'uan: D/651/5976', 'uan: D/651/597');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['D/651/597']);
    expect(f[0]!.message).toMatch(/^'D\/651\/597' is not a valid UAN: write it like /);
  });

  it('flags a value outside its list, and offers the nearest allowed value (not applied by --fix)', () => {
    const text = edit(spec(), 'type: award', 'type: awrd');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['awrd']);
    expect(f[0]!.message).toContain("did you mean 'award'?");
    expect(f[0]!.fixes.map((x) => [x.title, !!x.safe])).toEqual([["Change to 'award'", false]]);
    expect(expectFixResolves(text, f[0]!, f[0]!.fixes[0])).toBe(spec());
  });
});
