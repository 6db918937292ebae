/**
 * `initialize` (client capabilities, folders, server capabilities) and the `qualspec.*` / `files.exclude` settings. Methods of QualspecServer (server.ts), written over its state (state.ts).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  TextDocumentSyncKind,
  type ClientCapabilities,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { settingsFrom } from '../service/index.js';
import { excludeGlobs, uriToPath } from './files.js';
import { clientFeatures, languageCapabilities, refreshInlayHints } from './handlers.js';
import { version } from '../../../package.json';
import type { ServerState } from './state.js';

export function initialize(this: ServerState, p: InitializeParams): InitializeResult {
  const caps: ClientCapabilities = p.capabilities ?? {};
  const td = caps.textDocument ?? {};
  this.pull = !!td.diagnostic;
  this.refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
  this.configurationSupport = !!caps.workspace?.configuration;
  this.workDoneProgress = !!caps.window?.workDoneProgress;
  this.dynamicWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  this.features = clientFeatures(caps);
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
  if (initSettings) this.files.globalSettings = settingsFrom(initSettings);
  const base = languageCapabilities(caps);
  const capabilities: ServerCapabilities = {
    ...base,
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
  if (this.pull) capabilities.diagnosticProvider = { identifier: 'qualspec', interFileDependencies: true, workspaceDiagnostics: false };
  return { capabilities, serverInfo: { name: 'qualspec-language-server', version } };
}

/** `qualspec.*` and `files.exclude` of every folder, from the client. */
export async function loadSettings(this: ServerState): Promise<void> {
  if (!this.configurationSupport) return;
  try {
    const items = this.files.folders.flatMap((f) => [
      { scopeUri: f.uri, section: 'qualspec' },
      { scopeUri: f.uri, section: 'files.exclude' },
    ]);
    const res = (await this.connection.workspace.getConfiguration([{ section: 'qualspec' }, ...items])) as unknown[];
    if (res[0]) this.files.globalSettings = { ...this.files.globalSettings, ...settingsFrom(res[0]) };
    this.files.folders.forEach((f, i) => {
      f.settings = settingsFrom(res[1 + 2 * i]);
      f.filesExclude = excludeGlobs(res[2 + 2 * i]);
    });
    this.files.invalidateConfigs();
  } catch (e) {
    this.logError('reading the settings', e);
  }
}

export function settingsKey(this: ServerState): string {
  return JSON.stringify([this.files.globalSettings, this.files.folders.map((f) => [f.settings, f.filesExclude])]);
}

export async function configurationChanged(this: ServerState, settings: unknown): Promise<void> {
  const before = this.settingsKey();
  const s = (settings as { qualspec?: unknown } | null)?.qualspec;
  if (s !== undefined) this.files.globalSettings = settingsFrom(s);
  await this.loadSettings();
  if (this.settingsKey() === before) return;
  refreshInlayHints(this);
  this.files.invalidateConfigs();
  this.revalidateAll();
  void this.rescan(true);
}
