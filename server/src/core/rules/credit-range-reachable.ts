import { qualificationName } from '../model/describe.js';
import { lintProblem, assessCached } from '../combination/from-spec.js';
import type { FileRule } from './types.js';

const ex = (refs: string[]) => (refs.length === 0 ? 'no units at all' : refs.length > 8 ? `${refs.slice(0, 8).join(', ')} …` : refs.join(', '));

export const rule: FileRule = {
  meta: {
    id: 'credit-range-reachable',
    severity: 'error',
    category: 'combination',
    description:
      "A Certificate's or Diploma's stated credit range is reachable at both ends under its rules of combination, and no valid selection falls outside its stated GLH and TQT ranges.",
  },
  scope: 'file',
  check({ uri, model, index, report }) {
    for (const q of model.qualifications) {
      if (!q.rules.length || q.credit?.kind !== 'range') continue;
      const qp = lintProblem(model, q, index, uri);
      if (qp.missing.length || qp.unsized.length) continue;
      const a = assessCached(qp.problem);
      if (a instanceof Error || !a.feasible || !a.credit) continue;
      const name = qualificationName(q);
      const c = q.credit;
      const got = a.credit;
      if (c.min !== undefined && c.min !== got.min)
        report({
          path: [...q.path, 'credit', 'min'],
          message:
            c.min < got.min
              ? `${name} states a minimum of ${c.min} credits, but under its rules the smallest valid selection has ${got.min} (e.g. ${ex(got.minExample)}).`
              : `${name} states a minimum of ${c.min} credits, but its rules accept selections of only ${got.min} credits (e.g. ${ex(got.minExample)}): add a rule that enforces the minimum.`,
        });
      if (c.max !== undefined && got.max !== null && c.max !== got.max)
        report({
          path: [...q.path, 'credit', 'max'],
          message:
            c.max > got.max
              ? `${name} states a maximum of ${c.max} credits, but no selection its rules allow reaches it: the largest has ${got.max} credits (e.g. ${ex(got.maxExample)}).`
              : `${name} states a maximum of ${c.max} credits, but its rules accept selections of up to ${got.max} credits (e.g. ${ex(got.maxExample)}): add a rule that enforces the maximum.`,
        });
      for (const f of ['glh', 'tqt'] as const) {
        const stated = q[f];
        const achieved = a[f];
        if (stated?.kind !== 'range' || !achieved) continue;
        const label = f.toUpperCase();
        if (stated.min !== undefined && achieved.min < stated.min)
          report({
            path: [...q.path, f, 'min'],
            severity: 'warning',
            message: `${name} states at least ${stated.min} ${label}, but a valid selection can have as little as ${achieved.min} ${label}.`,
          });
        if (stated.max !== undefined && achieved.max > stated.max)
          report({
            path: [...q.path, f, 'max'],
            severity: 'warning',
            message: `${name} states at most ${stated.max} ${label}, but a valid selection can have as much as ${achieved.max} ${label}.`,
          });
      }
    }
  },
};
