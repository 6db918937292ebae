/**
 * The desktop server's state and the methods its jobs share: the open documents, the workspace
 * session (core/workspace/session.ts: per-folder indexes, cross-file findings, what an edit makes
 * stale), analysing an open document (`fresh`), the follow-up work an edit leaves in other files,
 * and the service's view of a file (`hostFor`). server.ts adds the wiring; the jobs (documents.ts,
 * diagnostics.ts, scan.ts, settings.ts, requests.ts) are methods of that class written as functions
 * over this one, so that none of them imports server.ts.
 *
 * Diagnostics: a burst of edits is validated once it ends, at the newest version (documents.ts,
 * scheduleValidation); a lone edit waits one turn of the event loop. Validation is synchronous, so
 * a result is always computed from, and published with, the document's current version. Work that
 * follows an edit in other files (cross-file findings, checks that read units of the edited file)
 * runs afterwards, one file per turn of the event loop, and is re-planned by any newer edit.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocuments, type CancellationToken, type Connection, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { LintWorkspaceParams, LintWorkspaceResult } from '../service/protocol.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseFile, ChunkCache, type FileSummary, type Finding } from '../core/index.js';
import {
  DEFAULT_FEATURES,
  LineStarts,
  toDiagnostic,
  workspaceSymbols,
  type ClientFeatures,
  type LineMap,
  type ServiceHost,
  type SpecFile,
} from '../service/index.js';
import { semanticKey, WorkspaceSession, type IndexChange } from '../core/workspace/session.js';
import { Files, normaliseUri, uriToPath, type Folder } from './files.js';
import { MAX_CONFIG_BYTES } from '../host/files.js';
import { utf8Text } from '../host/read.js';
import { folderPrefix, logFailure, notificationHandler, requestHandler, type LanguageServerView } from './handlers.js';

export interface OpenState {
  /** Normalised URI (the index's key). */
  uri: string;
  /** The URI as the client sent it (for publishing). */
  clientUri: string;
  doc: TextDocument;
  cache: ChunkCache;
  file?: SpecFile;
  fileFindings: Finding[];
  /** File checks that read other files' units must run again. */
  depsStale: boolean;
  pushedKey?: string;
  pulledKey?: string;
  resultId?: string;
  /** semanticKey() of the file's summary in the index. */
  semKey?: string;
}

const now = () => performance.now();

export abstract class ServerState implements LanguageServerView {
  readonly files = new Files();
  readonly session = new WorkspaceSession({ projectOf: (uri) => this.files.folderOf(uri)?.uri ?? '', configFor: (uri) => this.files.configFor(uri) });
  readonly hosts = new Map<string, ServiceHost>();
  readonly documents = new TextDocuments(TextDocument);
  readonly open = new Map<string, OpenState>();
  readyWaiters: (() => void)[] = [];
  scanGeneration = 0;
  pull = false;
  refreshSupport = false;
  configurationSupport = false;
  workDoneProgress = false;
  dynamicWatchers = false;
  features: ClientFeatures = DEFAULT_FEATURES;
  readonly docsBase: string | undefined;
  /** Closed files whose diagnostics were pushed by qualspec/lintWorkspace: their file findings. */
  closedPushed = new Map<string, Finding[]>();
  configPushed = new Map<string, string>();
  dirty = new Set<string>();
  validateScheduled = false;
  /** Edits received (to see whether more came in during a turn of the event loop). */
  edits = 0;
  lastEditAt = -Infinity;
  inBurst = false;
  afterValidation: (() => void)[] = [];
  /** Validations done (each publishes; tests read it through the log). */
  validations = 0;
  followUps = new Set<string>();
  followUpScheduled = false;
  needRefresh = false;
  pendingFs = new Map<string, number>();
  fsScheduled = false;
  lineMaps = new WeakMap<FileSummary, LineMap>();
  shuttingDown = false;
  /** Timings of the last validation (for logs and tests). */
  lastValidation: { uri: string; version: number; ms: number } | undefined;

  constructor(readonly connection: Connection) {
    // The rule pages ship beside the bundle (dist/../docs/rules): every id of the catalogue has one.
    this.docsBase = pathToFileURL(path.resolve(__dirname, '../docs/rules')).href + '/';
  }

  // ------------------------------------------------------------------ the jobs (see server.ts)

