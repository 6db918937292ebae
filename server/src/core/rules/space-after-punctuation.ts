import { proseFields } from '../spelling/check.js';
import { readableText, snippetSpan } from '../spelling/prose-text.js';
import { quote } from '../text/quote.js';
import type { FileRule } from './types.js';

/**
 * A word of two or more letters, a full stop, '!' or '?', and a capitalised word straight after it
 * ("sales.The"); or a comma or semicolon between two lower-case words ("customers,and"). What looks
 * alike and is not a slip is left alone: decimals and refs (no letters: 1.5, 8570-229), abbreviations
 * made of single letters (e.g., i.e., U.K.), and whatever runs on into a dot, '@', '/' or '\' (a
 * domain, an e-mail address, a path, a file name; the masked text has URLs and the usual file names
 * blanked already). Acronyms on either side (ISP.The, sales.ISP) are left too: more often a code.
 */
const MISSING =
  /(?<![\p{L}\p{N}_.@/\\'\u2019-])(\p{L}+)([.!?])(?=(\p{Lu}\p{Ll}+(?:['\u2019-]\p{L}+)*)(?![\p{L}\p{N}_@/\\]|\.[\p{L}\p{N}]))|(?<![\p{L}\p{N}_.@/\\'\u2019-])(\p{Ll}{2,})([,;])(?=(\p{Ll}{2,}(?:['\u2019-]\p{L}+)*)(?![\p{L}\p{N}_@/\\]|\.[\p{L}\p{N}]))/gu;

export interface MissingSpace {
  /** Offset of the punctuation mark in the text. */
  readonly at: number;
  readonly before: string;
  readonly mark: string;
  readonly after: string;
}

/** The places in a (masked) text where a space is missing after punctuation. */
export function missingSpaces(text: string): MissingSpace[] {
  const out: MissingSpace[] = [];
  for (const m of text.matchAll(MISSING)) {
    const before = m[1] ?? m[4]!;
    // A word with a lower-case letter in it: tested here, not in the pattern, where '\p{L}*\p{Ll}\p{L}*'
    // backtracked through every split of a long run of letters (quadratic: 5 s on a 100 kB line).
    if (before.length < 2 || !/\p{Ll}/u.test(before)) continue;
    out.push({ at: m.index + before.length, before, mark: m[2] ?? m[5]!, after: m[3] ?? m[6]! });
  }
  return out;
}

export const rule: FileRule = {
  meta: {
    id: 'space-after-punctuation',
    severity: 'warning',
    category: 'text',
    description: "A full stop, comma, semicolon, '!' or '?' between two words is followed by a space: 'sales. The', not 'sales.The'.",
    fixable: true,
  },
  scope: 'file',
  check({ parsed, model, report }) {
    for (const field of proseFields(parsed, model)) {
      if (!/[.!?,;]\p{L}/u.test(field.value)) continue;
      for (const hit of missingSpaces(readableText(field))) {
        const start = hit.at - hit.before.length;
        const length = hit.before.length + 1 + hit.after.length;
        const span = snippetSpan(parsed, field, start, length);
        const written = `${hit.before}${hit.mark}${hit.after}`;
        report({
          path: field.path,
          ...(span ? { span } : {}),
          message: `${quote(written)} in ${field.owner}: a space is missing after the '${hit.mark}' (write ${quote(`${hit.before}${hit.mark} ${hit.after}`)}).`,
          fixes: span
            ? [
                {
                  title: `Add a space after ${quote(`${hit.before}${hit.mark}`)}`,
                  edits: [{ span: { start: span.start + hit.before.length + 1, end: span.start + hit.before.length + 1 }, newText: ' ' }],
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
