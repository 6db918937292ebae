/**
 * The workspace index: a light summary of every spec file (its units, qualifications, groups and
 * KSB texts, each with its source span), updated one file at a time. Cross-file checks and
 * workspace-wide navigation read only these summaries, so a 1,000-file workspace never needs every
 * parsed document in memory.
 */
import type { ParsedFile, Path } from '../parse/parse.js';
import type { SpecModel, UnitModel } from '../model/spec.js';
import type { Span } from '../text/line-index.js';
import type { Suppressions } from '../lint/suppress.js';

export const UNIT_FIELDS = ['uan', 'title', 'level', 'group', 'glh', 'tqt', 'credit'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];

export interface UnitSummary {
  uri: string;
  ref: string;
  refSpan: Span;
  /** Span of the unit's first line (`- ref: …`) to its end. */
  span: Span;
  summary: boolean;
  specifiedIn?: string;
  fields: Partial<Record<UnitField, string | number>>;
  fieldSpans: Partial<Record<UnitField, Span>>;
}

export interface QualSummary {
  uri: string;
  qan?: string;
  qanSpan?: Span;
  title?: string;
  titleSpan?: Span;
  type?: string;
}

export interface KsbSummary {
  uri: string;
  standard: string;
  code: string;
  text: string;
  span: Span;
  unitRef?: string;
}

export interface GroupSummary {
  uri: string;
  id: string;
  title?: string;
  span: Span;
}

export interface RefUse {
  uri: string;
  ref: string;
  span: Span;
  kind: 'unit' | 'group';
}

export interface FileSummary {
  uri: string;
  units: UnitSummary[];
  qualifications: QualSummary[];
  groups: GroupSummary[];
  ksbs: KsbSummary[];
  /** Every place a unit ref or group id is used (not defined), for references and rename. */
  uses: RefUse[];
  suppressions: Suppressions;
  /** Text length and line starts, to turn spans into positions without the text. */
  lineStarts: number[];
}

function lineStarts(text: string): number[] {
  const s = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) s.push(i + 1);
  return s;
}

export function summarise(uri: string, parsed: ParsedFile, model: SpecModel, suppressions: Suppressions): FileSummary {
  const loc = (p: Path, part: 'value' | 'key' | 'entry' = 'value') => parsed.locate(p, part);
  const units: UnitSummary[] = [];
  const ksbs: KsbSummary[] = [];
  for (const u of model.units) {
    if (u.ref === undefined) continue;
    units.push(unitSummary(uri, u, loc));
    for (const k of u.ksbs) {
      if (k.standard && k.code && k.text !== undefined)
        ksbs.push({ uri, standard: k.standard, code: k.code, text: k.text, span: loc([...k.path, 'text']), unitRef: u.ref });
    }
  }
  const uses: RefUse[] = [];
  for (const q of model.qualifications) {
    for (const m of q.units) if (m.ref !== undefined) uses.push({ uri, ref: m.ref, span: loc(m.refPath), kind: 'unit' });
    for (const r of q.rules) {
      for (const list of [r.units, r.mandatory, r.barred])
        for (const it of list?.items ?? []) if (it.value !== undefined) uses.push({ uri, ref: it.value, span: loc(it.path), kind: 'unit' });
      for (const it of r.groups?.items ?? []) if (it.value !== undefined) uses.push({ uri, ref: it.value, span: loc(it.path), kind: 'group' });
    }
    for (const it of q.pool?.units?.items ?? []) if (it.value !== undefined) uses.push({ uri, ref: it.value, span: loc(it.path), kind: 'unit' });
    for (const it of q.pool?.groups?.items ?? []) if (it.value !== undefined) uses.push({ uri, ref: it.value, span: loc(it.path), kind: 'group' });
  }
  for (const u of model.units) if (u.group !== undefined) uses.push({ uri, ref: u.group, span: loc([...u.path, 'group']), kind: 'group' });
  return {
    uri,
    units,
    qualifications: model.qualifications.map((q) => ({
      uri,
      ...(q.qan !== undefined ? { qan: q.qan, qanSpan: loc([...q.path, 'qan']) } : {}),
      ...(q.title !== undefined ? { title: q.title, titleSpan: loc([...q.path, 'title']) } : {}),
      ...(q.type !== undefined ? { type: q.type } : {}),
    })),
    groups: model.groups
      .filter((g) => g.id !== undefined)
      .map((g) => ({ uri, id: g.id!, ...(g.title !== undefined ? { title: g.title } : {}), span: loc([...g.path, 'id']) })),
    ksbs,
    uses,
    suppressions,
    lineStarts: lineStarts(parsed.text),
  };
}

function unitSummary(uri: string, u: UnitModel, loc: (p: Path, part?: 'value' | 'key' | 'entry') => Span): UnitSummary {
  const fields: UnitSummary['fields'] = {};
  const fieldSpans: UnitSummary['fieldSpans'] = {};
  for (const f of UNIT_FIELDS) {
    const v = u[f];
    if (v !== undefined) {
      fields[f] = v;
      fieldSpans[f] = loc([...u.path, f]);
    }
  }
  return {
    uri,
    ref: u.ref!,
    refSpan: loc([...u.path, 'ref']),
    span: loc(u.path),
    summary: u.summary,
    ...(u.specifiedIn !== undefined ? { specifiedIn: u.specifiedIn } : {}),
    fields,
    fieldSpans,
  };
}

export class WorkspaceIndex {
  private files = new Map<string, FileSummary>();
  private unitsByRefCache: Map<string, UnitSummary[]> | undefined;
  /** Bumped on every change, so callers can tell whether cross-file results are stale. */
  generation = 0;

  set(summary: FileSummary): void {
    const old = this.files.get(summary.uri);
    this.files.set(summary.uri, summary);
    // Keep the by-ref map up to date one file at a time: rebuilding it after every file made
    // indexing a workspace quadratic in its number of files.
    if (this.unitsByRefCache) {
      if (old) this.removeUnits(old);
      this.addUnits(summary);
    }
    this.generation++;
  }

  delete(uri: string): void {
    const old = this.files.get(uri);
    if (!old) return;
    this.files.delete(uri);
    if (this.unitsByRefCache) this.removeUnits(old);
    this.generation++;
  }

  private addUnits(f: FileSummary): void {
    const m = this.unitsByRefCache!;
    for (const u of f.units) {
      const list = m.get(u.ref);
      if (list) list.push(u);
      else m.set(u.ref, [u]);
    }
  }

  private removeUnits(f: FileSummary): void {
    const m = this.unitsByRefCache!;
    for (const u of f.units) {
      const list = m.get(u.ref);
      if (!list) continue;
      const rest = list.filter((x) => x.uri !== f.uri);
      if (rest.length) m.set(u.ref, rest);
      else m.delete(u.ref);
    }
  }

  get(uri: string): FileSummary | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  all(): IterableIterator<FileSummary> {
    return this.files.values();
  }

  get size(): number {
    return this.files.size;
  }

  /** Every definition of a unit ref across the workspace. */
  unitsByRef(): Map<string, UnitSummary[]> {
    if (!this.unitsByRefCache) {
      this.unitsByRefCache = new Map();
      for (const f of this.files.values()) this.addUnits(f);
    }
    return this.unitsByRefCache;
  }

  findUnit(ref: string): UnitSummary[] {
    return this.unitsByRef().get(ref) ?? [];
  }

  allGroupIds(): Set<string> {
    const s = new Set<string>();
    for (const f of this.files.values()) for (const g of f.groups) s.add(g.id);
    return s;
  }
}
