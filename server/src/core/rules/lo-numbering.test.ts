import { describe, expect, it } from 'vitest';
import { DEFAULT_UNITS, edit, expectFixResolves, findings, lint, spec, under } from '../../../../test/helpers/spec';

const ID = 'lo-numbering';

describe(ID, () => {
  it('passes outcomes numbered 1, 2, 3', () => {
    expect(findings(lint(spec({ units: [{ ...DEFAULT_UNITS[0]!, los: 3 }, ...DEFAULT_UNITS.slice(1)] })), ID)).toEqual([]);
  });

  it('flags a gap, at the number', () => {
    const base = spec({ units: [{ ...DEFAULT_UNITS[0]!, los: 3 }, ...DEFAULT_UNITS.slice(1)] });
    const text = edit(base, '      - number: 3\n', '      - number: 4\n');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(under(text, f[0]!)).toBe('4');
    expect(f[0]!.message).toBe('Learning outcome 3 of unit L5B1 is numbered 4: outcomes run 1, 2, 3 … in order.');
  });

  it('flags a repeated number', () => {
    const text = edit(spec(), '      - number: 2\n', '      - number: 1\n', { after: 'ref: L5B2' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['1']);
    expect(f[0]!.message).toBe('Learning outcome 2 of unit L5B2 is numbered 1, a number already used: outcomes run 1, 2, 3 … in order.');
  });

  it('offers to renumber the outcomes; --fix does not (criteria and keyed texts may follow the old numbers)', () => {
    const text = edit(spec(), '      - number: 2\n', '      - number: 3\n', { after: 'ref: L5B2' });
    const [f] = findings(lint(text), ID);
    const fix = f!.fixes[0]!;
    expect(fix.title).toBe('Renumber the learning outcomes of L5B2 1..2');
    expect(fix.safe).toBeFalsy();
    expect(expectFixResolves(text, f!, fix)).toBe(spec());
  });
});
