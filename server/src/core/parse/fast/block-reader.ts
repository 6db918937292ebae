/**
 * A reader of the plain block style of YAML that spec files are written in: block mappings and
 * sequences, one-line plain and quoted scalars, block scalars (`|`, `>`), one-line flow sequences of
 * scalars and `{}`. It works on offsets into the text, finds a line's indentation only when it needs
 * it, and skips a value it is not asked for by indentation alone.
 *
 * Anything else (anchors, aliases, tags, tabs, flow mappings, multi-line plain or quoted scalars,
 * duplicate keys, document markers, an unexpected indentation) makes it give up (GiveUp): the caller
 * then uses a full parser. What it does read, it reads as `yaml` does (the YAML 1.2 core schema,
 * ../scalar.ts; keys as yaml-data.ts writes them, ../keys.ts). Its scalar lexing is in scalars.ts, the
 * spans it records in span-tree.ts, and readData (all of a chunk's data) in fast-data.ts.
 *
 * Two users: the workspace summary (core/workspace/fast-summary.ts) asks for a few keys and records
 * where their values are; the CLI's fast path (fast-data.ts) asks for all of a chunk's data.
 */
import { lfLineStarts, type Span } from '../../text/line-index.js';
import type { Path } from '../types.js';
import { coreScalar, mayNotBeText } from '../scalar.js';
import { isWordChar, KEY, keyAt, plainKeyAt, type KeyTable } from '../keys.js';
import { findDoubleEnd, findSingleEnd, fold, giveUp, readFlowSeq, unquoteDouble } from './scalars.js';
import { setKey as setOwn } from '../yaml-data.js';
import { SpanTree } from './span-tree.js';

/** What is wanted at a path: a collection to read, a scalar, anything, or nothing (skipped). */
export type Want = 'node' | 'scalar' | 'any' | false;

const isBlank = (c: number): boolean => c === 32 || c === 9;

