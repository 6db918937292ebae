import { proseFields } from '../spelling/check.js';
import { readableText, snippetSpan } from '../spelling/prose-text.js';
import type { FileRule } from './types.js';

export interface RepeatedMark {
  readonly at: number;
  readonly run: string;
}

/**
 * The runs of a repeated punctuation mark in a (masked) text: ',,', ';;', '::', '!!', '??', and
 * exactly two full stops ('..'; three are an ellipsis, a longer row of dots a line to fill in). Not
 * a path ('../', '/..'), and not '::' inside a code ('std::map'), nor '??' beside a digit, a placeholder
 * ('20??').
 */
export function repeatedMarks(text: string): RepeatedMark[] {
  const out: RepeatedMark[] = [];
  for (const m of text.matchAll(/([,;:!?.])\1+/g)) {
    const run = m[0];
    const at = m.index;
    const prev = text.charCodeAt(at - 1);
    const next = text.charCodeAt(at + run.length);
    if (run[0] === '.') {
      if (run.length !== 2) continue; // an ellipsis, or a row of dots (a form to fill in)
      if (text[at - 1] === '/' || text[at - 1] === '\\' || text[at + 2] === '/' || text[at + 2] === '\\') continue; // a path
      if (text[at - 1] === '\u2026' || text[at + 2] === '\u2026') continue;
    } else if (run[0] === ':' && isWordChar(prev) && isWordChar(next))
      continue; // a code: 'std::map'
    else if (run[0] === '?' && (isDigit(prev) || isDigit(next))) continue; // a placeholder: '20??', 'Unit ??1'
    out.push({ at, run });
  }
  return out;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWordChar = (c: number): boolean => !Number.isNaN(c) && /[\p{L}\p{N}_]/u.test(String.fromCharCode(c));

const NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', ':': 'colon', '!': 'exclamation mark', '?': 'question mark', '.': 'full stop' };

export const rule: FileRule = {
  meta: {
    id: 'repeated-punctuation',
    severity: 'warning',
    category: 'text',
    description: "A punctuation mark is not written twice in a row (',,', '..', '!!', '??'); an ellipsis ('...') is fine.",
    fixable: true,
  },
  scope: 'file',
  check({ parsed, model, report }) {
    for (const field of proseFields(parsed, model)) {
      if (!/([,;:!?.])\1/.test(field.value)) continue;
      for (const hit of repeatedMarks(readableText(field))) {
        const span = snippetSpan(parsed, field, hit.at, hit.run.length);
        const mark = hit.run[0]!;
        const name = NAMES[mark]!;
        report({
          path: field.path,
          ...(span ? { span } : {}),
          message:
            mark === '.'
              ? `Two full stops ('..') in ${field.owner}: write one, or three for an ellipsis ('...').`
              : `The ${name} is written ${hit.run.length === 2 ? 'twice' : `${hit.run.length} times`} in a row ('${hit.run}') in ${field.owner}: write it once.`,
          fixes: span
            ? [
                {
                  title: `Write one ${name}`,
                  edits: [{ span: { start: span.start + 1, end: span.end }, newText: '' }],
                  preferred: true,
                  // Two full stops may be an ellipsis short of a dot: a person chooses.
                  ...(mark === '.' ? {} : { safe: true }),
                },
              ]
            : [],
        });
      }
    }
  },
};
