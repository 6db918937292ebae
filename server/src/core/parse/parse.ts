/**
 * Parsing a spec file into plain data plus a locator that maps a data path back to source spans.
 *
 * The text is split into chunks (see chunker.ts); each chunk is parsed by `yaml` on its own and
 * cached by its exact text, so re-parsing an edited file costs one chunk, not the whole file.
 * Data is built by our own walk over the yaml nodes: aliases are refused (never expanded, so an
 * alias bomb costs nothing), and `__proto__` keys cannot reach an object's prototype.
 *
 * Hostile text is refused before `yaml` composes it (docs/robustness.md): a file larger than
 * MAX_SPEC_CHARS, a binary file (NUL characters), and text nesting deeper than MAX_NESTING. The
 * last matters most: `yaml`'s composer recurses once per level and relies on catching the stack
 * overflow, and in V8 an overflow that lands in a regular-expression compilation aborts the whole
 * process ("FATAL ERROR: RegExpCompiler Allocation failed") instead of throwing, which would take
 * the language server down with it. `yaml`'s parser (text -> CST) recurses too, when it closes
 * many open collections at once (`a: a: a: …` on one line), so it is fed one token at a time and
 * stopped as soon as its stack of open nodes grows past the limit; the CST's depth is then checked
 * again, without recursion, before it is composed.
 */
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Lexer, Parser, YAMLParseError, type CST, type Document, type Node as YNode, type Pair } from 'yaml';
import { splitChunks, type ChunkSpan } from './chunker.js';
import { fastData, sameData } from './fast-data.js';
import type { Span } from '../text/line-index.js';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface SyntaxProblem {
  code: string;
  message: string;
  span: Span;
  severity: 'error' | 'warning';
  /** TOO_MANY_PROBLEMS: how many problems it stands for. */
  hidden?: number;
}

interface ChunkParse {
  text: string;
  doc: Document.Parsed;
  data: unknown;
  problems: SyntaxProblem[]; // spans relative to the chunk
}

interface Chunk {
  span: ChunkSpan;
  parse: ChunkParse;
}

/** Which part of a mapping entry a span should cover. */
export type LocatePart = 'value' | 'key' | 'entry';

export interface ParsedFile {
  readonly text: string;
  /** The plain data (what JSON Schema validation sees). undefined for an empty file. */
  readonly data: unknown;
  readonly problems: readonly SyntaxProblem[];
  /** Span of the node at `path` (falls back to the nearest existing ancestor). */
  locate(path: Path, part?: LocatePart): Span;
  /** True when the path exists in the source. */
  has(path: Path): boolean;
  /** The yaml node at the path, for features that need its details (scalar style, source). */
  nodeAt(path: Path): { node: YNode | null; pair?: Pair; offset: number } | undefined;
  /** Number of chunks re-parsed to produce this result (0 when everything came from the cache). */
  readonly reparsedChunks: number;
  /** Present when parsed with `fast`: how the fast path went. */
  readonly fast?: FastState;
}

/**
 * The fast path's account of one file. `diverged` turns true when a chunk read by js-yaml was later
 * parsed by `yaml` (to locate something in it) and `yaml` saw other data or a problem: the caller
 * must then not trust what it computed from `data`, and parses the file again without `fast`.
 */
export interface FastState {
  /** Chunks whose data came from js-yaml. */
  fastChunks: number;
  /** Of those, the chunks parsed by `yaml` afterwards, to locate something. */
  locatedChunks: number;
  diverged: boolean;
}

const MAX_CACHE = 4096;

/** A per-document cache of parsed chunks. Keep one per open document. */
export class ChunkCache {
  private map = new Map<string, ChunkParse>();
  get(text: string): ChunkParse | undefined {
    return this.map.get(text);
  }
  set(text: string, parse: ChunkParse): void {
    this.map.set(text, parse);
  }
  /** Drop entries not used by the latest parse. */
  retain(used: Set<string>): void {
    if (this.map.size <= used.size && this.map.size < MAX_CACHE) return;
    for (const k of this.map.keys()) if (!used.has(k)) this.map.delete(k);
  }
}

