/** Random small combination problems for property tests. */
import type { ComboProblem, ComboRule, ComboUnit } from '../../../server/src/core/combination/types';
import type { Prng } from '../../helpers/prng';

const PERCENTS = [10, 25, 33.5, 50, 50, 60, 75, 100];

export function randomProblem(r: Prng, maxUnits = 16): ComboProblem {
  const n = r.chance(0.05) ? r.int(0, 3) : r.int(4, maxUnits);
  const groups = Array.from({ length: r.int(1, 4) }, (_, g) => `g${g}`);
  const missingGlh = r.chance(0.15);
  const units: ComboUnit[] = Array.from({ length: n }, (_, i) => {
    const credit = r.chance(0.05) ? 0 : r.int(1, 8);
    const u: ComboUnit = { ref: `U${i}`, group: r.pick(groups), level: r.int(3, 6), credit, tqt: credit * 10 + r.int(0, 9) };
    if (!(missingGlh && r.chance(0.3))) u.glh = r.int(1, credit * 5 + 1);
    return u;
  });
  const refs = units.map((u) => u.ref);
  const poolCredit = units.reduce((s, u) => s + (u.credit ?? 0), 0);
  const rules: ComboRule[] = [];
  const k = r.int(1, 6);
  for (let i = 0; i < k; i++) {
    const id = `r${i}`;
    switch (r.pick(['count', 'count', 'count', 'mandatory', 'barred', 'levelShare'] as const)) {
      case 'count': {
        const rule: ComboRule = { kind: 'count', id };
        const scope = r.int(0, 3);
        if (scope === 1 || scope === 3) rule.scopeGroups = r.subset(groups, 0.5);
        if (scope === 2 || scope === 3) rule.scopeUnits = [...r.subset(refs, 0.3), ...(r.chance(0.1) ? ['NOPE'] : [])];
        const span = Math.max(1, Math.round(poolCredit / (scope === 0 ? 1 : 2)));
        if (r.chance(0.4)) rule.minUnits = r.int(0, 4);
        if (r.chance(0.3)) rule.maxUnits = r.int(0, 6);
        if (r.chance(0.5)) rule.minCredits = r.int(0, Math.ceil(span * 0.6));
        if (r.chance(0.4)) rule.maxCredits = r.int(0, span);
        if (rule.minUnits === undefined && rule.maxUnits === undefined && rule.minCredits === undefined && rule.maxCredits === undefined) {
          rule.minCredits = r.int(1, Math.ceil(span * 0.5));
        }
        rules.push(rule);
        break;
      }
      case 'mandatory':
        rules.push({ kind: 'mandatory', id, units: [...r.subset(refs, 0.15).slice(0, 3), ...(r.chance(0.08) ? ['GONE'] : [])] });
        break;
      case 'barred':
        rules.push({ kind: 'barred', id, units: [...r.subset(refs, 0.25).slice(0, 3), ...(r.chance(0.1) ? ['GONE'] : [])] });
        break;
      case 'levelShare':
        rules.push({ kind: 'levelShare', id, level: r.int(4, 6), minPercent: r.pick(PERCENTS) });
        break;
    }
  }
  return { units, rules, groupTitles: Object.fromEntries(groups.map((g) => [g, `Group ${g.slice(1)}`])) };
}
