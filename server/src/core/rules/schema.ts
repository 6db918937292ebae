import { validateSpecData } from '../schema/validate.js';
import { replaceValue, yamlString } from './util.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'schema',
    severity: 'error',
    category: 'schema',
    description: 'Every value must have the type and form the spec format (the JSON Schema) gives it, and every required key must be present.',
  },
  scope: 'file',
  check({ parsed, report }) {
    const data = parsed.data;
    if (data === undefined || typeof data !== 'object' || data === null || Array.isArray(data)) return; // yaml-syntax says it
    for (const i of validateSpecData(data)) {
      if (i.kind !== 'schema') continue;
      const fixes =
        i.suggestions?.length && i.actual !== undefined
          ? i.suggestions.map((s, n) => replaceValue(parsed, i.path, yamlString(s), `Change to '${s}'`, { preferred: n === 0 }))
          : undefined;
      report({ path: i.path, part: i.part, message: i.message, ...(fixes ? { fixes } : {}) });
    }
  },
};
