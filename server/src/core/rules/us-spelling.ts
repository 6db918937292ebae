import { documentLanguage, misspellings, wordSpan } from '../spelling/check.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'us-spelling',
    severity: 'warning',
    category: 'text',
    description: "A document in British English uses British spellings: 'organisation', not 'organization'; 'behaviour', not 'behavior'.",
  },
  scope: 'file',
  check({ parsed, model, config, report }) {
    if (documentLanguage(parsed, config) !== 'en-GB') return;
    for (const m of misspellings(parsed, model, config)) {
      if (!m.british) continue;
      const span = wordSpan(parsed, m);
      report({
        path: m.field.path,
        ...(span ? { span } : {}),
        message: `'${m.word}' is the American spelling: British English writes '${m.british}'.`,
        fixes: span ? [{ title: `Change '${m.word}' to '${m.british}'`, edits: [{ span, newText: m.british }], preferred: true }] : [],
        data: { word: m.word, suggestions: [m.british], language: 'en-GB' },
      });
    }
  },
};