/** `^\s*(#.*)?$`: nothing but spaces and a comment. */
const EMPTY_REST = /^\s*(#.*)?$/;

/** `Reader.ind` for a line not looked at yet. */
const UNKNOWN = -3;
/** `Reader.ind` for a blank or comment-only line. */
const BLANK = -1;
/** `Reader.ind` for a line whose first character after the spaces is a tab (the reader gives up on reaching it). */
const TAB = -2;

/**
 * The reader works on offsets into the text rather than on the text of each line: a line is only cut
 * out of the text (or matched with a regex) when its value is needed or it is unusual. A line's
 * indentation is found when the reader first needs it, and kept; skipping a block looks at no more of
 * a line than its first columns.
 */
/** Items of a top-level sequence read by another parser, for the reader to take as they are. */
export interface ReadItems {
  /** The top-level key of the sequence. */
  key: string;
  items: readonly unknown[];
  /** The line after the items. */
  endLine: number;
}

export interface ReaderOptions {
  /** What to read at a path (default: everything). Unwanted values are skipped by indentation. */
  want?: (path: readonly (string | number)[]) => Want;
  /** Keys to hand out as these strings rather than slices of the text. */
  keys?: KeyTable;
  /** Record each value's span (`spans`, `flat`). */
  spans?: boolean;
  /**
   * A repeated key of the root mapping: kept first (the value after it skipped), as the chunked
   * parse does, or a reason to give up, as everywhere else.
   */
  rootDuplicates?: 'first' | 'give-up';
  /** Items of top-level sequences already read, by the offset of their first line. */
  items?: ReadonlyMap<number, ReadItems>;
}

const wantAll = (): Want => 'any';
const NO_KEYS: KeyTable = [];

export class Reader {
  readonly spans = new SpanTree();
  /** The spans by `path.join('\0')` as well, when a key may hold a NUL: then the tree could tell apart paths whose joins are equal. */
  readonly flat: Map<string, Span> | undefined;
  /** Where each line starts (after the last line break: the text's length, an empty last line). */
  readonly ls: Int32Array;
  /** Each line's indentation, BLANK or TAB, once found; else UNKNOWN. */
  private readonly ind: Int32Array;
  /** No tab in the text: no line can make the reader give up for one, so `skip` need not find where a deep line's spaces end. */
  private readonly noTabs: boolean;
  /** The line being read (for fastSummaryObstacle). */
  line = 0;
  /** Set by mapping, sequence and node: the first line after what they read. */
  after = 0;
  private readonly n: number;
  /** Set by matchKey: the key's text (with its quotes) is [kStart, kEnd); the key, colon and spaces after it are mLen long. */
  private kStart = 0;
  private kEnd = 0;
  private mLen = 0;
  private readonly want: (path: readonly (string | number)[]) => Want;
  private readonly keys: KeyTable;
  private readonly recording: boolean;
  private readonly keepFirst: boolean;
  private readonly items: ReadonlyMap<number, ReadItems> | undefined;
  /** Items taken from `options.items`: by top-level key, then index, the offset they were given under and their index there. */
  readonly takenItems = new Map<string, Map<number, { from: number; i: number }>>();
  constructor(
    readonly text: string,
    options: ReaderOptions = {},
  ) {
    const ls = lfLineStarts(text);
    this.ls = ls;
    this.n = ls.length;
    this.ind = new Int32Array(this.n).fill(UNKNOWN);
    this.noTabs = text.indexOf('\t') === -1;
    this.want = options.want ?? wantAll;
    this.keys = options.keys ?? NO_KEYS;
    this.recording = options.spans ?? false;
    this.keepFirst = (options.rootDuplicates ?? 'give-up') === 'first';
    this.items = options.items;
    // Only a double-quoted key can hold a NUL without one in the text, written as \u0000.
    this.flat = this.recording && (text.indexOf('\0') !== -1 || text.indexOf('\\u0000') !== -1) ? new Map() : undefined;
  }

  /** End of line L's text (before '\n' / '\r\n'). */
  private lineEnd(L: number): number {
    let e = L + 1 < this.n ? this.ls[L + 1]! - 1 : this.text.length;
    if (e > this.ls[L]! && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  /** What `ind` holds for a line starting at s whose first character other than a space is at p. */
  private classify(s: number, p: number): number {
    const t = this.text;
    const c = t.charCodeAt(p);
    // Blank: the spaces run to the end of the line (its '\n', the text's end, or a '\r' just before either).
    if (p >= t.length || c === 10 || c === 35 || (c === 13 && (p + 1 === t.length || t.charCodeAt(p + 1) === 10))) return BLANK;
    return c === 9 ? TAB : p - s;
  }

  /** Line L's `ind`, found now if not yet. */
  private indOf(L: number): number {
    let v = this.ind[L]!;
    if (v === UNKNOWN) {
      const t = this.text;
      const s = this.ls[L]!;
      let p = s;
      while (t.charCodeAt(p) === 32) p++;
      this.ind[L] = v = this.classify(s, p);
    }
    return v;
  }

  /** Indentation of line L, or -1 for a blank or comment-only line. */
  indent(L: number): number {
    const v = this.indOf(L);
    if (v === TAB) giveUp('tab');
    return v;
  }

  /** The first line from L on with content, or n. */
  next(L: number): number {
    const n = this.n;
    for (; L < n; L++) {
      const v = this.indOf(L);
      if (v >= 0) return L;
      if (v === TAB) giveUp('tab');
    }
    return L;
  }

  private isDash(L: number, col: number): boolean {
    const p = this.ls[L]! + col;
    const t = this.text;
    if (t.charCodeAt(p) !== 45) return false;
    const c = t.charCodeAt(p + 1);
    return p + 1 >= this.lineEnd(L) || c === 32;
  }

  /** Skip the lines of a value nested under column `col` (deeper lines; and `- ` items at `col` when `compact`). */
  private skip(L: number, col: number, compact: boolean): number {
    const t = this.text;
    const n = this.n;
    for (; L < n; L++) {
      let v = this.ind[L]!;
      if (v === UNKNOWN) {
        const s = this.ls[L]!;
        let p = s;
        if (this.noTabs) {
          // A line whose first col + 1 characters are spaces is deeper than col, blank or a comment:
          // part of the value either way, whatever follows.
          const q = s + col;
          while (p <= q && t.charCodeAt(p) === 32) p++;
          if (p > q) continue;
        } else while (t.charCodeAt(p) === 32) p++;
        this.ind[L] = v = this.classify(s, p);
      }
      if (v < 0) {
        if (v === TAB) giveUp('tab');
        continue;
      }
      if (v > col) continue;
      if (compact && v === col && this.isDash(L, col)) continue;
      return L;
    }
    return n;
  }

  /**
   * Whether [p, end) of a line starts with a key (the KEY regex): if so, sets kStart, kEnd and mLen.
   * Plain keys of letters and digits (nearly all of them) are matched by hand, and a line without a
   * colon cannot hold a key; anything else goes through the regex.
   */
  private matchKey(p: number, end: number): boolean {
    const t = this.text;
    let j = p;
    while (j < end && isWordChar(t.charCodeAt(j))) j++;
    if (j > p && j < end && t.charCodeAt(j) === 58) {
      // The shortest key followed by `[ ]*:( +|$)` is the regex's (lazy) match: it ends at this colon.
      let v = j + 1;
      if (v === end || t.charCodeAt(v) === 32) {
        while (v < end && t.charCodeAt(v) === 32) v++;
        this.kStart = p;
        this.kEnd = j;
        this.mLen = v - p;
        return true;
      }
    }
    let colon = false;
    for (let i = j; i < end; i++)
      if (t.charCodeAt(i) === 58) {
        colon = true;
        break;
      }
    if (!colon) return false;
    const c0 = t.charCodeAt(p);
    if (c0 === 34 || c0 === 39) {
      // Quoted keys: the regex (whose quoted branches cannot backtrack).
      const m = KEY.exec(t.slice(p, end));
      if (!m) return false;
      this.kStart = p;
      this.kEnd = p + m[1]!.length;
      this.mLen = m[0].length;
      return true;
    }
    return this.plainKey(p, end);
  }

  /**
   * A plain key (at [s, e), without the spaces before its colon) as parse.ts writes keys: the string
   * of its core-schema value (`1.0:` is the key "1", `~:` is "null"), less trailing tabs.
   */
  private keyText(s: number, e: number): string {
    const t = this.text;
    while (e > s && t.charCodeAt(e - 1) === 9) e--;
    const k = keyAt(this.keys, t, s, e);
    return mayNotBeText(k.charCodeAt(0)) ? String(coreScalar(k)) : k;
  }

  private plainKey(p: number, end: number): boolean {
    const m = plainKeyAt(this.text, p, end);
    if (!m) return false;
    this.kStart = p;
    this.kEnd = m.keyEnd;
    this.mLen = m.matchEnd - p;
    return true;
  }

  /** Whether [from, end) is only spaces and a comment (EMPTY_REST), without cutting it out when its first character decides. */
  private emptyRest(from: number, end: number): boolean {
    if (from >= end) return true;
    const c = this.text.charCodeAt(from);
    // A printable ASCII character other than '#' is neither whitespace nor a comment.
    if (c > 32 && c < 127 && c !== 35) return false;
    return EMPTY_REST.test(this.text.slice(from, end));
  }

  /** Record the span of the value at `path`, whose tree node is `node`. */
  private record(path: Path, node: SpanTree, start: number, end: number): void {
    if (!this.recording) return;
    const span = { start, end };
    node.span = span;
    this.flat?.set(path.join('\u0000'), span);
  }

  /** The span tree node of a mapping entry / sequence item (the root itself when not recording: nothing is kept). */
  private entryOf(node: SpanTree, k: string): SpanTree {
    return this.recording ? node.entry(k) : node;
  }

  private itemOf(node: SpanTree, i: number): SpanTree {
    return this.recording ? node.item(i) : node;
  }

  /** The scalar (or flow sequence) written inline at [start, end) of a line; records spans. */
  private inline(start: number, end: number, path: (string | number)[], node: SpanTree, L: number, col: number): unknown {
    this.line = L;
    const t = this.text;
    let s = start;
    while (s < end && t.charCodeAt(s) === 32) s++;
    const c = t[s];
    if (c === '"' || c === "'") {
      const close = c === '"' ? findDoubleEnd(t, s, end) : findSingleEnd(t, s, end);
      if (close < 0) giveUp('multi-line quoted');
      const raw = t.slice(s, close + 1);
      this.expectLineRest(close + 1, end);
      this.record(path, node, s, close + 1);
      this.noContinuation(L, col);
      return c === '"' ? unquoteDouble(raw) : raw.slice(1, -1).replace(/''/g, "'");
    }
    if (c === '[') return this.flowSeq(s, end, path, node, L, col);
    if (c === '{') {
      if (/^\{\s*\}\s*(#.*)?$/.test(t.slice(s, end))) {
        this.record(path, node, s, t.indexOf('}', s) + 1);
        return {};
      }
      return giveUp('flow mapping');
    }
    if (c === '|' || c === '>') return this.blockScalar(s, end, path, node, L, col);
    if (c === '&' || c === '*' || c === '!' || c === '%' || c === '@' || c === '`') return giveUp('anchor, alias or tag');
    // Other indicators cannot start a plain scalar either (`group: }r` is a syntax error).
    if (c === ']' || c === '}' || c === ',') return giveUp('indicator as a value');
    // `-`, `?` or `:` then a space or the line end is an indicator, not the start of a plain scalar
    // (`title: -` is a syntax error, which only the full parse reports).
    if ((c === '-' || c === '?' || c === ':') && (s + 1 === end || t.charCodeAt(s + 1) === 32)) return giveUp('indicator as a value');
    // Plain: up to ' #' or the end of the line. (Searched for in a slice of the line: a search of the
    // text could run on through the rest of the file.)
    const line = t.slice(s, end);
    const hash = line.indexOf(' #');
    let e = hash >= 0 ? s + hash + 1 : end;
    while (e > s && isBlank(t.charCodeAt(e - 1))) e--;
    const v = e === end ? line : t.slice(s, e);
    if (v.includes(': ') || v.endsWith(':')) giveUp('mapping in a value');
    this.record(path, node, s, e);
    this.noContinuation(L, col);
    return coreScalar(v);
  }

  /** A block scalar (`|` or `>`, clipped or stripped: `-`) whose header is at `s` on line L. */
  private blockScalar(s: number, end: number, path: (string | number)[], node: SpanTree, L: number, col: number): string {
    const t = this.text;
    const header = /^([|>])([-+]?)([1-9]?)([-+]?)[ ]*(#.*)?$/.exec(t.slice(s, end));
    if (!header) return giveUp('block scalar header');
    const folded = header[1] === '>';
    // Keep chomping and indentation indicators are rare in specs, and where `yaml` counts the lines
    // they concern differs in details: the full parser reads them.
    if (header[2] && header[4]) giveUp('block scalar header');
    const chomp = header[2] || header[4];
    if (chomp === '+' || header[3]) giveUp('block scalar indicator');
    // Content lines: every following line that is blank or indented more than the parent.
    const lines: string[] = [];
    let M = L + 1;
    let lastContent = -1;
    let indent = 0;
    let blankMax = 0;
    for (; M < this.n; M++) {
      const ls = this.ls[M]!;
      if (ls >= t.length) break; // the empty "line" after a final newline
      const le = this.lineEnd(M);
      let i = ls;
      while (i < le && t.charCodeAt(i) === 32) i++;
      const ind = i - ls;
      if (i === le) {
        // A blank line longer than the indentation keeps its extra spaces in `yaml` (and before the
        // first content line is an error there): the full parser reads those.
        if (ind > blankMax) blankMax = ind;
        lines.push('');
        continue;
      }
      if (!indent) {
        if (ind <= col) break;
        indent = ind;
      }
      if (ind < indent) {
        if (ind > col) giveUp('block scalar indentation');
        break;
      }
      if (t.charCodeAt(i) === 9) giveUp('tab in block scalar');
      lines.push(t.slice(ls + indent, le));
      lastContent = lines.length - 1;
    }
    if (lastContent >= 0 && blankMax > indent) giveUp('blank line in a block scalar');
    // Trailing blank lines would belong to the scalar only for keep chomping.
    const body = lines.slice(0, lastContent + 1);
    let value = folded ? fold(body) : body.join('\n');
    if (body.length === 0) value = '';
    else if (chomp !== '-') value += '\n';
    const endLine = L + 1 + lastContent + 1;
    const endOff = lastContent >= 0 ? (endLine < this.n ? this.ls[endLine]! : t.length) : end;
    this.record(path, node, s, endOff);
    this.blockEnd = endLine;
    return value;
  }

  /** Set by blockScalar: the first line after the scalar's content. */
  private blockEnd = -1;

  private expectLineRest(from: number, end: number): void {
    if (from >= end) return; // nothing after the scalar (the usual case)
    const rest = this.text.slice(from, end);
    if (!/^\s*(#.*)?$/.test(rest) || (rest.includes('#') && !/^\s+#/.test(rest))) giveUp('text after a quoted scalar');
  }

  /** A scalar's next line must not continue it (a multi-line plain or quoted scalar). */
  private noContinuation(L: number, col: number): void {
    const M = this.next(L + 1);
    if (M < this.n && this.indent(M) > col) giveUp('multi-line scalar');
  }

  private flowSeq(s: number, end: number, path: (string | number)[], node: SpanTree, L: number, col: number): unknown[] {
    const { items, end: i } = readFlowSeq(this.text, s, end, (k, a, e) => this.record([...path, k], this.itemOf(node, k), a, e));
    this.expectLineRest(i, end);
    this.record(path, node, s, i);
    this.noContinuation(L, col);
    return items;
  }

  /**
   * A block mapping whose keys are at `col`, the first of them on line L at `col` (possibly after a
   * `- ` on that line). Returns the mapping; `after` is the first line after it.
   */
  mapping(L: number, col: number, path: (string | number)[], node: SpanTree, root = false): Record<string, unknown> {
    const t = this.text;
    const obj: Record<string, unknown> = {};
    let first = true;
    for (;;) {
      if (!first) {
        L = this.next(L);
        if (L >= this.n) break;
        const ind = this.indent(L);
        if (ind < col) break;
        if (ind > col) giveUp('unexpected indentation');
        if (this.isDash(L, col)) break;
      }
      first = false;
      this.line = L;
      const p = this.ls[L]! + col;
      const end = this.lineEnd(L);
      // ('-', '.' and '%' are not line breaks, so these cannot run past the line's end.)
      if (root && (t.startsWith('---', p) || t.startsWith('...', p) || t.charCodeAt(p) === 37)) giveUp('document marker');
      if (!this.matchKey(p, end)) giveUp('not a key');
      const ks = this.kStart;
      const ke = this.kEnd;
      const c0 = t.charCodeAt(ks);
      let k: string;
      if (c0 === 34) k = unquoteDouble(t.slice(ks, ke));
      else if (c0 === 39) k = t.slice(ks + 1, ke - 1).replace(/''/g, "'");
      // A plain key must not start with & * ! | > % @ ` { [
      else if (c0 === 38 || c0 === 42 || c0 === 33 || c0 === 124 || c0 === 62 || c0 === 37 || c0 === 64 || c0 === 96 || c0 === 123 || c0 === 91)
        return giveUp('key');
      else k = this.keyText(ks, ke);
      const valueStart = p + this.mLen;
      const emptyInline = this.emptyRest(valueStart, end);
      // `path` is the reader's one path stack: the key's path while its value is read.
      path.push(k);
      const w = this.want(path);
      if (!w && !root) {
        // Below the root only wanted keys are kept, so an unwanted one cannot be a duplicate.
        path.pop();
        L = this.skip(L + 1, col, emptyInline);
        continue;
      }
      if (Object.prototype.hasOwnProperty.call(obj, k)) {
        if (!root || !this.keepFirst) giveUp('duplicate key');
        // The chunked parser keeps the first of two top-level entries: skip the later one.
        path.pop();
        L = this.skip(L + 1, col, emptyInline);
        continue;
      }
      if (!w) {
        path.pop();
        L = this.skip(L + 1, col, emptyInline);
        obj[k] = null;
        continue;
      }
      const kid = this.entryOf(node, k);
      if (!emptyInline) {
        this.blockEnd = -1;
        obj[k] = this.inline(valueStart, end, path, kid, L, col);
        L = this.blockEnd >= 0 ? this.blockEnd : L + 1;
        path.pop();
        continue;
      }
      const M = this.next(L + 1);
      if (M < this.n && this.indent(M) > col) {
        setOwn(obj, k, this.node(M, this.indent(M), path, kid));
        L = this.after;
      } else if (M < this.n && this.indent(M) === col && this.isDash(M, col)) {
        obj[k] = this.sequence(M, col, path, kid);
        L = this.after;
      } else {
        obj[k] = null;
        this.record(path, kid, end, end);
        L = L + 1;
      }
      path.pop();
    }
    this.after = L;
    return obj;
  }

  /** A block node (mapping or sequence) starting on line L at column col. */
  node(L: number, col: number, path: (string | number)[], node: SpanTree, root = false): unknown {
    if (this.isDash(L, col)) return this.sequence(L, col, path, node);
    return this.mapping(L, col, path, node, root);
  }

  /** A block sequence whose `- ` are at column `col`, the first on line L. */
  sequence(L: number, col: number, path: (string | number)[], node: SpanTree): unknown[] {
    const t = this.text;
    const out: unknown[] = [];
    // What is wanted of an item depends on the path's shape, not on the index.
    path.push(0);
    const w = this.want(path);
    path.pop();
    for (;;) {
      L = this.next(L);
      if (L >= this.n) break;
      this.line = L;
      const ind = this.indent(L);
      if (ind < col) break;
      if (ind > col) giveUp('unexpected indentation in a list');
      if (!this.isDash(L, col)) break;
      const from = this.ls[L]!;
      const x = path.length === 1 ? this.items?.get(from) : undefined;
      if (x && x.key === path[0]) {
        let byIndex = this.takenItems.get(x.key);
        if (!byIndex) this.takenItems.set(x.key, (byIndex = new Map()));
        x.items.forEach((item, i) => {
          byIndex.set(out.length, { from, i });
          out.push(item);
        });
        L = x.endLine;
        continue;
      }
      if (!w) {
        out.push(null);
        L = this.skip(L + 1, col, false);
        continue;
      }
      const ls = this.ls[L]!;
      const end = this.lineEnd(L);
      let c = col + 1;
      while (ls + c < end && t.charCodeAt(ls + c) === 32) c++;
      const itemStart = ls + c;
      const i = out.length;
      path.push(i);
      if (itemStart >= end || t.charCodeAt(itemStart) === 35) {
        // The item's value is on the next lines.
        const M = this.next(L + 1);
        if (M < this.n && this.indent(M) > col) {
          out.push(this.node(M, this.indent(M), path, this.itemOf(node, i)));
          L = this.after;
        } else {
          out.push(null);
          L = L + 1;
        }
        path.pop();
        continue;
      }
      if (this.isDash(L, c)) giveUp('nested list on one line');
      // A mapping item: a key (not quoted, not a flow sequence), or a quoted key without quotes in it.
      const c0 = t.charCodeAt(itemStart);
      const isMapping = c0 === 34 || c0 === 39 || c0 === 91 ? /^["'][^"']*["']\s*:(\s|$)/.test(t.slice(itemStart, end)) : this.matchKey(itemStart, end);
      if (isMapping) {
        if (w === 'scalar') {
          out.push({});
          L = this.skip(L + 1, col, false);
          path.pop();
          continue;
        }
        const kid = this.itemOf(node, i);
        out.push(this.mapping(L, c, path, kid));
        L = this.after;
        this.record(path, kid, itemStart, this.itemEnd(L));
        path.pop();
        continue;
      }
      this.blockEnd = -1;
      out.push(this.inline(itemStart, end, path, this.itemOf(node, i), L, col));
      L = this.blockEnd >= 0 ? this.blockEnd : L + 1;
      path.pop();
    }
    this.after = L;
    return out;
  }

  /** Approximately where a mapping item ends: after the last content line before line `next`. */
  private itemEnd(next: number): number {
    let L = Math.min(next, this.n) - 1;
    while (L > 0 && this.indent(L) < 0) L--;
    return Math.min(this.text.length, L + 1 < this.n ? this.ls[L + 1]! : this.text.length);
  }
}
