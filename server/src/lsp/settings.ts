/**
 * `initialize` (client capabilities, folders, server capabilities) and the `qualspec.*` / `files.exclude` settings. Methods of QualspecServer.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { asSettings, excludeGlobs, uriToPath } from './files.js';
import { version } from '../../../package.json';
import type { QualspecServer } from './server.js';

export function initialize(this: QualspecServer, p: InitializeParams): InitializeResult {
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
  return { capabilities, serverInfo: { name: 'qualspec-language-server', version } };
}

/** `qualspec.*` and `files.exclude` of every folder, from the client. */
export async function loadSettings(this: QualspecServer): Promise<void> {
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

export function settingsKey(this: QualspecServer): string {
  return JSON.stringify([this.files.globalSettings, this.files.folders.map((f) => [f.settings, f.filesExclude])]);
}

export async function configurationChanged(this: QualspecServer, settings: unknown): Promise<void> {
  const before = this.settingsKey();
  const s = (settings as { qualspec?: unknown } | null)?.qualspec;
  if (s !== undefined) this.files.globalSettings = asSettings(s);
  await this.loadSettings();
  if (this.settingsKey() === before) return;
  this.files.invalidateConfigs();
  this.revalidateAll();
  void this.rescan(true);
}