/** Deepest nesting of collections accepted. Real specs nest 7 deep; `yaml`'s composer overflows the stack near 800. */
export const MAX_NESTING = 64;
/** Largest text parsed, in UTF-16 code units (the largest real spec is 0.3 M): larger files are refused unread. */
export const MAX_SPEC_CHARS = 5 * 1024 * 1024;
/** At most this many control-character problems are reported one by one. */
const MAX_CONTROL_REPORTS = 10;
/** At most this many syntax problems are reported one by one (a damaged file can have thousands). */
export const MAX_SYNTAX_PROBLEMS = 100;

/** Problem codes whose messages parse.ts writes as full sentences for people (not `yaml`'s words). */
export const OWN_PROBLEM_CODES: ReadonlySet<string> = new Set(['ALIAS', 'NESTING_TOO_DEEP', 'FILE_TOO_LARGE', 'BINARY', 'CONTROL_CHAR', 'TOO_MANY_PROBLEMS']);

function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function keyString(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return '';
  return String(key);
}

/** Plain data of a yaml node; aliases become undefined and are reported. */
function toData(node: unknown, problems: SyntaxProblem[]): unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) return node.value;
  if (isAlias(node)) {
    const r = node.range ?? [0, 0];
    problems.push({
      code: 'ALIAS',
      severity: 'error',
      span: { start: r[0], end: r[1] },
      message: `YAML aliases (*${node.source}) are not allowed in a spec file: write the value out in full.`,
    });
    return null;
  }
  if (isMap(node)) {
    const obj: Record<string, unknown> = {};
    for (const pair of node.items) {
      const k = keyString(pair.key);
      // A duplicate key is reported (DUPLICATE_KEY); keep the first, as the chunked parse does for top-level keys.
      if (Object.prototype.hasOwnProperty.call(obj, k)) continue;
      setKey(obj, k, toData(pair.value, problems));
    }
    return obj;
  }
  if (isSeq(node)) return node.items.map((n) => toData(n, problems));
  return null;
}

const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false } as const;

/** Offset of the first collection nested deeper than MAX_NESTING in a CST, or undefined. Iterative: no recursion. */
function tooDeepAt(tokens: readonly CST.Token[]): number | undefined {
  let at: number | undefined;
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  while (stack.length) {
    const [t, d] = stack.pop()!;
    if (t.type === 'document') {
      if (t.value) stack.push([t.value, d]);
    } else if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
      if (d + 1 > MAX_NESTING) {
        if (at === undefined || t.offset < at) at = t.offset;
        continue;
      }
      for (const it of t.items as CST.CollectionItem[]) {
        if (it.key) stack.push([it.key, d + 1]);
        if (it.value) stack.push([it.value, d + 1]);
      }
    }
  }
  return at;
}

/** The CST of a text, or the offset where its parser's stack of open nodes grew past the nesting limit. */
function cstGuarded(text: string): { tokens: CST.Token[]; tooDeep?: number; dropped: number; droppedAt?: number } {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  // Text after a broken document gives one error token per token (67,000 for a 100 kB line of `x: x:`):
  // only the first ones are composed into errors, the rest are counted.
  let errors = 0;
  let dropped = 0;
  let droppedAt: number | undefined;
  const keep = (t: CST.Token) => {
    if (t.type === 'error' && ++errors > MAX_SYNTAX_PROBLEMS) {
      dropped++;
      droppedAt ??= t.offset;
    } else tokens.push(t);
  };
  for (const lexeme of new Lexer().lex(text, false)) {
    for (const t of parser.next(lexeme)) keep(t);
    // The stack holds the document, the open collections and a pending scalar or two.
    if (parser.stack.length > MAX_NESTING + 3) return { tokens: [], tooDeep: Math.min(parser.offset, text.length), dropped: 0 };
  }
  for (const t of parser.end()) keep(t);
  return droppedAt === undefined ? { tokens, dropped } : { tokens, dropped, droppedAt };
}

