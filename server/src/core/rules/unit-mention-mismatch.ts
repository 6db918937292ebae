import { qualificationName } from '../model/describe.js';
import type { FileRule } from './types.js';
import { replaceValue, yamlString } from './util.js';

export const rule: FileRule = {
  meta: {
    id: 'unit-mention-mismatch',
    severity: 'error',
    category: 'text',
    description: "Where a qualification's table repeats a unit's UAN, title, level, GLH, TQT or credit, the values agree with the unit's own definition.",
  },
  scope: 'file',
  check({ parsed, model, report }) {
    for (const q of model.qualifications) {
      for (const m of q.units) {
        if (!m.ref) continue;
        const u = model.unitsByRef.get(m.ref)?.[0];
        if (!u) continue;
        for (const [k, v] of Object.entries(m.fields)) {
          const def = u[k as 'uan' | 'title' | 'level' | 'glh' | 'tqt' | 'credit'];
          if (def === undefined || def === v) continue;
          const label = k === 'uan' ? 'UAN' : k === 'glh' || k === 'tqt' ? k.toUpperCase() : k;
          report({
            path: [...m.path, k],
            message: `${qualificationName(q)} gives unit ${m.ref} the ${label} ${JSON.stringify(v)}, but the unit itself has ${JSON.stringify(def)}.`,
            related: [{ path: [...u.path, k], message: `${m.ref} ${label}: ${String(def)}` }],
            fixes: [
              replaceValue(parsed, [...m.path, k], typeof def === 'string' ? yamlString(def) : String(def), `Use the unit's ${label}: ${String(def)}`, {
                preferred: true,
              }),
            ],
          });
        }
      }
    }
  },
};
