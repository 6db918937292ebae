/**
 * Parsing a spec file into plain data plus a locator that maps a data path back to source spans.
 *
 * The text is split into chunks (see chunker.ts); each chunk is parsed by `yaml` on its own and
 * cached by its exact text, so re-parsing an edited file costs one chunk, not the whole file.
 * Data is built by our own walk over the yaml nodes: aliases are refused (never expanded, so an
 * alias bomb costs nothing), and `__proto__` keys cannot reach an object's prototype.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YNode, type Pair } from 'yaml';
import { splitChunks, type ChunkSpan } from './chunker.js';
import type { Span } from '../text/line-index.js';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface SyntaxProblem {
  code: string;
  message: string;
  span: Span;
  severity: 'error' | 'warning';
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
    problems.push({ code: 'ALIAS', severity: 'error', span: { start: r[0], end: r[1] }, message: `YAML aliases (*${node.source}) are not allowed in a spec file: write the value out in full.` });
    return null;
  }
  if (isMap(node)) {
    const obj: Record<string, unknown> = {};
    for (const pair of node.items) setKey(obj, keyString(pair.key), toData(pair.value, problems));
    return obj;
  }
  if (isSeq(node)) return node.items.map((n) => toData(n, problems));
  return null;
}

function parseText(text: string): ChunkParse {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false });
  const problems: SyntaxProblem[] = [];
  for (const e of doc.errors) problems.push({ code: e.code, severity: 'error', message: e.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, ''), span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0]) } });
  for (const w of doc.warnings) problems.push({ code: w.code, severity: 'warning', message: w.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, ''), span: { start: w.pos[0], end: Math.max(w.pos[1], w.pos[0]) } });
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
}

export function parseSpecText(text: string, options: ParseOptions = {}): ParsedFile {
  const cache = options.cache;
  const spans = options.whole ? undefined : splitChunks(text);
  if (!spans) return wholeFile(text);
  const used = new Set<string>();
  let reparsed = 0;
  const chunks: Chunk[] = spans.map((span) => {
    const t = text.slice(span.start, span.end);
    used.add(t);
    let p = cache?.get(t);
    if (!p) {
      p = parseText(t);
      reparsed++;
      cache?.set(t, p);
    }
    return { span, parse: p };
  });
  cache?.retain(used);
  return chunkedFile(text, chunks, reparsed);
}

function wholeFile(text: string): ParsedFile {
  const p = parseText(text);
  return {
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

function chunkedFile(text: string, chunks: Chunk[], reparsedChunks: number): ParsedFile {
  const problems: SyntaxProblem[] = [];
  const data: Record<string, unknown> = {};
  let any = false;
  // key -> chunk(s) holding it
  const entryChunk = new Map<string, Chunk>();
  const seqItems = new Map<string, Chunk[]>();
  for (const c of chunks) {
    for (const pr of c.parse.problems) problems.push({ ...pr, span: shift(pr.span, c.span.start) });
    if (c.span.kind === 'preamble') continue;
    any = true;
    if (c.span.kind === 'seq-item') {
      seqItems.get(c.span.key)!.push(c);
      const arr = data[c.span.key] as unknown[];
      const d = c.parse.data;
      if (Array.isArray(d)) for (const x of d) arr.push(x);
      else arr.push(d ?? null);
      continue;
    }
    const d = c.parse.data;
    const key = c.span.key;
    if (entryChunk.has(key)) {
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
      const item = typeof idx === 'number' ? items[idx] : undefined;
      if (!item) {
        const k = nodeSpan(firstPair(head)?.key) ?? { start: 0, end: 0 };
        return { span: shift(k, head.span.start), complete: false, node: null, offset: 0 };
      }
      const root = item.parse.doc.contents;
      const w = walk(root, [0, ...path.slice(2)], part);
      return { span: shift(w.span ?? { start: 0, end: 0 }, item.span.start), complete: w.complete, node: w.node, ...(w.pair ? { pair: w.pair } : {}), offset: item.span.start };
    }
    const w = walk(head.parse.doc.contents, path, part);
    if (items && path.length === 1 && part !== 'key') {
      // the whole sequence: from the key to the end of its last item
      const k = nodeSpan(firstPair(head)?.key) ?? { start: 0, end: 0 };
      const last = items[items.length - 1];
      const end = last ? last.span.end : head.span.end;
      return { span: { start: head.span.start + k.start, end: trimEnd(text, end) }, complete: true, node: null, offset: head.span.start };
    }
    return { span: shift(w.span ?? { start: 0, end: 0 }, head.span.start), complete: w.complete, node: w.node, ...(w.pair ? { pair: w.pair } : {}), offset: head.span.start };
  };
  return {
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

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1]!)) e--;
  return e;
}

function firstPair(c: Chunk): Pair | undefined {
  const root = c.parse.doc.contents;
  return isMap(root) ? (root.items[0] as Pair | undefined) : undefined;
}