/**
 * `yaml`'s parseDocument, with the nesting depth checked before anything recursive runs. When the
 * text nests deeper than MAX_NESTING, nothing is composed: the document is empty and `tooDeep` is
 * the offset where the nesting passes the limit. Every YAML text qualspec reads (specs and its
 * configuration) goes through this.
 */
export function parseDocumentGuarded(
  text: string,
  options: { uniqueKeys?: boolean; strict?: boolean } = YAML_OPTIONS,
): { doc: Document.Parsed; tooDeep?: number; dropped: number; droppedAt?: number } {
  const cst = cstGuarded(text);
  const tokens = cst.tokens;
  const deep = cst.tooDeep ?? tooDeepAt(tokens);
  const composer = new Composer({ ...options, prettyErrors: false, keepSourceTokens: false });
  // The composer's own errors are capped too (a flow list of 100,000 bad items would make as many).
  let dropped = cst.dropped;
  let droppedAt = cst.droppedAt;
  const c = composer as unknown as { onError?: (source: unknown, code: string, message: string, warning?: boolean) => void };
  const onError = c.onError;
  if (typeof onError === 'function') {
    let n = 0;
    c.onError = (source, code, message, warning) => {
      if (warning || ++n <= MAX_SYNTAX_PROBLEMS) return onError(source, code, message, warning);
      dropped++;
      const at = typeof source === 'number' ? source : Array.isArray(source) ? Number(source[0]) : Number((source as { offset?: number } | null)?.offset ?? 0);
      if (droppedAt === undefined || at < droppedAt) droppedAt = at;
    };
  }
  let doc: Document.Parsed | undefined;
  // `yaml` makes an Error per problem; their stack traces are never used and cost more than the rest.
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const d of composer.compose(deep === undefined ? tokens : [], true, deep === undefined ? text.length : 0)) {
      if (!doc) doc = d;
      else {
        doc.errors.push(
          new YAMLParseError([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'),
        );
        break;
      }
    }
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
  return { doc: doc!, dropped, ...(deep === undefined ? {} : { tooDeep: deep }), ...(droppedAt === undefined ? {} : { droppedAt }) };
}

function parseText(text: string): ChunkParse {
  const { doc, tooDeep, dropped, droppedAt } = parseDocumentGuarded(text);
  const problems: SyntaxProblem[] = [];
  if (dropped > 0) {
    const at = Math.min(droppedAt ?? 0, text.length);
    problems.push({ code: 'TOO_MANY_PROBLEMS', severity: 'error', span: { start: at, end: at }, message: '', hidden: dropped });
  }
  if (tooDeep !== undefined) {
    problems.push({
      code: 'NESTING_TOO_DEEP',
      severity: 'error',
      span: { start: tooDeep, end: Math.min(text.length, tooDeep + 1) },
      message: `The text nests lists and mappings more than ${MAX_NESTING} levels deep from here on (a spec needs fewer than 10), so this part of the file was not read. Is it damaged, or was it generated by mistake?`,
    });
    return { text, doc, data: undefined, problems };
  }
  // `yaml` places a problem at the end of the text one character past it (pos [n, n + 1]): keep spans inside the text.
  const within = (pos: [number, number]): Span => {
    const start = Math.max(0, Math.min(pos[0], text.length));
    return { start, end: Math.max(start, Math.min(pos[1], text.length)) };
  };
  for (const e of doc.errors)
    problems.push({ code: e.code, severity: 'error', message: e.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, ''), span: within(e.pos) });
  for (const w of doc.warnings)
    problems.push({ code: w.code, severity: 'warning', message: w.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, ''), span: within(w.pos) });
  const data = doc.contents === null ? undefined : toData(doc.contents, problems);
  return { text, doc, data, problems };
}

function nodeSpan(node: unknown): Span | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

function pairSpan(pair: Pair, part: LocatePart): Span | undefined {
  const k = nodeSpan(pair.key);
  const v = nodeSpan(pair.value);
  if (part === 'key') return k ?? v;
  if (part === 'entry') return k && v ? { start: k.start, end: v.end } : (k ?? v);
  return v ?? k;
}

