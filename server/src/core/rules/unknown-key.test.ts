import { describe, expect, it } from 'vitest';
import { edit, expectFixResolves, findings, lint, safeFixes, spec, under } from '../../../../test/helpers/spec';

const ID = 'unknown-key';

describe(ID, () => {
  it('passes known keys', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('flags a misspelt key at the key, says where, and renames it as a safe fix', () => {
    const text = edit(spec(), 'credit: 3  #', 'crdit: 3  #');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(under(text, f[0]!)).toBe('crdit');
    expect(f[0]!.message).toBe("Unknown key 'crdit' in unit L5B2 — did you mean 'credit'?");
    const [fix] = safeFixes(f[0]!);
    expect(fix!.title).toBe("Rename 'crdit' to 'credit'");
    expect(expectFixResolves(text, f[0]!, fix)).toBe(spec());
  });

  it('lists the allowed keys when nothing is close', () => {
    const text = edit(spec(), '    letter: B\n', '    colour: blue\n');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['colour']);
    expect(f[0]!.message).toContain("Unknown key 'colour' in group 'business'. Allowed keys here: id, title, letter, description.");
    expect(f[0]!.fixes).toEqual([]);
  });

  it('never offers a rename to a key the mapping already has', () => {
    const text = edit(spec(), 'credit: 3  #', 'credit: 3\n    crdit: 3  #');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['crdit']);
    expect(f[0]!.fixes).toEqual([]);
  });
});
