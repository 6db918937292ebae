/**
 * Splits a spec file into independently parseable chunks, so that an edit re-parses only the
 * top-level entry (or the one sequence item, e.g. one unit) it touched.
 *
 * A spec file is a block mapping at column 0. Each top-level key with a scalar or mapping value
 * is one chunk; a top-level key whose value is a block sequence is split into a head chunk (the
 * `units:` line) and one chunk per item. Anything the splitter is not sure about (directives,
 * document markers, flow collections at the top, tabs) makes it
 * return `undefined`, and the caller parses the whole text at once instead.
 */

import { lfLineStarts } from '../text/line-index.js';
import { topKey } from './keys.js';

export type ChunkKind = 'preamble' | 'entry' | 'seq-head' | 'seq-item';

export interface ChunkSpan {
  kind: ChunkKind;
  /** The top-level key this chunk belongs to ('' for the preamble). */
  key: string;
  /** For seq-item: the item's index in the sequence. */
  index: number;
  start: number;
  end: number;
}

/** True when the rest of a `key:` line holds no value (only spaces or a comment). */
function valueIsOnNextLines(line: string, key: string): boolean {
  const colon = line.indexOf(':', line.startsWith('"') || line.startsWith("'") ? key.length + 2 : key.length);
  const rest = line.slice(colon + 1).trim();
  return rest === '' || rest.startsWith('#');
}

/**
 * The lines of a text as offsets (no string per line: most lines are only looked at for their
 * indentation, and a 400 kB spec has 8,000 of them), in one typed array: line i runs from start(i)
 * to end(i), after its line break; textEnd(i) is before the break.
 */
class Lines {
  readonly length: number;
  /** The start of each line (lfLineStarts: the text's length last when it ends with a line break). */
  private readonly starts: Int32Array;
  constructor(readonly text: string) {
    // A line break at the very end starts no line of its own (lfLineStarts gives its offset all the same).
    this.starts = lfLineStarts(text);
    this.length = text.length === 0 ? 0 : this.starts.length - (text.endsWith('\n') ? 1 : 0);
  }
  start(i: number): number {
    return this.starts[i]!;
  }
  end(i: number): number {
    return i + 1 < this.starts.length ? this.starts[i + 1]! : this.text.length;
  }
  textEnd(i: number): number {
    const t = this.text;
    let e = this.end(i);
    if (e > this.starts[i]! && t.charCodeAt(e - 1) === 10) e--;
    if (e > this.starts[i]! && t.charCodeAt(e - 1) === 13) e--;
    return e;
  }
  textOf(i: number): string {
    return this.text.slice(this.start(i), this.textEnd(i));
  }
  /** Leading spaces of line i. */
  indent(i: number): number {
    const t = this.text;
    const s = this.start(i);
    const e = this.textEnd(i);
    let k = s;
    while (k < e && t.charCodeAt(k) === 32) k++;
    return k - s;
  }
  /** Line i holds only spaces, or spaces and a comment. */
  blankOrComment(i: number): boolean {
    const t = this.text;
    const e = this.textEnd(i);
    for (let k = this.start(i); k < e; k++) {
      const c = t.charCodeAt(k);
      if (c === 32) continue;
      return c === 35; // '#'
    }
    return true;
  }
  /** The indentation of line i when it starts a sequence item (`- ` or a lone `-`, as SEQ_ITEM), else -1. */
  seqItem(i: number): number {
    const t = this.text;
    const e = this.textEnd(i);
    const ind = this.indent(i);
    const k = this.start(i) + ind;
    if (k >= e || t.charCodeAt(k) !== 45) return -1;
    return k + 1 === e || t.charCodeAt(k + 1) === 32 ? ind : -1;
  }
}

export function splitChunks(text: string): ChunkSpan[] | undefined {
  // Aliases are refused in every chunk (never expanded), so an anchor in one chunk and its alias in
  // another need no special care. Directives and document markers change how the whole text parses.
  if (text.includes('\t')) return undefined;
  const lines = new Lines(text);
  const n = lines.length;
  const chunks: ChunkSpan[] = [];
  let i = 0;
  // Preamble: leading blank lines and comments (a `# yaml-language-server` modeline).
  while (i < n && lines.blankOrComment(i)) i++;
  if (i > 0) chunks.push({ kind: 'preamble', key: '', index: 0, start: 0, end: lines.end(i - 1) });
  while (i < n) {
    const t = lines.textOf(i);
    if (t.startsWith('---') || t.startsWith('...') || t.startsWith('%')) return undefined;
    const key = topKey(t);
    if (key === undefined) return undefined;
    // Find the extent of this entry: up to the next column-0 non-comment line.
    let j = i + 1;
    let firstValueLine = -1;
    while (j < n) {
      if (!lines.blankOrComment(j)) {
        if (firstValueLine === -1) firstValueLine = j;
        if (lines.indent(j) === 0 && !(lines.seqItem(j) === 0 && firstValueLine !== -1 && lines.seqItem(firstValueLine) === 0)) break;
      }
      j++;
    }
    // Trailing blank/comment lines at column 0 stay with this entry (they cannot belong to the next key's value).
    const entryEnd = j < n ? lines.start(j) : text.length;
    const itemIndent = firstValueLine !== -1 && valueIsOnNextLines(t, key) ? lines.seqItem(firstValueLine) : -1;
    if (itemIndent === -1) {
      chunks.push({ kind: 'entry', key, index: 0, start: lines.start(i), end: entryEnd });
    } else {
      chunks.push({ kind: 'seq-head', key, index: 0, start: lines.start(i), end: lines.start(firstValueLine) });
      let index = 0;
      let k = firstValueLine;
      while (k < j) {
        let m = k + 1;
        while (m < j) {
          if (!lines.blankOrComment(m)) {
            const ind = lines.indent(m);
            if (ind < itemIndent) return undefined; // a dedent inside the value: let the full parser judge it
            if (ind === itemIndent) {
              if (lines.seqItem(m) === -1) return undefined;
              break;
            }
          }
          m++;
        }
        // Blank and comment lines between items stay with the item before them.
        chunks.push({ kind: 'seq-item', key, index: index++, start: lines.start(k), end: m < j ? lines.start(m) : entryEnd });
        k = m;
      }
      const lastChunk = chunks[chunks.length - 1]!;
      lastChunk.end = entryEnd;
    }
    i = j;
  }
  return chunks;
}
