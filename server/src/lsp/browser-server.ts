/**
 * The language server of the web extension (VS Code for the web: vscode.dev, github.dev), bundled
 * to dist/browser-server.js by way of browser-main.ts and run in a Web Worker.
 *
 * A web worker has no file system: the workspace of this server is the documents the editor has
 * open. It answers the same language features as the desktop server (server.ts) — the core and
 * the service do the work, as there — but it never reads a file: no workspace scan, no watched
 * files, no `.qualspec.yaml` found on disk (an open `.qualspec.yaml` document applies to the open
 * specs below its folder), no `qualspec/lintWorkspace` over unopened files. Cross-file checks
 * (a unit defined in another file, duplicate codes across files) see the open specs only.
 *
 * It imports nothing of Node, and only the transport-free API of vscode-languageserver. Spelling:
 * the dictionaries are fetched from the extension (browser-dictionaries.ts); the first checks wait
 * for them (at most `spellingWaitMs`), a late one has the open specs checked again, a failed one is logged.
 */
import { TextDocuments, type Connection, type Diagnostic, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseFile, ChunkCache, RULES_BY_ID, type Finding } from '../core/index.js';
import { CONFIG_FILE_NAMES, DEFAULT_CONFIG, DEFAULT_SPEC_GLOBS, parseConfig, type QualspecConfig } from '../core/config/config.js';
import { semanticKey, WorkspaceSession } from '../core/workspace/session.js';
import {
  DEFAULT_FEATURES,
  LineStarts,
  settingsFrom,
  toDiagnostic,
  workspaceSymbols,
  type ClientFeatures,
  type LineMap,
  type ServiceHost,
  type SpecFile,
} from '../service/index.js';
import { LintWorkspaceRequestMethod, type LintWorkspaceParams, type LintWorkspaceResult, type QualspecSettings } from '../service/protocol.js';
import { isSpecFile, isYamlName } from '../host/spec-files.js';
import {
  clientFeatures,
  countFile,
  emptyLintResult,
  folderPrefix,
  languageCapabilities,
  logFailure,
  notificationHandler,
  refreshInlayHints,
  registerLanguageRequests,
  requestHandler,
  type LanguageServerView,
} from './handlers.js';
import { setDictionaryLoader, type Language } from '../core/spelling/dictionary.js';
import { dictionaryLogLine, fetchDictionaries, type DictionaryLoaded, type FetchLike } from './browser-dictionaries.js';
import { version } from '../../../package.json';

const SPEC_LANGUAGES = new Set(['qualspec', 'qualspec-yaml']);
/** How long an edit waits for the next one before the document is checked (typing, a paste replayed in pieces). */
const DEBOUNCE_MS = 30;

interface OpenSpec {
  uri: string;
  doc: TextDocument;
  cache: ChunkCache;
  file?: SpecFile;
  findings: Finding[];
  semKey?: string;
  pushedKey?: string;
}

interface OpenConfig {
  uri: string;
  /** The folder the config applies to, with a trailing '/'. */
  dir: string;
  config: QualspecConfig;
  problems: Finding[];
}

/** How long the first checks wait for the spelling dictionaries before they run without them. */
const SPELLING_WAIT_MS = 4000;

export interface BrowserServerOptions {
  /** How the dictionaries are fetched (the worker's `fetch`). Without it the server fetches none and uses whatever loader the process has (tests). */
  fetch?: FetchLike;
  /** The folder URL of the dictionaries when the client names none in its initializationOptions (`dictionaryBase`). */
  dictionaryBase?: string;
  /** How long the first checks wait for the dictionaries (default 4 s). */
  spellingWaitMs?: number;
}

const isConfigUri = (uri: string): boolean => CONFIG_FILE_NAMES.some((n) => uri.endsWith(`/${n}`));
const dirOf = (uri: string): string => uri.slice(0, uri.lastIndexOf('/') + 1);

export class BrowserQualspecServer implements LanguageServerView {
  readonly documents = new TextDocuments(TextDocument);
  readonly open = new Map<string, OpenSpec>();
  readonly configs = new Map<string, OpenConfig>();
  /** One project: the open documents. */
  readonly session = new WorkspaceSession({ projectOf: () => '', configFor: (uri) => this.configFor(uri) });
  features: ClientFeatures = DEFAULT_FEATURES;
  settings: QualspecSettings = {};
  /** Base URL of the rule pages (the extension's docs/rules/, from the client), for each diagnostic's link. */
  docsBase: string | undefined;
  shuttingDown = false;
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private changedUris = new Set<string>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly host: ServiceHost;
  /** The dictionaries fetched so far, by language. */
  private readonly dictionaries = new Map<Language, Uint8Array>();
  /** True while the first checks wait for the dictionaries: nothing is published. */
  private holding = false;