/** Walk `path` from `root`; return the deepest span found. */
function walk(root: unknown, path: Path, part: LocatePart): { span: Span | undefined; complete: boolean; node: YNode | null; pair?: Pair } {
  let node: unknown = root;
  let span = nodeSpan(root);
  let lastPair: Pair | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyString(p.key) === String(seg));
      if (!pair) return { span, complete: false, node: null };
      lastPair = pair;
      span = (last ? pairSpan(pair, part) : pairSpan(pair, 'value')) ?? span;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return { span, complete: false, node: null };
      lastPair = undefined;
      span = nodeSpan(item) ?? span;
      node = item;
    } else {
      return { span, complete: false, node: null };
    }
  }
  return { span, complete: true, node: (node ?? null) as YNode | null, ...(lastPair && path.length ? { pair: lastPair } : {}) };
}

function shift(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

export interface ParseOptions {
  cache?: ChunkCache;
  /** Parse the whole text at once (no chunking). */
  whole?: boolean;
  /**
   * Read each chunk's data with js-yaml (fast-data.ts) and parse it with `yaml` only when a span
   * inside it is asked for: for batch linting, where most chunks have nothing to report. Check
   * `fast.diverged` on the result after use (see FastState).
   */
  fast?: boolean;
}

/** Line and column (1-based) of an offset, for messages. */
function lineCol(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `line ${line}, column ${offset - last}`;
}

const CONTROL_NAMES: Record<number, string> = {
  0: 'NUL',
  7: 'BEL',
  8: 'BACKSPACE',
  11: 'VERTICAL TAB',
  12: 'FORM FEED',
  27: 'ESCAPE',
  127: 'DELETE',
  0xfffe: 'a noncharacter',
  0xffff: 'a noncharacter',
};
// Characters YAML does not allow in a file (outside its c-printable set), and surrogates, of which
// only the unpaired ones are reported (one character class is much faster to search for than the
// lookarounds that would say "unpaired").
const NOT_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/** Problems of the text as a whole (the same whether it is parsed in chunks or at once). */
function textProblems(text: string): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  NOT_PRINTABLE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let count = 0;
  while ((m = NOT_PRINTABLE.exec(text))) {
    const at = m.index;
    const c0 = text.charCodeAt(at);
    if (c0 >= 0xd800 && c0 <= 0xdbff) {
      const next = text.charCodeAt(at + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        NOT_PRINTABLE.lastIndex = at + 2; // a pair: one character outside the BMP
        continue;
      }
    }
    count++;
    if (count > MAX_CONTROL_REPORTS) continue;
    const c = m[0].charCodeAt(0);
    const hex = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    const what =
      c >= 0xd800 && c <= 0xdfff
        ? `half of a broken character (an unpaired surrogate, ${hex})`
        : `the control character ${hex}${CONTROL_NAMES[c] ? ` (${CONTROL_NAMES[c]})` : ''}`;
    out.push({
      code: 'CONTROL_CHAR',
      severity: 'error',
      span: { start: m.index, end: m.index + m[0].length },
      message: `This text contains ${what}, which YAML does not allow in a file: delete it (it often comes from pasting out of a word processor).`,
    });
  }
  if (count > MAX_CONTROL_REPORTS) {
    const last = out[out.length - 1]!;
    last.message += ` ${count - MAX_CONTROL_REPORTS} more such characters follow in the file.`;
  }
  return out;
}

/** A file refused before parsing: too large, or binary. */
function refusal(text: string): SyntaxProblem | undefined {
  if (text.length > MAX_SPEC_CHARS) {
    const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
    return {
      code: 'FILE_TOO_LARGE',
      severity: 'error',
      span: { start: 0, end: 0 },
      message: `This file is ${mb(text.length)} million characters long; qualspec checks spec files of up to ${mb(MAX_SPEC_CHARS)} million (the largest real spec is about 0.3), so it was not checked. Split it into several spec files.`,
    };
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    return {
      code: 'BINARY',
      severity: 'error',
      span: { start: nul, end: nul + 1 },
      message: `This file contains a NUL character (first at ${lineCol(text, nul)}): it is a binary file, not a YAML spec, so it was not checked.`,
    };
  }
  return undefined;
}

