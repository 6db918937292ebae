/**
 * The qualspec extension in VS Code for the web (vscode.dev, github.dev; the package.json `browser`
 * entry, bundled to dist/browser-client.js). The language server (dist/browser-server.js) runs in a
 * Web Worker and checks the documents the editor has open — a worker cannot read the workspace's
 * files, so there is no scan of unopened files (server/src/lsp/browser-server.ts). The commands,
 * the language status item and the combination preview are the desktop extension's.
 */
import * as vscode from 'vscode';
import { newSpecFromTemplate } from '../new-spec.js';
import { LanguageClient, RevealOutputChannelOn, State, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/browser';
import { CrashHandler } from '../crash.js';
import { CombinationPreviewManager, SPEC_LANGUAGE_ID, type ServerConnection } from '../preview/panel.js';
import { LintWorkspaceRequestMethod, type LintWorkspaceParams, type LintWorkspaceResult } from '../protocol.js';
import { SpecStatus } from '../status.js';
import { TraceChannel } from '../trace.js';
import { adoptSpecDocuments, settingsSnapshot } from '../spec-language.js';

/** The worker constructor of the extension host (the project compiles without the DOM library). */
declare const Worker: new (url: string, options?: { name?: string }) => Exclude<ServerOptions, () => unknown>;

const NOT_RUNNING =
  'the Qualspec language server is not running. Run “Qualspec: Restart Server”, and see the “Qualspec Language Server” output for why it stopped.';

export interface QualspecApi {
  readonly client: LanguageClient;
  readonly preview: CombinationPreviewManager;
  readonly ready: Promise<void>;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<QualspecApi> {
  const log = vscode.window.createOutputChannel('Qualspec Language Server', { log: true });
  const traceChannel = new TraceChannel('Qualspec Language Server Trace');
  context.subscriptions.push(log, traceChannel);

  const crash = new CrashHandler(log, {
    restart: () => void restartServer(),
    showOutput: () => log.show(true),
  });

  const serverUrl = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser-server.js').toString(true);
  const clientOptions: LanguageClientOptions = {
    // Any scheme: in the browser the files are vscode-vfs:, vscode-test-web:, github: … documents.
    documentSelector: [{ language: SPEC_LANGUAGE_ID }, { pattern: '**/.qualspec.{yaml,yml}' }],
    synchronize: { configurationSection: 'qualspec' },
    initializationOptions: {
      settings: settingsSnapshot(),
      // Each diagnostic links to its rule's page, shipped in the extension.
      docsBase: vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString(true) + '/',
      // The spelling dictionaries, fetched by the server from the extension (dist/dict/).
      dictionaryBase: vscode.Uri.joinPath(context.extensionUri, 'dist', 'dict').toString(true) + '/',
    },
    outputChannel: log,
    traceOutputChannel: traceChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: crash,
    diagnosticCollectionName: 'qualspec',
    markdown: { isTrusted: false, supportHtml: false },
  };
  // A fresh worker for every start, so "Restart Server" really restarts it.
  const lc = new LanguageClient('qualspec', 'Qualspec Language Server', async () => new Worker(serverUrl, { name: 'qualspec-language-server' }), clientOptions);
  client = lc;

  const status = new SpecStatus('qualspec (bundled)');
  context.subscriptions.push(status);
  const started = new vscode.EventEmitter<void>();
  context.subscriptions.push(started);
  context.subscriptions.push(
    lc.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        status.setServerState('running');
        started.fire();
      } else if (e.newState === State.Starting) status.setServerState('starting');
      else status.setServerState(crash.stopped ? 'stopped' : 'starting');
    }),
  );

  const server: ServerConnection = {
    async request<R>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<R> {
      if (lc.state !== State.Running) await ready;
      try {
        return await (token ? lc.sendRequest<R>(method, params, token) : lc.sendRequest<R>(method, params));
      } catch (e) {
        if (lc.state !== State.Running) throw new Error(NOT_RUNNING);
        throw e;
      }
    },
    onDidStart: started.event,
  };
  const preview = new CombinationPreviewManager(context.extensionUri, server);
  context.subscriptions.push(preview);

  async function restartServer(): Promise<void> {
    crash.reset();
    status.setServerState('starting');
    try {
      if (lc.isRunning()) await lc.stop(5000);
      await lc.start();
      void vscode.window.setStatusBarMessage('Qualspec language server restarted', 3000);
    } catch (e) {
      log.error(`Restarting the server failed: ${String(e)}`);
      void vscode.window.showErrorMessage(`Qualspec: the language server could not be restarted: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('qualspec.showCombinationPreview', (uri?: unknown, index?: unknown) => preview.show(uri, index)),
    vscode.commands.registerCommand('qualspec.restartServer', () => restartServer()),
    vscode.commands.registerCommand('qualspec.newSpecFromTemplate', () => newSpecFromTemplate(context.extensionUri)),
    vscode.commands.registerCommand('qualspec.lintWorkspace', async () => {
      try {
        const r = await server.request<LintWorkspaceResult | null>(LintWorkspaceRequestMethod, {} satisfies LintWorkspaceParams);
        await vscode.commands.executeCommand('workbench.actions.view.problems');
        // In the browser only the open specs can be read: the message says so.
        void vscode.window.showInformationMessage(openSpecsSummary(r));
      } catch (e) {
        void vscode.window.showErrorMessage(`Qualspec: linting failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
  );

  adoptSpecDocuments(context);

  const ready = lc.start().then(
    () => undefined,
    (e: unknown) => {
      log.error(`The Qualspec language server did not start: ${String(e)}`);
      status.setServerState('stopped');
      throw e;
    },
  );
  ready.catch(() => undefined);
  return { client: lc, preview, ready };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop(5000).catch(() => undefined);
}

/** What `qualspec.lintWorkspace` found, in words (the open specs: the browser cannot read the others). */
export function openSpecsSummary(r: Partial<LintWorkspaceResult> | null): string {
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const p = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (n(r?.files) === 0)
    return 'Qualspec: no spec is open, so nothing was checked. In VS Code for the web only open files are checked: open a spec to check it.';
  const files = `${p(n(r?.files), 'open spec')} checked`;
  const errors = n(r?.errors);
  const warnings = n(r?.warnings);
  const infos = n(r?.infos);
  const found = errors + warnings + infos === 0 ? 'no problems' : `${p(errors, 'error')}, ${p(warnings, 'warning')}, ${infos} info`;
  return `Qualspec: ${files}, ${found}. In VS Code for the web only open files are checked: open a spec to check it.`;
}
