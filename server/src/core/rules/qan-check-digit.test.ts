import { describe, expect, it } from 'vitest';
import { edit, expectFixResolves, findings, lint, only, spec, under } from '../../../../test/helpers/spec';

const ID = 'qan-check-digit';

describe(ID, () => {
  it('passes QANs whose check character holds (including X for 10)', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
    expect(findings(lint(edit(spec(), '610/5663/7', '610/5673/X')), ID)).toEqual([]);
  });

  it('flags a QAN whose check character fails, naming the character the digits imply', () => {
    const text = edit(spec(), '610/5663/7', '610/5663/8');
    const f = only(lint(text), ID);
    expect(f.severity).toBe('error');
    expect(under(text, f)).toBe('610/5663/8');
    expect(f.message).toContain('QAN 610/5663/8 fails its check: its digits imply the check character 7, not 8');
  });

  it('offers to change the check character, but never as a --fix (a digit may be the typo)', () => {
    const text = edit(spec(), '610/5663/7', '610/5663/8');
    const f = only(lint(text), ID);
    expect(f.fixes.map((x) => [x.title, !!x.safe])).toEqual([['Change the QAN to 610/5663/7 (if its check character, not a digit, is the typo)', false]]);
    expect(f.fixes[0]!.preferred).toBeFalsy();
    expect(expectFixResolves(text, f, f.fixes[0])).toBe(spec());
  });

  it('leaves a malformed QAN to the schema check', () => {
    const text = edit(spec(), '610/5663/7', '610/563/7');
    expect(findings(lint(text), ID)).toEqual([]);
    expect(findings(lint(text), 'schema').map((x) => under(text, x))).toEqual(['610/563/7']);
  });
});
