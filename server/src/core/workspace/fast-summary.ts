/**
 * The workspace summary of a spec file without parsing all of it.
 *
 * Indexing a workspace needs only a file's summary (units with their identity and sizes, KSB
 * texts, qualifications, groups, and where unit refs and group ids are used), which is a small part
 * of a spec: learning outcomes, indicative content, assessor guidance and prose sections are most
 * of its bytes. This reader walks the lines of the text, reads the few keys the summary needs with a
 * small block-YAML reader, and skips everything else by indentation alone. The data it reads goes
 * through the core's own buildModel and summarise, with a locator built from the spans it recorded,
 * so the summary is the same as the full parse's.
 *
 * Anything outside the plain block style it understands (anchors, tabs, flow mappings, multi-line or
 * block scalars where a value is needed, duplicate keys, document markers) makes it give up and
 * return undefined: the caller then parses the file in full.
 */
import { buildModel } from '../model/spec.js';
import { MAX_SPEC_CHARS, parseItemChunk, parseSpecText, type ItemChunk, type ParsedFile, type Path } from '../parse/parse.js';
import { splitChunks } from '../parse/chunker.js';
import { parseSuppressions } from '../lint/suppress.js';
import { summarise, type FileSummary } from './index.js';
import type { Span } from '../text/line-index.js';

class GiveUp extends Error {}
const giveUp = (why: string): never => {
  throw new GiveUp(why);
};

type Want = 'node' | 'scalar' | 'any' | false;

const UNIT_SCALARS = new Set(['ref', 'uan', 'title', 'level', 'group', 'glh', 'tqt', 'credit', 'summary', 'specifiedIn']);
const RULE_LISTS = new Set(['units', 'mandatory', 'barred', 'groups']);

/** What the summary needs at a path ('#' = any index): a collection to read, a scalar, or nothing. */
function want(p: readonly (string | number)[]): Want {
  const n = p.length;
  const s = (i: number) => p[i];
  const idx = (i: number) => typeof p[i] === 'number';
  if (n === 0) return 'node';
  const top = s(0);
  if (top === 'units') {
    if (n === 1) return 'node';
    if (!idx(1)) return false;
    if (n === 2) return 'node';
    const k = s(2);
    if (n === 3) return typeof k === 'string' && UNIT_SCALARS.has(k) ? 'scalar' : k === 'apprenticeshipLinks' ? 'node' : false;
    if (k !== 'apprenticeshipLinks' || !idx(3)) return false;
    if (n === 4) return 'node';
    if (n === 5) return s(4) === 'standard' ? 'scalar' : s(4) === 'ksbs' ? 'node' : false;
    if (s(4) !== 'ksbs' || !idx(5)) return false;
    if (n === 6) return 'node';
    if (n === 7) return s(6) === 'code' || s(6) === 'text' ? 'scalar' : false;
    return false;
  }
  if (top === 'qualifications') {
    if (n === 1) return 'node';
    if (!idx(1)) return false;
    if (n === 2) return 'node';
    const k = s(2);
    if (n === 3) return k === 'title' || k === 'type' || k === 'qan' ? 'scalar' : k === 'units' || k === 'rules' || k === 'pool' ? 'node' : false;
    if (k === 'units') {
      if (!idx(3)) return false;
      if (n === 4) return 'any';
      return n === 5 && s(4) === 'ref' ? 'scalar' : false;
    }
    if (k === 'rules') {
      if (!idx(3)) return false;
      if (n === 4) return 'node';
      if (typeof s(4) !== 'string' || !RULE_LISTS.has(s(4) as string)) return false;
      if (n === 5) return 'node';
      return n === 6 && idx(5) ? 'scalar' : false;
    }
    if (k === 'pool') {
      if (n === 4) return s(3) === 'groups' || s(3) === 'units' ? 'node' : false;
      return n === 5 && idx(4) ? 'scalar' : false;
    }
    return false;
  }
  if (top === 'groups') {
    if (n === 1) return 'node';
    if (!idx(1)) return false;
    if (n === 2) return 'node';
    return n === 3 && (s(2) === 'id' || s(2) === 'title') ? 'scalar' : false;
  }
  return false;
}

/**
 * The keys `want` looks for, by length. A key read from the text is replaced by the same name from
 * here: a string the engine already holds interned, which makes the lookups that follow (`want`'s
 * set, the mapping's own properties) cheaper than with a fresh slice of the text, which would be
 * hashed and interned on each.
 */
