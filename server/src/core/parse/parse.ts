/**
 * Parsing a spec file into plain data plus a locator that maps a data path back to source spans.
 *
 * The text is split into chunks (see chunker.ts); each chunk is parsed by `yaml` on its own and
 * cached by its exact text, so re-parsing an edited file costs one chunk, not the whole file.
 * Data is built by our own walk over the yaml nodes: aliases are refused (never expanded, so an
 * alias bomb costs nothing), and `__proto__` keys cannot reach an object's prototype.
 *
 * Hostile text is refused before `yaml` composes it (docs/robustness.md): a file larger than
 * MAX_SPEC_CHARS, a binary file (NUL characters) (text-checks.ts), and text nesting deeper than
 * MAX_NESTING (guard.ts).
 *
 * The package, by job: types.ts (the data types), guard.ts (`yaml` with depth and problem limits),
 * yaml-data.ts (a text's data and paths through its nodes), chunker.ts (where a file splits),
 * assemble.ts (a file's ParsedFile from its chunks), text-checks.ts (the text as a whole), keys.ts
 * and scalar.ts (how a key and a plain scalar read, shared with the fast readers), and fast/ (the
 * batch linter's fast path: the block reader and js-yaml; the workspace summary reader,
 * core/workspace/fast-summary.ts, uses the block reader too). This file ties them together.
 */
import type { Document } from 'yaml';
import { splitChunks } from './chunker.js';
import { fastData, sameData } from './fast/fast-data.js';
import { chunkedFile, wholeFile } from './assemble.js';
import { MAX_SYNTAX_PROBLEMS } from './guard.js';
import { capProblems, refusal, refusedFile, textProblems } from './text-checks.js';
import { parseText } from './yaml-data.js';
import type { Chunk, ChunkParse, FastState, ParsedFile, SyntaxProblem } from './types.js';

export type { FastState, ItemChunk, LocatePart, ParsedFile, Path, PathSegment, SyntaxProblem } from './types.js';
export { MAX_NESTING, MAX_SYNTAX_PROBLEMS, parseDocumentGuarded } from './guard.js';
export { MAX_SPEC_CHARS, OWN_PROBLEM_CODES } from './text-checks.js';
export { parseItemChunk } from './assemble.js';

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

export function parseSpecText(text: string, options: ParseOptions = {}): ParsedFile {
  const refused = refusal(text);
  if (refused) return refusedFile(text, refused);
  const parsed = parseChecked(text, options);
  const extra = textProblems(text);
  if (!extra.length && parsed.problems.length <= MAX_SYNTAX_PROBLEMS && !parsed.problems.some((p) => p.code === 'TOO_MANY_PROBLEMS')) return parsed;
  return { ...parsed, problems: capProblems([...extra, ...parsed.problems]) };
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
