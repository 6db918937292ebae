/**
 * Where in the YAML a position is.
 *
 * - {@link nodeAt}: from the parsed document (exact; used by hover, code actions): the data path of
 *   the deepest node at an offset, and whether the offset is on a key or a value.
 * - {@link completionContext}: from the text alone, line by line (robust while the author is in
 *   the middle of typing and the YAML does not parse): which mapping or sequence the cursor is in,
 *   and whether a key, a value or a list item is being typed.
 */
import { isMap, isPair, isScalar, isSeq, type Node as YNode } from 'yaml';
import type { ParsedFile, Path } from '../core/index.js';
import type { Span } from '../core/text/line-index.js';
import { lineKey } from '../core/parse/keys.js';

export type PathSeg = string | number;

export interface NodeHit {
  /** Data path of the node; for a key, the path of the entry it names. */
  path: PathSeg[];
  part: 'key' | 'value';
  /** Source span of the key or value. */
  span: Span;
  /** The scalar's value, when the node is a scalar. */
  scalar?: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function rangeOf(node: unknown, base: number): Span | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? { start: r[0] + base, end: r[1] + base } : undefined;
}

const within = (s: Span | undefined, o: number): boolean => s !== undefined && o >= s.start && o <= s.end;

function keyText(k: unknown): string {
  if (isScalar(k)) return String(k.value);
  return k === null || k === undefined ? '' : String(k);
}

function descend(node: YNode | null, base: number, path: PathSeg[], offset: number): NodeHit | undefined {
  const own = rangeOf(node, base);
  if (isMap(node)) {
    let before: { key: string; ks: Span; vs: Span | undefined } | undefined;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = keyText(pair.key);
      const ks = rangeOf(pair.key, base);
      if (ks && within(ks, offset)) return { path: [...path, key], part: 'key', span: ks };
      const vs = rangeOf(pair.value, base);
      if (vs && within(vs, offset)) return descend(pair.value as YNode, base, [...path, key], offset);
      if (ks && ks.start <= offset) before = { key, ks, vs };
    }
    // Between a key and its value (on ': '), or after a key with no value: that entry's value.
    if (before && (!before.vs || offset < before.vs.start))
      return { path: [...path, before.key], part: 'value', span: before.vs ?? { start: before.ks.end, end: before.ks.end } };
    return own ? { path, part: 'value', span: own } : undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const it = node.items[i] as YNode;
      if (within(rangeOf(it, base), offset)) return descend(it, base, [...path, i], offset);
    }
    return own ? { path, part: 'value', span: own } : undefined;
  }
  if (isScalar(node)) return own ? { path, part: 'value', span: own, scalar: node.value } : undefined;
  return own ? { path, part: 'value', span: own } : undefined;
}

/** The deepest node at `offset` in a parsed spec file. */
export function nodeAt(parsed: ParsedFile, offset: number): NodeHit | undefined {
  const root = parsed.nodeAt([]);
  if (root?.node) return descend(root.node, root.offset, [], offset);
  const data = parsed.data;
  if (!isObj(data)) return undefined;
  for (const key of Object.keys(data)) {
    const ks = parsed.locate([key], 'key');
    if (within(ks, offset)) return { path: [key], part: 'key', span: ks };
    const whole = parsed.locate([key], 'entry');
    if (!within(whole, offset)) continue;
    const v = data[key];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const n = parsed.nodeAt([key, i]);
        if (n?.node && within(rangeOf(n.node, n.offset), offset)) return descend(n.node, n.offset, [key, i], offset);
      }
      return { path: [key], part: 'value', span: whole };
    }
    const n = parsed.nodeAt([key]);
    if (n?.node && within(rangeOf(n.node, n.offset), offset)) return descend(n.node, n.offset, [key], offset);
    return { path: [key], part: 'value', span: whole };
  }
  return undefined;
}

/** Path helpers: `matches(path, ['qualifications', '#', 'rules', '#'])` ('#' = any index, '*' = anything). */
export function matches(path: Path, pattern: readonly PathSeg[]): boolean {
  if (path.length !== pattern.length) return false;
  return pattern.every((p, i) => p === '*' || (p === '#' ? typeof path[i] === 'number' : p === path[i]));
}

export function startsWith(path: Path, pattern: readonly PathSeg[]): boolean {
  return path.length >= pattern.length && matches(path.slice(0, pattern.length), pattern);
}

