/**
 * The qualspec VS Code extension (bundled to dist/client.js): starts the bundled language server
 * (dist/server.js) over node IPC, and adds the commands, the language status item and the
 * combination preview. All the checking happens in the server; this is a thin adapter.
 */
import { VersionCompare } from './diff/compare.js';
import * as vscode from 'vscode';
import { newSpecFromTemplate } from './new-spec.js';
import { LanguageClient, RevealOutputChannelOn, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CrashHandler } from './crash.js';
import { CombinationPreviewManager, SPEC_LANGUAGE_ID, type ServerConnection } from './preview/panel.js';
import { PublishedPreview } from './publish/panel.js';
import { LintWorkspaceRequestMethod, type LintWorkspaceParams, type LintWorkspaceResult } from './protocol.js';
import { CONFIG_FILE_NAMES, SpecStatus } from './status.js';
import { TraceChannel } from './trace.js';
import { lintSummary } from './lint-summary.js';
import { adoptSpecDocuments, settingsSnapshot } from './spec-language.js';

const START_TIMEOUT_MS = 30_000;
const NOT_RUNNING =
  'the Qualspec language server is not running. Run “Qualspec: Restart Server”, and see the “Qualspec Language Server” output for why it stopped.';

/** What `activate` returns (used by the extension-host tests). */
export interface QualspecApi {
  readonly client: LanguageClient;
  readonly preview: CombinationPreviewManager;
  /** Resolves when the server has started (the first time). */
  readonly ready: Promise<void>;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<QualspecApi> {
  const log = vscode.window.createOutputChannel('Qualspec Language Server', { log: true });
  // `qualspec.trace.server` alone switches the message trace on (see trace.ts).
  const traceChannel = new TraceChannel('Qualspec Language Server Trace');
  context.subscriptions.push(log, traceChannel);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      // Attach with the "Attach to Server" launch configuration (.vscode/launch.json).
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };

