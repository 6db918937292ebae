/**
 * The desktop language server: LSP wiring over the language core and the language features in
 * server/src/service. Its state and the methods its jobs share are state.ts; its jobs are
 * documents.ts (open/edit/close), diagnostics.ts (delivery), scan.ts (the workspace scan, watched
 * files), settings.ts (initialize, settings) and requests.ts (every request, handed to the service
 * through the table it shares with the web server, handlers.ts). Every file is read through host/read.ts.
 */
import { registerDiff } from './diff.js';
import { registerPublish } from './publish.js';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification } from 'vscode-languageserver/node';
import { normaliseUri } from './files.js';
import { ServerState } from './state.js';
import { warmUpSteps } from './warmup.js';
import * as scan from './scan.js';
import * as documents from './documents.js';
import * as requests from './requests.js';
import * as diagnostics from './diagnostics.js';
import * as settings from './settings.js';

export type { OpenState } from './state.js';

const now = () => performance.now();

export class QualspecServer extends ServerState {
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
  loadSettings = settings.loadSettings;
  settingsKey = settings.settingsKey;
  configurationChanged = settings.configurationChanged;

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

  // ------------------------------------------------------------------ the jobs

  rescan = scan.rescan;
  watched = scan.watched;

  isSpecDoc = documents.isSpecDoc;
  didOpen = documents.didOpen;
  didChange = documents.didChange;
  scheduleValidation = documents.scheduleValidation;
  didClose = documents.didClose;
  didSave = documents.didSave;
  configChanged = documents.configChanged;
  revalidateAll = documents.revalidateAll;

  deliver = diagnostics.deliver;
  pullDiagnostics = diagnostics.pullDiagnostics;
  pushClosed = diagnostics.pushClosed;
  publishConfigProblems = diagnostics.publishConfigProblems;

  lintWorkspace = requests.lintWorkspace;
}
