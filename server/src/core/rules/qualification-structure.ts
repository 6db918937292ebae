import { qualificationName } from '../model/describe.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'qualification-structure',
    severity: 'error',
    category: 'combination',
    description:
      'An Award lists its fixed units; a Certificate or Diploma has rules of combination; every rule sets a limit, and no minimum is larger than its maximum.',
  },
  scope: 'file',
  check({ model, report }) {
    for (const q of model.qualifications) {
      const name = qualificationName(q);
      if (q.type === 'award' && !q.hasUnits && !q.hasRules)
        report({ path: [...q.path, 'type'], message: `${name} is an Award but lists no units: add its fixed units under 'units'.` });
      if ((q.type === 'certificate' || q.type === 'diploma') && !q.hasRules && !q.hasUnits)
        report({
          path: [...q.path, 'type'],
          message: `${name} is a ${q.type === 'certificate' ? 'Certificate' : 'Diploma'} but has no rules of combination: add them under 'rules'.`,
        });
      for (const r of q.rules) {
        const limits = [r.minUnits, r.maxUnits, r.minCredits, r.maxCredits, r.minGlh, r.maxGlh, r.minTqt, r.maxTqt, r.mandatory, r.barred, r.levelShare].filter(
          (x) => x !== undefined,
        );
        const label = r.id ? `Rule '${r.id}'` : `Rule ${r.index + 1}`;
        if (limits.length === 0)
          report({
            path: r.path,
            message: `${label} of ${name} sets no limit: give it minUnits, maxUnits, minCredits, maxCredits, minGlh, maxGlh, minTqt, maxTqt, mandatory, barred or levelShare.`,
          });
        if (r.minUnits !== undefined && r.maxUnits !== undefined && r.minUnits > r.maxUnits)
          report({ path: [...r.path, 'minUnits'], message: `${label} of ${name} asks for at least ${r.minUnits} units but at most ${r.maxUnits}.` });
        if (r.minCredits !== undefined && r.maxCredits !== undefined && r.minCredits > r.maxCredits)
          report({ path: [...r.path, 'minCredits'], message: `${label} of ${name} asks for at least ${r.minCredits} credits but at most ${r.maxCredits}.` });
        for (const [lo, hi, key, what] of [
          [r.minGlh, r.maxGlh, 'minGlh', 'guided learning hours'],
          [r.minTqt, r.maxTqt, 'minTqt', 'hours of TQT'],
        ] as const)
          if (lo !== undefined && hi !== undefined && lo > hi)
            report({ path: [...r.path, key], message: `${label} of ${name} asks for at least ${lo} ${what} but at most ${hi}.` });
        if ((r.mandatory || r.barred || r.levelShare) && (r.groups || r.units))
          report({
            path: r.path,
            severity: 'warning',
            message: `${label} of ${name} has a scope (groups/units) that does not apply to mandatory, barred or levelShare: put those in a rule of their own.`,
          });
      }
    }
  },
};
