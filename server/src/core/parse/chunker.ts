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

// A plain key runs to the first ':' (it cannot hold one), trailing blanks included, and they are trimmed
// afterwards. A key followed by `[ \t]*:` made the match quadratic in a run of spaces on a line with no
// colon after it (100,000 spaces took 30 s; docs/robustness.md).
const TOP_KEY = /^(?:"((?:[^"\\]|\\.)*)"[ \t]*|'((?:[^']|'')*)'[ \t]*|([^\s#'"\-?:,[\]{}&*!|>%@`][^:#]*|-[^\s:#][^:#]*)):(?:[ \t]|$)/;

function trimBlanks(s: string): string {
  let e = s.length;
  while (e > 0 && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9)) e--;
  return s.slice(0, e);
}

function topKey(line: string): string | undefined {
  const m = TOP_KEY.exec(line);
  if (!m) return undefined;
  // An escape in a double-quoted key would need decoding to compare keys as YAML does: parse the whole text.
  if (m[1] !== undefined) return m[1].includes('\\') ? undefined : m[1];
  if (m[2] !== undefined) return m[2].replace(/''/g, "'");
  // Only spaces and tabs end a plain scalar (a trailing no-break space is part of the key, as in YAML).
  return trimBlanks(m[3]!);
}

/** True when the rest of a `key:` line holds no value (only spaces or a comment). */
function valueIsOnNextLines(line: string, key: string): boolean {
  const colon = line.indexOf(':', line.startsWith('"') || line.startsWith("'") ? key.length + 2 : key.length);
  const rest = line.slice(colon + 1).trim();
  return rest === '' || rest.startsWith('#');
}

interface Line {
  start: number;
  end: number; // after the line break
  text: string; // without the line break
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const n = text.length;
  while (start < n) {
    let nl = text.indexOf('\n', start);
    const end = nl === -1 ? n : nl + 1;
    if (nl === -1) nl = n;
    let lineEnd = nl;
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    lines.push({ start, end, text: text.slice(start, lineEnd) });
    start = end;
  }
  return lines;
}

function isBlankOrComment(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 32) continue;
    return c === 35; // '#'
  }
  return true;
}

function indentOf(t: string): number {
  let i = 0;
  while (i < t.length && t.charCodeAt(i) === 32) i++;
  return i;
}

const SEQ_ITEM = /^( *)-(?: |$)/;

export function splitChunks(text: string): ChunkSpan[] | undefined {
  // Aliases are refused in every chunk (never expanded), so an anchor in one chunk and its alias in
  // another need no special care. Directives and document markers change how the whole text parses.
  if (text.includes('\t')) return undefined;
  const lines = splitLines(text);
  const chunks: ChunkSpan[] = [];
  let i = 0;
  // Preamble: leading blank lines and comments (a `# yaml-language-server` modeline).
  while (i < lines.length && isBlankOrComment(lines[i]!.text)) i++;
  if (i > 0) chunks.push({ kind: 'preamble', key: '', index: 0, start: 0, end: lines[i - 1]!.end });
  while (i < lines.length) {
    const line = lines[i]!;
    const t = line.text;
    if (t.startsWith('---') || t.startsWith('...') || t.startsWith('%')) return undefined;
    const key = topKey(t);
    if (key === undefined) return undefined;
    // Find the extent of this entry: up to the next column-0 non-comment line.
    let j = i + 1;
    let firstValueLine = -1;
    while (j < lines.length) {
      const lt = lines[j]!.text;
      if (!isBlankOrComment(lt)) {
        if (firstValueLine === -1) firstValueLine = j;
        const ind = indentOf(lt);
        if (ind === 0 && !(SEQ_ITEM.test(lt) && firstValueLine !== -1 && SEQ_ITEM.exec(lines[firstValueLine]!.text)?.[1] === '')) break;
      }
      j++;
    }
    // Trailing blank/comment lines at column 0 stay with this entry (they cannot belong to the next key's value).
    const entryEnd = j < lines.length ? lines[j]!.start : text.length;
    const seq = firstValueLine !== -1 && valueIsOnNextLines(t, key) ? SEQ_ITEM.exec(lines[firstValueLine]!.text) : null;
    if (!seq) {
      chunks.push({ kind: 'entry', key, index: 0, start: line.start, end: entryEnd });
    } else {
      const itemIndent = seq[1]!.length;
      chunks.push({ kind: 'seq-head', key, index: 0, start: line.start, end: lines[firstValueLine]!.start });
      let index = 0;
      let k = firstValueLine;
      while (k < j) {
        let m = k + 1;
        while (m < j) {
          const lt = lines[m]!.text;
          if (!isBlankOrComment(lt)) {
            const ind = indentOf(lt);
            if (ind < itemIndent) return undefined; // a dedent inside the value: let the full parser judge it
            if (ind === itemIndent) {
              if (!SEQ_ITEM.test(lt)) return undefined;
              break;
            }
          }
          m++;
        }
        // Blank and comment lines between items stay with the item before them.
        chunks.push({ kind: 'seq-item', key, index: index++, start: lines[k]!.start, end: m < j ? lines[m]!.start : entryEnd });
        k = m;
      }
      const lastChunk = chunks[chunks.length - 1]!;
      lastChunk.end = entryEnd;
    }
    i = j;
  }
  return chunks;
}
