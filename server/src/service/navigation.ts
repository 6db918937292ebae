/**
 * Unit refs and group ids as symbols: what is at a position, go to definition, find references,
 * rename, document and workspace symbols. Everything cross-file reads the workspace index
 * (definitions and `uses`), never other files' parsed documents.
 */
import {
  SymbolKind,
  type DocumentSymbol,
  type Location,
  type Position,
  type Range,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { FileSummary, Path, UnitSummary } from '../core/index.js';
import type { Span } from '../core/text/line-index.js';
import { sizeFacts } from '../core/model/sizes.js';
import { baseName, contains, innerSpan, rangeIn, toRange, type ServiceHost, type SpecFile } from './host.js';

export interface RefHit {
  kind: 'unit' | 'group';
  ref: string;
  span: Span;
  /** The position is on a definition (a unit's `ref`, a group's `id`), not a use. */
  definition: boolean;
}

/** The unit ref or group id at an offset of an analysed file. */
export function refAt(file: SpecFile, offset: number): RefHit | undefined {
  const s = file.analysis.summary;
  for (const u of s.uses) if (contains(u.span, offset)) return { kind: u.kind, ref: u.ref, span: u.span, definition: false };
  for (const u of s.units) if (contains(u.refSpan, offset)) return { kind: 'unit', ref: u.ref, span: u.refSpan, definition: true };
  for (const g of s.groups) if (contains(g.span, offset)) return { kind: 'group', ref: g.id, span: g.span, definition: true };
  return undefined;
}

function loc(host: ServiceHost, uri: string, span: Span): Location {
  return { uri, range: rangeIn(host, uri, span) };
}

/** Definitions of a unit ref: this file's first, then the rest of the workspace. */
export function unitDefinitions(host: ServiceHost, ref: string, preferUri?: string): UnitSummary[] {
  const all = host.index.findUnit(ref);
  return [...all.filter((u) => u.uri === preferUri), ...all.filter((u) => u.uri !== preferUri)];
}

/** Group definitions visible from a file: group ids are local to the file that declares them. */
function groupDefinitions(host: ServiceHost, id: string, uri: string): { uri: string; span: Span }[] {
  const local = host.index.get(uri)?.groups.filter((g) => g.id === id) ?? [];
  if (local.length) return local;
  const out: { uri: string; span: Span }[] = [];
  for (const f of host.index.all()) for (const g of f.groups) if (g.id === id) out.push(g);
  return out;
}

export function definition(host: ServiceHost, uri: string, position: Position): Location[] {
  const file = host.file(uri);
  if (!file) return [];
  const hit = refAt(file, file.lines.offsetAt(position));
  if (!hit) return [];
  if (hit.kind === 'unit') return unitDefinitions(host, hit.ref, file.uri).map((u) => loc(host, u.uri, u.refSpan));
  return groupDefinitions(host, hit.ref, file.uri).map((g) => loc(host, g.uri, g.span));
}

/** Every place a unit ref (across the workspace) or a group id (in its file) appears. */
function occurrences(host: ServiceHost, hit: RefHit, uri: string, includeDeclaration: boolean): { uri: string; span: Span }[] {
  const out: { uri: string; span: Span }[] = [];
  if (hit.kind === 'unit') {
    if (includeDeclaration) for (const u of unitDefinitions(host, hit.ref, uri)) out.push({ uri: u.uri, span: u.refSpan });
    const files: FileSummary[] = [host.index.get(uri), ...[...host.index.all()].filter((f) => f.uri !== uri)].filter((f): f is FileSummary => f !== undefined);
    for (const f of files) for (const u of f.uses) if (u.kind === 'unit' && u.ref === hit.ref) out.push({ uri: f.uri, span: u.span });
    return out;
  }
  const f = host.index.get(uri);
  if (!f) return out;
  if (includeDeclaration) for (const g of f.groups) if (g.id === hit.ref) out.push({ uri, span: g.span });
  for (const u of f.uses) if (u.kind === 'group' && u.ref === hit.ref) out.push({ uri, span: u.span });
  return out;
}

export function references(host: ServiceHost, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const file = host.file(uri);
  if (!file) return [];
  const hit = refAt(file, file.lines.offsetAt(position));
  if (!hit) return [];
  // file.uri is the index's key (the host normalises the client's URI): the file's own uses are found under it.
  return occurrences(host, hit, file.uri, includeDeclaration).map((o) => loc(host, o.uri, o.span));
}

const UNIT_REF = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const GROUP_ID = /^[a-z][a-z0-9-]*$/;

export function prepareRename(host: ServiceHost, uri: string, position: Position): { range: Range; placeholder: string } | null {
  const file = host.file(uri);
  if (!file) return null;
  const hit = refAt(file, file.lines.offsetAt(position));
  if (!hit) return null;
  return { range: toRange(file.lines, innerSpan(file.text, hit.span)), placeholder: hit.ref };
}

export class RenameError extends Error {}

/**
 * Edits renaming the unit ref or group id at the position everywhere it appears. `textOf` gives the
 * text of a file that is not open (to keep quotes); without it, spans are used as indexed.
 */
export function rename(
  host: ServiceHost,
  uri: string,
  position: Position,
  newName: string,
  textOf: (uri: string) => string | undefined = () => undefined,
): WorkspaceEdit | null {
  const file = host.file(uri);
  if (!file) return null;
  const hit = refAt(file, file.lines.offsetAt(position));
  if (!hit) return null;
  const name = newName.trim();
  if (hit.kind === 'unit' && !UNIT_REF.test(name))
    throw new RenameError(`'${newName}' is not a valid unit ref: use letters, digits and . _ / - (e.g. L5B1 or 8750-213).`);
  if (hit.kind === 'group' && !GROUP_ID.test(name))
    throw new RenameError(`'${newName}' is not a valid group id: use lower-case letters, digits and hyphens, starting with a letter (e.g. business).`);
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  for (const o of occurrences(host, hit, file.uri, true)) {
    const key = `${o.uri}#${o.span.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const text = host.file(o.uri)?.text ?? textOf(o.uri);
    const span = text !== undefined ? innerSpan(text, o.span) : o.span;
    (changes[o.uri] ??= []).push({ range: rangeIn(host, o.uri, span), newText: name });
  }
  return { changes };
}

// ------------------------------------------------------------------ symbols

const trunc = (s: string, n = 80) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

export function documentSymbols(file: SpecFile): DocumentSymbol[] {
  const { model, parsed } = file.analysis;
  const r = (p: Path, part: 'value' | 'key' | 'entry' = 'value') => toRange(file.lines, parsed.locate(p, part));
  const out: DocumentSymbol[] = [];
  const section = (key: string, children: DocumentSymbol[]) => {
    if (!children.length) return;
    out.push({ name: key, kind: SymbolKind.Namespace, range: r([key], 'entry'), selectionRange: r([key], 'key'), children });
  };
  section(
    'groups',
    model.groups.map((g) => ({
      name: g.id ?? `group ${Number(g.path[1]) + 1}`,
      ...(g.title ? { detail: g.title } : {}),
      kind: SymbolKind.Enum,
      range: r(g.path),
      selectionRange: r(parsed.has([...g.path, 'id']) ? [...g.path, 'id'] : g.path),
    })),
  );
  section(
    'qualifications',
    model.qualifications.map((q) => ({
      name: q.title ?? `Qualification ${q.index + 1}`,
      detail: [q.type, q.qan ? `QAN ${q.qan}` : undefined].filter(Boolean).join(' · '),
      kind: SymbolKind.Package,
      range: r(q.path),
      selectionRange: r(parsed.has([...q.path, 'title']) ? [...q.path, 'title'] : q.path),
      children: q.rules.map((ru) => ({
        name: ru.id ?? `rule ${ru.index + 1}`,
        ...(ru.text ? { detail: trunc(ru.text) } : {}),
        kind: SymbolKind.Boolean,
        range: r(ru.path),
        selectionRange: r(parsed.has([...ru.path, 'id']) ? [...ru.path, 'id'] : ru.path),
      })),
    })),
  );
  section(
    'units',
    model.units.map((u) => ({
      name: u.ref !== undefined ? `${u.ref}${u.title ? ` ${u.title}` : ''}` : `unit ${u.index + 1}`,
      // Its level and its size in credit, else GLH (a spec sized in GLH only has no credit to show).
      detail: sizeFacts({ level: u.level, credit: u.credit, glh: u.credit === undefined ? u.glh : undefined }).join(' · '),
      kind: SymbolKind.Class,
      range: r(u.path),
      selectionRange: r(parsed.has([...u.path, 'ref']) ? [...u.path, 'ref'] : u.path),
      children: u.learningOutcomes.map((lo, i) => ({
        name: `LO ${lo.number ?? i + 1}${lo.text ? `: ${trunc(lo.text, 60)}` : ''}`,
        detail: `${lo.criteria.length} criteria`,
        kind: SymbolKind.Method,
        range: r(lo.path),
        selectionRange: r(parsed.has([...lo.path, 'number']) ? [...lo.path, 'number'] : lo.path),
      })),
    })),
  );
  return out;
}

/** Flat symbols, for clients without hierarchical document symbols. */
export function flattenSymbols(uri: string, symbols: DocumentSymbol[], container?: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of symbols) {
    out.push({ name: s.name, kind: s.kind, location: { uri, range: s.range }, ...(container ? { containerName: container } : {}) });
    if (s.children) out.push(...flattenSymbols(uri, s.children, s.name));
  }
  return out;
}

/** How well a name matches a query: 0 exact, 1 prefix, 2 substring, 3 in order; -1 no match. */
function score(query: string, target: string): number {
  if (!query) return 2;
  const t = target.toLowerCase();
  if (t === query) return 0;
  if (t.startsWith(query)) return 1;
  if (t.includes(query)) return 2;
  let i = 0;
  for (const c of t) if (c === query[i]) i++;
  return i === query.length ? 3 : -1;
}

/** Units, qualifications and groups of every indexed file whose name matches the query, best matches first. */
export function workspaceSymbols(host: ServiceHost, query: string, limit = 500, cancelled: () => boolean = () => false): SymbolInformation[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const found: { s: SymbolInformation; rank: number }[] = [];
  const add = (rank: number, s: () => SymbolInformation) => {
    if (rank >= 0) found.push({ rank, s: s() });
  };
  for (const f of host.index.all()) {
    if (cancelled()) break;
    const container = baseName(f.uri);
    for (const u of f.units) {
      const title = typeof u.fields.title === 'string' ? u.fields.title : '';
      const name = `${u.ref}${title ? ` ${title}` : ''}`;
      const r = Math.min(...[score(q, u.ref), score(q, name.replace(/\s+/g, ''))].map((x) => (x < 0 ? 99 : x)));
      add(r === 99 ? -1 : r, () => ({
        name,
        kind: SymbolKind.Class,
        location: { uri: f.uri, range: rangeIn(host, f.uri, u.refSpan) },
        containerName: container,
      }));
    }
    for (const qs of f.qualifications) {
      const name = qs.title ?? qs.qan ?? '';
      if (!name) continue;
      const r = Math.min(...[score(q, name.replace(/\s+/g, '')), qs.qan ? score(q, qs.qan) : -1].map((x) => (x < 0 ? 99 : x)));
      add(r === 99 ? -1 : r, () => ({
        name,
        kind: SymbolKind.Package,
        location: { uri: f.uri, range: rangeIn(host, f.uri, qs.titleSpan ?? qs.qanSpan ?? { start: 0, end: 0 }) },
        containerName: container,
      }));
    }
    for (const g of f.groups) {
      const name = `${g.id}${g.title ? ` (${g.title})` : ''}`;
      add(score(q, name.replace(/\s+/g, '')), () => ({
        name,
        kind: SymbolKind.Enum,
        location: { uri: f.uri, range: rangeIn(host, f.uri, g.span) },
        containerName: container,
      }));
    }
  }
  found.sort((a, b) => a.rank - b.rank);
  return found.slice(0, limit).map((x) => x.s);
}