  abstract deliver(st: OpenState, force: boolean): void;
  abstract pushClosed(uri: string, fileFindings: Finding[]): void;
  abstract publishConfigProblems(): void;
  abstract scheduleValidation(then?: () => void): void;
  abstract revalidateAll(): void;
  abstract configChanged(): void;
  abstract isSpecDoc(doc: TextDocument): boolean;
  abstract rescan(refreshAll?: boolean): Promise<void>;
  abstract loadSettings(): Promise<void>;
  abstract settingsKey(): string;
  abstract pullDiagnostics(uri: string, previousResultId: string | undefined): DocumentDiagnosticReport;
  abstract lintWorkspace(p: LintWorkspaceParams, token: CancellationToken): Promise<LintWorkspaceResult>;

  /** The service's view for a file: the index of the file's project. */
  hostFor(uri: string): ServiceHost {
    const key = this.session.keyOf(normaliseUri(uri));
    let h = this.hosts.get(key);
    if (!h) {
      const features = () => this.features;
      h = {
        index: this.session.byKey(key),
        get features() {
          return features();
        },
        file: (u) => this.specFile(u),
        lines: (u) => this.linesOf(u),
        workspaceConfig: (u) => this.workspaceConfigOf(u),
      };
      this.hosts.set(key, h);
    }
    return h;
  }

  /** The .qualspec.yaml of a spec, for "Add to the workspace dictionary": its text, or where to create one (the workspace folder). */
  private workspaceConfigOf(uri: string): { uri: string; text?: string } | undefined {
    const cu = this.files.configFileFor(uri);
    if (cu) {
      const open = this.files.openConfigText.get(cu);
      if (open !== undefined) return { uri: cu, text: open };
      const p = uriToPath(cu);
      const read = p ? this.files.read(p, MAX_CONFIG_BYTES) : undefined;
      return read?.ok ? { uri: cu, text: utf8Text(read.bytes) } : undefined;
    }
    const folder = this.files.folderOf(uri)?.uri;
    return folder ? { uri: new URL('.qualspec.yaml', folderPrefix(folder)).href } : undefined;
  }

  // ------------------------------------------------------------------ plumbing

  log(message: string): void {
    this.connection.console.log(message);
  }

  logError(where: string, e: unknown): void {
    logFailure(this.connection, where, e);
  }

  /** A request handler that answers `empty` instead of failing, and honours cancellation. */
  handler<P, R>(name: string, empty: R, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
    return requestHandler(this, name, empty, fn);
  }

  /** A notification handler that logs instead of failing. */
  guard<A extends unknown[]>(name: string, fn: (...args: A) => void | Promise<void>) {
    return notificationHandler(this, name, fn);
  }

  pause(): Promise<void> {
    return new Promise((r) => setImmediate(r));
  }

  whenReady(): Promise<void> {
    if (this.session.ready) return Promise.resolve();
    return new Promise((r) => this.readyWaiters.push(r));
  }

  setFolders(folders: { uri: string; name: string }[]): void {
    const old = new Map(this.files.folders.map((f) => [f.uri, f]));
    this.files.folders = folders
      .map((f) => ({ uri: normaliseUri(f.uri), name: f.name, path: uriToPath(f.uri) }))
      .filter((f): f is { uri: string; name: string; path: string } => f.path !== undefined)
      .map((f) => old.get(f.uri) ?? ({ ...f, settings: {}, filesExclude: [] } as Folder));
  }

  // ------------------------------------------------------------------ indexing

  /** After the index was (re)built: every open file's cross-file findings and index-dependent checks. */
  fullRefresh(): void {
    this.session.recompute();
    for (const st of this.open.values()) {
      st.depsStale = true;
      this.followUps.add(st.uri);
    }
    for (const uri of this.closedPushed.keys()) this.followUps.add(uri);
    this.needRefresh = true;
    this.scheduleFollowUps();
  }

  /** After files' summaries changed in the index: refresh what depends on them. */
  indexChanged(changes: IndexChange[]): void {
    const open = [...this.open.values()].flatMap((st) =>
      st.file ? [{ uri: st.uri, uses: st.file.analysis.summary.uses, definesUnit: (r: string) => st.file!.analysis.model.unitsByRef.has(r) }] : [],
    );
    const { show, recheck } = this.session.changed(changes, open);
    for (const uri of recheck) {
      this.open.get(uri)!.depsStale = true;
      this.followUps.add(uri);
    }
    for (const uri of show) if (this.open.has(uri) || this.closedPushed.has(uri)) this.followUps.add(uri);
    this.scheduleFollowUps();
  }

