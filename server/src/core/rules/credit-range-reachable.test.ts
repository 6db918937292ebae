import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CERTIFICATE_UNITS, certificateSpec, edit, findings, lint, under } from '../../../../test/helpers/spec';

const ID = 'credit-range-reachable';
const NAME = "'Level 5 Certificate in Sales Planning'";
const rules = (min: number, max?: number) => `      - id: total\n        minCredits: ${min}\n${max !== undefined ? `        maxCredits: ${max}\n` : ''}`;

// Units: L5B1 5, L5B2 3, L5B3 4, L5B4 6 credits (GLH half of TQT); valid totals 13, 14, 15, 18.
describe(ID, () => {
  it('passes a stated range that the rules reach at both ends', () => {
    expect(findings(lint(certificateSpec()), ID)).toEqual([]);
  });

  it('flags a stated minimum below what any valid selection has', () => {
    const text = certificateSpec({ rules: rules(14, 18) });
    const f = findings(lint(text), ID);
    // the stated GLH and TQT minima (65, 130) are not reached either: warnings, as the spec is sized in credit
    expect(f.map((x) => [under(text, x), x.severity])).toEqual([
      ['65', 'warning'],
      ['130', 'warning'],
      ['13', 'error'],
    ]);
    const credit = f[2]!;
    expect(credit.message).toMatch(
      new RegExp(
        `^${NAME} states a minimum of 13 credits, but under its rules the smallest valid selection has 14 credits \\(e\\.g\\. L5B\\d, L5B\\d, L5B\\d\\)\\.$`,
      ),
    );
    expect(f[0]!.message).toBe(`${NAME} states a minimum of 65 GLH, but under its rules the smallest valid selection has 70 GLH.`);
  });

  it('flags a stated minimum that the rules do not enforce', () => {
    const text = certificateSpec({ credit: { min: 14, max: 18 }, tqt: { min: 140, max: 180 }, glh: { min: 70, max: 90 } });
    const f = findings(lint(text), ID).filter((x) => x.severity === 'error');
    expect(f.map((x) => under(text, x))).toEqual(['14']);
    expect(f[0]!.message).toContain(`${NAME} states a minimum of 14 credits, but its rules accept selections of only 13 credits`);
    expect(f[0]!.message).toContain('add a rule that enforces the minimum');
  });

  it('flags a stated maximum that no valid selection reaches (ILM: 36 stated, 17 reachable)', () => {
    const text = certificateSpec({ credit: { min: 13, max: 20 }, tqt: { min: 130, max: 200 }, rules: rules(13, 20) });
    const f = findings(lint(text), ID).filter((x) => x.severity === 'error');
    expect(f.map((x) => under(text, x))).toEqual(['20']);
    expect(f[0]!.message).toMatch(
      new RegExp(`^${NAME} states a maximum of 20 credits, but no selection its rules allow reaches it: the largest has 18 credits \\(e\\.g\\. `),
    );
  });

  it('flags a stated maximum that the rules do not enforce', () => {
    const text = certificateSpec({ credit: { min: 13, max: 15 }, tqt: { min: 130, max: 150 }, glh: { min: 65, max: 75 }, rules: rules(13) });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toContain('15');
    const max = f.find((x) => under(text, x) === '15')!;
    expect(max.message).toContain(`${NAME} states a maximum of 15 credits, but its rules accept selections of up to 18 credits`);
    expect(max.message).toContain('add a rule that enforces the maximum');
  });

  it('warns when a valid selection falls outside the stated GLH range', () => {
    const text = certificateSpec({ glh: { min: 70, max: 90 } });
    const f = findings(lint(text), ID);
    expect(f.map((x) => [under(text, x), x.severity])).toEqual([['70', 'warning']]);
    expect(f[0]!.message).toBe(`${NAME} states a minimum of 70 GLH, but its rules accept selections of only 65 GLH: add a rule that enforces the minimum.`);
  });

  describe('whole-number sizes, and specs sized in GLH only', () => {
    it('flags a whole-number credit the rules do not fix (the rules accept 13 to 18)', () => {
      const text = certificateSpec({ credit: 13, glh: 65, tqt: 130 });
      const f = findings(lint(text), ID).filter((x) => x.severity === 'error');
      expect(f.map((x) => under(text, x))).toEqual(['13']);
      expect(f[0]!.message).toMatch(
        new RegExp(
          `^${NAME} states 13 credits, but its rules accept selections of 13 to 18 credits \\(e\\.g\\. .*\\): add a rule that fixes the total at 13\\.$`,
        ),
      );
    });

    it('passes a whole-number size that the rules fix, and flags one no selection reaches', () => {
      const fixed = certificateSpec({ credit: 18, glh: 90, tqt: 180, rules: rules(18, 18) });
      expect(findings(lint(fixed), ID)).toEqual([]);
      const over = certificateSpec({ credit: 20, glh: 90, tqt: 180, rules: rules(13, 20) });
      const f = findings(lint(over), ID).filter((x) => x.severity === 'error');
      expect(f.map((x) => under(over, x))).toEqual(['20']);
      expect(f[0]!.message).toMatch(
        new RegExp(`^${NAME} states 20 credits, but no selection its rules allow reaches 20 credits: the most is 18 credits \\(e\\.g\\. `),
      );
    });

    it('reports GLH with the weight of credit where no unit states credit ("no selection reaches 400 GLH; the most is …")', () => {
      const glhOnly = (s: string) => s.replace(/^ {4}(credit|tqt): .*\n/gm, '').replace(/^ {4}(credit|tqt):\n( {6}(min|max): \d+\n)+/gm, '');
      const rulesGlh = '      - id: total\n        minGlh: 65\n        maxGlh: 200\n';
      const text = glhOnly(certificateSpec({ glh: { min: 65, max: 200 }, rules: rulesGlh }));
      expect(text).not.toMatch(/credit|tqt/);
      const f = findings(lint(text), ID);
      // units: 25 + 15 + 20 + 30 = 90 GLH in all
      expect(f.map((x) => [under(text, x), x.severity])).toEqual([['200', 'error']]);
      expect(f[0]!.message).toBe(`${NAME} states a maximum of 200 GLH, but no selection its rules allow reaches it: the largest has 90 GLH.`);
      const whole = glhOnly(certificateSpec({ glh: 400, rules: rulesGlh }));
      const w = findings(lint(whole), ID);
      expect(w.map((x) => [under(whole, x), x.severity])).toEqual([['400', 'error']]);
      expect(w[0]!.message).toBe(`${NAME} states 400 GLH, but no selection its rules allow reaches 400 GLH: the most is 90 GLH.`);
    });
  });

  describe('a unit whose credit disagrees with its TQT (credit-tqt reports it)', () => {
    const disputed = (o: Parameters<typeof certificateSpec>[0] = {}) =>
      certificateSpec(
        o,
        CERTIFICATE_UNITS.map((u) => (u.ref === 'L5B4' ? { ...u, credit: 5 } : u)),
      );
    const problems = (text: string) => lint(text).filter((f) => f.severity !== 'info');

    it('raises only the credit-tqt finding, not the sizes its wrong credit would give the Certificate', () => {
      // Read with L5B4 at 5 credits and 60 hours, the rules would accept 13 to 17 credits and 70 to 90
      // GLH (a maximum of 18 credits unreached, a minimum of 65 GLH not enforced); with its credit or
      // its TQT corrected, neither holds.
      const text = disputed();
      expect(problems(text).map((f) => [f.ruleId, under(text, f)])).toEqual([['credit-tqt', '5']]);
      expect(findings(lint(text), 'credit-tqt')[0]!.message).toContain('Unit L5B4 has 5 credits but a TQT of 60 hours');
    });

    it('still reports what holds whichever of the two is corrected', () => {
      const text = disputed({ glh: { min: 65, max: 200 } });
      const f = findings(lint(text), ID);
      expect(f.map((x) => [under(text, x), x.severity])).toEqual([['200', 'warning']]);
      expect(f[0]!.message).toBe(`${NAME} states a maximum of 200 GLH, but no selection its rules allow reaches it: the largest has 90 GLH.`);
    });

    it('reports the Certificate again once the unit is settled (its TQT corrected to its credit)', () => {
      const text = edit(disputed(), 'tqt: 60', 'tqt: 50');
      expect(findings(lint(text), 'credit-tqt')).toEqual([]);
      const f = findings(lint(text), ID);
      expect(f.map((x) => under(text, x))).toContain('18');
      expect(f.find((x) => under(text, x) === '18')!.message).toMatch(
        /states a maximum of 18 credits, but no selection its rules allow reaches it: the largest has 17 credits/,
      );
    });

    it('ISP: one unit credit off by one raises no Certificate or Diploma size finding, for every unit', () => {
      const isp = readFileSync(new URL('../../../../specs/isp-level-5-professional-sales.yaml', import.meta.url), 'utf8');
      const lines = isp.split('\n');
      // unit credits only: the units follow the qualifications
      const start = lines.indexOf('units:');
      const at = lines.flatMap((l, i) => (i > start && /^ {4}credit: \d+$/.test(l) ? [i] : []));
      expect(at.length).toBe(32);
      for (const i of at) {
        const n = Number(lines[i]!.slice('    credit: '.length));
        const text = [...lines.slice(0, i), `    credit: ${n + 1}`, ...lines.slice(i + 1)].join('\n');
        const all = problems(text);
        expect(findings(all, 'credit-tqt').length, `line ${i + 1}`).toBe(1);
        expect(findings(all, ID), `line ${i + 1}`).toEqual([]);
      }
    });
  });
});
