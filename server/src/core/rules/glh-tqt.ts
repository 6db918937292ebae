import { qualificationName } from '../model/describe.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'glh-tqt',
    severity: 'error',
    category: 'sizes',
    description: 'Guided learning hours are part of the total qualification time, so GLH can never be more than TQT.',
  },
  scope: 'file',
  check({ model, report }) {
    for (const u of model.units) {
      if (u.glh !== undefined && u.tqt !== undefined && u.glh > u.tqt)
        report({
          path: [...u.path, 'glh'],
          message: `Unit ${u.ref ?? u.index + 1} has ${u.glh} GLH but only ${u.tqt} hours of TQT: GLH is part of TQT, so it cannot be larger.`,
          related: [{ path: [...u.path, 'tqt'], message: `TQT ${u.tqt}` }],
        });
    }
    for (const q of model.qualifications) {
      const name = qualificationName(q);
      const g = q.glh;
      const t = q.tqt;
      if (!g || !t) continue;
      if (g.kind === 'fixed' && t.kind === 'fixed') {
        if (g.value > t.value)
          report({
            path: [...q.path, 'glh'],
            message: `${name} has ${g.value} GLH but only ${t.value} hours of TQT: GLH cannot be larger than TQT.`,
            related: [{ path: [...q.path, 'tqt'], message: `TQT ${t.value}` }],
          });
      } else if (g.kind === 'range' && t.kind === 'range') {
        if (g.min !== undefined && t.min !== undefined && g.min > t.min)
          report({
            path: [...q.path, 'glh', 'min'],
            message: `${name}: the smallest GLH (${g.min}) is more than the smallest TQT (${t.min}); GLH cannot be larger than TQT.`,
            related: [{ path: [...q.path, 'tqt', 'min'], message: `smallest TQT ${t.min}` }],
          });
        if (g.max !== undefined && t.max !== undefined && g.max > t.max)
          report({
            path: [...q.path, 'glh', 'max'],
            message: `${name}: the largest GLH (${g.max}) is more than the largest TQT (${t.max}); GLH cannot be larger than TQT.`,
            related: [{ path: [...q.path, 'tqt', 'max'], message: `largest TQT ${t.max}` }],
          });
      }
    }
  },
};
