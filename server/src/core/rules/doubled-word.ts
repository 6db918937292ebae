import { textFields } from './text-fields.js';
import type { FileRule } from './types.js';

// Pairs that are correct English when doubled.
const LEGIT = new Set(['that', 'had', 'is', 'very', 'bye', 'so', 'no', 'ha', 'tut']);
const DOUBLED = /\b([A-Za-z]+)(\s+)\1\b/gi;

/**
 * The doubled words of a text, memoised by the text: an edit changes one field, and running the
 * back-referencing regex over all ~1,000 text fields of a large spec on every keystroke cost ~5 ms.
 */
const memo = new Map<string, RegExpExecArray[]>();
const MEMO_MAX = 50_000;
function doubledWords(text: string): RegExpExecArray[] {
  let found = memo.get(text);
  if (found) return found;
  found = [];
  DOUBLED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DOUBLED.exec(text))) if (!LEGIT.has(m[1]!.toLowerCase()) && m[1]!.length > 0) found.push(m);
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(text, found);
  return found;
}

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
      const found = doubledWords(f.value);
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
