import { describe, expect, it } from 'vitest';
import { DEFAULT_UNITS, edit, expectFixResolves, findings, lint, spec, under } from '../../../../test/helpers/spec';
import { LETTERED_UNIT } from '../../../../test/helpers/lettered';

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

  describe('learning aims lettered A, B, C (BTEC)', () => {
    const base = spec({ extraUnits: LETTERED_UNIT });

    it('passes aims lettered A, B, C', () => {
      expect(findings(lint(base), ID)).toEqual([]);
    });

    it('flags a skipped letter, at the letter, and offers to reletter', () => {
      const text = edit(base, '      - number: C\n', '      - number: D\n');
      const f = findings(lint(text), ID);
      expect(f.map((x) => under(text, x))).toEqual(['D']);
      expect(f[0]!.message).toBe('Learning aim 3 of unit L5B9 is lettered D: learning aims run A, B, C … in order, so it should be C.');
      expect(f[0]!.fixes[0]!.title).toBe('Reletter the learning aims of L5B9 A..C');
      expect(expectFixResolves(text, f[0]!, f[0]!.fixes[0]!)).toBe(base);
    });

    it('flags a repeated letter', () => {
      const text = edit(base, '      - number: B\n', '      - number: A\n');
      const f = findings(lint(text), ID);
      expect(f.map((x) => under(text, x))).toEqual(['A']);
      expect(f[0]!.message).toBe('Learning aim 2 of unit L5B9 is lettered A, a letter already used: learning aims run A, B, C … in order, so it should be B.');
    });

    it('flags a unit that mixes numbers and letters, once, without a fix', () => {
      const text = edit(base, '      - number: B\n', '      - number: 2\n');
      const f = findings(lint(text), ID);
      expect(f.map((x) => under(text, x))).toEqual(['2']);
      expect(f[0]!.message).toBe(
        "Learning outcome 2 of unit L5B9 is numbered 2, but the unit's first outcome is lettered A: a unit numbers its outcomes 1, 2, 3 … or letters its learning aims A, B, C …, not both.",
      );
      expect(f[0]!.fixes).toEqual([]);
    });
  });
});
