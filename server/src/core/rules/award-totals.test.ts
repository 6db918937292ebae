import { describe, expect, it } from 'vitest';
import { DEFAULT_QUALIFICATIONS, edit, expectFixResolves, findings, lint, lintAll, only, spec, under, URI, URI_B } from '../../../../test/helpers/spec';

const ID = 'award-totals';

describe(ID, () => {
  it("passes an Award whose credit, GLH and TQT are its units' sums", () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('flags a stated credit value that is not the sum of the units, with each unit as a related location', () => {
    // 9 credits, TQT 90: credit-tqt is satisfied, the sum is not
    const text = edit(edit(spec(), 'credit: 8', 'credit: 9'), 'tqt: 80', 'tqt: 90');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['90', '9']);
    const credit = f[1]!;
    expect(credit.severity).toBe('error');
    expect(credit.message).toBe("'Level 5 Award in Sales Planning' states 9 credits, but its units add up to 8 (L5B1 5 + L5B2 3).");
    expect(credit.related.map((r) => under(text, r))).toEqual(['L5B1', 'L5B2']);
    expect(credit.related[0]!.message).toBe('L5B1: 5 credits, 25 GLH, 50 TQT');
    expect(f[0]!.message).toContain('states 90 TQT hours, but its units add up to 80 (L5B1 50 + L5B2 30)');
  });

  it('offers to set the sum (not applied by --fix)', () => {
    const text = edit(spec(), 'glh: 40', 'glh: 45');
    const f = only(lint(text), ID);
    expect(under(text, f)).toBe('45');
    expect(f.fixes.map((x) => [x.title, !!x.safe])).toEqual([['Set GLH to 40, the sum of its units', false]]);
    expect(expectFixResolves(text, f, f.fixes[0])).toBe(spec());
  });

  it('stays silent while a unit is unknown (unknown-unit reports it)', () => {
    const text = edit(spec(), '      - L5B2\n', '      - L5B9\n');
    expect(findings(lint(text), ID)).toEqual([]);
  });

  it('says at the Award when a unit has no credit, so the total cannot be checked (never a sum counting it as 0)', () => {
    const text = edit(spec(), '    credit: 3  # one credit per 10 hours of TQT\n', '');
    const f = only(lint(text), ID);
    expect(under(text, f)).toBe('8');
    expect(f.severity).toBe('warning');
    expect(f.message).toBe(
      "'Level 5 Award in Sales Planning' states 8 credits, but unit L5B2 has no credit, so the Award's total cannot be checked against its units. Give the unit its credit.",
    );
    expect(f.related.map((r) => under(text, r))).toEqual(['L5B2']);
    expect(f.fixes).toEqual([]);
  });

  it('leaves a credit that is there but unreadable to its own finding (one root cause)', () => {
    for (const to of ['    credit: three\n', '    crdit: 3\n']) {
      const text = edit(spec(), '    credit: 3  # one credit per 10 hours of TQT\n', to);
      expect(findings(lint(text), ID)).toEqual([]);
      expect(lint(text).some((f) => f.ruleId === 'schema' || f.ruleId === 'unknown-key')).toBe(true);
    }
  });

  it('sums units defined in another spec file, pointing at them there', () => {
    const a = spec({
      units: [{ ref: 'L5B4', uan: 'F/651/5977', title: 'Manage Sales Technology Systems', glh: 30, tqt: 60, credit: 6 }],
      qualifications:
        '  - title: Level 5 Award in Sales Technology\n    type: award\n    level: 5\n    qan: 610/5665/0\n    glh: 30\n    tqt: 60\n    credit: 6\n    units:\n      - L5B4\n',
    });
    // B's Award takes L5B1 and L5B2 from B and L5B4 from A: 14 credits, 70 GLH, 140 TQT.
    const b = (credit: number, glh: number, tqt: number) =>
      spec({
        qualifications: DEFAULT_QUALIFICATIONS.replace('610/5663/7', '610/5664/9')
          .replace('credit: 8', `credit: ${credit}`)
          .replace('glh: 40', `glh: ${glh}`)
          .replace('tqt: 80', `tqt: ${tqt}`)
          .replace('      - L5B2\n', '      - L5B2\n      - L5B4\n'),
      });
    const ok = lintAll([
      { uri: URI, text: a },
      { uri: URI_B, text: b(14, 70, 140) },
    ]);
    expect(findings(ok.get(URI_B)!, ID)).toEqual([]);
    const textB = b(15, 70, 150);
    const res = lintAll([
      { uri: URI, text: a },
      { uri: URI_B, text: textB },
    ]);
    const f = findings(res.get(URI_B)!, ID).find((x) => x.message.includes('credits'))!;
    expect(under(textB, f)).toBe('15');
    expect(f.message).toContain('states 15 credits, but its units add up to 14 (L5B1 5 + L5B2 3 + L5B4 6)');
    const l5b4 = f.related[2]!;
    expect(l5b4.uri).toBe(URI);
    expect(under(a, l5b4)).toBe('L5B4');
  });
});
