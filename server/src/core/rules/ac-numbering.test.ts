import { describe, expect, it } from 'vitest';
import { applyFix, edit, expectFixResolves, findings, lint, spec, under } from '../../../../test/helpers/spec';
import { LETTERED_UNIT } from '../../../../test/helpers/lettered';

const ID = 'ac-numbering';

describe(ID, () => {
  it('passes criteria numbered 1.1, 1.2, 2.1, 2.2', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('flags a repeated number, and renumbers the outcome as a safe fix', () => {
    // L4C7 as published: the second of two criteria numbered 1.4 should be 1.5
    const text = edit(spec(), 'number: "1.2"', 'number: "1.1"', { after: 'ref: L5B2' });
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(under(text, f[0]!)).toBe('"1.1"');
    expect(f[0]!.message).toBe('Criterion 2 of learning outcome 1 in unit L5B2 repeats the number 1.1.');
    const fix = f[0]!.fixes[0]!;
    expect(fix.title).toBe('Renumber the criteria of learning outcome 1 (L5B2) 1.1–1.2');
    expect(fix.safe).toBe(true);
    expect(expectFixResolves(text, f[0]!, fix)).toBe(spec());
  });

  it('flags a gap', () => {
    const text = edit(spec(), 'number: "2.2"', 'number: "2.3"', { after: 'ref: L5B1' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['"2.3"']);
    expect(f[0]!.message).toBe('Criterion 2 of learning outcome 2 in unit L5B1 is numbered 2.3, but as criterion 2 of the outcome it should be 2.2.');
    // a gap may be a criterion lost in transcription: the renumbering is offered, not applied by --fix
    expect(f[0]!.fixes[0]!.safe).toBe(false);
    expect(applyFix(text, f[0]!.fixes[0]!)).toBe(spec());
  });

  it('does not renumber by --fix a repeat of the same criterion, or criteria out of order', () => {
    const doubled = edit(
      edit(spec(), 'number: "1.2"', 'number: "1.1"', { after: 'ref: L5B2' }),
      'text: Describe part two of outcome 1',
      'text: Explain part one of outcome 1',
      { after: 'ref: L5B2' },
    );
    const [d] = findings(lint(doubled), ID);
    expect(d!.message).toContain('repeats the number 1.1');
    expect(d!.fixes[0]!.safe).toBe(false);
    const swapped = edit(edit(spec(), 'number: "1.1"', 'number: "1.2"', { after: 'ref: L5B2' }), 'number: "1.2"', 'number: "1.1"', {
      after: ['ref: L5B2', 'text: Explain part one of outcome 1'],
    });
    const s = findings(lint(swapped), ID);
    expect(s.map((x) => under(swapped, x))).toEqual(['"1.2"', '"1.1"']);
    expect(s[0]!.fixes[0]!.safe).toBe(false);
  });

  it('flags a criterion numbered for another outcome', () => {
    const text = edit(spec(), 'number: "2.1"', 'number: "1.1"', { after: 'ref: L5B3' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['"1.1"']);
    expect(f[0]!.message).toBe('Criterion 1 of learning outcome 2 in unit L5B3 is numbered 1.1, but it belongs to learning outcome 2.');
  });

  it('flags a number not of the form LO.k', () => {
    const text = edit(spec(), 'number: "1.2"', 'number: "1-2"', { after: 'ref: L5B1' });
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain("is numbered '1-2', which is not of the form 1.2");
  });

  it('reports every misnumbered criterion of an outcome with one shared fix', () => {
    const text = edit(edit(spec(), 'number: "1.1"', 'number: "1.2"', { after: 'ref: L5B1' }), 'number: "1.2"', 'number: "1.3"', {
      after: ['ref: L5B1', 'text: Explain part one of outcome 1'],
    });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['"1.2"', '"1.3"']);
    expect(f[0]!.fixes[0]!.edits).toHaveLength(2);
    expect(f[1]!.fixes).toEqual(f[0]!.fixes);
    expect(expectFixResolves(text, f[0]!, f[0]!.fixes[0])).toBe(spec());
  });

  it('reads an unquoted number as written: 1.10 is criterion 10, not a repeat of 1.1 (yaml-type-trap asks for the quotes)', () => {
    let crit = '';
    for (let k = 1; k <= 10; k++) crit += `          - number: ${k === 10 ? '1.10' : `"1.${k}"`}\n            text: Criterion ${k}\n`;
    const text = edit(
      spec(),
      '          - number: "1.1"\n            text: Explain part one of outcome 1\n          - number: "1.2"\n            text: Describe part two of outcome 1\n',
      crit,
      { after: 'ref: L5B1' },
    );
    const all = lint(text);
    expect(findings(all, ID)).toEqual([]);
    expect(findings(all, 'yaml-type-trap').map((x) => under(text, x))).toEqual(['1.10']);
    const wrong = edit(text, 'number: 1.10', 'number: 1.11');
    expect(findings(lint(wrong), ID).map((x) => x.message)).toEqual([
      'Criterion 10 of learning outcome 1 in unit L5B1 is numbered 1.11, but as criterion 10 of the outcome it should be 1.10.',
    ]);
  });

  describe('graded criteria of lettered aims (BTEC: A.P1, A.M1, AB.D1)', () => {
    const base = spec({ extraUnits: LETTERED_UNIT });

    it('passes bands numbered across the unit, and a distinction spanning two aims', () => {
      expect(findings(lint(base), ID)).toEqual([]);
    });

    it('flags a skipped pass number once, at the criterion, and offers to renumber the band', () => {
      const text = edit(base, 'number: B.P3', 'number: B.P4');
      const f = findings(lint(text), ID);
      // C.P4 after B.P4 is a repeat of the number before it, a second defect the same renumbering resolves
      expect(f.map((x) => under(text, x))).toEqual(['B.P4', 'C.P4']);
      expect(f[0]!.message).toBe("Criterion B.P4 in unit L5B9 skips P3: Pass criteria run P1, P2, P3 … across the unit's learning aims, so it should be B.P3.");
      expect(f[0]!.fixes[0]!.title).toBe('Renumber the Pass criteria of L5B9 P1–P4');
      expect(f[0]!.fixes[0]!.safe).toBe(false);
      expect(applyFix(text, f[0]!.fixes[0]!)).toBe(base);
    });

    it('flags a merit number restarting in the second aim (numbering runs per band across the unit, not per aim)', () => {
      const text = edit(base, 'number: B.M2', 'number: B.M1');
      const f = findings(lint(text), ID);
      expect(f.map((x) => under(text, x))).toEqual(['B.M1']);
      expect(f[0]!.message).toBe(
        "Criterion B.M1 in unit L5B9 repeats M1, the number of the Merit criterion before it: Merit criteria run M1, M2, M3 … across the unit's learning aims, so it should be B.M2.",
      );
      expect(expectFixResolves(text, f[0]!, f[0]!.fixes[0]!)).toBe(base);
    });

    it('flags a cross-aim criterion that names an aim the unit does not have', () => {
      const text = edit(base, 'number: AB.D1', 'number: BE.D1');
      const f = findings(lint(text), ID);
      expect(f.map((x) => under(text, x))).toEqual(['BE.D1']);
      expect(f[0]!.message).toBe('Criterion BE.D1 in unit L5B9 names learning aim E, which the unit does not have (its aims are A, B, C).');
    });

    it('flags a criterion numbered for another aim than the one it is listed under', () => {
      const text = edit(base, 'number: C.P4', 'number: A.P4');
      const f = findings(lint(text), ID);
      expect(f.map((x) => under(text, x))).toEqual(['A.P4']);
      expect(f[0]!.message).toBe(
        'Criterion A.P4 in unit L5B9 is listed under learning aim C, but its number names aim A: number it C.P4 or move it to its aim.',
      );
    });

    it('flags an ungraded number under a lettered aim', () => {
      const text = edit(base, 'number: C.P4', 'number: "3.1"');
      const f = findings(lint(text), ID);
      expect(f.map((x) => under(text, x))).toEqual(['"3.1"']);
      expect(f[0]!.message).toBe(
        'Criterion 1 of learning aim C in unit L5B9 is numbered 3.1: the criteria of a lettered learning aim are graded, C.P1, C.M1, C.D1 (Pass, Merit, Distinction).',
      );
    });

    it('flags a graded criterion under a numbered outcome', () => {
      const text = edit(spec(), 'number: "2.2"', 'number: B.P1', { after: 'ref: L5B1' });
      const f = findings(lint(text), ID);
      expect(f.map((x) => under(text, x))).toEqual(['B.P1']);
      expect(f[0]!.message).toBe(
        'Criterion B.P1 in unit L5B1 is a graded criterion of learning aim B, but it is listed under learning outcome 2: graded criteria belong to lettered learning aims.',
      );
    });
  });
});
