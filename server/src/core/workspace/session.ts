/**
 * The incremental workspace engine behind the language server, with no I/O and no LSP: one
 * workspace index per project (a workspace folder, or '' for files outside every folder), the
 * cross-file findings of each project's last workspace check, and the decisions an edit needs —
 * which summaries changed, whether the cross-file findings only moved (then they are remapped, not
 * recomputed), and which other files must be checked or shown again. The server (lsp/) feeds it
 * texts' summaries and asks it for findings; the tests drive it directly (session.test.ts).
 */
import { analyseWorkspace } from '../lint/engine.js';
import { sortFindings } from '../lint/engine.js';
import type { QualspecConfig } from '../config/config.js';
import type { Finding } from '../rules/types.js';
import type { Span } from '../text/line-index.js';
import { WorkspaceIndex, type FileSummary, type RefUse } from './index.js';

/** A file's summary before and after a change (absent: the file is, or was, no spec of the index). */
export interface IndexChange {
  uri: string;
  prev?: FileSummary;
  next?: FileSummary;
}

/**
 * What the workspace checks read of a summary, without positions: two summaries with the same key
 * give the same cross-file findings, only at other offsets.
 */
export function semanticKey(s: FileSummary): string {
  const starts: number[] = [];
  if (s.suppressions.length) {
    for (const u of s.units) starts.push(u.refSpan.start, u.span.start, ...Object.values(u.fieldSpans).map((x) => x!.start));
    for (const q of s.qualifications) starts.push(q.qanSpan?.start ?? -1, q.titleSpan?.start ?? -1);
    for (const x of [...s.groups, ...s.ksbs, ...s.uses]) starts.push(x.span.start);
  }
  const coverage = starts.map((o) => s.suppressions.map((x, i) => (o >= x.span.start && o < x.span.end ? i : '')).join(','));
  return JSON.stringify([
    s.units.map((u) => [u.ref, u.summary, u.specifiedIn ?? null, u.fields, Object.keys(u.fieldSpans)]),
    s.qualifications.map((q) => [q.qan ?? null, q.title ?? null, q.type ?? null, !!q.qanSpan, !!q.titleSpan]),
    s.groups.map((g) => [g.id, g.title ?? null]),
    s.ksbs.map((k) => [k.standard, k.code, k.text, k.unitRef ?? null]),
    s.uses.map((u) => u.kind + u.ref),
    s.suppressions.map((x) => x.rules ?? null),
    coverage,
  ]);
}

const spanKey = (x: Span) => `${x.start}:${x.end}`;

/** Old span -> new span, for two summaries with the same semanticKey (undefined if ambiguous). */
export function spanMap(a: FileSummary, b: FileSummary): Map<string, Span> | undefined {
  const m = new Map<string, Span>();
  let ok = true;
  const pair = (x: Span | undefined, y: Span | undefined) => {
    if (!x || !y) return;
    const k = spanKey(x);
    const had = m.get(k);
    if (had && (had.start !== y.start || had.end !== y.end)) ok = false;
    m.set(k, y);
  };
  a.units.forEach((u, i) => {
    const v = b.units[i]!;
    pair(u.refSpan, v.refSpan);
    pair(u.span, v.span);
    for (const f of Object.keys(u.fieldSpans) as (keyof typeof u.fieldSpans)[]) pair(u.fieldSpans[f], v.fieldSpans[f]);
  });
  a.qualifications.forEach((q, i) => {
    pair(q.qanSpan, b.qualifications[i]!.qanSpan);
    pair(q.titleSpan, b.qualifications[i]!.titleSpan);
  });
  a.groups.forEach((g, i) => pair(g.span, b.groups[i]!.span));
  a.ksbs.forEach((k, i) => pair(k.span, b.ksbs[i]!.span));
  a.uses.forEach((u, i) => pair(u.span, b.uses[i]!.span));
  return ok ? m : undefined;
}