function refusedFile(text: string, problem: SyntaxProblem): ParsedFile {
  return {
    text,
    data: undefined,
    problems: [problem],
    reparsedChunks: 0,
    locate: () => ({ start: 0, end: 0 }),
    has: () => false,
    nodeAt: () => undefined,
  };
}

export function parseSpecText(text: string, options: ParseOptions = {}): ParsedFile {
  const refused = refusal(text);
  if (refused) return refusedFile(text, refused);
  const parsed = parseChecked(text, options);
  const extra = textProblems(text);
  if (!extra.length && parsed.problems.length <= MAX_SYNTAX_PROBLEMS && !parsed.problems.some((p) => p.code === 'TOO_MANY_PROBLEMS')) return parsed;
  return { ...parsed, problems: capProblems([...extra, ...parsed.problems]) };
}

/**
 * The first MAX_SYNTAX_PROBLEMS problems in text order, then one that says how many more there are
 * (counting those the parser already left out, see cstGuarded).
 */
function capProblems(problems: SyntaxProblem[]): SyntaxProblem[] {
  const summaries = problems.filter((p) => p.code === 'TOO_MANY_PROBLEMS');
  const rest = problems.filter((p) => p.code !== 'TOO_MANY_PROBLEMS');
  if (!summaries.length && rest.length <= MAX_SYNTAX_PROBLEMS) return problems;
  const sorted = rest.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let more = summaries.reduce((n, p) => n + (p.hidden ?? 0), 0);
  const at = [...summaries.map((p) => p.span)];
  if (sorted.length > MAX_SYNTAX_PROBLEMS) {
    more += sorted.length - MAX_SYNTAX_PROBLEMS;
    at.push(sorted[MAX_SYNTAX_PROBLEMS]!.span);
  }
  const span = at.sort((a, b) => a.start - b.start)[0]!;
  const kept = sorted.slice(0, MAX_SYNTAX_PROBLEMS);
  return [
    ...kept,
    {
      code: 'TOO_MANY_PROBLEMS',
      severity: 'error',
      span,
      hidden: more,
      message: `${more} more YAML problem${more === 1 ? '' : 's'} from here on ${more === 1 ? 'is' : 'are'} not listed one by one: fix the ones above first (is the file damaged, or not YAML at all?).`,
    },
  ];
}

/**
 * A chunk whose data the fast path read; `yaml` parses it on first use of `doc`, and any disagreement
 * (other data, or a problem the fast reader let through) is recorded in `state`.
 *
 * A class, not an object literal with a getter: such a literal gets a hidden class of its own each
 * time it is evaluated (the getter is a new closure), and V8 keeps the newest of those classes, its
 * getter and everything the getter closes over (the chunk's data) alive through every young-generation
 * collection until the next full one. In the CLI's workers that kept the previous file's data alive,
 * to be copied by each scavenge and then promoted (docs/performance.md).
 */
class LazyChunk implements ChunkParse {
  readonly problems: SyntaxProblem[] = [];
  private exact: ChunkParse | undefined;
  constructor(
    readonly text: string,
    readonly data: unknown,
    private readonly state: FastState,
  ) {}
  get doc(): Document.Parsed {
    if (!this.exact) {
      const exact = (this.exact = parseText(this.text));
      this.state.locatedChunks++;
      if (exact.problems.length || !sameData(exact.data, this.data)) this.state.diverged = true;
    }
    return this.exact.doc;
  }
}

function parseChunk(text: string, state: FastState | undefined): ChunkParse {
  if (state) {
    const f = fastData(text);
    if (f) {
      state.fastChunks++;
      return new LazyChunk(text, f.data, state);
    }
  }
  return parseText(text);
}

