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
import { parseSpecText, type ParsedFile, type Path } from '../parse/parse.js';
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

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>%@`?:-][^#]*?|[-?:][^\s#][^#]*?)[ ]*:(?: +|$)/;

/** A plain scalar's value under the YAML 1.2 core schema (what `yaml` gives). */
function plainValue(s: string): unknown {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
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

const KEYS_FORBIDDEN_PLAIN = /^[&*!|>%@`{[]/;

class Reader {
  readonly spans = new Map<string, Span>();
  readonly ls: number[];
  /** The line being read (for fastSummaryObstacle). */
  line = 0;
  private readonly n: number;
  constructor(readonly text: string) {
    const ls = [0];
    let i = -1;
    while ((i = text.indexOf('\n', i + 1)) !== -1) ls.push(i + 1);
    this.ls = ls;
    this.n = ls.length;
  }

  /** End of line L's text (before '\n' / '\r\n'). */
  private lineEnd(L: number): number {
    let e = L + 1 < this.n ? this.ls[L + 1]! - 1 : this.text.length;
    if (e > this.ls[L]! && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  /** Indentation of line L, or -1 for a blank or comment-only line. */
  indent(L: number): number {
    const t = this.text;
    const s = this.ls[L]!;
    const e = this.lineEnd(L);
    let i = s;
    while (i < e && t.charCodeAt(i) === 32) i++;
    if (i === e || t.charCodeAt(i) === 35) return -1;
    if (t.charCodeAt(i) === 9) giveUp('tab');
    return i - s;
  }

  /** The first line from L on with content, or n. */
  next(L: number): number {
    while (L < this.n && this.indent(L) < 0) L++;
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
    const inSeq = compact;
    for (;;) {
      const M = this.next(L);
      if (M >= this.n) return M;
      const ind = this.indent(M);
      if (ind > col) {
        L = M + 1;
        continue;
      }
      if (inSeq && ind === col && this.isDash(M, col)) {
        L = M + 1;
        continue;
      }
      return M;
    }
  }

  private key(path: readonly (string | number)[]): string {
    return path.join('\u0000');
  }

  /** The scalar (or flow sequence) written inline at [start, end) of a line; records spans. */
  private inline(start: number, end: number, path: (string | number)[], L: number, col: number): unknown {
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
      this.spans.set(this.key(path), { start: s, end: close + 1 });
      this.noContinuation(L, col);
      return c === '"' ? unquoteDouble(raw) : raw.slice(1, -1).replace(/''/g, "'");
    }
    if (c === '[') return this.flowSeq(s, end, path, L, col);
    if (c === '{') {
      if (/^\{\s*\}\s*(#.*)?$/.test(t.slice(s, end))) {
        this.spans.set(this.key(path), { start: s, end: t.indexOf('}', s) + 1 });
        return {};
      }
      return giveUp('flow mapping');
    }
    if (c === '|' || c === '>') return this.blockScalar(s, end, path, L, col);
    if (c === '&' || c === '*' || c === '!' || c === '%' || c === '@' || c === '`') return giveUp('anchor, alias or tag');
    // Plain: up to ' #' or the end of the line.
    let e = s;
    while (e < end) {
      const ch = t.charCodeAt(e);
      if (ch === 35 && e > s && t.charCodeAt(e - 1) === 32) break;
      e++;
    }
    while (e > s && t.charCodeAt(e - 1) === 32) e--;
    const v = t.slice(s, e);
    if (v.includes(': ') || v.endsWith(':')) giveUp('mapping in a value');
    this.spans.set(this.key(path), { start: s, end: e });
    this.noContinuation(L, col);
    return plainValue(v);
  }

  /** A block scalar (`|` or `>`, with chomping and indentation indicators) whose header is at `s` on line L. */
  private blockScalar(s: number, end: number, path: (string | number)[], L: number, col: number): string {
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
    this.spans.set(this.key(path), { start: s, end: endOff });
    this.blockEnd = L + 1 + (chomp === '+' ? lines.length : lastContent + 1);
    return value;
  }

  /** Set by blockScalar: the first line after the scalar's content. */
  private blockEnd = -1;

  private expectLineRest(from: number, end: number): void {
    const rest = this.text.slice(from, end);
    if (!/^\s*(#.*)?$/.test(rest) || (rest.includes('#') && !/^\s+#/.test(rest))) giveUp('text after a quoted scalar');
  }

  /** A scalar's next line must not continue it (a multi-line plain or quoted scalar). */
  private noContinuation(L: number, col: number): void {
    const M = this.next(L + 1);
    if (M < this.n && this.indent(M) > col) giveUp('multi-line scalar');
  }

  private flowSeq(s: number, end: number, path: (string | number)[], L: number, col: number): unknown[] {
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
        this.spans.set(this.key(ip), { start: i, end: close + 1 });
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
        this.spans.set(this.key(ip), { start: i, end: ve });
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
    this.spans.set(this.key(path), { start: s, end: i });
    this.noContinuation(L, col);
    return out;
  }

  /**
   * A block mapping whose keys are at `col`, the first of them on line L at `col` (possibly after a
   * `- ` on that line). Returns the mapping and the first line after it.
   */
  mapping(L: number, col: number, path: (string | number)[], root = false): { value: Record<string, unknown>; next: number } {
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
      const ls = this.ls[L]!;
      const end = this.lineEnd(L);
      const lineText = t.slice(ls + col, end);
      if (root && (lineText.startsWith('---') || lineText.startsWith('...') || lineText.startsWith('%'))) giveUp('document marker');
      const m = KEY.exec(lineText) ?? giveUp('not a key');
      let k = m[1]!;
      if (k.startsWith('"')) k = unquoteDouble(k);
      else if (k.startsWith("'")) k = k.slice(1, -1).replace(/''/g, "'");
      else if (KEYS_FORBIDDEN_PLAIN.test(k)) giveUp('key');
      k = k.trimEnd();
      const valueStart = ls + col + m[0].length;
      const rest = t.slice(valueStart, end);
      const emptyInline = /^\s*(#.*)?$/.test(rest);
      const cp = [...path, k];
      if (Object.prototype.hasOwnProperty.call(obj, k)) {
        if (!root) giveUp('duplicate key');
        // The chunked parser keeps the first of two top-level entries: skip the later one.
        L = this.skip(L + 1, col, emptyInline);
        continue;
      }
      const w = want(cp);
      if (!w) {
        L = this.skip(L + 1, col, emptyInline);
        if (root) obj[k] = null;
        continue;
      }
      if (!emptyInline) {
        this.blockEnd = -1;
        obj[k] = this.inline(valueStart, end, cp, L, col);
        L = this.blockEnd >= 0 ? this.blockEnd : L + 1;
        continue;
      }
      const M = this.next(L + 1);
      if (M < this.n && this.indent(M) > col) {
        const r = this.node(M, this.indent(M), cp);
        setOwn(obj, k, r.value);
        L = r.next;
      } else if (M < this.n && this.indent(M) === col && this.isDash(M, col)) {
        const r = this.sequence(M, col, cp);
        obj[k] = r.value;
        L = r.next;
      } else {
        obj[k] = null;
        this.spans.set(this.key(cp), { start: end, end });
        L = L + 1;
      }
    }
    return { value: obj, next: L };
  }

  /** A block node (mapping or sequence) starting on line L at column col. */
  node(L: number, col: number, path: (string | number)[]): { value: unknown; next: number } {
    if (this.isDash(L, col)) return this.sequence(L, col, path);
    return this.mapping(L, col, path);
  }

  /** A block sequence whose `- ` are at column `col`, the first on line L. */
  sequence(L: number, col: number, path: (string | number)[]): { value: unknown[]; next: number } {
    const t = this.text;
    const out: unknown[] = [];
    for (;;) {
      L = this.next(L);
      if (L >= this.n) break;
      const ind = this.indent(L);
      if (ind < col) break;
      if (ind > col) giveUp('unexpected indentation in a list');
      if (!this.isDash(L, col)) break;
      const ip = [...path, out.length];
      const w = want(ip);
      const ls = this.ls[L]!;
      const end = this.lineEnd(L);
      let c = col + 1;
      while (ls + c < end && t.charCodeAt(ls + c) === 32) c++;
      const itemStart = ls + c;
      if (!w) {
        out.push(null);
        L = this.skip(L + 1, col, false);
        continue;
      }
      if (itemStart >= end || t.charCodeAt(itemStart) === 35) {
        // The item's value is on the next lines.
        const M = this.next(L + 1);
        if (M < this.n && this.indent(M) > col) {
          const r = this.node(M, this.indent(M), ip);
          out.push(r.value);
          L = r.next;
        } else {
          out.push(null);
          L = L + 1;
        }
        continue;
      }
      if (this.isDash(L, c)) giveUp('nested list on one line');
      const lineText = t.slice(itemStart, end);
      if (KEY.test(lineText) && !/^["'[]/.test(lineText) ? true : /^["'][^"']*["']\s*:(\s|$)/.test(lineText)) {
        if (w === 'scalar') {
          out.push({});
          L = this.skip(L + 1, col, false);
          continue;
        }
        const r = this.mapping(L, c, ip);
        out.push(r.value);
        this.spans.set(this.key(ip), { start: itemStart, end: this.itemEnd(r.next) });
        L = r.next;
        continue;
      }
      this.blockEnd = -1;
      out.push(this.inline(itemStart, end, ip, L, col));
      L = this.blockEnd >= 0 ? this.blockEnd : L + 1;
    }
    return { value: out, next: L };
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
function fakeParsed(data: unknown, spans: Map<string, Span>): ParsedFile {
  const k = (p: Path) => p.join('\u0000');
  return {
    text: '',
    data,
    problems: [],
    reparsedChunks: 0,
    locate: (p: Path) => spans.get(k(p)) ?? { start: 0, end: 0 },
    has: (p: Path) => spans.has(k(p)),
    nodeAt: () => undefined,
  };
}

/** The summary from the fast reader, or undefined when the file needs the full parser. */
export function fastSummary(uri: string, text: string): FileSummary | undefined {
  // Anchors and aliases in the parts read make the reader give up; elsewhere they change nothing it reads.
  try {
    const r = new Reader(text);
    const first = r.next(0);
    if (first >= r.ls.length) return undefined;
    if (r.indent(first) !== 0) return undefined;
    const { value, next } = r.mapping(first, 0, [], true);
    if (next < r.ls.length) return undefined; // something after the root mapping that it could not read
    const data = value;
    const model = buildModel(data);
    const summary = summarise(uri, fakeParsed(data, r.spans), model, parseSuppressions(text));
    summary.lineStarts = r.ls;
    return summary;
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
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

/** The summary of a spec file's text, for the index (strings detached from the text): the fast reader, else the full parse. */
export function summaryOf(uri: string, text: string): { summary: FileSummary; fast: boolean } {
  const fast = fastSummary(uri, text);
  if (fast) return { summary: detach(fast), fast: true };
  const parsed = parseSpecText(text);
  return { summary: detach(summarise(uri, parsed, buildModel(parsed.data), parseSuppressions(text))), fast: false };
}

/** Why the fast reader gives up on a text (for tests and diagnosis); undefined when it does not. */
export function fastSummaryObstacle(text: string): string | undefined {
  let reader: Reader | undefined;
  try {
    const r = (reader = new Reader(text));
    const first = r.next(0);
    const res = r.mapping(first, 0, [], true);
    if (res.next < r.ls.length) return `unread text from line ${res.next + 1}`;
    return undefined;
  } catch (e) {
    if (e instanceof GiveUp) return `${e.message} (line ${(reader?.line ?? 0) + 1})`;
    throw e;
  }
}