/** Unit refs whose definitions differ between two summaries of a file. */
export function changedUnits(prev: FileSummary | undefined, next: FileSummary | undefined): Set<string> {
  const sig = (s: FileSummary | undefined) => {
    const m = new Map<string, string>();
    for (const u of s?.units ?? []) m.set(u.ref, (m.get(u.ref) ?? '') + JSON.stringify(u.fields) + (u.summary ? 's' : ''));
    return m;
  };
  const a = sig(prev);
  const b = sig(next);
  const out = new Set<string>();
  for (const k of new Set([...a.keys(), ...b.keys()])) if (a.get(k) !== b.get(k)) out.add(k);
  return out;
}

/** An open file, as far as knowing whether another file's change affects its own checks goes. */
export interface Dependent {
  uri: string;
  /** The refs the file uses. */
  uses: readonly RefUse[];
  /** Whether the file defines a unit itself (then another file's unit of that ref does not matter to it). */
  definesUnit: (ref: string) => boolean;
}

export interface SessionHost {
  /** The project a file belongs to (its workspace folder's URI, or '' outside every folder). */
  projectOf(uri: string): string;
  /** The configuration that applies to a file. */
  configFor(uri: string): QualspecConfig;
}

export class WorkspaceSession {
  private readonly indexes = new Map<string, WorkspaceIndex>();
  /** Cross-file findings by URI, from the last run of the workspace checks of each project. */
  private readonly ws = new Map<string, Finding[]>();
  private readonly wsKeys = new Map<string, string>();
  private readonly wsUris = new Map<string, Set<string>>();
  /** Whether the first scan is done: until then no workspace check runs (it would report half a workspace). */
  ready = false;
  /** Workspace check runs done (for tests and logs). */
  workspaceRuns = 0;

  constructor(private readonly host: SessionHost) {}

  // ---------------------------------------------------------------- the indexes

  keyOf(uri: string): string {
    return this.host.projectOf(uri);
  }
  indexFor(uri: string): WorkspaceIndex {
    return this.byKey(this.keyOf(uri));
  }
  byKey(key: string): WorkspaceIndex {
    let ix = this.indexes.get(key);
    if (!ix) {
      ix = new WorkspaceIndex();
      this.indexes.set(key, ix);
    }
    return ix;
  }
  get(uri: string): FileSummary | undefined {
    return this.indexFor(uri).get(uri);
  }
  /** Put a file's summary in its project's index; the change, for `changed`. */
  set(summary: FileSummary): IndexChange {
    const prev = this.get(summary.uri);
    this.indexFor(summary.uri).set(summary);
    return { uri: summary.uri, prev, next: summary };
  }
  /** Take a file out of its project's index; the change (undefined when it was not there). */
  delete(uri: string): IndexChange | undefined {
    const prev = this.get(uri);
    if (!prev) return undefined;
    this.indexFor(uri).delete(uri);
    return { uri, prev };
  }
  projects(): [string, WorkspaceIndex][] {
    return [...this.indexes.entries()];
  }
  uris(): string[] {
    return [...this.indexes.values()].flatMap((ix) => ix.uris());
  }
  /** Forget everything (the workspace folders changed: files may move between projects). */
  clear(): void {
    this.indexes.clear();
    this.ws.clear();
    this.wsKeys.clear();
    this.wsUris.clear();
  }

  // ---------------------------------------------------------------- findings

  /** The cross-file findings of a file (none before the first scan is done). */
  workspaceFindings(uri: string): readonly Finding[] {
    return this.ready ? (this.ws.get(uri) ?? []) : [];
  }

  /** A file's own findings with its cross-file ones, in order. */
  findings(uri: string, own: Finding[]): Finding[] {
    const ws = this.workspaceFindings(uri);
    return ws.length ? sortFindings([...own, ...ws]) : own;
  }