const KNOWN_KEYS: (string[] | undefined)[] = [];
for (const k of [
  ...UNIT_SCALARS,
  ...RULE_LISTS,
  'apprenticeshipLinks',
  'standard',
  'ksbs',
  'code',
  'text',
  'qualifications',
  'type',
  'qan',
  'rules',
  'pool',
  'id',
])
  if (!KNOWN_KEYS[k.length]?.includes(k)) (KNOWN_KEYS[k.length] ??= []).push(k);

/** The key at [s, e) of the text as its KNOWN_KEYS name, else a slice of the text. */
function keyAt(t: string, s: number, e: number): string {
  const names = KNOWN_KEYS[e - s];
  if (names !== undefined) for (const name of names) if (t.startsWith(name, s)) return name;
  return t.slice(s, e);
}

export const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>%@`?:-][^#]*?|[-?:][^\s#][^#]*?)[ ]*:(?: +|$)/;

/** A plain scalar's value under the YAML 1.2 core schema (what `yaml` gives). */
function plainValue(s: string): unknown {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  // Every pattern below starts with a sign, a digit or a dot: most values (words, codes) need none of them.
  const c = s.charCodeAt(0);
  if (!(c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57))) return s;
  if (/^[-+]?[0-9]+$/.test(s)) return Number(s);
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s)) return parseFloat(s);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(s)) return NaN;
  return s;
}

function unquoteDouble(s: string): string {
  // JSON's escapes are a subset of YAML's; anything else is left to the full parser.
  if (/\\[^"\\/bfnrtu]/.test(s)) giveUp('escape');
  try {
    return JSON.parse(s) as string;
  } catch {
    return giveUp('double-quoted');
  }
}

/** Characters KEY's first plain branch does not start with (besides whitespace): #'"{}[],&*!|>%@` and ?:- */
const NOT_FIRST = new Set([...'#\'"{}[],&*!|>%@`?:-'].map((c) => c.charCodeAt(0)));

