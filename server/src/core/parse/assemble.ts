/**
 * A file's ParsedFile from its parse: whole (one document) or chunked (chunker.ts: one parse per
 * top-level entry and per sequence item, joined here into the file's data, with a locator that walks
 * into the chunk holding a path).
 */
import { isMap, type Node as YNode, type Pair } from 'yaml';
import { chunkItems, nodeSpan, parseText, setKey, shift, walk, walkItem } from './yaml-data.js';
import type { Chunk, ChunkParse, FastState, ItemChunk, LocatePart, ParsedFile, Path, SyntaxProblem } from './types.js';
import type { Span } from '../text/line-index.js';

export function wholeFile(text: string, p: ChunkParse, state: FastState | undefined): ParsedFile {
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

export function chunkedFile(text: string, chunks: Chunk[], reparsedChunks: number, state: FastState | undefined): ParsedFile {
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