  /** Run the workspace checks of the given projects (all by default); the URIs whose cross-file findings changed. */
  recompute(keys: Iterable<string> = this.indexes.keys()): Set<string> {
    const changed = new Set<string>();
    if (!this.ready) return changed;
    for (const key of [...keys]) {
      this.workspaceRuns++;
      const next = analyseWorkspace(this.byKey(key), (u) => this.host.configFor(u));
      const before = this.wsUris.get(key) ?? new Set<string>();
      const now = new Set(next.keys());
      for (const [uri, list] of next) {
        const k = JSON.stringify(list);
        if (this.wsKeys.get(uri) !== k) changed.add(uri);
        this.wsKeys.set(uri, k);
        this.ws.set(uri, list);
      }
      for (const uri of before) {
        if (now.has(uri)) continue;
        changed.add(uri);
        this.ws.delete(uri);
        this.wsKeys.delete(uri);
      }
      this.wsUris.set(key, now);
    }
    return changed;
  }

  /**
   * After an edit of `uri` that changed no value the workspace checks read (same semanticKey), move
   * the cross-file findings that point into the file to their new offsets instead of running the
   * checks again. Returns the other URIs whose findings moved, or undefined when that is not
   * possible (then `changed` must run the checks).
   */
  remap(uri: string, prev: FileSummary, next: FileSummary): Set<string> | undefined {
    const m = spanMap(prev, next);
    if (!m) return undefined;
    const key = this.keyOf(uri);
    const updates = new Map<string, Finding[]>();
    for (const u of this.wsUris.get(key) ?? []) {
      const list = this.ws.get(u);
      if (!list) continue;
      let changed = false;
      const out: Finding[] = [];
      for (const f of list) {
        let span = f.span;
        if (f.uri === uri) {
          const n = m.get(spanKey(f.span));
          if (!n) return undefined;
          if (n.start !== span.start || n.end !== span.end) span = n;
        }
        let related = f.related;
        if (related.some((r) => r.uri === uri)) {
          const moved = [];
          for (const r of related) {
            if (r.uri !== uri) {
              moved.push(r);
              continue;
            }
            const n = m.get(spanKey(r.span));
            if (!n) return undefined;
            moved.push(n.start === r.span.start && n.end === r.span.end ? r : { ...r, span: n });
          }
          if (moved.some((r, i) => r !== related[i])) related = moved;
        }
        if (span !== f.span || related !== f.related) {
          changed = true;
          out.push({ ...f, span, related });
        } else out.push(f);
      }
      if (changed) updates.set(u, out);
    }
    const moved = new Set<string>();
    for (const [u, list] of updates) {
      this.ws.set(u, list);
      this.wsKeys.set(u, JSON.stringify(list));
      if (u !== uri) moved.add(u);
    }
    return moved;
  }

  /**
   * After files' summaries changed: run their projects' workspace checks again, and say which files
   * must be shown again (`show`: their cross-file findings changed) and which open files must also
   * be checked again (`recheck`: they use a unit whose definition changed in another file).
   */
  changed(changes: readonly IndexChange[], open: Iterable<Dependent>): { show: Set<string>; recheck: Set<string> } {
    const show = new Set<string>();
    const recheck = new Set<string>();
    if (!this.ready) return { show, recheck };
    const wsChanged = this.recompute(new Set(changes.map((c) => this.keyOf(c.uri))));
    const refs = new Set<string>();
    for (const c of changes) for (const r of changedUnits(c.prev, c.next)) refs.add(r);
    const changedUris = new Set(changes.map((c) => c.uri));
    for (const d of open) {
      if (changedUris.has(d.uri)) continue;
      if (refs.size && d.uses.some((u) => u.kind === 'unit' && refs.has(u.ref) && !d.definesUnit(u.ref))) recheck.add(d.uri);
    }
    for (const uri of wsChanged) if (!changedUris.has(uri)) show.add(uri);
    return { show, recheck };
  }
}
