/**
 * The language server: LSP wiring over the language core and the language features in
 * server/src/service. The workspace engine (per-folder indexes, cross-file findings, what an edit
 * makes stale) is core/workspace/session.ts; this class holds the open documents and the LSP state,
 * and its methods live by job in documents.ts (open/edit/close), diagnostics.ts (delivery),
 * scan.ts (the workspace scan, watched files), settings.ts (initialize, settings) and requests.ts
 * (every request, handed to the service). Every file is read through host/read.ts.
 *
 * Diagnostics: a burst of edits is validated once it ends, at the newest version (documents.ts,
 * scheduleValidation); a lone edit waits one turn of the event loop. Validation is synchronous, so
 * a result is always computed from, and published with, the document's current version. Work that
 * follows an edit in other files (cross-file findings, checks that read units of the edited file)
 * runs afterwards, one file per turn of the event loop, and is re-planned by any newer edit.
 */
import { registerDiff } from './diff.js';
import { registerPublish } from './publish.js';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseFile, ChunkCache, type FileSummary, type Finding } from '../core/index.js';
import { ALL_RULES } from '../core/rules/index.js';
import { DEFAULT_FEATURES, LineStarts, toDiagnostic, type ClientFeatures, type LineMap, type ServiceHost, type SpecFile } from '../service/index.js';
import { semanticKey, WorkspaceSession, type IndexChange } from '../core/workspace/session.js';
import { Files, normaliseUri, uriToPath, type Folder } from './files.js';
import { MAX_CONFIG_BYTES } from '../host/files.js';
import { utf8Text } from '../host/read.js';
import { warmUpSteps } from './warmup.js';
import * as scan from './scan.js';
import * as documents from './documents.js';
import * as requests from './requests.js';
import * as diagnostics from './diagnostics.js';
import * as settings from './settings.js';

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

