import { textFields } from './text-fields.js';
import type { FileRule } from './types.js';

const ALLOWED_LOWER = /^(e\.g\.|i\.e\.|iPhone|eBay|etc\.)/;

export const rule: FileRule = {
  meta: {
    id: 'title-case',
    severity: 'warning',
    category: 'text',
    description:
      'Titles, learning outcomes and assessment criteria start with a capital letter; a lowercase start is usually a damaged first letter ("ales Territory Management").',
  },
  scope: 'file',
  check({ model, report }) {
    for (const f of textFields(model)) {
      if (f.kind === 'prose') continue;
      const first = f.value.trimStart()[0];
      if (!first || !/[a-z]/.test(first) || ALLOWED_LOWER.test(f.value.trimStart())) continue;
      const word = f.value.trimStart().split(/\s/)[0];
      report({
        path: f.path,
        message: `The ${f.kind === 'title' ? 'title' : 'text'} of ${f.owner} starts with a lowercase letter ('${word}…'): is its first letter missing or damaged?`,
      });
    }
  },
};