  constructor(
    readonly connection: Connection,
    private readonly options: BrowserServerOptions = {},
  ) {
    // No scan to wait for: the open documents are the whole workspace from the start.
    this.session.ready = true;
    const features = () => this.features;
    this.host = {
      index: this.session.byKey(''),
      get features() {
        return features();
      },
      file: (u) => this.specFile(u),
      lines: (u) => this.linesOf(u),
    };
  }

  // ------------------------------------------------------------------ plumbing

  logError(where: string, e: unknown): void {
    logFailure(this.connection, where, e);
  }

  guard<A extends unknown[]>(name: string, fn: (...args: A) => void) {
    return notificationHandler(this, name, fn);
  }

  // ------------------------------------------------------------------ start

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onShutdown(() => {
      this.shuttingDown = true;
      for (const t of this.timers.values()) clearTimeout(t);
      this.timers.clear();
      if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    });
    this.documents.onDidOpen(this.guard('didOpen', (e) => this.didOpen(e.document)));
    this.documents.onDidChangeContent(this.guard('didChange', (e) => this.didChange(e.document)));
    this.documents.onDidClose(this.guard('didClose', (e) => this.didClose(e.document)));
    c.onDidChangeConfiguration(
      this.guard('didChangeConfiguration', (p) => {
        const s = (p.settings as { qualspec?: unknown } | null)?.qualspec;
        if (s === undefined) return;
        const hintsBefore = this.settings.inlayHints;
        this.settings = settingsFrom(s);
        if (this.settings.inlayHints !== hintsBefore) refreshInlayHints(this);
        this.revalidateAll();
      }),
    );
    this.registerRequests();
    this.documents.listen(c);
    c.listen();
  }

  initialize(p: InitializeParams): InitializeResult {
    this.features = clientFeatures(p.capabilities);
    const init = p.initializationOptions as { settings?: unknown; qualspec?: unknown; docsBase?: unknown; dictionaryBase?: unknown } | undefined;
    const s = init?.settings ?? init?.qualspec;
    if (s) this.settings = settingsFrom(s);
    if (typeof init?.docsBase === 'string' && init.docsBase.length > 0) this.docsBase = folderPrefix(init.docsBase);
    const dictionaryBase = typeof init?.dictionaryBase === 'string' && init.dictionaryBase.length > 0 ? init.dictionaryBase : this.options.dictionaryBase;
    if (this.options.fetch) this.loadDictionaries(dictionaryBase, this.options.fetch);
    // Pushed diagnostics only: cross-file findings of other open documents change with an edit, and
    // a push reaches them without the client asking again.
    return { capabilities: languageCapabilities(p.capabilities), serverInfo: { name: 'qualspec-language-server (web)', version } };
  }

  // ------------------------------------------------------------------ spelling dictionaries

  /**
   * Fetch every dictionary; hold the first checks until all have settled (or the wait is over),
   * then check the open specs. A dictionary that arrives after that has them checked again.
   */
  private loadDictionaries(base: string | undefined, get: FetchLike): void {
    const c = this.connection;
    if (!base) {
      c.console.warn(
        'qualspec: spelling is not checked: the client did not say where the extension’s dictionaries are (initializationOptions.dictionaryBase).',
      );
      return;
    }
    this.holding = true;
    const install = () => setDictionaryLoader((language) => this.dictionaries.get(language));
    install();
    const waitMs = this.options.spellingWaitMs ?? SPELLING_WAIT_MS;
    const timer = setTimeout(
      this.guard('waiting for the spelling dictionaries', () => {
        if (!this.holding) return;
        c.console.info(`qualspec: the spelling dictionaries are still loading after ${waitMs} ms: the open specs are checked without them until they arrive.`);
        this.release();
      }),
      waitMs,
    );
    const arrived = this.guard('loading a spelling dictionary', (r: DictionaryLoaded) => {
      if (this.shuttingDown) return;
      if (!r.bytes) return c.console.warn(dictionaryLogLine(r));
      c.console.info(dictionaryLogLine(r));
      this.dictionaries.set(r.language, r.bytes);
      // Late (the first checks did not wait for it): the open specs are checked again with it.
      if (!this.holding) {
        install();
        this.revalidateAll();
      }
    });
    void fetchDictionaries(base, get, arrived).then(
      this.guard('loading the spelling dictionaries', () => {
        clearTimeout(timer);
        if (!this.holding) return;
        install();
        this.release();
      }),
    );
  }

  /** Publishing starts: every open spec is checked with the dictionaries there are. */
  private release(): void {
    this.holding = false;
    if (!this.shuttingDown) this.revalidateAll();
  }

  // ------------------------------------------------------------------ configuration

  /** The configuration of a file: the nearest open `.qualspec.yaml` above it, over the `qualspec.*` settings. */
  configFor(uri: string): QualspecConfig {
    let best: OpenConfig | undefined;
    for (const c of this.configs.values()) if (uri.startsWith(c.dir) && (!best || c.dir.length > best.dir.length)) best = c;
    const base = best?.config ?? DEFAULT_CONFIG;
    const rules = { ...(this.settings.rules ?? {}), ...base.rules };
    const specs = base.specs !== DEFAULT_SPEC_GLOBS ? base.specs : DEFAULT_SPEC_GLOBS;
    return { ...base, rules, specs };
  }

  private setConfig(doc: TextDocument): void {
    const { config, problems } = parseConfig(doc.getText(), doc.uri, RULES_BY_ID.keys());
    this.configs.set(doc.uri, { uri: doc.uri, dir: dirOf(doc.uri), config, problems });
    this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: problems.map((f) => this.toDiagnostic(f)) });
    this.revalidateAll();
  }

  // ------------------------------------------------------------------ documents

  isSpecDoc(doc: TextDocument): boolean {
    if (isConfigUri(doc.uri)) return false;
    if (SPEC_LANGUAGES.has(doc.languageId) || /qualspec/i.test(doc.languageId)) return true;
    if (doc.languageId !== 'yaml' && !isYamlName(doc.uri)) return false;
    return isSpecFile(doc.uri, doc.getText());
  }

  didOpen(doc: TextDocument): void {
    if (isConfigUri(doc.uri)) return this.setConfig(doc);
    if (!this.isSpecDoc(doc)) return;
    this.open.set(doc.uri, { uri: doc.uri, doc, cache: new ChunkCache(), findings: [] });
    // First diagnostics at once: nothing to wait for.
    this.validate(doc.uri);
  }

  didChange(doc: TextDocument): void {
    if (isConfigUri(doc.uri)) {
      if (this.configs.has(doc.uri)) this.setConfig(doc);
      return;
    }
    const st = this.open.get(doc.uri);
    if (!st || st.file?.version === doc.version) return;
    const t = this.timers.get(doc.uri);
    if (t) clearTimeout(t);
    this.timers.set(
      doc.uri,
      setTimeout(
        this.guard('validating', () => {
          this.timers.delete(doc.uri);
          this.validate(doc.uri);
        }),
        DEBOUNCE_MS,
      ),
    );
  }

  didClose(doc: TextDocument): void {
    if (isConfigUri(doc.uri)) {
      if (!this.configs.delete(doc.uri)) return;
      this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
      this.revalidateAll();
      return;
    }
    const st = this.open.get(doc.uri);
    if (!st) return;
    this.open.delete(doc.uri);
    const t = this.timers.get(doc.uri);
    if (t) clearTimeout(t);
    this.timers.delete(doc.uri);
    this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    // A closed file leaves the workspace this server knows: the other files' cross-file findings change.
    if (this.session.delete(doc.uri)) this.indexChanged(doc.uri);
  }

  /** The settings or a configuration changed: every open document is checked again. */
  revalidateAll(): void {
    for (const st of this.open.values()) {
      st.file = undefined;
      st.semKey = undefined;
    }
    for (const st of this.open.values()) this.fresh(st);
    this.session.recompute();
    this.changedUris.clear();
    for (const st of this.open.values()) this.publish(st, false);
  }

  /** Analyse an open document if its analysis is older than its text, updating the index. */
  fresh(st: OpenSpec): SpecFile {
    if (st.file && st.file.version === st.doc.version) return st.file;
    const text = st.doc.getText();
    const a = analyseFile(st.uri, text, { cache: st.cache, index: this.session.indexFor(st.uri), config: this.configFor(st.uri) });
    st.file = { uri: st.uri, version: st.doc.version, text, analysis: a, lines: st.doc };
    st.findings = a.findings;
    const key = semanticKey(a.summary);
    // Most edits change no value the workspace checks read (a word in a learning outcome).
    if (key !== st.semKey) this.indexChanged(st.uri);
    st.semKey = key;
    return st.file;
  }

  /** Check a document and publish its diagnostics. */
  validate(uri: string): void {
    const st = this.open.get(uri);
    if (!st) return;
    this.fresh(st);
    this.publish(st, true);
  }

  /** A file's summary changed in the index: the workspace checks run again, and the other open documents follow. */
  private indexChanged(uri: string): void {
    this.session.recompute();
    this.changedUris.add(uri);
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = setTimeout(
      this.guard('refreshing diagnostics', () => {
        this.refreshTimer = undefined;
        this.refreshOthers();
      }),
      0,
    );
  }

  /**
   * The open documents other than the changed ones, checked again against the index (a unit they use
   * may be defined in a changed file) and re-published when their diagnostics changed. The open
   * documents are few: checking each again is cheaper than working out which ones depend on the change.
   */
  private refreshOthers(): void {
    const changed = new Set(this.changedUris);
    this.changedUris.clear();
    for (const st of this.open.values()) {
      if (!st.file) continue;
      if (!changed.has(st.uri) && st.file.version === st.doc.version) {
        const a = analyseFile(st.uri, st.file.text, {
          cache: st.cache,
          index: this.session.indexFor(st.uri),
          config: this.configFor(st.uri),
          updateIndex: false,
        });
        st.file = { ...st.file, analysis: a };
        st.findings = a.findings;
      }
      this.publish(st, false);
    }
  }

  findingsOf(uri: string): Finding[] {
    const st = this.open.get(uri);
    return this.session.findings(uri, st ? st.findings : []);
  }

  toDiagnostic(f: Finding): Diagnostic {
    return toDiagnostic(this.host, f, this.docsBase);
  }

  private publish(st: OpenSpec, force: boolean): void {
    if (!st.file || this.holding) return;
    const diagnostics = this.findingsOf(st.uri).map((f) => this.toDiagnostic(f));
    const key = JSON.stringify(diagnostics);
    if (!force && key === st.pushedKey) return;
    st.pushedKey = key;
    this.connection.sendDiagnostics({ uri: st.uri, version: st.file.version, diagnostics });
  }

  // ------------------------------------------------------------------ the host for the service

  specFile(uri: string): SpecFile | undefined {
    const st = this.open.get(uri);
    return st ? this.fresh(st) : undefined;
  }

  linesOf(uri: string): LineMap | undefined {
    const st = this.open.get(uri);
    if (st) return st.doc;
    const cfg = this.documents.get(uri);
    if (cfg) return cfg;
    const s = this.session.get(uri);
    return s ? new LineStarts(s.lineStarts) : undefined;
  }

  // ------------------------------------------------------------------ requests

  inlayHintsEnabled(): boolean {
    return this.settings.inlayHints !== false;
  }

  hostFor(): ServiceHost {
    return this.host;
  }

  /** Only open documents can be edited by a rename: there is no file to read the others from. */
  textOf(uri: string): string | undefined {
    return this.documents.get(uri)?.getText();
  }

  workspaceSymbols(query: string, limit: number, isCancelled: () => boolean): ReturnType<typeof workspaceSymbols> {
    return workspaceSymbols(this.host, query, limit, isCancelled);
  }

  registerRequests(): void {
    registerLanguageRequests(this);
    // "Lint the workspace" here means the open specs: unopened files cannot be read from a web worker.
    this.connection.onRequest(
      LintWorkspaceRequestMethod,
      requestHandler<LintWorkspaceParams | undefined, LintWorkspaceResult | null>(this, 'qualspec/lintWorkspace', null, (p) => {
        const t0 = performance.now();
        const folder = p?.folder ? folderPrefix(p.folder) : undefined;
        const result = emptyLintResult();
        for (const st of this.open.values()) {
          if (folder && !st.uri.startsWith(folder)) continue;
          this.fresh(st);
          countFile(result, st.uri, this.findingsOf(st.uri));
        }
        result.millis = Math.round(performance.now() - t0);
        return result;
      }),
    );
  }
}