  scheduleFollowUps(): void {
    if (this.followUpScheduled || this.followUps.size === 0) {
      if (!this.followUpScheduled && this.needRefresh) this.refreshPulled();
      return;
    }
    this.followUpScheduled = true;
    setImmediate(
      this.guard('refreshing diagnostics', () => {
        this.followUpScheduled = false;
        const uri = this.followUps.values().next().value as string | undefined;
        if (uri !== undefined) {
          this.followUps.delete(uri);
          const st = this.open.get(uri);
          if (st) {
            if (st.file && st.file.version === st.doc.version && st.depsStale) {
              const a = analyseFile(st.uri, st.file.text, {
                cache: st.cache,
                index: this.session.indexFor(st.uri),
                config: this.files.configFor(st.uri),
                updateIndex: false,
              });
              st.file = { ...st.file, analysis: a };
              st.fileFindings = a.findings;
              st.depsStale = false;
            } else this.fresh(st);
            this.deliver(st, false);
          } else if (this.closedPushed.has(uri)) this.pushClosed(uri, this.closedPushed.get(uri)!);
        }
        this.scheduleFollowUps();
      }),
    );
  }

  refreshPulled(): void {
    this.needRefresh = false;
    if (this.pull && this.refreshSupport) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  // ------------------------------------------------------------------ documents

  /** Analyse an open document if its analysis is older than its text (or stale), updating the index. */
  fresh(st: OpenState): SpecFile {
    if (st.file && st.file.version === st.doc.version && !st.depsStale) return st.file;
    const t0 = now();
    const text = st.doc.getText();
    const version = st.doc.version;
    const prev = this.session.get(st.uri);
    const a = analyseFile(st.uri, text, { cache: st.cache, index: this.session.indexFor(st.uri), config: this.files.configFor(st.uri) });
    st.file = { uri: st.uri, version, text, analysis: a, lines: st.doc };
    st.fileFindings = a.findings;
    st.depsStale = false;
    this.dirty.delete(st.uri);
    // Most edits change no value the workspace checks read (a word in a learning outcome): then the
    // cross-file findings only move. Otherwise the project's workspace checks run again.
    const key = semanticKey(a.summary);
    const same = prev !== undefined && st.semKey !== undefined && st.semKey === key && this.session.ready;
    const moved = same ? this.session.remap(st.uri, prev, a.summary) : undefined;
    if (moved) {
      for (const u of moved) if (this.open.has(u) || this.closedPushed.has(u)) this.followUps.add(u);
      this.scheduleFollowUps();
    } else this.indexChanged([{ uri: st.uri, prev, next: a.summary }]);
    st.semKey = key;
    this.lastValidation = { uri: st.uri, version, ms: now() - t0 };
    return st.file;
  }

  /** Validate and publish (push) an open document. */
  validate(uri: string, force: boolean): void {
    const st = this.open.get(uri);
    if (!st) return;
    this.fresh(st);
    this.validations++;
    this.deliver(st, force);
  }

  findingsOf(uri: string): Finding[] {
    const st = this.open.get(uri);
    return this.session.findings(uri, st ? st.fileFindings : (this.closedPushed.get(uri) ?? []));
  }

  diagnosticsOf(uri: string): Diagnostic[] {
    return this.findingsOf(uri).map((f) => toDiagnostic(this.hostFor(uri), f, this.docsBase));
  }

  // ------------------------------------------------------------------ the host for the service

  specFile(uri: string): SpecFile | undefined {
    const st = this.open.get(normaliseUri(uri));
    if (!st) return undefined;
    return this.fresh(st);
  }

  linesOf(uri: string): LineMap | undefined {
    const st = this.open.get(normaliseUri(uri));
    if (st) return st.doc;
    const s = this.session.get(normaliseUri(uri));
    if (!s) {
      // A config file (its problems are reported against it).
      const text = this.files.openConfigText.get(uri) ?? (Files.isConfigFile(uri) ? this.files.readText(uri) : undefined);
      return text !== undefined ? TextDocument.create(uri, 'yaml', 0, text) : undefined;
    }
    let m = this.lineMaps.get(s);
    if (!m) {
      m = new LineStarts(s.lineStarts);
      this.lineMaps.set(s, m);
    }
    return m;
  }

  textOf(uri: string): string | undefined {
    return this.files.readText(uri);
  }

  inlayHintsEnabled(uri: string): boolean {
    return this.files.settingsFor(normaliseUri(uri)).inlayHints !== false;
  }

  workspaceSymbols(query: string, limit: number, isCancelled: () => boolean): ReturnType<typeof workspaceSymbols> {
    const out: ReturnType<typeof workspaceSymbols> = [];
    for (const [key] of this.session.projects()) {
      const host = this.hosts.get(key) ?? this.hostFor(key || 'untitled:');
      out.push(...workspaceSymbols(host, query, limit - out.length, isCancelled));
      if (out.length >= limit) break;
    }
    return out;
  }
}
