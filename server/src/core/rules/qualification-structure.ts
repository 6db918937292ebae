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
        const limits = [r.minUnits, r.maxUnits, r.minCredits, r.maxCredits, r.mandatory, r.barred, r.levelShare].filter((x) => x !== undefined);
        const label = r.id ? `Rule '${r.id}'` : `Rule ${r.index + 1}`;
        if (limits.length === 0)
          report({
            path: r.path,
            message: `${label} of ${name} sets no limit: give it minUnits, maxUnits, minCredits, maxCredits, mandatory, barred or levelShare.`,
          });
        if (r.minUnits !== undefined && r.maxUnits !== undefined && r.minUnits > r.maxUnits)
          report({ path: [...r.path, 'minUnits'], message: `${label} of ${name} asks for at least ${r.minUnits} units but at most ${r.maxUnits}.` });
        if (r.minCredits !== undefined && r.maxCredits !== undefined && r.minCredits > r.maxCredits)
          report({ path: [...r.path, 'minCredits'], message: `${label} of ${name} asks for at least ${r.minCredits} credits but at most ${r.maxCredits}.` });
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
