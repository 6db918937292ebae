import { isJsSpace } from '../text/chars.js';
import { textFields } from './text-fields.js';
import type { FileRule } from './types.js';

// Pairs that are correct English when doubled.
const LEGIT = new Set(['that', 'had', 'is', 'very', 'bye', 'so', 'no', 'ha', 'tut']);

/** A doubled word, shaped like the RegExpExecArray of `/\b([A-Za-z]+)(\s+)\1\b/gi` that this rule used to run. */
export interface DoubledWord {
  /** The two words and the white space between them. */
  readonly 0: string;
  /** The first of the two words. */
  readonly 1: string;
  /** Where [0] starts in the text. */
  readonly index: number;
}

/** An ASCII letter: `[A-Za-z]`, with or without the `i` flag (no `u`: no other character folds to one). */
function isLetter(c: number): boolean {
  const lower = c | 32;
  return lower >= 97 && lower <= 122;
}

/** `\w` without the `u` flag, which is what `\b` looks at: `[A-Za-z0-9_]`. */
function isWordChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Every match of `/\b([A-Za-z]+)(\s+)\1\b/gi` in the text, in order, found with one pass over the
 * char codes instead of a backreference tried at every word (a doubled-word.test.ts property test
 * compares the two on every code unit, random texts and the specs).
 *
 * Why this is the same: `\b` then a letter means a letter not preceded by `[A-Za-z0-9_]`. From there
 * `[A-Za-z]+` can only end at the end of the letter run (a shorter run is followed by a letter, not
 * `\s`), and `\s+` only at the end of the white-space run (else `\1` meets white space). So a word
 * matches iff its letter run is followed by white space, then the same letters (ASCII case folded,
 * as `\1` under `i`), then no `\w`. If it does not, the next place `\b[A-Za-z]` can hold is the next
 * word; if it does, the search resumes after the match (a third "the" is not paired with the second).
 */
export function scanDoubledWords(text: string): DoubledWord[] {
  const found: DoubledWord[] = [];
  const n = text.length;
  let i = 0;
  // Whether text[i - 1] is a word character, i.e. whether a letter at i is inside a word.
  let inWord = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isLetter(c)) {
      inWord = isWordChar(c);
      i++;
      continue;
    }
    if (inWord) {
      i++;
      continue;
    }
    const start = i;
    do i++;
    while (i < n && isLetter(text.charCodeAt(i)));
    const len = i - start;
    if (i === n) break;
    if (!isJsSpace(text.charCodeAt(i))) continue; // re-read text[i] at the top of the loop
    do i++;
    while (i < n && isJsSpace(text.charCodeAt(i)));
    // i is the start of the would-be second word; the loop goes on from here unless it matches.
    const second = i;
    const end = second + len;
    if (end > n || (end < n && isWordChar(text.charCodeAt(end)))) continue;
    let k = 0;
    for (; k < len; k++) {
      const a = text.charCodeAt(start + k);
      const b = text.charCodeAt(second + k);
      // a is a letter, so equal under `| 32` means b is the same letter in either case.
      if (a !== b && (a | 32) !== (b | 32)) break;
    }
    if (k < len) continue;
    found.push({ 0: text.slice(start, end), 1: text.slice(start, start + len), index: start });
    i = end; // text[end] is not a word character (or the end): the top of the loop reads it
  }
  return found;
}

// Byte classes for the prefilter below: 1 an ASCII letter, 2 a digit or `_` (the rest of `\w`), 4 an
// ASCII `\s` or any byte of a non-ASCII character (which might be a `\s` such as U+00A0), 0 the rest.
const BYTE_CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) BYTE_CLASS[c] = c >= 128 || isJsSpace(c) ? 4 : isLetter(c) ? 1 : isWordChar(c) ? 2 : 0;
const encoder = new TextEncoder();
let bytes = new Uint8Array(1 << 16);

/**
 * False when the text certainly has no doubled word; true when it may have one. The test of
 * scanDoubledWords, run on the UTF-8 bytes (encodeInto is native and loops over a Uint8Array are
 * faster than charCodeAt), but with every non-ASCII character taken as possible white space: so it
 * can say yes wrongly (then scanDoubledWords decides), never no wrongly. A non-ASCII character is
 * never `\w`, and in UTF-8 all its bytes are >= 128, so `\b` reads the same on bytes as on chars.
 */
export function mayHaveDoubledWord(text: string): boolean {
  if (bytes.length < text.length * 3) bytes = new Uint8Array(text.length * 3);
  const b = bytes;
  const n = encoder.encodeInto(text, b).written;
  let i = 0;
  while (i < n) {
    let k = BYTE_CLASS[b[i]!]!;
    if (k !== 1) {
      i++;
      // After a digit or `_`, letters are inside a word: skip to its end.
      if (k === 2) while (i < n && BYTE_CLASS[b[i]!]! & 3) i++;
      continue;
    }
    const start = i;
    while (++i < n && (k = BYTE_CLASS[b[i]!]!) === 1);
    if (i === n) return false;
    if (k !== 4) {
      if (k === 2) while (i < n && BYTE_CLASS[b[i]!]! & 3) i++;
      continue;
    }
    const len = i - start;
    while (++i < n && BYTE_CLASS[b[i]!]! === 4);
    // i starts the next word (or is not a letter, then the loop goes on from it all the same).
    const end = i + len;
    if (end > n || (end < n && BYTE_CLASS[b[end]!]! & 3)) continue;
    let j = 0;
    while (j < len && (b[start + j]! | 32) === (b[i + j]! | 32)) j++;
    if (j === len) return true;
  }
  return false;
}

const NONE: readonly DoubledWord[] = Object.freeze([]);

/** The doubled words of a text, without the doubles that are good English. */
export function doubledWords(text: string): readonly DoubledWord[] {
  // No memo (there was one for the regex): a scan costs about what hashing the text for a Map did.
  // The prefilter pays ~0.25 µs to call encodeInto: below ~64 chars, scanning outright is cheaper.
  if (text.length >= 64 && !mayHaveDoubledWord(text)) return NONE;
  const found = scanDoubledWords(text);
  return found.length === 0 ? NONE : found.filter((m) => !LEGIT.has(m[1].toLowerCase()));
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
      if (found.length === 0) continue;
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
                  edits: [{ span: { start: span.start + hit[1].length, end: span.end }, newText: '' }],
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
