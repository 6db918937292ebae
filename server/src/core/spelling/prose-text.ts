/**
 * What the prose hygiene checks (space-after-punctuation, repeated-punctuation, term-case,
 * title-word-form) share: the text of a prose field as they read it, and where a piece of that text
 * is in the file.
 */
import type { ParsedFile } from '../parse/parse.js';
import type { Span } from '../text/line-index.js';
import type { ProseField } from './check.js';
import { maskNonProse } from './words.js';

/**
 * The field's text with what is not the document's own prose blanked out (same length): Markdown
 * code, link targets and HTML tags, URLs, e-mail addresses, file names; in a change summary, what it
 * quotes (the old text it replaced).
 */
export function readableText(field: ProseField): string {
  const t = maskNonProse(field.value, field.markdown);
  return field.cites ? t.replace(/"[^"\n]*"|\u201c[^\u201d\n]*\u201d|'[^'\n]*'|\u2018[^\u2019\n]*\u2019/g, (m) => ' '.repeat(m.length)) : t;
}

/**
 * Where `length` characters of a field's value starting at `index` are in the source: the same
 * occurrence of that snippet in the scalar's source text, when the source has it exactly as many
 * times as the value (a plain or quoted one-line scalar, or a line of a block scalar). Undefined
 * when it cannot be pinned down (escapes, a fold across lines): the finding then covers the field.
 */
export function snippetSpan(parsed: ParsedFile, field: ProseField, index: number, length: number): Span | undefined {
  const v = field.value;
  const snippet = v.slice(index, index + length);
  if (!snippet) return undefined;
  const node = parsed.locate(field.path);
  const src = parsed.text.slice(node.start, node.end);
  const before = count(v, snippet, 0, index);
  if (count(v, snippet, 0, v.length) !== count(src, snippet, 0, src.length)) return undefined;
  let at = -1;
  for (let k = 0, from = 0; k <= before; k++, from = at + 1) {
    at = src.indexOf(snippet, from);
    if (at < 0) return undefined;
  }
  return { start: node.start + at, end: node.start + at + length };
}

/** Occurrences of `s` in `text` starting in [from, to). */
function count(text: string, s: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf(s, from); at >= 0 && at < to; at = text.indexOf(s, at + 1)) n++;
  return n;
}