export class QualspecServer {
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
  readonly extraDocs = new Set<string>();
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
    const docs = path.resolve(__dirname, '../docs/rules');
    this.docsBase = pathToFileURL(docs).href + '/';
    if (existsSync(path.join(docs, 'config.md'))) this.extraDocs.add('config');
  }

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
    return folder ? { uri: new URL('.qualspec.yaml', folder.endsWith('/') ? folder : `${folder}/`).href } : undefined;
  }

  // ------------------------------------------------------------------ plumbing

  log(message: string): void {
    this.connection.console.log(message);
  }

  logError(where: string, e: unknown): void {
    const msg = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    try {
      this.connection.console.error(`qualspec: ${where} failed: ${msg}`);
    } catch {
      /* the connection is gone */
    }
  }

  /** A request handler that answers `empty` instead of failing, and honours cancellation. */
  handler<P, R>(name: string, empty: R, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
      // LSP 3.17: after `shutdown`, every request but `exit` is refused.
      if (this.shuttingDown) return new ResponseError(ErrorCodes.InvalidRequest, 'The server is shutting down.');
      if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
      try {
        const r = await fn(params, token);
        if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
        return r;
      } catch (e) {
        if (e instanceof ResponseError) return e as ResponseError<void>;
        this.logError(name, e);
        return empty;
      }
    };
  }

  /** A notification handler that logs instead of failing. */
  guard<A extends unknown[]>(name: string, fn: (...args: A) => void | Promise<void>) {
    return (...args: A): void => {
      if (this.shuttingDown) return;
      try {
        const r = fn(...args);
        if (r instanceof Promise) r.catch((e) => this.logError(name, e));
      } catch (e) {
        this.logError(name, e);
      }
    };
  }

  pause(): Promise<void> {
    return new Promise((r) => setImmediate(r));
  }

  whenReady(): Promise<void> {
    if (this.session.ready) return Promise.resolve();
    return new Promise((r) => this.readyWaiters.push(r));
  }

  // ------------------------------------------------------------------ start

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(this.guard('initialized', () => this.initialized()));
    c.onShutdown(() => {
      this.shuttingDown = true;
    });
    this.documents.onDidOpen(this.guard('didOpen', (e) => this.didOpen(e.document)));
    this.documents.onDidChangeContent(this.guard('didChange', (e) => this.didChange(e.document)));
    this.documents.onDidClose(this.guard('didClose', (e) => this.didClose(e.document)));
    this.documents.onDidSave(this.guard('didSave', (e) => this.didSave(e.document)));
    c.onDidChangeWatchedFiles(this.guard('didChangeWatchedFiles', (p) => this.watched(p.changes)));
    c.onDidChangeConfiguration(this.guard('didChangeConfiguration', (p) => this.configurationChanged(p.settings)));

    this.registerRequests();

    registerDiff(
      c,
      (uri) => this.specFile(uri),
      (uri) => this.files.configFor(uri),
      (name, e) => this.logError(name, e),
      (uri) => this.hostFor(uri).index,
    );

    registerPublish(
      c,
      (u) => this.specFile(u),
      (u) => this.hostFor(u),
      (w, e) => this.logError(w, e),
    );
    this.documents.listen(c);
    c.listen();
  }

  registerRequests = requests.registerRequests;
  initialize = settings.initialize;

  setFolders(folders: { uri: string; name: string }[]): void {
    const old = new Map(this.files.folders.map((f) => [f.uri, f]));
    this.files.folders = folders
      .map((f) => ({ uri: normaliseUri(f.uri), name: f.name, path: uriToPath(f.uri) }))
      .filter((f): f is { uri: string; name: string; path: string } => f.path !== undefined)
      .map((f) => old.get(f.uri) ?? ({ ...f, settings: {}, filesExclude: [] } as Folder));
  }

  /** Warm the pipeline up between messages until a document opens (see warmup.ts). */
  async warmUp(): Promise<void> {
    const t0 = now();
    for (const step of warmUpSteps()) {
      if (this.open.size > 0 || this.shuttingDown) return;
      step();
      await this.pause();
    }
    this.log(`qualspec: warmed up in ${Math.round(now() - t0)} ms`);
  }

  async initialized(): Promise<void> {
    const c = this.connection;
    await this.warmUp().catch((e) => this.logError('warming up', e));
    if (this.dynamicWatchers) {
      await c.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/.qualspec.{yaml,yml}' }] })
        .catch((e) => this.logError('registering the file watcher', e));
    }
    if (this.configurationSupport) void c.client.register(DidChangeConfigurationNotification.type, { section: 'qualspec' }).catch(() => undefined);
    try {
      c.workspace.onDidChangeWorkspaceFolders(
        this.guard('didChangeWorkspaceFolders', (e) => {
          const now = this.files.folders.filter((f) => !e.removed.some((r) => normaliseUri(r.uri) === f.uri)).map((f) => ({ uri: f.uri, name: f.name }));
          this.setFolders([...now, ...e.added]);
          // Files may move between projects: rebuild every index.
          this.session.clear();
          this.hosts.clear();
          this.files.invalidateConfigs();
          this.revalidateAll();
          void this.loadSettings().then(() => this.rescan(true));
        }),
      );
    } catch {
      /* the client does not announce folder changes */
    }
    await this.loadSettings();
    await this.rescan();
  }

  loadSettings = settings.loadSettings;

  settingsKey = settings.settingsKey;

  configurationChanged = settings.configurationChanged;

  // ------------------------------------------------------------------ indexing

  rescan = scan.rescan;

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

  isSpecDoc = documents.isSpecDoc;

  didOpen = documents.didOpen;

  didChange = documents.didChange;

  scheduleValidation = documents.scheduleValidation;

  didClose = documents.didClose;

  didSave = documents.didSave;

  configChanged = documents.configChanged;

  revalidateAll = documents.revalidateAll;

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
    return this.findingsOf(uri).map((f) => toDiagnostic(this.hostFor(uri), f, this.docsBase, this.extraDocs));
  }

  deliver = diagnostics.deliver;

  pullDiagnostics = diagnostics.pullDiagnostics;

  pushClosed = diagnostics.pushClosed;

  publishConfigProblems = diagnostics.publishConfigProblems;

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

  // ------------------------------------------------------------------ files changed outside the editor

  watched = scan.watched;

  // ------------------------------------------------------------------ qualspec/lintWorkspace

  lintWorkspace = requests.lintWorkspace;
}

export { ALL_RULES };
