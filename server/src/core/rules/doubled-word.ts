import { textFields } from './text-fields.js';
import type { FileRule } from './types.js';

// Pairs that are correct English when doubled.
const LEGIT = new Set(['that', 'had', 'is', 'very', 'bye', 'so', 'no', 'ha', 'tut']);
const DOUBLED = /\b([A-Za-z]+)(\s+)\1\b/gi;

export const rule: FileRule = {
  meta: {
    id: 'doubled-word',
    severity: 'warning',
    category: 'text',
    description: 'A word written twice in a row ("the the") is almost always a slip.',
    fixable: true,
  },
  scope: 'file',
  check({ parsed, model, report }) {
    for (const f of textFields(model)) {
      DOUBLED.lastIndex = 0;
      let m: RegExpExecArray | null;
      const found: RegExpExecArray[] = [];
      while ((m = DOUBLED.exec(f.value))) if (!LEGIT.has(m[1]!.toLowerCase()) && m[1]!.length > 0) found.push(m);
      if (!found.length) continue;
      // Map the word into the source when the scalar is written as-is (plain or quoted on one line).
      const node = parsed.locate(f.path);
      const src = parsed.text.slice(node.start, node.end);
      for (const hit of found) {
        const idx = src.indexOf(hit[0]);
        const exact = idx >= 0 && src.indexOf(hit[0], idx + 1) === -1;
        const span = exact ? { start: node.start + idx, end: node.start + idx + hit[0].length } : undefined;
        report({
          path: f.path,
          ...(span ? { span } : {}),
          message: `'${hit[0].replace(/\s+/, ' ')}': the word '${hit[1]}' is written twice in ${f.owner}.`,
          fixes: span
            ? [
                {
                  title: `Remove the second '${hit[1]}'`,
                  edits: [{ span: { start: span.start + hit[1]!.length, end: span.end }, newText: '' }],
                  preferred: true,
                  safe: true,
                },
              ]
            : [],
        });
      }
    }
  },
};
