import { validateSpecData } from '../schema/validate.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: { id: 'unknown-key', severity: 'error', category: 'schema', description: 'Every key must be one the spec format knows, so a misspelt key (crdit for credit) is caught instead of silently ignored.', fixable: true },
  scope: 'file',
  check({ parsed, report }) {
    const data = parsed.data;
    if (data === undefined || typeof data !== 'object' || data === null || Array.isArray(data)) return;
    for (const i of validateSpecData(data)) {
      if (i.kind !== 'unknown-key') continue;
      const span = parsed.locate(i.path, 'key');
      const sugg = i.suggestions ?? [];
      report({
        path: i.path,
        part: 'key',
        message: i.message,
        fixes: sugg.map((s, n) => ({ title: `Rename '${i.actual}' to '${s}'`, edits: [{ span, newText: s }], preferred: n === 0, safe: sugg.length === 1 })),
      });
    }
  },
};