function parseChecked(text: string, options: ParseOptions): ParsedFile {
  const cache = options.cache;
  const state: FastState | undefined = options.fast ? { fastChunks: 0, locatedChunks: 0, diverged: false } : undefined;
  const spans = options.whole ? undefined : splitChunks(text);
  if (!spans) return wholeFile(text, parseChunk(text, state), state);
  const used = new Set<string>();
  let reparsed = 0;
  let tooDeep = false;
  const chunks: Chunk[] = spans.map((span) => {
    const t = text.slice(span.start, span.end);
    // (Adding a chunk to a set hashes all of it: only when a cache is to keep it.)
    if (cache) used.add(t);
    let p = cache?.get(t);
    if (!p) {
      p = parseChunk(t, state);
      reparsed++;
      cache?.set(t, p);
    }
    if (p.problems.some((x) => x.code === 'NESTING_TOO_DEEP')) tooDeep = true;
    return { span, parse: p };
  });
  cache?.retain(used);
  // A refused chunk would leave the rest looking like a spec with a key missing: refuse the file as the whole parse does.
  if (tooDeep) return wholeFile(text, parseText(text), state);
  return chunkedFile(text, chunks, reparsed, state);
}

function wholeFile(text: string, p: ChunkParse, state: FastState | undefined): ParsedFile {
  return {
    ...(state ? { fast: state } : {}),
    text,
    data: p.data,
    problems: p.problems,
    reparsedChunks: 1,
    locate(path, part = 'value') {
      return walk(p.doc.contents, path, part).span ?? { start: 0, end: 0 };
    },
    has(path) {
      return walk(p.doc.contents, path, 'value').complete;
    },
    nodeAt(path) {
      const w = walk(p.doc.contents, path, 'value');
      return w.complete ? { node: w.node, ...(w.pair ? { pair: w.pair } : {}), offset: 0 } : undefined;
    },
  };
}

function chunkedFile(text: string, chunks: Chunk[], reparsedChunks: number, state: FastState | undefined): ParsedFile {
  const problems: SyntaxProblem[] = [];
  const data: Record<string, unknown> = {};
  let any = false;
  // key -> chunk(s) holding it
  const entryChunk = new Map<string, Chunk>();
  // key -> one entry per data item of its sequence: the chunk holding it, and the item's index in that
  // chunk's own sequence (-1 when the chunk did not parse to a sequence and its whole value is the item).
  // A damaged chunk can hold several items, so a data index is not a chunk index.
  const seqItems = new Map<string, { chunk: Chunk; sub: number }[]>();
  // Items of a sequence whose key is a duplicate are dropped with their head (the first key wins, as in the whole parse).
  let inDuplicate = false;
  for (const c of chunks) {
    for (const pr of c.parse.problems) problems.push({ ...pr, span: shift(pr.span, c.span.start) });
    if (c.span.kind === 'preamble') continue;
    any = true;
    if (c.span.kind === 'seq-item') {
      if (inDuplicate) continue;
      const at = seqItems.get(c.span.key)!;
      const arr = data[c.span.key] as unknown[];
      for (const { item, sub } of chunkItems(c.parse.data)) {
        arr.push(item);
        at.push({ chunk: c, sub });
      }
      continue;
    }
    const d = c.parse.data;
    const key = c.span.key;
    inDuplicate = entryChunk.has(key);
    if (inDuplicate) {
      const k = nodeSpan(firstPair(c)?.key) ?? { start: 0, end: key.length };
      problems.push({ code: 'DUPLICATE_KEY', severity: 'error', message: 'Map keys must be unique', span: shift(k, c.span.start) });
      continue;
    }
    entryChunk.set(key, c);
    if (c.span.kind === 'seq-head') {
      seqItems.set(key, []);
      setKey(data, key, []);
    } else if (d && typeof d === 'object' && !Array.isArray(d)) {
      for (const [k, v] of Object.entries(d)) setKey(data, k, v);
    }
  }
  const locateIn = (path: Path, part: LocatePart): { span: Span; complete: boolean; node: YNode | null; pair?: Pair; offset: number } => {
    if (path.length === 0) return { span: { start: 0, end: text.length }, complete: true, node: null, offset: 0 };
    const key = String(path[0]);
    const head = entryChunk.get(key);
    if (!head) return { span: { start: 0, end: 0 }, complete: false, node: null, offset: 0 };
    const items = seqItems.get(key);
    if (items && path.length > 1) {
      const idx = path[1];
      const at = typeof idx === 'number' ? items[idx] : undefined;
      if (!at) {
        const k = nodeSpan(firstPair(head)?.key) ?? { start: 0, end: 0 };
        return { span: shift(k, head.span.start), complete: false, node: null, offset: 0 };
      }
      const item = at.chunk;
      const w = walkItem(item.parse, at.sub, path.slice(2), part);
      return {
        span: shift(w.span ?? { start: 0, end: 0 }, item.span.start),
        complete: w.complete,
        node: w.node,
        ...(w.pair ? { pair: w.pair } : {}),
        offset: item.span.start,
      };
    }
    const w = walk(head.parse.doc.contents, path, part);
    if (items && path.length === 1 && part !== 'key') {
      // the whole sequence: from the key to the end of its last item
      const k = nodeSpan(firstPair(head)?.key) ?? { start: 0, end: 0 };
      const last = items[items.length - 1];
      const end = last ? last.chunk.span.end : head.span.end;
      return { span: { start: head.span.start + k.start, end: trimEnd(text, end) }, complete: true, node: null, offset: head.span.start };
    }
    return {
      span: shift(w.span ?? { start: 0, end: 0 }, head.span.start),
      complete: w.complete,
      node: w.node,
      ...(w.pair ? { pair: w.pair } : {}),
      offset: head.span.start,
    };
  };
  return {
    ...(state ? { fast: state } : {}),
    text,
    data: any ? data : undefined,
    problems,
    reparsedChunks,
    locate: (path, part = 'value') => locateIn(path, part).span,
    has: (path) => locateIn(path, 'value').complete,
    nodeAt(path) {
      const r = locateIn(path, 'value');
      return r.complete ? { node: r.node, ...(r.pair ? { pair: r.pair } : {}), offset: r.offset } : undefined;
    },
  };
}

