/**
 * How a mapping key is lexed at the start of a line: the one place for it, shared by the chunker
 * (top-level keys, where a file splits) and the block reader (every key it reads). The two differ
 * where their readers do: the chunker takes a top-level key up to its first colon, tabs included
 * (a text it is unsure of is parsed whole), while the block reader matches YAML's plain keys
 * exactly, colons inside included, and gives up on tabs. Both refuse what would need `yaml`'s
 * judgement (escapes in a double-quoted key, anchors, tags, flow collections).
 */
import { isJsSpace } from '../text/chars.js';

/** A key and the spaces after its colon, as the block reader reads it (the reference for plainKeyAt). */
export const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>%@`?:-][^#]*?|[-?:][^\s#][^#]*?)[ ]*:(?: +|$)/;

/** Characters KEY's first plain branch does not start with (besides whitespace): #'"{}[],&*!|>%@` and ?:- */
const NOT_FIRST = new Set([...'#\'"{}[],&*!|>%@`?:-'].map((c) => c.charCodeAt(0)));

/**
 * KEY's plain branches at [p, end) of `t`, matched without the regex: its lazy `[^#]*?` followed by
 * `[ ]*:` took time quadratic in a long run of spaces (a 100 kB line: 7 s). The key ends at the first
 * colon followed by a space or the line end, less the spaces before that colon; no `#` may come
 * before it, and the first character (or two, for a key starting with `-`, `?` or `:`) must be one a
 * plain scalar can start with. Exported for its test against the regex.
 */
export function plainKeyAt(t: string, p: number, end: number): { keyEnd: number; matchEnd: number } | undefined {
  if (p >= end) return undefined;
  const c0 = t.charCodeAt(p);
  let min: number;
  if (c0 === 45 || c0 === 63 || c0 === 58) {
    // [-?:][^\s#]
    const c1 = p + 1 < end ? t.charCodeAt(p + 1) : -1;
    if (c1 === -1 || c1 === 35 || isJsSpace(c1)) return undefined;
    min = p + 2;
  } else {
    if (isJsSpace(c0) || NOT_FIRST.has(c0)) return undefined;
    min = p + 1;
  }
  let colon = -1;
  for (let i = min; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c === 35) return undefined; // '#' before the colon: the regex cannot reach past it
    if (c === 58 && (i + 1 === end || t.charCodeAt(i + 1) === 32)) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return undefined;
  let k = colon;
  while (k > min && t.charCodeAt(k - 1) === 32) k--;
  let v = colon + 1;
  while (v < end && t.charCodeAt(v) === 32) v++;
  return { keyEnd: k, matchEnd: v };
}

/** A character a key may be made of on the fast path of `matchKey` (ASCII letters, digits, `_`). */
export const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

// A plain key runs to the first ':' (it cannot hold one), trailing blanks included, and they are trimmed
// afterwards. A key followed by `[ \t]*:` made the match quadratic in a run of spaces on a line with no
// colon after it (100,000 spaces took 30 s; docs/robustness.md).
const TOP_KEY = /^(?:"((?:[^"\\]|\\.)*)"[ \t]*|'((?:[^']|'')*)'[ \t]*|([^\s#'"\-?:,[\]{}&*!|>%@`][^:#]*|-[^\s:#][^:#]*)):(?:[ \t]|$)/;

function trimBlanks(s: string): string {
  let e = s.length;
  while (e > 0 && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9)) e--;
  return s.slice(0, e);
}

/**
 * The mapping key at the start of `line`, as the editor's context reader (service/yaml-nav.ts) and
 * the chunker read it: `name` as YAML reads it (quotes taken off; `escaped` when a double-quoted key
 * holds a backslash escape, which only `yaml` decodes exactly, so `name` is then the text between
 * the quotes as it stands), and `valueStart`, where the value starts after the colon and the spaces
 * or tabs that follow it. Linear in the line's length, whatever it holds.
 */
export function lineKey(line: string): { name: string; escaped: boolean; valueStart: number } | undefined {
  const m = TOP_KEY.exec(line);
  if (!m) return undefined;
  let v = m[0].length;
  while (v < line.length && (line.charCodeAt(v) === 32 || line.charCodeAt(v) === 9)) v++;
  if (m[1] !== undefined) return { name: m[1], escaped: m[1].includes('\\'), valueStart: v };
  if (m[2] !== undefined) return { name: m[2].replace(/''/g, "'"), escaped: false, valueStart: v };
  // Only spaces and tabs end a plain scalar (a trailing no-break space is part of the key, as in YAML).
  return { name: trimBlanks(m[3]!), escaped: false, valueStart: v };
}

/** A top-level key for the chunker; undefined for an escaped key (the whole text is then parsed by `yaml`). */
export function topKey(line: string): string | undefined {
  const k = lineKey(line);
  return k && !k.escaped ? k.name : undefined;
}

/** Keys a reader hands out as the caller's own strings (see keyAt), by length. */
export type KeyTable = readonly (readonly string[] | undefined)[];

export function keyTable(names: Iterable<string>): KeyTable {
  const table: string[][] = [];
  for (const k of names) if (!table[k.length]?.includes(k)) (table[k.length] ??= []).push(k);
  return table;
}

/**
 * The key at [s, e) of the text as the table's name, else a slice of the text. A string the engine
 * already holds interned makes the lookups that follow (a want function's set, the mapping's own
 * properties) cheaper than a fresh slice of the text, which would be hashed and interned on each.
 */
export function keyAt(table: KeyTable, t: string, s: number, e: number): string {
  const names = table[e - s];
  if (names !== undefined) for (const name of names) if (t.startsWith(name, s)) return name;
  return t.slice(s, e);
}
