import { describe, expect, it } from 'vitest';
import { certificateSpec, findings, lint, under } from '../../../../test/helpers/spec';

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
    expect(f.map((x) => under(text, x))).toEqual(['13']);
    expect(f[0]!.severity).toBe('error');
    expect(f[0]!.message).toMatch(
      new RegExp(`^${NAME} states a minimum of 13 credits, but under its rules the smallest valid selection has 14 \\(e\\.g\\. L5B\\d, L5B\\d, L5B\\d\\)\\.$`),
    );
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
    const f = findings(lint(text), ID);
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
    expect(f[0]!.message).toBe(`${NAME} states at least 70 GLH, but a valid selection can have as little as 65 GLH.`);
  });
});