// ------------------------------------------------------------------ text-based context

interface LineInfo {
  /** Offset of the line's first character. */
  start: number;
  text: string;
  indent: number;
  blank: boolean;
  /** Columns of the `- ` sequence indicators at the start of the line. */
  dashes: number[];
  /** A `key:` after the dashes. */
  key?: { col: number; name: string; rest: string; valueCol: number };
  /** Column where the content after the dashes starts. */
  contentCol: number;
}

/** A double-quoted key's escapes, decoded as JSON reads them (near enough for completion and hover). */
function decodeEscaped(k: string): string {
  try {
    return JSON.parse(`"${k}"`) as string;
  } catch {
    return k;
  }
}

function stripComment(s: string): string {
  // A ' #' starts a comment outside quotes.
  let q: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '#' && (i === 0 || s[i - 1] === ' ' || s[i - 1] === '\t')) return s.slice(0, i).trimEnd();
  }
  return s.trimEnd();
}

export function lineInfo(text: string, start: number, end?: number): LineInfo {
  let e = end ?? text.indexOf('\n', start);
  if (e === -1) e = text.length;
  let t = text.slice(start, e);
  if (t.endsWith('\r')) t = t.slice(0, -1);
  let i = 0;
  while (i < t.length && t[i] === ' ') i++;
  const indent = i;
  const blank = i === t.length || t[i] === '#';
  const dashes: number[] = [];
  while (t[i] === '-' && (i + 1 === t.length || t[i + 1] === ' ')) {
    dashes.push(i);
    i++;
    while (t[i] === ' ') i++;
  }
  const info: LineInfo = { start, text: t, indent, blank: blank && dashes.length === 0, dashes, contentCol: i };
  const k = lineKey(t.slice(i));
  if (k) info.key = { col: i, name: k.escaped ? decodeEscaped(k.name) : k.name, rest: stripComment(t.slice(i + k.valueStart)), valueCol: i + k.valueStart };
  return info;
}

/** Iterates the lines above `lineStart`, nearest first. */
function* linesAbove(text: string, lineStart: number): Generator<LineInfo> {
  let end = lineStart - 1; // the '\n' ending the previous line
  while (end >= 0) {
    const s = text.lastIndexOf('\n', end - 1) + 1;
    yield lineInfo(text, s, end);
    end = s - 1;
  }
}

/** The start offset of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export interface CompletionContext {
  /**
   * - key: a key of the mapping at `path` is being typed (or the cursor is where one may start);
   * - value: the value of `key` in the mapping at `path`;
   * - item: a scalar item of the sequence at `path` (after `- `, or inside `[ … ]`).
   */
  kind: 'key' | 'value' | 'item';
  path: PathSeg[];
  key?: string;
  /** The text typed so far, and the span a completion replaces. */
  prefix: string;
  replace: Span;
  /** Column where the key (kind key) starts. */
  column: number;
  /** kind key: the position is right after a fresh `- ` (the first key of a new list item). */
  freshItem: boolean;
  /** kind key: the line is blank up to the cursor at a column where sibling list items start (`- `). */
  atItemColumn: boolean;
  /** The rest of the line after the word ends (to avoid inserting a second ': '). */
  after: string;
}

const WORD = /[A-Za-z0-9_.$/-]/;

/**
 * Counts the list items above the item whose dash is at `dashCol` (scanning `lines`, nearest first)
 * and finds the line that owns the sequence: a key at `dashCol` or a line indented less.
 */
function seqIndexAndOwner(lines: Generator<LineInfo>, dashCol: number): { index: number; owner?: LineInfo } {
  let index = 0;
  for (const l of lines) {
    if (l.blank) continue;
    if (l.indent > dashCol) continue;
    if (l.indent === dashCol && l.dashes[0] === dashCol) {
      index++;
      continue;
    }
    return { index, owner: l };
  }
  return { index };
}

/**
 * The data path of the collection holding a node that starts at column `col` of line `own`: ascends
 * through the lines above (indentation, `- ` items, `key:` lines). undefined when the position is
 * inside a scalar (block scalar, multi-line string) or the structure cannot be read.
 */
