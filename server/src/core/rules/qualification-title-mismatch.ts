import { isObj } from '../model/spec.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'qualification-title-mismatch',
    severity: 'error',
    category: 'text',
    description: "A qualification's title is printed the same everywhere in the document: every entry of printedTitles equals its title.",
  },
  scope: 'file',
  check({ parsed, model, report }) {
    const data = parsed.data;
    if (!isObj(data) || !Array.isArray(data.qualifications)) return;
    for (const q of model.qualifications) {
      const raw = data.qualifications[q.index];
      if (!isObj(raw) || !Array.isArray(raw.printedTitles) || q.title === undefined) continue;
      raw.printedTitles.forEach((t, i) => {
        if (typeof t !== 'string' || t === q.title) return;
        const a = q.title!.split(/\s+/);
        const b = t.split(/\s+/);
        const diff = a.filter((w, j) => w !== b[j]);
        report({
          path: [...q.path, 'title'],
          message: `The title of ${q.qan ?? 'this qualification'} is printed two ways: '${q.title}' and '${t}'${diff.length && diff.length <= 2 ? ` ('${diff.join(' ')}' vs '${b.filter((w, j) => w !== a[j]).join(' ')}')` : ''}. A learner's certificate can carry only one: correct the one that is wrong.`,
          related: [{ path: [...q.path, 'printedTitles', i], message: `also printed as '${t}'` }],
          fixes: [{ title: `Use '${t}' as the title`, edits: [{ span: parsed.locate([...q.path, 'title']), newText: JSON.stringify(t) }] }],
        });
      });
    }
  },
};
