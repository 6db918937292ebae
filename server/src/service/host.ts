/**
 * What the language features need from their host (the LSP layer, or a test): the workspace index,
 * the analysed open documents, and positions for any indexed file. Plain data in, plain LSP-shaped
 * data out; no transport.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { FileAnalysis, WorkspaceIndex } from '../core/index.js';
import { positionIn, type Span } from '../core/text/line-index.js';

/** Offsets <-> LSP positions (UTF-16) of one text. */
export interface LineMap {
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

/** An open, analysed spec document: `analysis` was computed from exactly `text`. */
export interface SpecFile {
  uri: string;
  version: number;
  text: string;
  analysis: FileAnalysis;
  lines: LineMap;
}

export interface ClientFeatures {
  snippets: boolean;
  /** The client keeps a completion's whitespace as given (InsertTextMode.asIs). */
  insertTextModeAsIs: boolean;
  markdown: boolean;
  hierarchicalSymbols: boolean;
  /** The client asks again for inlay hints when the server says they changed (workspace/inlayHint/refresh). */
  inlayHintRefresh: boolean;
}

export const DEFAULT_FEATURES: ClientFeatures = {
  snippets: true,
  insertTextModeAsIs: true,
  markdown: true,
  hierarchicalSymbols: true,
  inlayHintRefresh: false,
};

export interface ServiceHost {
  index: WorkspaceIndex;
  /** The analysed open document at `uri`, if open. */
  file(uri: string): SpecFile | undefined;
  /** Positions for an open document or an indexed file (from its summary's line starts). */
  lines(uri: string): LineMap | undefined;
  features: ClientFeatures;
  /**
   * The `.qualspec.yaml` that applies to a spec: its URI and text, or (text undefined) the URI
   * where one would be created. Absent: the host cannot edit the configuration.
   */
  workspaceConfig?(specUri: string): { uri: string; text?: string } | undefined;
}

/** A LineMap over a list of line start offsets (as kept by the workspace index). */
export class LineStarts implements LineMap {
  constructor(
    private readonly starts: ArrayLike<number>,
    private readonly length = Number.MAX_SAFE_INTEGER,
  ) {}
  positionAt(offset: number): Position {
    return positionIn(this.starts, this.length, offset);
  }
  offsetAt(p: Position): number {
    const s = this.starts;
    if (p.line < 0) return 0;
    if (p.line >= s.length) return s[s.length - 1] ?? 0;
    return s[p.line]! + Math.max(0, p.character);
  }
}

export const toRange = (lines: LineMap, span: Span): Range => ({ start: lines.positionAt(span.start), end: lines.positionAt(span.end) });

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The range of a span in any file the host knows (open or indexed), else the start of the file. */
export function rangeIn(host: ServiceHost, uri: string, span: Span): Range {
  const l = host.lines(uri);
  return l ? toRange(l, span) : ZERO_RANGE;
}

export function contains(span: Span, offset: number): boolean {
  return offset >= span.start && offset <= span.end;
}

/** A span without the quotes of a quoted scalar (so a rename keeps them). */
export function innerSpan(text: string, span: Span): Span {
  const c = text[span.start];
  if ((c === '"' || c === "'") && span.end - span.start >= 2 && text[span.end - 1] === c) return { start: span.start + 1, end: span.end - 1 };
  return span;
}

/** Short file name of a URI, for messages. */
export function baseName(uri: string): string {
  const i = uri.lastIndexOf('/');
  return decodeURIComponent(i >= 0 ? uri.slice(i + 1) : uri);
}
