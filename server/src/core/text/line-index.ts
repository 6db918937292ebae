/** Zero-based line/character position, as in LSP (character = UTF-16 code unit). */
export interface Position {
  line: number;
  character: number;
}

/** A half-open span of a text, in UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/** Converts between offsets and line/character positions of one text. Built lazily, O(n) once. */
export class LineIndex {
  private starts: Int32Array | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): Int32Array {
    return (this.starts ??= lineStartsOf(this.text));
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  positionAt(offset: number): Position {
    return positionIn(this.lineStarts(), this.text.length, offset);
  }

  offsetAt(pos: Position): number {
    const starts = this.lineStarts();
    if (pos.line < 0) return 0;
    if (pos.line >= starts.length) return this.text.length;
    const lineStart = starts[pos.line]!;
    const next = pos.line + 1 < starts.length ? starts[pos.line + 1]! : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + pos.character, next));
  }

  lineStart(line: number): number {
    const starts = this.lineStarts();
    return starts[Math.max(0, Math.min(line, starts.length - 1))]!;
  }

  /** The line's text without its line break. */
  lineText(line: number): string {
    const starts = this.lineStarts();
    if (line < 0 || line >= starts.length) return '';
    const s = starts[line]!;
    let e = line + 1 < starts.length ? starts[line + 1]! : this.text.length;
    while (e > s && (this.text.charCodeAt(e - 1) === 10 || this.text.charCodeAt(e - 1) === 13)) e--;
    return this.text.slice(s, e);
  }
}

/**
 * The offsets where lines start when only LF ends a line: 0, then after each '\n' (the last one
 * the text's length when it ends with a line break). Counted first, then written into a typed array
 * of that size (indexOf is much faster than reading every character).
 */
export function lfLineStarts(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let k = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
  return starts;
}

/**
 * The offsets where lines start, as LineIndex counts lines (LF, CRLF and a lone CR end a line), compactly.
 * `lf`: lfLineStarts(text), when the caller has it already; it is the answer for a text without a CR.
 */
export function lineStartsOf(text: string, lf?: Int32Array): Int32Array {
  if (!text.includes('\r')) return lf ?? lfLineStarts(text);
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return Int32Array.from(starts);
}

/** The position of an offset (clamped to [0, length]) in a text whose lines start at `starts`. */
export function positionIn(starts: ArrayLike<number>, length: number, offset: number): Position {
  const o = Math.max(0, Math.min(offset, length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: o - starts[lo]! };
}
