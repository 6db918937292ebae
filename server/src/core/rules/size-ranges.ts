import { qualificationName } from '../model/describe.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'size-ranges',
    severity: 'error',
    category: 'sizes',
    description:
      "A Certificate's or Diploma's stated TQT range must match its credit range (TQT = credit × 10), every range runs from a smaller to a larger number, and a fixed-size qualification states fixed numbers.",
  },
  scope: 'file',
  check({ model, report }) {
    for (const q of model.qualifications) {
      const name = qualificationName(q);
      for (const f of ['credit', 'glh', 'tqt'] as const) {
        const s = q[f];
        if (s?.kind === 'range' && s.min !== undefined && s.max !== undefined && s.min > s.max)
          report({
            path: [...q.path, f],
            message: `${name}: the ${f === 'credit' ? 'credit' : f.toUpperCase()} range runs from ${s.min} down to ${s.max}; the minimum must not be larger than the maximum.`,
          });
      }
      const c = q.credit;
      const t = q.tqt;
      // A fixed credit value goes with fixed GLH and TQT; a credit range with ranges.
      if (c)
        for (const f of ['glh', 'tqt'] as const) {
          const s = q[f];
          if (!s || s.kind === c.kind) continue;
          const label = f.toUpperCase();
          report({
            path: [...q.path, f],
            message:
              c.kind === 'fixed'
                ? `${name} has a fixed size of ${c.value} credits, but its ${label} is given as a range: state the one ${label} value of the qualification.`
                : `${name} has a credit range, but a single ${label} value (${s.kind === 'fixed' ? s.value : ''}): give ${label} as a range (min and max) as well.`,
            related: [{ path: [...q.path, 'credit'], message: `credit: ${c.kind === 'fixed' ? c.value : 'a range'}` }],
          });
        }
      if (c?.kind !== 'range' || t?.kind !== 'range') continue;
      if (c.min !== undefined && t.min !== undefined && (t.min < c.min * 10 || t.min > c.min * 10 + 9))
        report({
          path: [...q.path, 'tqt', 'min'],
          message: `${name}: the smallest TQT is ${t.min} hours, but the smallest credit value, ${c.min}, means ${c.min * 10} to ${c.min * 10 + 9} hours of TQT (one credit per 10 hours).`,
          related: [{ path: [...q.path, 'credit', 'min'], message: `smallest credit value ${c.min}` }],
        });
      if (c.max !== undefined && t.max !== undefined && (t.max < c.max * 10 || t.max > c.max * 10 + 9))
        report({
          path: [...q.path, 'tqt', 'max'],
          message: `${name}: the largest TQT is ${t.max} hours, but the largest credit value, ${c.max}, means ${c.max * 10} to ${c.max * 10 + 9} hours of TQT (one credit per 10 hours).`,
          related: [{ path: [...q.path, 'credit', 'max'], message: `largest credit value ${c.max}` }],
        });
      if ((c.max === undefined) !== (t.max === undefined) && t.max !== undefined)
        report({ path: [...q.path, 'tqt', 'max'], message: `${name} has a largest TQT (${t.max}) but no largest credit value.` });
    }
  },
};
