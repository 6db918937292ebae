import { levelOf } from '../model/identifiers.js';
import { replaceValue } from './util.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'ref-level',
    severity: 'error',
    category: 'identifiers',
    description: "A unit's level matches the level digit in its ref (ISP L5B1 -> 5; ILM 8750-3xx -> 3).",
  },
  scope: 'file',
  check({ parsed, model, report }) {
    for (const u of model.units) {
      if (u.ref === undefined || u.level === undefined) continue;
      const l = levelOf(u.ref);
      if (l === undefined || l === u.level) continue;
      report({
        path: [...u.path, 'level'],
        message: `Unit ${u.ref} is at level ${u.level}, but its ref says level ${l}. Correct the level or the ref.`,
        related: [{ path: [...u.path, 'ref'], message: `ref ${u.ref}` }],
        fixes: [replaceValue(parsed, [...u.path, 'level'], String(l), `Set level to ${l}`)],
      });
    }
  },
};
