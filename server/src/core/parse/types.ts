/** The parser's data types: paths into a spec's data, syntax problems, and a parsed file with its locator. */
import type { Document, Node as YNode, Pair } from 'yaml';
import type { ChunkSpan } from './chunker.js';
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

/** One chunk's (or a whole text's) parse: its `yaml` document, its data, and its problems (spans relative to the chunk). */
export interface ChunkParse {
  text: string;
  doc: Document.Parsed;
  data: unknown;
  problems: SyntaxProblem[];
}

/** A chunk of a file and its parse. */
export interface Chunk {
  span: ChunkSpan;
  parse: ChunkParse;
}

/** A sequence item's chunk parsed by `yaml`, as the chunked parse reads it. */
export interface ItemChunk {
  /** The data items it adds to its sequence (see chunkItems). */
  readonly items: readonly unknown[];
  /** The span (in the file) of `rest` under its item `i`, and whether all of `rest` is there. */
  locate(i: number, rest: Path, part?: LocatePart): { span: Span; complete: boolean };
}
