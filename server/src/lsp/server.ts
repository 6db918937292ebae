/**
 * The language server: LSP wiring over the language core and the language features in
 * server/src/service. It owns the documents, the workspace index, configuration and diagnostics;
 * every feature is a call into the service.
 *
 * Diagnostics: an edit is validated at once (no debounce). Validation is synchronous, so a result
 * is always computed from, and published with, the document's current version; a newer edit that
 * arrives first simply makes the next validation run on newer text. Work that follows an edit in
 * other files (cross-file findings, checks that read units of the edited file) runs afterwards, one
 * file per turn of the event loop, and is re-planned by any newer edit.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseFile, ChunkCache, type FileSummary, type Finding } from '../core/index.js';
import { ALL_RULES } from '../core/rules/index.js';
import {
  codeActions,
  codeLenses,
  combination,
  completion,
  DEFAULT_FEATURES,
  definition,
  documentSymbols,
  flattenSymbols,
  hover,
  LineStarts,
  prepareRename,
  qualifications,
  references,
  rename,
  RenameError,
  toDiagnostic,
  workspaceSymbols,
  type ClientFeatures,
  type LineMap,
  type ServiceHost,
  type SpecFile,
} from '../service/index.js';
import { summaryOf } from '../core/workspace/fast-summary.js';
import { semanticKey, WorkspaceSession, type IndexChange } from '../core/workspace/session.js';
import {
  CombinationRequestMethod,
  LintWorkspaceRequestMethod,
  QualificationsRequestMethod,
  type CombinationParams,
  type CombinationResult,
  type LintWorkspaceParams,
  type LintWorkspaceResult,
  type QualificationsParams,
  type QualificationsResult,
} from '../service/protocol.js';
import { Files, normaliseUri, uriToPath, type Folder } from './files.js';
import { warmUpSteps } from './warmup.js';
import * as scan from './scan.js';
import * as requests from './requests.js';
import * as diagnostics from './diagnostics.js';
import * as settings from './settings.js';
// Only `version` is bundled (esbuild keeps the JSON properties a named import uses).
import {} from '../../../package.json';
import { isSpecFile, isYamlName } from '../host/spec-files.js';

const SPEC_LANGUAGES = new Set(['qualspec', 'qualspec-yaml']);

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
/** The longest a validation waits for a flood of edits to pause. */
const COALESCE_MS = 50;

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
      };
      this.hosts.set(key, h);
    }
    return h;
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

    c.onHover(this.handler('hover', null, (p) => hover(this.hostFor(p.textDocument.uri), p.textDocument.uri, p.position)));
    c.onCompletion(
      this.handler('completion', { isIncomplete: false, items: [] }, (p) => completion(this.hostFor(p.textDocument.uri), p.textDocument.uri, p.position)),
    );
    c.onDefinition(this.handler('definition', [], (p) => definition(this.hostFor(p.textDocument.uri), p.textDocument.uri, p.position)));
    c.onReferences(
      this.handler('references', [], (p) =>
        references(this.hostFor(p.textDocument.uri), p.textDocument.uri, p.position, p.context?.includeDeclaration ?? true),
      ),
    );
    c.onPrepareRename(this.handler('prepareRename', null, (p) => prepareRename(this.hostFor(p.textDocument.uri), p.textDocument.uri, p.position)));
    c.onRenameRequest(
      this.handler('rename', null, (p) => {
        try {
          return rename(this.hostFor(p.textDocument.uri), p.textDocument.uri, p.position, p.newName, (u) => this.files.readText(u));
        } catch (e) {
          if (e instanceof RenameError) throw new ResponseError(LSPErrorCodes.RequestFailed, e.message);
          throw e;
        }
      }),
    );
    c.onDocumentSymbol(
      this.handler('documentSymbol', [], (p) => {
        const f = this.specFile(p.textDocument.uri);
        if (!f) return [];
        const syms = documentSymbols(f);
        return this.features.hierarchicalSymbols ? syms : flattenSymbols(f.uri, syms);
      }),
    );
    c.onWorkspaceSymbol(
      this.handler('workspaceSymbol', [], (p, token) => {
        const out = [];
        for (const [key] of this.session.projects()) {
          const host = this.hosts.get(key) ?? this.hostFor(key || 'untitled:');
          out.push(...workspaceSymbols(host, p.query ?? '', 500 - out.length, () => token.isCancellationRequested));
          if (out.length >= 500) break;
        }
        return out;
      }),
    );
    c.onCodeAction(
      this.handler('codeAction', [], (p) => {
        const f = this.specFile(p.textDocument.uri);
        if (!f) return [];
        return codeActions(
          this.hostFor(f.uri),
          f,
          this.findingsOf(f.uri),
          { range: p.range, diagnostics: p.context?.diagnostics ?? [], ...(p.context?.only ? { only: p.context.only } : {}) },
          this.docsBase,
        );
      }),
    );
    c.onCodeLens(
      this.handler('codeLens', [], (p) => {
        const f = this.specFile(p.textDocument.uri);
        return f ? codeLenses(this.hostFor(f.uri), f) : [];
      }),
    );
    const pullHandler = this.handler(
      'diagnostic',
      { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport,
      (p: { textDocument: { uri: string }; previousResultId?: string }) => this.pullDiagnostics(p.textDocument.uri, p.previousResultId),
    );
    c.languages.diagnostics.on(pullHandler as unknown as Parameters<typeof c.languages.diagnostics.on>[0]);

    c.onRequest(
      QualificationsRequestMethod,
      this.handler<QualificationsParams, QualificationsResult>('qualspec/qualifications', [], (p) => {
        const f = this.specFile(p.uri);
        return f ? qualifications(f) : [];
      }),
    );
    c.onRequest(
      CombinationRequestMethod,
      this.handler<CombinationParams, CombinationResult | null>('qualspec/combination', null, (p) => {
        const f = this.specFile(p.uri);
        if (!f || typeof p.qualification !== 'number') return null;
        const sel = Array.isArray(p.selection) ? p.selection.filter((x): x is string => typeof x === 'string') : [];
        return combination(this.hostFor(f.uri), f, p.qualification, sel);
      }),
    );
    c.onRequest(
      LintWorkspaceRequestMethod,
      this.handler<LintWorkspaceParams | undefined, LintWorkspaceResult | null>('qualspec/lintWorkspace', null, (p, token) =>
        this.lintWorkspace(p ?? {}, token),
      ),
    );

    this.documents.listen(c);
    c.listen();
  }

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

  isSpecDoc(doc: TextDocument): boolean {
    if (Files.isConfigFile(doc.uri)) return false;
    if (SPEC_LANGUAGES.has(doc.languageId) || /qualspec/i.test(doc.languageId)) return true;
    if (doc.languageId !== 'yaml' && !isYamlName(doc.uri)) return false;
    // The content decides, wherever the file is (host/spec-files.ts): other YAML is left alone.
    return isSpecFile(doc.uri, doc.getText());
  }

  didOpen(doc: TextDocument): void {
    const uri = normaliseUri(doc.uri);
    if (Files.isConfigFile(doc.uri)) {
      this.files.openConfigText.set(uri, doc.getText());
      this.configChanged();
      return;
    }
    if (!this.isSpecDoc(doc)) return;
    this.open.set(uri, { uri, clientUri: doc.uri, doc, cache: new ChunkCache(), fileFindings: [], depsStale: false });
    if (this.closedPushed.delete(uri) && this.pull) this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    // Validated at once: first diagnostics must not wait for the workspace scan.
    this.validate(uri, true);
  }

  didChange(doc: TextDocument): void {
    const uri = normaliseUri(doc.uri);
    if (Files.isConfigFile(doc.uri)) {
      if (this.files.openConfigText.has(uri)) {
        this.files.openConfigText.set(uri, doc.getText());
        this.configChanged();
      }
      return;
    }
    const st = this.open.get(uri);
    if (!st || st.file?.version === doc.version) return; // didOpen validated it already
    this.dirty.add(uri);
    this.edits++;
    this.scheduleValidation();
  }

  /**
   * Validate the dirty documents once the edits stop coming: the message queue hands the server one
   * message per turn of the event loop, so a turn in which no edit arrived means the queue holds no
   * more of them. A burst of a thousand edits (a paste, a macro, a client replaying changes) is then
   * validated once, at its newest version, instead of once per intermediate version; an edit on its
   * own waits one turn. A flood that never pauses is still validated every COALESCE_MS. `then` runs
   * after the validation.
   */
  scheduleValidation(then?: () => void): void {
    if (then) this.afterValidation.push(then);
    if (this.validateScheduled || !this.dirty.size) return;
    this.validateScheduled = true;
    const since = now();
    // The first turn always waits: this callback runs before the message queue's next one.
    let seen = -1;
    const tick = this.guard('validating', () => {
      if (this.edits !== seen && now() - since < COALESCE_MS) {
        seen = this.edits;
        setImmediate(tick);
        return;
      }
      this.validateScheduled = false;
      const uris = [...this.dirty];
      this.dirty.clear();
      for (const u of uris) this.validate(u, true);
      for (const f of this.afterValidation.splice(0)) f();
    });
    setImmediate(tick);
  }

  didClose(doc: TextDocument): void {
    const uri = normaliseUri(doc.uri);
    if (Files.isConfigFile(doc.uri)) {
      if (this.files.openConfigText.delete(uri)) this.configChanged();
      return;
    }
    const st = this.open.get(uri);
    if (!st) return;
    this.open.delete(uri);
    this.dirty.delete(uri);
    this.followUps.delete(uri);
    if (!this.pull) this.connection.sendDiagnostics({ uri: st.clientUri, diagnostics: [] });
    // The file on disk (if it is a workspace spec) replaces the editor's version in the index.
    const prev = this.session.get(uri);
    const kind = this.files.classify(uri);
    const text = kind !== 'no' ? this.files.readText(uri) : undefined;
    if (text !== undefined && isSpecFile(uri, text)) {
      const { summary } = summaryOf(uri, text);
      this.session.set(summary);
      this.indexChanged([{ uri, prev, next: summary }]);
    } else if (prev) {
      this.session.delete(uri);
      this.indexChanged([{ uri, prev }]);
    }
  }

  didSave(doc: TextDocument): void {
    // Saving changes nothing the server has not seen; a config file saved may change other files' checks.
    if (Files.isConfigFile(doc.uri)) this.configChanged();
  }

  configChanged(): void {
    this.files.invalidateConfigs();
    this.publishConfigProblems();
    this.revalidateAll();
    void this.rescan(true);
  }

  revalidateAll(): void {
    for (const st of this.open.values()) {
      st.file = undefined;
      st.semKey = undefined;
      this.dirty.add(st.uri);
    }
    this.scheduleValidation(() => {
      this.needRefresh = true;
      this.scheduleFollowUps();
    });
  }

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