  // File events the server needs: spec files (any YAML: `.qualspec.yaml` may name other globs,
  // and the server filters) and the project configuration files.
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
    vscode.workspace.createFileSystemWatcher(`**/{${CONFIG_FILE_NAMES.join(',')}}`),
    ...extraSpecGlobs().map((g) => vscode.workspace.createFileSystemWatcher(g)),
  ];
  context.subscriptions.push(...watchers);

  const crash = new CrashHandler(log, {
    restart: () => void restartServer(),
    showOutput: () => log.show(true),
  });

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: SPEC_LANGUAGE_ID },
      { scheme: 'untitled', language: SPEC_LANGUAGE_ID },
      // Remote Repositories (a virtual workspace): open specs are checked; there is no file to scan.
      { scheme: 'vscode-vfs', language: SPEC_LANGUAGE_ID },
    ],
    synchronize: {
      // Sends `workspace/didChangeConfiguration` with the `qualspec` section on every change
      // (the server may also pull it with `workspace/configuration`).
      configurationSection: 'qualspec',
      fileEvents: watchers,
    },
    initializationOptions: { settings: settingsSnapshot() },
    outputChannel: log,
    traceOutputChannel: traceChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: crash,
    diagnosticCollectionName: 'qualspec',
    markdown: { isTrusted: false, supportHtml: false },
  };

  // From source ("Launch Extension"), always start the server with the inspector on port 6009 so
  // "Attach to Server" can attach; an installed extension runs it without.
  const fromSource = context.extensionMode === vscode.ExtensionMode.Development;
  const lc = new LanguageClient('qualspec', 'Qualspec Language Server', serverOptions, clientOptions, fromSource);
  client = lc;

  // Language status: which schema and config apply, and whether the server runs.
  const status = new SpecStatus(await schemaTitle(context));
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
  for (const w of watchers) {
    const onConfig = (uri: vscode.Uri) => {
      if (CONFIG_FILE_NAMES.some((n) => uri.path.endsWith(`/${n}`))) status.configChanged();
    };
    context.subscriptions.push(w.onDidCreate(onConfig), w.onDidChange(onConfig), w.onDidDelete(onConfig));
  }

  const server: ServerConnection = {
    async request<R>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<R> {
      await whenRunning(lc, () => crash.stopped);
      try {
        return await (token ? lc.sendRequest<R>(method, params, token) : lc.sendRequest<R>(method, params));
      } catch (e) {
        // A request cut short by a crash or a restart: say so in words, not in JSON-RPC's.
        if (lc.state !== State.Running) throw new Error(NOT_RUNNING);
        throw e;
      }
    },
    onDidStart: started.event,
  };
  const preview = new CombinationPreviewManager(context.extensionUri, server);
  context.subscriptions.push(preview);
  context.subscriptions.push(new VersionCompare(context.extensionUri, server));
  const published = new PublishedPreview(server);
  context.subscriptions.push(published);

  async function restartServer(): Promise<void> {
    crash.reset();
    status.setServerState('starting');
    try {
      if (lc.isRunning()) await lc.restart();
      else await lc.start();
      void vscode.window.setStatusBarMessage('Qualspec language server restarted', 3000);
    } catch (e) {
      log.error(`Restarting the server failed: ${String(e)}`);
      void vscode.window
        .showErrorMessage(`Qualspec: the language server could not be restarted: ${e instanceof Error ? e.message : String(e)}`, 'Show Output')
        .then((c) => {
          if (c) log.show(true);
        });
    }
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('qualspec.showCombinationPreview', (uri?: unknown, index?: unknown) => preview.show(uri, index)),
    vscode.commands.registerCommand('qualspec.previewPublishedDocument', (uri?: unknown) => published.show(uri)),
    vscode.commands.registerCommand('qualspec.restartServer', () => restartServer()),
    vscode.commands.registerCommand('qualspec.newSpecFromTemplate', () => newSpecFromTemplate(context.extensionUri)),
    vscode.commands.registerCommand('qualspec.lintWorkspace', () => lintWorkspace(server)),
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

/** Spec globs from the settings that the `**\/*.{yaml,yml}` watcher does not cover. */
function extraSpecGlobs(): string[] {
  const globs = vscode.workspace.getConfiguration('qualspec').get<string[]>('specGlobs') ?? [];
  return globs.filter((g) => typeof g === 'string' && g.length > 0 && !/\.ya?ml$/i.test(g));
}

/** Waits until the client runs; rejects at once when it was stopped for good (a crash loop). */
async function whenRunning(lc: LanguageClient, stoppedForGood: () => boolean): Promise<void> {
  if (lc.state === State.Running) return;
  if (lc.state === State.Stopped && stoppedForGood()) throw new Error(NOT_RUNNING);
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      sub.dispose();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => done(new Error(NOT_RUNNING)), START_TIMEOUT_MS);
    const sub = lc.onDidChangeState((e) => {
      if (e.newState === State.Running) done();
      else if (e.newState === State.Stopped && stoppedForGood()) done(new Error(NOT_RUNNING));
    });
    if (lc.state === State.Running) done();
  });
}

async function schemaTitle(context: vscode.ExtensionContext): Promise<string> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'schemas', 'qualspec.schema.json'));
    const schema = JSON.parse(new TextDecoder().decode(bytes)) as { $id?: string; title?: string };
    const version = /qualspec-(\d+)\.schema\.json$/.exec(schema.$id ?? '')?.[1];
    return version ? `qualspec ${version} (bundled)` : 'qualspec (bundled)';
  } catch {
    return 'qualspec (bundled)';
  }
}

/** `qualspec.lintWorkspace`: lint every spec, report the counts and open the Problems panel. */
async function lintWorkspace(server: ServerConnection): Promise<void> {
  let result: LintWorkspaceResult | null;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Qualspec: linting the workspace…', cancellable: true },
      (_progress, token) => server.request<LintWorkspaceResult | null>(LintWorkspaceRequestMethod, {} satisfies LintWorkspaceParams, token),
    );
  } catch (e) {
    void vscode.window.showErrorMessage(`Qualspec: linting the workspace failed: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  if (result?.files) await vscode.commands.executeCommand('workbench.actions.view.problems');
  const summary = lintSummary(result ?? {}, vscode.workspace.workspaceFolders?.length ?? 0);
  if (result && ((result.errors ?? 0) > 0 || !result.files)) void vscode.window.showWarningMessage(summary);
  else void vscode.window.showInformationMessage(summary);
}
