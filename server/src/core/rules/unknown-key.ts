import { validateSpecData } from '../schema/validate.js';
import { getAt } from '../model/describe.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'unknown-key',
    severity: 'error',
    category: 'schema',
    description: 'Every key must be one the spec format knows, so a misspelt key (crdit for credit) is caught instead of silently ignored.',
    fixable: true,
  },
  scope: 'file',
  check({ parsed, report }) {
    const data = parsed.data;
    if (data === undefined || typeof data !== 'object' || data === null || Array.isArray(data)) return;
    for (const i of validateSpecData(data)) {
      if (i.kind !== 'unknown-key') continue;
      const span = parsed.locate(i.path, 'key');
      // Never offer a rename to a key the mapping already has: that would make a duplicate key.
      const parent = getAt(data, i.path.slice(0, -1));
      const present = parent && typeof parent === 'object' ? Object.keys(parent) : [];
      const sugg = (i.suggestions ?? []).filter((s) => !present.includes(s));
      report({
        path: i.path,
        part: 'key',
        message: i.message,
        fixes: sugg.map((s, n) => ({ title: `Rename '${i.actual}' to '${s}'`, edits: [{ span, newText: s }], preferred: n === 0, safe: sugg.length === 1 })),
      });
    }
  },
};
