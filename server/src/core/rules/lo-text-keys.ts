import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'lo-text-keys',
    severity: 'error',
    category: 'numbering',
    description: 'Indicative content and assessor guidance are keyed to learning outcomes that exist, once each.',
  },
  scope: 'file',
  check({ model, report }) {
    for (const u of model.units) {
      const los = new Set<number | string>(u.learningOutcomes.map((lo, i) => lo.number ?? i + 1));
      for (const [list, label] of [
        [u.indicativeContent, 'Indicative content'],
        [u.assessorGuidance, 'Assessor guidance'],
      ] as const) {
        const seen = new Set<number | string>();
        for (const x of list) {
          if (x.lo === undefined) continue;
          if (u.learningOutcomes.length && !los.has(x.lo))
            report({
              path: [...x.path, 'lo'],
              message: `${label} of unit ${u.ref ?? u.index + 1} is given for learning outcome ${x.lo}, but the unit has outcomes ${[...los].join(', ')} only.`,
            });
          else if (seen.has(x.lo))
            report({ path: [...x.path, 'lo'], message: `${label} of unit ${u.ref ?? u.index + 1} has two entries for learning outcome ${x.lo}: merge them.` });
          seen.add(x.lo);
        }
      }
    }
  },
};
