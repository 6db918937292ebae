import { levelName, levelValue } from '../model/spec.js';
import { readRef, refConvention } from '../model/identifiers.js';
import { replaceValue } from './util.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'ref-level',
    severity: 'error',
    category: 'identifiers',
    description:
      "A unit's level matches the level its ref carries, where the document's unit-ref convention has a level part (ISP L5B1 -> 5; ILM 8750-3xx -> 3; City & Guilds 2xx -> 2).",
  },
  scope: 'file',
  check({ parsed, model, report, config }) {
    const conv = refConvention(model.document.unitRefs ?? config?.unitRefs);
    if (!conv?.hasLevel) return;
    for (const u of model.units) {
      if (u.ref === undefined || u.level === undefined) continue;
      const l = readRef(conv, u.ref)?.level;
      if (l === undefined || l === u.level || (l === 'entry' && u.level <= 0)) continue;
      const says = l === 'entry' ? 'Entry Level' : `level ${l}`;
      report({
        path: [...u.path, 'level'],
        message: `Unit ${u.ref} is at ${levelName(u.level)}, but its ref says ${says}. Correct the level or the ref.`,
        related: [{ path: [...u.path, 'ref'], message: `ref ${u.ref}` }],
        fixes: l === 'entry' ? [] : [replaceValue(parsed, [...u.path, 'level'], levelValue(l), `Set level to ${l}`)],
      });
    }
  },
};