/**
 * The items a sequence-item chunk adds to its sequence, each with its index in the chunk's own
 * sequence: one item normally, but a damaged chunk can hold several, or parse to something other
 * than a sequence (sub -1: its whole value is the item).
 */
function chunkItems(d: unknown): { item: unknown; sub: number }[] {
  return Array.isArray(d) ? d.map((item, sub) => ({ item, sub })) : [{ item: d ?? null, sub: -1 }];
}

function walkItem(p: ChunkParse, sub: number, rest: Path, part: LocatePart): ReturnType<typeof walk> {
  return walk(p.doc.contents, sub === -1 ? rest : [sub, ...rest], part);
}

/** A sequence item's chunk parsed by `yaml`, as the chunked parse reads it. */
export interface ItemChunk {
  /** The data items it adds to its sequence (see chunkItems). */
  readonly items: readonly unknown[];
  /** The span (in the file) of `rest` under its item `i`, and whether all of `rest` is there. */
  locate(i: number, rest: Path, part?: LocatePart): { span: Span; complete: boolean };
}

/**
 * Parse one 'seq-item' chunk of splitChunks, at offset `start` of its file, exactly as the chunked
 * parse does: the fast summary reader takes a damaged unit from here instead of parsing the whole file.
 * Undefined when the chunk nests too deep (the whole file is then parsed at once, see parseChecked).
 */
export function parseItemChunk(text: string, start: number): ItemChunk | undefined {
  const p = parseText(text);
  if (p.problems.some((x) => x.code === 'NESTING_TOO_DEEP')) return undefined;
  const items = chunkItems(p.data);
  return {
    items: items.map((x) => x.item),
    locate(i, rest, part = 'value') {
      const w = walkItem(p, items[i]!.sub, rest, part);
      return { span: shift(w.span ?? { start: 0, end: 0 }, start), complete: w.complete };
    },
  };
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function firstPair(c: Chunk): Pair | undefined {
  const root = c.parse.doc.contents;
  return isMap(root) ? (root.items[0] as Pair | undefined) : undefined;
}
