import type { FileRule } from './types.js';

const STYLES = [/^L\d[A-Z]\d+$/, /^\d{4}-\d{3}$/];

export const rule: FileRule = {
  meta: {
    id: 'unit-ref-format',
    severity: 'warning',
    category: 'identifiers',
    description: 'A unit ref follows a known awarding-body style: ISP L5B1 (L, level, group letter, number) or ILM 8750-213 (scheme, dash, unit number).',
  },
  scope: 'file',
  check({ model, report }) {
    for (const u of model.units) {
      if (u.ref === undefined || STYLES.some((s) => s.test(u.ref!))) continue;
      const hint = /^l\d[a-z]\d+$/i.test(u.ref) ? ` Did you mean ${u.ref.toUpperCase()}?` : '';
      report({
        path: [...u.path, 'ref'],
        message: `Unit ref '${u.ref}' follows neither the ISP style (L5B1) nor the ILM style (8750-213), so its level and group cannot be checked.${hint}`,
      });
    }
  },
};