export function containerPath(text: string, own: LineInfo, col: number): PathSeg[] | undefined {
  const rev: PathSeg[] = [];
  let line: LineInfo = own;
  let isOwn = true;
  let target = col;
  let lastWasDash = false;
  let above = linesAbove(text, own.start);
  for (let guard = 0; guard < 100000; guard++) {
    const starts: { col: number; kind: 'dash' | 'key' }[] = line.dashes.filter((d) => d < target).map((d) => ({ col: d, kind: 'dash' as const }));
    if (!isOwn && line.key && (line.key.col < target || (lastWasDash && line.key.col === target))) starts.push({ col: line.key.col, kind: 'key' });
    starts.sort((a, b) => b.col - a.col);
    let jumped = false;
    for (const s of starts) {
      if (s.kind === 'key') {
        // A key whose value is not on the following lines holds a scalar (or a flow collection).
        if (line.key!.rest !== '') return undefined;
        rev.push(line.key!.name);
        target = s.col;
        lastWasDash = false;
        if (target === 0) return rev.reverse();
      } else {
        // An item whose content is a scalar on this line, and the node is below it: inside the scalar.
        if (!isOwn && s.col === line.dashes[line.dashes.length - 1] && !line.key && line.contentCol < line.text.length) return undefined;
        const { index, owner } = seqIndexAndOwner(linesAbove(text, line.start), s.col);
        rev.push(index);
        target = s.col;
        lastWasDash = true;
        if (!owner) return rev.reverse();
        line = owner;
        isOwn = false;
        above = linesAbove(text, owner.start);
        jumped = true;
        break;
      }
    }
    if (jumped) continue;
    let next: LineInfo | undefined;
    for (const l of above) {
      if (l.blank) continue;
      if (l.indent < target || (lastWasDash && l.indent === target && l.dashes[0] !== target && l.key)) {
        next = l;
        break;
      }
      // Text at our column that is neither a key nor an item: a multi-line scalar.
      if (!lastWasDash && target > 0 && l.indent === target && !l.key && l.dashes.length === 0) return undefined;
    }
    if (!next) return rev.reverse();
    line = next;
    isOwn = false;
    above = linesAbove(text, next.start);
  }
  return undefined;
}

/** Where the cursor is, for completion. undefined inside comments, scalars and unreadable structure. */
export function completionContext(text: string, offset: number): CompletionContext | undefined {
  const ls = lineStartOf(text, offset);
  const own = lineInfo(text, ls);
  const col = offset - ls;
  const before = own.text.slice(0, col);
  if (/(^|\s)#/.test(stripQuoted(before))) return undefined;
  if (before.endsWith(':')) return undefined;
  // The word at the cursor.
  let ws = col;
  while (ws > 0 && WORD.test(own.text[ws - 1]!)) ws--;
  let we = col;
  while (we < own.text.length && WORD.test(own.text[we]!)) we++;
  const prefix = own.text.slice(ws, col);
  const replace = { start: ls + ws, end: ls + we };
  const after = own.text.slice(we);
  const base = { prefix, replace, freshItem: false, atItemColumn: false, after };

  // Inside a flow sequence on this line: `key: [a, b, |`
  if (own.key && col >= own.key.valueCol && /^\[[^\]]*$/.test(before.slice(own.key.valueCol))) {
    const path = containerPath(text, own, own.key.col);
    return path && { ...base, kind: 'item', path: [...path, own.key.name], column: own.key.col };
  }
  // A value after `key: `
  if (own.key && ws >= own.key.valueCol) {
    const valueText = before.slice(own.key.valueCol);
    if (/^[|>[{"']/.test(valueText) || ws !== own.key.valueCol) return undefined;
    const path = containerPath(text, own, own.key.col);
    return path && { ...base, kind: 'value', path, key: own.key.name, column: own.key.col };
  }
  // A key (or a list item's scalar) being typed: only spaces and dashes before the word.
  if (/^[ -]*$/.test(before.slice(0, ws)) && (own.dashes.length === 0 || ws >= own.contentCol)) {
    const column = ws;
    const freshItem = own.dashes.length > 0;
    const path = containerPath(text, own, column);
    if (!path) return undefined;
    let atItemColumn = false;
    if (!freshItem) {
      // Blank up to the cursor: is this the column where a list's items start?
      for (const l of linesAbove(text, ls)) {
        if (l.blank) continue;
        if (l.indent === column && l.dashes[0] === column) atItemColumn = true;
        if (l.indent <= column) break;
      }
    }
    return { ...base, kind: 'key', path, column, freshItem, atItemColumn };
  }
  return undefined;
}

function stripQuoted(s: string): string {
  return s.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, (m) => ' '.repeat(m.length));
}
