/**
 * The edit that adds a word to `words:` in a `.qualspec.yaml`, as one small text insertion, so that
 * everything else in the file (comments, order, quoting) stays as it was.
 */
import { isMap, isScalar, isSeq, parseDocument, type Pair } from 'yaml';
import { yamlString } from '../rules/util.js';
import type { TextEdit } from '../rules/types.js';

/** The edit adding `word` to the configuration's `words:` (undefined when it is there already, or the file is not a mapping). */
export function addWordEdit(text: string, word: string): TextEdit | undefined {
  const item = yamlString(word);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const doc = parseDocument(text);
  if (doc.errors.length) return undefined;
  const root = doc.contents;
  const atEnd = (): TextEdit => {
    const sep = text.length === 0 || text.endsWith('\n') ? '' : eol;
    return { span: { start: text.length, end: text.length }, newText: `${sep}words:${eol}  - ${item}${eol}` };
  };
  if (root === null || root === undefined) return atEnd();
  if (!isMap(root)) return undefined;
  const pair = (root.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === 'words');
  if (!pair) return atEnd();
  const v = pair.value;
  const keyEnd = (pair.key as { range?: number[] }).range?.[1] ?? 0;
  if (v === null || (isScalar(v) && v.value === null)) {
    const colon = text.indexOf(':', keyEnd);
    return { span: { start: colon + 1, end: colon + 1 }, newText: ` [${item}]` };
  }
  if (!isSeq(v)) return undefined;
  if (v.items.some((i) => isScalar(i) && String(i.value) === word)) return undefined;
  const range = (v as { range?: number[] }).range!;
  if (v.flow) {
    const close = text.lastIndexOf(']', range[1]! - 1);
    return { span: { start: close, end: close }, newText: v.items.length ? `, ${item}` : item };
  }
  const last = v.items[v.items.length - 1] as { range?: number[] } | undefined;
  const lastEnd = last?.range?.[1] ?? range[1]!;
  // The new item goes on a line of its own after the last item, indented as it is.
  const lineEnd = text.indexOf('\n', lastEnd - 1);
  const at = lineEnd === -1 ? text.length : lineEnd + 1;
  const firstStart = (v.items[0] as { range?: number[] }).range![0]!;
  const lineStart = text.lastIndexOf('\n', firstStart - 1) + 1;
  const prefix = text.slice(lineStart, firstStart).replace(/[^\s-]/g, ' ');
  const lead = lineEnd === -1 ? eol : '';
  return { span: { start: at, end: at }, newText: `${lead}${prefix.replace(/-\s*$/, '')}- ${item}${eol}` };
}