/** What `\s` matches in a regular expression (JavaScript's whitespace and line terminators). */
const isRegexSpace = (c: number): boolean => /\s/.test(String.fromCharCode(c));

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
    if (c1 === -1 || c1 === 35 || isRegexSpace(c1)) return undefined;
    min = p + 2;
  } else {
    if (isRegexSpace(c0) || NOT_FIRST.has(c0)) return undefined;
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
const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** `^\s*(#.*)?$`: nothing but spaces and a comment. */
const EMPTY_REST = /^\s*(#.*)?$/;

/**
 * The spans the reader recorded, as a tree by path segment, so that recording or looking one up does
 * not join the whole path into a string and hash it. A node's children are a sequence's items (by
 * index) or a mapping's entries (by key, searched in order: a mapping has a few wanted keys, and the
 * reader gives up on a repeated one). Lookups match a segment as `path.join` would write it, so a
 * number and its string meet: as long as no key holds a NUL, a path finds a node exactly when the two
 * paths' joins are equal.
 */
class SpanTree {
  span: Span | undefined = undefined;
  private items: SpanTree[] | undefined = undefined;
  private keys: string[] | undefined = undefined;
  private entries: SpanTree[] | undefined = undefined;

  item(i: number): SpanTree {
    const items = (this.items ??= []);
    return (items[i] ??= new SpanTree());
  }

  entry(k: string): SpanTree {
    const keys = (this.keys ??= []);
    const entries = (this.entries ??= []);
    const i = keys.indexOf(k);
    if (i >= 0) return entries[i]!;
    const c = new SpanTree();
    keys.push(k);
    entries.push(c);
    return c;
  }

  private get(seg: string | number): SpanTree | undefined {
    if (typeof seg === 'number') {
      if (this.items !== undefined && Number.isInteger(seg) && seg >= 0) return this.items[seg];
      seg = String(seg);
    } else if (this.items !== undefined) {
      const i = Number(seg);
      if (Number.isInteger(i) && i >= 0 && String(i) === seg) return this.items[i];
    }
    const i = this.keys?.indexOf(seg) ?? -1;
    return i >= 0 ? this.entries![i] : undefined;
  }

  find(p: Path): SpanTree | undefined {
    if (p.length === 0) return this;
    let node = this.get(p[0]!);
    for (let i = 1; i < p.length && node !== undefined; i++) node = node.get(p[i]!);
    return node;
  }
}

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
class Reader {
  readonly spans = new SpanTree();
  /** The spans by `path.join('\0')` as well, when a key may hold a NUL: then the tree could tell apart paths whose joins are equal. */
  readonly flat: Map<string, Span> | undefined;
  readonly ls: number[];
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
  /** Items read from chunks parsed by `yaml` (see summaryOf): by top-level key, then index. */
  readonly exactItems = new Map<string, Map<number, { chunk: ItemChunk; i: number }>>();
  constructor(
    readonly text: string,
    /** Chunks of damaged items of a top-level sequence, parsed by `yaml`: by the offset of their first line. */
    private readonly exact?: ReadonlyMap<number, ExactChunk>,
  ) {
    const ls = [0];
    let i = -1;
    while ((i = text.indexOf('\n', i + 1)) !== -1) ls.push(i + 1);
    this.ls = ls;
    this.n = ls.length;
    this.ind = new Int32Array(this.n).fill(UNKNOWN);
    this.noTabs = text.indexOf('\t') === -1;
    // Only a double-quoted key can hold a NUL without one in the text, written as \u0000.
    this.flat = text.indexOf('\0') !== -1 || text.indexOf('\\u0000') !== -1 ? new Map() : undefined;
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
  private record(path: Path, node: SpanTree, span: Span): void {
    node.span = span;
    this.flat?.set(path.join('\u0000'), span);
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
      this.record(path, node, { start: s, end: close + 1 });
      this.noContinuation(L, col);
      return c === '"' ? unquoteDouble(raw) : raw.slice(1, -1).replace(/''/g, "'");
    }
    if (c === '[') return this.flowSeq(s, end, path, node, L, col);
    if (c === '{') {
      if (/^\{\s*\}\s*(#.*)?$/.test(t.slice(s, end))) {
        this.record(path, node, { start: s, end: t.indexOf('}', s) + 1 });
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
    while (e > s && t.charCodeAt(e - 1) === 32) e--;
    const v = e === end ? line : t.slice(s, e);
    if (v.includes(': ') || v.endsWith(':')) giveUp('mapping in a value');
    this.record(path, node, { start: s, end: e });
    this.noContinuation(L, col);
    return plainValue(v);
  }

  /** A block scalar (`|` or `>`, with chomping and indentation indicators) whose header is at `s` on line L. */
  private blockScalar(s: number, end: number, path: (string | number)[], node: SpanTree, L: number, col: number): string {
    const t = this.text;
    const header = /^([|>])([-+]?)([1-9]?)([-+]?)[ ]*(#.*)?$/.exec(t.slice(s, end));
    if (!header) return giveUp('block scalar header');
    const folded = header[1] === '>';
    const chomp = header[2] || header[4];
    const explicit = header[3] ? Number(header[3]) : 0;
    // Content lines: every following line that is blank or indented more than the parent.
    const lines: string[] = [];
    let M = L + 1;
    let lastContent = -1;
    let indent = explicit ? col + explicit : 0;
    for (; M < this.n; M++) {
      const ls = this.ls[M]!;
      if (ls >= t.length) break; // the empty "line" after a final newline
      const le = this.lineEnd(M);
      let i = ls;
      while (i < le && t.charCodeAt(i) === 32) i++;
      const ind = i - ls;
      if (i === le) {
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
    // Trailing blank lines belong to the scalar only for keep chomping.
    const body = lines.slice(0, lastContent + 1);
    const trailing = lines.length - body.length;
    let value: string;
    if (!folded) value = body.join('\n');
    else {
      // Folding: a break between two normal lines becomes a space; n empty lines between them give
      // n newlines; breaks next to more-indented lines are kept.
      const more = (x: string) => x.startsWith(' ');
      value = '';
      let prev: string | undefined;
      let empties = 0;
      for (const line of body) {
        if (line === '') {
          empties++;
          continue;
        }
        if (prev === undefined) value += '\n'.repeat(empties) + line;
        else if (more(prev) || more(line)) value += '\n' + '\n'.repeat(empties) + line;
        else value += (empties ? '\n'.repeat(empties) : ' ') + line;
        prev = line;
        empties = 0;
      }
    }
    if (body.length === 0) value = chomp === '+' ? '\n'.repeat(trailing) : '';
    else if (chomp === '+') value += '\n' + '\n'.repeat(trailing);
    else if (chomp !== '-') value += '\n';
    const lastLine = L + 1 + lastContent;
    const endLine = chomp === '+' ? L + 1 + lines.length : lastLine + 1;
    const endOff = lastContent >= 0 || chomp === '+' ? (endLine < this.n ? this.ls[endLine]! : t.length) : end;
    this.record(path, node, { start: s, end: endOff });
    this.blockEnd = L + 1 + (chomp === '+' ? lines.length : lastContent + 1);
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
    const t = this.text;
    const out: unknown[] = [];
    let i = s + 1;
    for (;;) {
      while (i < end && t.charCodeAt(i) === 32) i++;
      if (i >= end) giveUp('multi-line flow sequence');
      const c = t[i];
      if (c === ']') {
        i++;
        break;
      }
      const ip = [...path, out.length];
      if (c === '"' || c === "'") {
        const close = c === '"' ? findDoubleEnd(t, i, end) : findSingleEnd(t, i, end);
        if (close < 0) giveUp('quoted in flow');
        const raw = t.slice(i, close + 1);
        this.record(ip, node.item(out.length), { start: i, end: close + 1 });
        out.push(c === '"' ? unquoteDouble(raw) : raw.slice(1, -1).replace(/''/g, "'"));
        i = close + 1;
      } else {
        if ('[{&*!|>%@`#'.includes(c!)) giveUp('complex flow item');
        let e = i;
        while (e < end && !',]'.includes(t[e]!)) e++;
        if (e >= end) giveUp('unterminated flow sequence');
        let ve = e;
        while (ve > i && t.charCodeAt(ve - 1) === 32) ve--;
        const v = t.slice(i, ve);
        if (v.includes(': ') || v.includes('#') || v === '') giveUp('flow item');
        this.record(ip, node.item(out.length), { start: i, end: ve });
        out.push(plainValue(v));
        i = e;
      }
      while (i < end && t.charCodeAt(i) === 32) i++;
      if (t[i] === ',') {
        i++;
        continue;
      }
      if (t[i] === ']') {
        i++;
        break;
      }
      giveUp('flow sequence');
    }
    this.expectLineRest(i, end);
    this.record(path, node, { start: s, end: i });
    this.noContinuation(L, col);
    return out;
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
      else k = keyAt(t, ks, ke);
      k = k.trimEnd();
      const valueStart = p + this.mLen;
      const emptyInline = this.emptyRest(valueStart, end);
      // `path` is the reader's one path stack: the key's path while its value is read.
      path.push(k);
      const w = want(path);
      if (!w && !root) {
        // Below the root only wanted keys are kept, so an unwanted one cannot be a duplicate.
        path.pop();
        L = this.skip(L + 1, col, emptyInline);
        continue;
      }
      if (Object.prototype.hasOwnProperty.call(obj, k)) {
        if (!root) giveUp('duplicate key');
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
      const kid = node.entry(k);
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
        this.record(path, kid, { start: end, end });
        L = L + 1;
      }
      path.pop();
    }
    this.after = L;
    return obj;
  }

  /** A block node (mapping or sequence) starting on line L at column col. */
  node(L: number, col: number, path: (string | number)[], node: SpanTree): unknown {
    if (this.isDash(L, col)) return this.sequence(L, col, path, node);
    return this.mapping(L, col, path, node);
  }

  /** A block sequence whose `- ` are at column `col`, the first on line L. */
  sequence(L: number, col: number, path: (string | number)[], node: SpanTree): unknown[] {
    const t = this.text;
    const out: unknown[] = [];
    // What is wanted of an item depends on the path's shape, not on the index.
    path.push(0);
    const w = want(path);
    path.pop();
    for (;;) {
      L = this.next(L);
      if (L >= this.n) break;
      this.line = L;
      const ind = this.indent(L);
      if (ind < col) break;
      if (ind > col) giveUp('unexpected indentation in a list');
      if (!this.isDash(L, col)) break;
      const x = path.length === 1 ? this.exact?.get(this.ls[L]!) : undefined;
      if (x && x.key === path[0]) {
        let byIndex = this.exactItems.get(x.key);
        if (!byIndex) this.exactItems.set(x.key, (byIndex = new Map()));
        x.chunk.items.forEach((item, i) => {
          byIndex.set(out.length, { chunk: x.chunk, i });
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
          out.push(this.node(M, this.indent(M), path, node.item(i)));
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
        const kid = node.item(i);
        out.push(this.mapping(L, c, path, kid));
        L = this.after;
        this.record(path, kid, { start: itemStart, end: this.itemEnd(L) });
        path.pop();
        continue;
      }
      this.blockEnd = -1;
      out.push(this.inline(itemStart, end, path, node.item(i), L, col));
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

function setOwn(obj: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[k] = v;
}

function findDoubleEnd(t: string, s: number, end: number): number {
  for (let i = s + 1; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return -1;
}

function findSingleEnd(t: string, s: number, end: number): number {
  for (let i = s + 1; i < end; i++) {
    if (t.charCodeAt(i) === 39) {
      if (t.charCodeAt(i + 1) === 39) i++;
      else return i;
    }
  }
  return -1;
}

/** A ParsedFile over the recorded spans. Its text is empty: summarise() would recount the line starts, which the reader already has. */
function fakeParsed(data: unknown, r: Reader): ParsedFile {
  const flat = r.flat;
  const tree = r.spans;
  const k = (p: Path) => p.join('\u0000');
  const locate = flat ? (p: Path) => flat.get(k(p)) ?? { start: 0, end: 0 } : (p: Path) => tree.find(p)?.span ?? { start: 0, end: 0 };
  const has = flat ? (p: Path) => flat.has(k(p)) : (p: Path) => tree.find(p)?.span !== undefined;
  if (!r.exactItems.size) return { text: '', data, problems: [], reparsedChunks: 0, locate, has, nodeAt: () => undefined };
  // Under an item taken from a chunk parsed by `yaml`, that parse locates.
  const exact = (p: Path) => (p.length >= 2 && typeof p[1] === 'number' ? r.exactItems.get(String(p[0]))?.get(p[1]) : undefined);
  return {
    text: '',
    data,
    problems: [],
    reparsedChunks: 0,
    locate(p, part = 'value') {
      const e = exact(p);
      return e ? e.chunk.locate(e.i, p.slice(2), part).span : locate(p);
    },
    has(p) {
      const e = exact(p);
      return e ? e.chunk.locate(e.i, p.slice(2)).complete : has(p);
    },
    nodeAt: () => undefined,
  };
}

/** A chunk of a damaged item of a top-level sequence, parsed by `yaml`, for the reader to take as it is. */
interface ExactChunk {
  key: string;
  chunk: ItemChunk;
  /** The line after the chunk. */
  endLine: number;
}

/** The summary from the fast reader, or undefined when the file needs the full parser. */
export function fastSummary(uri: string, text: string): FileSummary | undefined {
  const r = readSummary(uri, text);
  return r instanceof Reader ? undefined : r;
}

/** The summary from the reader, or the reader where it gave up (undefined: no use trying again). */
function readSummary(uri: string, text: string, exact?: ReadonlyMap<number, ExactChunk>): FileSummary | Reader | undefined {
  // A file the parser refuses unread (too large, binary) is left to it: the reader would read all of
  // it (a 20 MB spec ran out of memory).
  if (text.length > MAX_SPEC_CHARS || text.includes('\0')) return undefined;
  // Anchors and aliases in the parts read make the reader give up; elsewhere they change nothing it reads.
  const r = new Reader(text, exact);
  try {
    const first = r.next(0);
    if (first >= r.ls.length) return undefined;
    if (r.indent(first) !== 0) return undefined;
    const data = r.mapping(first, 0, [], r.spans, true);
    if (r.after < r.ls.length) return undefined; // something after the root mapping that it could not read
    const model = buildModel(data);
    const summary = summarise(uri, fakeParsed(data, r), model, parseSuppressions(text));
    summary.lineStarts = r.ls;
    return summary;
  } catch (e) {
    // A stack overflow (text nested too deep for the reader's recursion) is left to the guarded parse.
    if (e instanceof GiveUp) return r;
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** At most this many damaged items are parsed one by one; a file with more is parsed whole. */
const MAX_EXACT_ITEMS = 4;

/**
 * The summary by the reader, where it gave up only inside items of top-level sequences (a unit with a
 * syntax error, say): each such item is parsed by `yaml` on its own, as the chunked parse would parse
 * it, and the reader takes it as it is and reads on. A file of 40 units with one damaged unit then
 * costs one unit's parse, not the whole file's (the whole file is about 50 times slower).
 */
function readSummaryAround(uri: string, text: string): { summary: FileSummary; parsedItems: number } | undefined {
  let got = readSummary(uri, text);
  if (!(got instanceof Reader)) return got && { summary: got, parsedItems: 0 };
  if (got.flat) return undefined;
  const chunks = splitChunks(text);
  if (!chunks) return undefined;
  const exact = new Map<number, ExactChunk>();
  while (got instanceof Reader && exact.size < MAX_EXACT_ITEMS) {
    // The item holding the line the reader was on. (Were the reader to give up in one item because
    // of another, it would next give up on that one, and the loop take it too.)
    const ls = got.ls;
    const at = ls[Math.min(got.line, ls.length - 1)]!;
    const c = chunks.find((x) => x.kind === 'seq-item' && x.start <= at && at < x.end);
    if (!c || exact.has(c.start)) return undefined;
    const chunk = parseItemChunk(text.slice(c.start, c.end), c.start);
    if (!chunk) return undefined;
    exact.set(c.start, { key: c.key, chunk, endLine: lineAt(ls, c.end) });
    got = readSummary(uri, text, exact);
  }
  return got instanceof Reader || !got ? undefined : { summary: got, parsedItems: exact.size };
}

/** The index of the line starting at `offset` in `ls`, or ls.length when none does (the text's end). */
function lineAt(ls: readonly number[], offset: number): number {
  let lo = 0;
  let hi = ls.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ls[mid]!;
    if (v === offset) return mid;
    if (v < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return ls.length;
}

/**
 * A copy of a string that does not share memory with the text it was cut from. (V8 keeps the whole
 * source text alive behind a slice of it: an index of 1,000 summaries would hold every file.)
 */
const own = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));

/** The summary with every string copied out of the file's text (see `own`). */
export function detach(summary: FileSummary): FileSummary {
  const str = <T>(v: T): T => (typeof v === 'string' ? (own(v) as T) : v);
  for (const u of summary.units) {
    u.ref = own(u.ref);
    if (u.specifiedIn !== undefined) u.specifiedIn = own(u.specifiedIn);
    for (const k of Object.keys(u.fields) as (keyof typeof u.fields)[]) u.fields[k] = str(u.fields[k]);
  }
  for (const q of summary.qualifications) {
    if (q.qan !== undefined) q.qan = own(q.qan);
    if (q.title !== undefined) q.title = own(q.title);
  }
  for (const g of summary.groups) {
    g.id = own(g.id);
    if (g.title !== undefined) g.title = own(g.title);
  }
  for (const k of summary.ksbs) {
    k.standard = own(k.standard);
    k.code = own(k.code);
    k.text = own(k.text);
    if (k.unitRef !== undefined) k.unitRef = own(k.unitRef);
  }
  for (const u of summary.uses) u.ref = own(u.ref);
  for (const x of summary.suppressions) if (x.rules) x.rules = x.rules.map(own);
  return summary;
}

/**
 * The summary of a spec file's text, for the index (strings detached from the text): the fast reader
 * (which may have parsed a few damaged items with `yaml`: `parsedItems`), else the full parse.
 */
export function summaryOf(uri: string, text: string): { summary: FileSummary; fast: boolean; parsedItems: number } {
  const fast = readSummaryAround(uri, text);
  if (fast) return { summary: detach(fast.summary), fast: true, parsedItems: fast.parsedItems };
  const parsed = parseSpecText(text);
  return { summary: detach(summarise(uri, parsed, buildModel(parsed.data), parseSuppressions(text))), fast: false, parsedItems: 0 };
}

/** Why the fast reader gives up on a text (for tests and diagnosis); undefined when it does not. */
export function fastSummaryObstacle(text: string): string | undefined {
  let reader: Reader | undefined;
  try {
    const r = (reader = new Reader(text));
    const first = r.next(0);
    r.mapping(first, 0, [], r.spans, true);
    if (r.after < r.ls.length) return `unread text from line ${r.after + 1}`;
    return undefined;
  } catch (e) {
    if (e instanceof GiveUp) return `${e.message} (line ${(reader?.line ?? 0) + 1})`;
    throw e;
  }
}
