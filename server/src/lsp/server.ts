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
import { registerPublish } from './publish.js';
import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseFile, analyseWorkspace, ChunkCache, sortFindings, WorkspaceIndex, type FileSummary, type Finding } from '../core/index.js';
import type { Span } from '../core/text/line-index.js';
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
import { asSettings, excludeGlobs, Files, normaliseUri, uriToPath, type Folder } from './files.js';
import { warmUpSteps } from './warmup.js';

const SPEC_LANGUAGES = new Set(['qualspec', 'qualspec-yaml']);
const SPEC_MARKER = /^qualspec\s*:|^#\s*yaml-language-server:\s*\$schema=\S*qualspec/m;
/** Whether a YAML text declares itself a spec (a top-level `qualspec:` key, or the schema modeline). */
export const looksLikeSpec = (text: string): boolean => SPEC_MARKER.test(text.length > 8192 ? text.slice(0, 8192) : text);

interface OpenState {
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

interface IndexChange {
  uri: string;
  prev?: FileSummary;
  next?: FileSummary;
}

const now = () => performance.now();

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
function spanMap(a: FileSummary, b: FileSummary): Map<string, Span> | undefined {
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

/**
 * One workspace index per workspace folder ("project"), and one for files outside every folder:
 * cross-file checks and navigation stay within a folder, as its configuration does.
 */
class Projects {
  private readonly map = new Map<string, WorkspaceIndex>();
  constructor(private readonly files: Files) {}
  keyOf(uri: string): string {
    return this.files.folderOf(uri)?.uri ?? '';
  }
  indexFor(uri: string): WorkspaceIndex {
    return this.byKey(this.keyOf(uri));
  }
  byKey(key: string): WorkspaceIndex {
    let ix = this.map.get(key);
    if (!ix) {
      ix = new WorkspaceIndex();
      this.map.set(key, ix);
    }
    return ix;
  }
  get(uri: string): FileSummary | undefined {
    return this.indexFor(uri).get(uri);
  }
  set(summary: FileSummary): void {
    this.indexFor(summary.uri).set(summary);
  }
  delete(uri: string): void {
    this.indexFor(uri).delete(uri);
  }
  entries(): [string, WorkspaceIndex][] {
    return [...this.map.entries()];
  }
  uris(): string[] {
    return [...this.map.values()].flatMap((ix) => ix.uris());
  }
  clear(): void {
    this.map.clear();
  }
}

export class QualspecServer {
  readonly files = new Files();
  readonly projects = new Projects(this.files);
  private readonly hosts = new Map<string, ServiceHost>();
  private readonly documents = new TextDocuments(TextDocument);
  private readonly open = new Map<string, OpenState>();
  /** Cross-file findings by URI, from the last run of the workspace checks of each project. */
  private ws = new Map<string, Finding[]>();
  private wsKeys = new Map<string, string>();
  private wsUris = new Map<string, Set<string>>();
  private indexReady = false;
  private readyWaiters: (() => void)[] = [];
  private scanGeneration = 0;
  private pull = false;
  private refreshSupport = false;
  private configurationSupport = false;
  private workDoneProgress = false;
  private dynamicWatchers = false;
  private features: ClientFeatures = DEFAULT_FEATURES;
  private readonly docsBase: string | undefined;
  private readonly extraDocs = new Set<string>();
  /** Closed files whose diagnostics were pushed by qualspec/lintWorkspace: their file findings. */
  private closedPushed = new Map<string, Finding[]>();
  private configPushed = new Map<string, string>();
  private dirty = new Set<string>();
  private validateScheduled = false;
  private followUps = new Set<string>();
  private followUpScheduled = false;
  private needRefresh = false;
  private pendingFs = new Map<string, number>();
  private fsScheduled = false;
  private lineMaps = new WeakMap<FileSummary, LineMap>();
  private shuttingDown = false;
  /** Timings of the last validation (for logs and tests). */
  lastValidation: { uri: string; version: number; ms: number } | undefined;

  constructor(private readonly connection: Connection) {
    const docs = path.resolve(__dirname, '../docs/rules');
    this.docsBase = pathToFileURL(docs).href + '/';
    if (existsSync(path.join(docs, 'config.md'))) this.extraDocs.add('config');
  }

  /** The service's view for a file: the index of the file's project. */
  hostFor(uri: string): ServiceHost {
    const key = this.projects.keyOf(normaliseUri(uri));
    let h = this.hosts.get(key);
    if (!h) {
      const features = () => this.features;
      h = {
        index: this.projects.byKey(key),
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

  private log(message: string): void {
    this.connection.console.log(message);
  }

  private logError(where: string, e: unknown): void {
    const msg = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    try {
      this.connection.console.error(`qualspec: ${where} failed: ${msg}`);
    } catch {
      /* the connection is gone */
    }
  }

  /** A request handler that answers `empty` instead of failing, and honours cancellation. */
  private handler<P, R>(name: string, empty: R, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
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
  private guard<A extends unknown[]>(name: string, fn: (...args: A) => void | Promise<void>) {
    return (...args: A): void => {
      try {
        const r = fn(...args);
        if (r instanceof Promise) r.catch((e) => this.logError(name, e));
      } catch (e) {
        this.logError(name, e);
      }
    };
  }

  private pause(): Promise<void> {
    return new Promise((r) => setImmediate(r));
  }

  private whenReady(): Promise<void> {
    if (this.indexReady) return Promise.resolve();
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
          return rename(this.hostFor(p.textDocument.uri), p.textDocument.uri, p.position, p.newName, (u) => Files.readText(u));
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
        for (const [key] of this.projects.entries()) {
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

    registerPublish(
      c,
      (u) => this.specFile(u),
      (u) => this.hostFor(u),
      (w, e) => this.logError(w, e),
    );
    this.documents.listen(c);
    c.listen();
  }

  private initialize(p: InitializeParams): InitializeResult {
    const caps: ClientCapabilities = p.capabilities ?? {};
    const td = caps.textDocument ?? {};
    this.pull = !!td.diagnostic;
    this.refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    this.configurationSupport = !!caps.workspace?.configuration;
    this.workDoneProgress = !!caps.window?.workDoneProgress;
    this.dynamicWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.features = {
      snippets: !!td.completion?.completionItem?.snippetSupport,
      insertTextModeAsIs: !!td.completion?.completionItem?.insertTextModeSupport?.valueSet?.includes(1),
      markdown: (td.hover?.contentFormat ?? ['markdown']).includes('markdown'),
      hierarchicalSymbols: !!td.documentSymbol?.hierarchicalDocumentSymbolSupport,
    };
    const folders =
      p.workspaceFolders ??
      (p.rootUri
        ? [{ uri: p.rootUri, name: path.basename(uriToPath(p.rootUri) ?? 'root') }]
        : p.rootPath
          ? [{ uri: pathToFileURL(p.rootPath).href, name: path.basename(p.rootPath) }]
          : []);
    this.setFolders(folders);
    // VS Code's client sends { settings }; Helix sends its `config` table ({ qualspec: … }).
    const init = p.initializationOptions as { settings?: unknown; qualspec?: unknown } | undefined;
    const initSettings = init?.settings ?? init?.qualspec;
    if (initSettings) this.files.globalSettings = asSettings(initSettings);
    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [' ', '[', ','], resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: td.rename?.prepareSupport ? { prepareProvider: true } : true,
      documentSymbolProvider: { label: 'Qualspec' },
      workspaceSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      codeLensProvider: { resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    if (this.pull) capabilities.diagnosticProvider = { identifier: 'qualspec', interFileDependencies: true, workspaceDiagnostics: false };
    return { capabilities, serverInfo: { name: 'qualspec-language-server', version: '0.1.0' } };
  }

  private setFolders(folders: { uri: string; name: string }[]): void {
    const old = new Map(this.files.folders.map((f) => [f.uri, f]));
    this.files.folders = folders
      .map((f) => ({ uri: normaliseUri(f.uri), name: f.name, path: uriToPath(f.uri) }))
      .filter((f): f is { uri: string; name: string; path: string } => f.path !== undefined)
      .map((f) => old.get(f.uri) ?? ({ ...f, settings: {}, filesExclude: [] } as Folder));
  }

  /** Warm the pipeline up between messages until a document opens (see warmup.ts). */
  private async warmUp(): Promise<void> {
    const t0 = now();
    for (const step of warmUpSteps()) {
      if (this.open.size > 0 || this.shuttingDown) return;
      step();
      await this.pause();
    }
    this.log(`qualspec: warmed up in ${Math.round(now() - t0)} ms`);
  }

  private async initialized(): Promise<void> {
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
          this.projects.clear();
          this.hosts.clear();
          this.ws.clear();
          this.wsKeys.clear();
          this.wsUris.clear();
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

  /** `qualspec.*` and `files.exclude` of every folder, from the client. */
  private async loadSettings(): Promise<void> {
    if (!this.configurationSupport) return;
    try {
      const items = this.files.folders.flatMap((f) => [
        { scopeUri: f.uri, section: 'qualspec' },
        { scopeUri: f.uri, section: 'files.exclude' },
      ]);
      const res = (await this.connection.workspace.getConfiguration([{ section: 'qualspec' }, ...items])) as unknown[];
      if (res[0]) this.files.globalSettings = { ...this.files.globalSettings, ...asSettings(res[0]) };
      this.files.folders.forEach((f, i) => {
        f.settings = asSettings(res[1 + 2 * i]);
        f.filesExclude = excludeGlobs(res[2 + 2 * i]);
      });
      this.files.invalidateConfigs();
    } catch (e) {
      this.logError('reading the settings', e);
    }
  }

  private settingsKey(): string {
    return JSON.stringify([this.files.globalSettings, this.files.folders.map((f) => [f.settings, f.filesExclude])]);
  }

  private async configurationChanged(settings: unknown): Promise<void> {
    const before = this.settingsKey();
    const s = (settings as { qualspec?: unknown } | null)?.qualspec;
    if (s !== undefined) this.files.globalSettings = asSettings(s);
    await this.loadSettings();
    if (this.settingsKey() === before) return;
    this.files.invalidateConfigs();
    this.revalidateAll();
    void this.rescan(true);
  }

  // ------------------------------------------------------------------ indexing

  /** Index every spec file of every folder (again), then refresh every open document. */
  async rescan(refreshAll = false): Promise<void> {
    const gen = ++this.scanGeneration;
    const cancelled = () => gen !== this.scanGeneration || this.shuttingDown;
    let progress: WorkDoneProgressServerReporter | undefined;
    const t0 = now();
    if (this.workDoneProgress) {
      try {
        progress = await this.connection.window.createWorkDoneProgress();
        progress.begin('Qualspec: indexing specs', 0, undefined, false);
      } catch {
        progress = undefined;
      }
    }
    try {
      const candidates = await this.files.listYaml(() => this.pause(), cancelled);
      if (cancelled()) return;
      const found = new Set<string>();
      const changes: IndexChange[] = [];
      let last = now();
      let done = 0;
      for (const c of candidates) {
        if (cancelled()) return;
        done++;
        if (this.open.has(c.uri)) {
          if (this.open.get(c.uri)!.file) found.add(c.uri);
          continue;
        }
        let text: string;
        try {
          if (!c.matched) {
            const head = await readHead(c.path);
            if (!looksLikeSpec(head)) continue;
          }
          text = await fsp.readFile(c.path, 'utf8');
        } catch {
          continue;
        }
        if (!c.matched && !looksLikeSpec(text)) continue;
        found.add(c.uri);
        const prev = this.projects.get(c.uri);
        const { summary } = summaryOf(c.uri, text);
        this.projects.set(summary);
        if (this.indexReady) changes.push({ uri: c.uri, prev, next: summary });
        if (now() - last > 12) {
          progress?.report(Math.round((100 * done) / candidates.length), `${done} of ${candidates.length} files`);
          await this.pause();
          last = now();
        }
      }
      // Files that are no longer specs (deleted, excluded, or the globs changed).
      for (const uri of this.projects.uris()) {
        if (found.has(uri) || this.open.has(uri)) continue;
        const prev = this.projects.get(uri);
        this.projects.delete(uri);
        if (this.indexReady) changes.push({ uri, prev });
      }
      this.publishConfigProblems();
      if (!this.indexReady) {
        this.indexReady = true;
        this.log(`qualspec: indexed ${found.size} spec files in ${Math.round(now() - t0)} ms`);
        for (const w of this.readyWaiters.splice(0)) w();
        this.fullRefresh();
      } else if (refreshAll) this.fullRefresh();
      else if (changes.length) this.indexChanged(changes);
    } finally {
      progress?.done();
    }
  }

  /** After the index was (re)built: every open file's cross-file findings and index-dependent checks. */
  private fullRefresh(): void {
    this.recomputeWorkspace(new Set(this.projects.entries().map(([k]) => k)));
    for (const st of this.open.values()) {
      st.depsStale = true;
      this.followUps.add(st.uri);
    }
    for (const uri of this.closedPushed.keys()) this.followUps.add(uri);
    this.needRefresh = true;
    this.scheduleFollowUps();
  }

  /** Run the workspace checks of the given projects; returns the URIs whose cross-file findings changed. */
  private recomputeWorkspace(keys: Set<string>): Set<string> {
    const changed = new Set<string>();
    if (!this.indexReady) return changed;
    for (const key of keys) {
      const index = this.projects.byKey(key);
      const next = analyseWorkspace(index, (u) => this.files.configFor(u));
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
   * After an edit that changed no value the workspace checks read, move the cross-file findings that
   * point into the edited file to their new offsets instead of running the checks again. Returns false
   * when that is not possible (the checks must run).
   */
  private remapWorkspace(uri: string, prev: FileSummary, next: FileSummary): boolean {
    const m = spanMap(prev, next);
    if (!m) return false;
    const key = this.projects.keyOf(uri);
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
          if (!n) return false;
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
            if (!n) return false;
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
    for (const [u, list] of updates) {
      this.ws.set(u, list);
      this.wsKeys.set(u, JSON.stringify(list));
      if (u === uri) continue;
      if (this.open.has(u) || this.closedPushed.has(u)) this.followUps.add(u);
    }
    this.scheduleFollowUps();
    return true;
  }

  /** Unit refs whose definitions differ between two summaries of a file. */
  private static changedUnits(prev: FileSummary | undefined, next: FileSummary | undefined): Set<string> {
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

  /** After files' summaries changed in the index: refresh what depends on them. */
  private indexChanged(changes: IndexChange[]): void {
    if (!this.indexReady) return;
    const wsChanged = this.recomputeWorkspace(new Set(changes.map((c) => this.projects.keyOf(c.uri))));
    const refs = new Set<string>();
    for (const c of changes) for (const r of QualspecServer.changedUnits(c.prev, c.next)) refs.add(r);
    const changedUris = new Set(changes.map((c) => c.uri));
    for (const st of this.open.values()) {
      if (changedUris.has(st.uri)) continue;
      if (refs.size && st.file) {
        const local = st.file.analysis.model.unitsByRef;
        if (st.file.analysis.summary.uses.some((u) => u.kind === 'unit' && refs.has(u.ref) && !local.has(u.ref))) {
          st.depsStale = true;
          this.followUps.add(st.uri);
        }
      }
      if (wsChanged.has(st.uri)) this.followUps.add(st.uri);
    }
    for (const uri of this.closedPushed.keys()) if (wsChanged.has(uri) && !changedUris.has(uri)) this.followUps.add(uri);
    this.scheduleFollowUps();
  }

  private scheduleFollowUps(): void {
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
                index: this.projects.indexFor(st.uri),
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

  private refreshPulled(): void {
    this.needRefresh = false;
    if (this.pull && this.refreshSupport) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  // ------------------------------------------------------------------ documents

  private isSpecDoc(doc: TextDocument): boolean {
    if (Files.isConfigFile(doc.uri)) return false;
    if (SPEC_LANGUAGES.has(doc.languageId) || /qualspec/i.test(doc.languageId)) return true;
    if (doc.languageId !== 'yaml' && !/\.ya?ml$/i.test(doc.uri)) return false;
    return this.files.isWorkspaceSpec(normaliseUri(doc.uri)) || looksLikeSpec(doc.getText());
  }

  private didOpen(doc: TextDocument): void {
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

  private didChange(doc: TextDocument): void {
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
    this.scheduleValidation();
  }

  /**
   * Validate the dirty documents on the next turn of the event loop, once however many edits came in
   * meanwhile; `then` runs after them. Nothing is scheduled when a validation already is.
   */
  private scheduleValidation(then?: () => void): void {
    if (this.validateScheduled || !this.dirty.size) return;
    this.validateScheduled = true;
    setImmediate(
      this.guard('validating', () => {
        this.validateScheduled = false;
        const uris = [...this.dirty];
        this.dirty.clear();
        for (const u of uris) this.validate(u, true);
        then?.();
      }),
    );
  }

  private didClose(doc: TextDocument): void {
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
    const prev = this.projects.get(uri);
    const kind = this.files.classify(uri);
    const text = kind !== 'no' ? Files.readText(uri) : undefined;
    if (text !== undefined && (kind === 'spec' || looksLikeSpec(text))) {
      const { summary } = summaryOf(uri, text);
      this.projects.set(summary);
      this.indexChanged([{ uri, prev, next: summary }]);
    } else if (prev) {
      this.projects.delete(uri);
      this.indexChanged([{ uri, prev }]);
    }
  }

  private didSave(doc: TextDocument): void {
    // Saving changes nothing the server has not seen; a config file saved may change other files' checks.
    if (Files.isConfigFile(doc.uri)) this.configChanged();
  }

  private configChanged(): void {
    this.files.invalidateConfigs();
    this.publishConfigProblems();
    this.revalidateAll();
    void this.rescan(true);
  }

  private revalidateAll(): void {
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
  private fresh(st: OpenState): SpecFile {
    if (st.file && st.file.version === st.doc.version && !st.depsStale) return st.file;
    const t0 = now();
    const text = st.doc.getText();
    const version = st.doc.version;
    const prev = this.projects.get(st.uri);
    const a = analyseFile(st.uri, text, { cache: st.cache, index: this.projects.indexFor(st.uri), config: this.files.configFor(st.uri) });
    st.file = { uri: st.uri, version, text, analysis: a, lines: st.doc };
    st.fileFindings = a.findings;
    st.depsStale = false;
    this.dirty.delete(st.uri);
    // Most edits change no value the workspace checks read (a word in a learning outcome): then the
    // cross-file findings only move. Otherwise the project's workspace checks run again.
    const key = semanticKey(a.summary);
    const same = prev !== undefined && st.semKey !== undefined && st.semKey === key && this.indexReady;
    if (!same || !this.remapWorkspace(st.uri, prev, a.summary)) this.indexChanged([{ uri: st.uri, prev, next: a.summary }]);
    st.semKey = key;
    this.lastValidation = { uri: st.uri, version, ms: now() - t0 };
    return st.file;
  }

  /** Validate and publish (push) an open document. */
  private validate(uri: string, force: boolean): void {
    const st = this.open.get(uri);
    if (!st) return;
    this.fresh(st);
    this.deliver(st, force);
  }

  private findingsOf(uri: string): Finding[] {
    const st = this.open.get(uri);
    const own = st ? st.fileFindings : (this.closedPushed.get(uri) ?? []);
    if (!this.indexReady) return own;
    const ws = this.ws.get(uri);
    return ws?.length ? sortFindings([...own, ...ws]) : own;
  }

  private diagnosticsOf(uri: string): Diagnostic[] {
    return this.findingsOf(uri).map((f) => toDiagnostic(this.hostFor(uri), f, this.docsBase, this.extraDocs));
  }

  /** Push the document's diagnostics (always when `force`, else only when they changed); in pull mode, note a refresh. */
  private deliver(st: OpenState, force: boolean): void {
    if (!st.file) return;
    const diagnostics = this.diagnosticsOf(st.uri);
    const key = JSON.stringify(diagnostics);
    if (this.pull) {
      if (st.pulledKey !== undefined && key !== st.pulledKey) this.needRefresh = true;
      return;
    }
    if (!force && key === st.pushedKey) return;
    st.pushedKey = key;
    this.connection.sendDiagnostics({ uri: st.clientUri, version: st.file.version, diagnostics });
  }

  private static resultSeq = 0;

  private pullDiagnostics(uri: string, previousResultId: string | undefined): DocumentDiagnosticReport {
    const st = this.open.get(normaliseUri(uri));
    if (!st) {
      const closed = this.closedPushed.has(normaliseUri(uri));
      return { kind: DocumentDiagnosticReportKind.Full, items: closed ? [] : [] };
    }
    this.fresh(st);
    const items = this.diagnosticsOf(st.uri);
    const key = JSON.stringify(items);
    if (key !== st.pulledKey || !st.resultId) {
      st.pulledKey = key;
      st.resultId = `${++QualspecServer.resultSeq}`;
    }
    if (previousResultId && previousResultId === st.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: st.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: st.resultId, items };
  }

  private pushClosed(uri: string, fileFindings: Finding[]): void {
    this.closedPushed.set(uri, fileFindings);
    const summary = this.projects.get(uri);
    if (!summary) {
      this.closedPushed.delete(uri);
      this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    this.connection.sendDiagnostics({ uri, diagnostics: this.diagnosticsOf(uri) });
  }

  private publishConfigProblems(): void {
    // Load the configurations that apply: each folder's, and each open document's.
    for (const f of this.files.folders) {
      const cu = this.files.configFileFor(pathToFileURL(path.join(f.path, '.qualspec-probe')).href);
      if (cu) this.files.loadConfig(cu);
    }
    for (const st of this.open.values()) this.files.configFor(st.uri);
    const seen = new Set<string>();
    for (const c of this.files.loadedConfigs()) {
      seen.add(c.uri);
      const diagnostics = c.problems.map((f) => toDiagnostic(this.hostFor(c.uri), f, this.docsBase, this.extraDocs));
      const key = JSON.stringify(diagnostics);
      if (this.configPushed.get(c.uri) === key) continue;
      this.configPushed.set(c.uri, key);
      this.connection.sendDiagnostics({ uri: c.uri, diagnostics });
    }
    for (const uri of [...this.configPushed.keys()]) {
      if (seen.has(uri)) continue;
      this.configPushed.delete(uri);
      this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  // ------------------------------------------------------------------ the host for the service

  private specFile(uri: string): SpecFile | undefined {
    const st = this.open.get(normaliseUri(uri));
    if (!st) return undefined;
    return this.fresh(st);
  }

  private linesOf(uri: string): LineMap | undefined {
    const st = this.open.get(normaliseUri(uri));
    if (st) return st.doc;
    const s = this.projects.get(normaliseUri(uri));
    if (!s) {
      // A config file (its problems are reported against it).
      const text = this.files.openConfigText.get(uri) ?? (Files.isConfigFile(uri) ? Files.readText(uri) : undefined);
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

  private watched(changes: { uri: string; type: number }[]): void {
    for (const c of changes) this.pendingFs.set(normaliseUri(c.uri), c.type);
    if (this.fsScheduled) return;
    this.fsScheduled = true;
    setImmediate(
      this.guard('file changes', () => {
        this.fsScheduled = false;
        const pending = [...this.pendingFs];
        this.pendingFs.clear();
        if (pending.some(([u]) => Files.isConfigFile(u))) {
          this.configChanged();
          return;
        }
        const out: IndexChange[] = [];
        for (const [uri, type] of pending) {
          if (this.open.has(uri)) continue; // the editor's text wins over the disk's
          const prev = this.projects.get(uri);
          const text = type === FileChangeType.Deleted ? undefined : Files.readText(uri);
          const kind = this.files.classify(uri);
          const isSpec = text !== undefined && (kind === 'spec' || (kind === 'candidate' && looksLikeSpec(text)));
          if (!isSpec) {
            if (prev) {
              this.projects.delete(uri);
              out.push({ uri, prev });
            }
            if (this.closedPushed.delete(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] });
            continue;
          }
          const { summary } = summaryOf(uri, text!);
          this.projects.set(summary);
          out.push({ uri, prev, next: summary });
          if (this.closedPushed.has(uri)) {
            const a = analyseFile(uri, text!, { index: this.projects.indexFor(uri), config: this.files.configFor(uri), updateIndex: false });
            this.closedPushed.set(uri, a.findings);
            this.followUps.add(uri);
          }
        }
        if (out.length) this.indexChanged(out);
        else this.scheduleFollowUps();
      }),
    );
  }

  // ------------------------------------------------------------------ qualspec/lintWorkspace

  private async lintWorkspace(p: LintWorkspaceParams, token: CancellationToken): Promise<LintWorkspaceResult> {
    const t0 = now();
    await this.whenReady();
    const folder = p.folder ? normaliseUri(p.folder) : undefined;
    const uris = this.projects.uris().filter((u) => !folder || u.startsWith(folder.endsWith('/') ? folder : `${folder}/`));
    const result: LintWorkspaceResult = { files: 0, filesWithProblems: 0, errors: 0, warnings: 0, infos: 0, byFile: [], millis: 0 };
    let last = now();
    for (const uri of uris) {
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
      let findings: Finding[];
      const st = this.open.get(uri);
      if (st) {
        this.fresh(st);
        findings = this.findingsOf(uri);
      } else {
        const text = await fsp.readFile(uriToPath(uri) ?? '', 'utf8').catch(() => undefined);
        if (text === undefined) continue;
        const a = analyseFile(uri, text, { index: this.projects.indexFor(uri), config: this.files.configFor(uri), updateIndex: false });
        this.pushClosed(uri, a.findings);
        findings = this.findingsOf(uri);
      }
      result.files++;
      const c = { uri, errors: 0, warnings: 0, infos: 0 };
      for (const f of findings) {
        if (f.severity === 'error') c.errors++;
        else if (f.severity === 'warning') c.warnings++;
        else c.infos++;
      }
      if (c.errors + c.warnings + c.infos) {
        result.filesWithProblems++;
        result.byFile.push(c);
        result.errors += c.errors;
        result.warnings += c.warnings;
        result.infos += c.infos;
      }
      if (now() - last > 20) {
        await this.pause();
        last = now();
      }
    }
    result.millis = Math.round(now() - t0);
    return result;
  }
}

async function readHead(p: string): Promise<string> {
  const fh = await fsp.open(p, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

export { ALL_RULES };
