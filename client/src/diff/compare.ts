/**
 * "Qualspec: Compare with Previous Version": the open spec against a git revision (through VS
 * Code's Git extension) or another file the user picks, as a semantic report in a panel beside it,
 * with links to the lines and the drafted change-history entry to insert (also a quick fix).
 */
import * as vscode from 'vscode';
import type { DiffParams, DiffResult } from '../../../server/src/service/protocol.js';
import type { ServerConnection } from '../preview/panel.js';
import { getDiffHtml, INSERT_ENTRY_COMMAND, REVEAL_COMMAND } from './html.js';

const DIFF_REQUEST = 'qualspec/diff' satisfies typeof import('../../../server/src/service/protocol.js').DiffRequestMethod;
const VIEW_TYPE = 'qualspec.versionDiff';
const SPEC_LANGUAGE_ID = 'qualspec-yaml';

/** The few members of the Git extension's API (extensions/git/src/api/git.d.ts, version 1) used here. */
interface GitCommit {
  hash: string;
  message: string;
  authorDate?: Date;
}
interface GitRepository {
  show(ref: string, path: string): Promise<string>;
  log(options?: { maxEntries?: number; path?: string }): Promise<GitCommit[]>;
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}

async function gitRepository(uri: vscode.Uri): Promise<GitRepository | null> {
  const ext = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi; enabled?: boolean }>('vscode.git');
  if (!ext) return null;
  try {
    const exports = ext.isActive ? ext.exports : await ext.activate();
    if (exports.enabled === false) return null;
    return exports.getAPI(1).getRepository(uri);
  } catch {
    return null;
  }
}

interface Compared {
  version: number;
  label: string;
  result: Extract<DiffResult, { ok: true }>;
}

type Pick = vscode.QuickPickItem & { run: () => Promise<{ text: string; label: string } | undefined> };

export class VersionCompare implements vscode.Disposable, vscode.CodeActionProvider {
  private panel: vscode.WebviewPanel | undefined;
  /** The last comparison per document, for the insert command and the quick fix. */
  private readonly last = new Map<string, Compared>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly server: ServerConnection,
  ) {
    this.disposables.push(
      vscode.commands.registerCommand('qualspec.compareWithPreviousVersion', (uri?: unknown) => this.compare(uri)),
      vscode.commands.registerCommand('qualspec.insertChangeHistoryEntry' satisfies typeof INSERT_ENTRY_COMMAND, (uri?: unknown) => this.insertEntry(uri)),
      vscode.commands.registerCommand('qualspec.diff.revealLine' satisfies typeof REVEAL_COMMAND, (uri?: unknown, line?: unknown) => this.reveal(uri, line)),
      vscode.languages.registerCodeActionsProvider({ language: SPEC_LANGUAGE_ID }, this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.workspace.onDidCloseTextDocument((d) => this.last.delete(d.uri.toString())),
    );
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private async compare(arg: unknown): Promise<void> {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : undefined;
    if (!doc || doc.languageId !== SPEC_LANGUAGE_ID) {
      void vscode.window.showInformationMessage('Qualspec: open a qualification spec to compare it with a previous version.');
      return;
    }
    const old = await this.pickOld(doc.uri);
    if (!old) return;
    const params: DiffParams = { uri: doc.uri.toString(), oldText: old.text, oldLabel: old.label, today: new Date().toISOString().slice(0, 10) };
    let result: DiffResult;
    try {
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Qualspec: comparing versions…' }, () =>
        this.server.request<DiffResult>(DIFF_REQUEST, params),
      );
    } catch (e) {
      void vscode.window.showErrorMessage(`Qualspec: the comparison failed: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (!result.ok) {
      void vscode.window.showErrorMessage(`Qualspec: ${result.message}`);
      return;
    }
    this.last.set(doc.uri.toString(), { version: doc.version, label: old.label, result });
    this.show(doc.uri, result);
  }

  /** HEAD, a recent commit of the file, a revision typed in, or another file. */
  private async pickOld(uri: vscode.Uri): Promise<{ text: string; label: string } | undefined> {
    const repo = await gitRepository(uri);
    const fromGit = (ref: string, label: string) => async () => {
      try {
        return { text: await repo!.show(ref, uri.fsPath), label };
      } catch (e) {
        void vscode.window.showErrorMessage(`Qualspec: cannot read this file at ${label}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        return undefined;
      }
    };
    const other: Pick = {
      label: '$(file) Another file…',
      description: 'compare with a spec file you choose',
      run: async () => {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Compare', filters: { 'Qualification spec': ['yaml', 'yml'] } });
        if (!picked?.[0]) return undefined;
        const bytes = await vscode.workspace.fs.readFile(picked[0]);
        return { text: new TextDecoder('utf-8').decode(bytes), label: vscode.workspace.asRelativePath(picked[0]) };
      },
    };
    const items: Pick[] = [];
    if (repo) {
      items.push({ label: '$(git-commit) HEAD', description: 'the last commit', run: fromGit('HEAD', 'HEAD') });
      try {
        for (const c of await repo.log({ maxEntries: 20, path: uri.fsPath }))
          items.push({
            label: `$(history) ${c.hash.slice(0, 8)}`,
            description: c.message.split('\n')[0],
            ...(c.authorDate ? { detail: c.authorDate.toISOString().slice(0, 10) } : {}),
            run: fromGit(c.hash, c.hash.slice(0, 8)),
          });
      } catch {
        // No history for the file (new, untracked): HEAD and the other choices remain.
      }
      items.push({
        label: '$(edit) A revision…',
        description: 'a tag, branch or commit',
        run: async () => {
          const ref = await vscode.window.showInputBox({ prompt: 'Git revision to compare with (tag, branch or commit)', placeHolder: 'v1.2' });
          return ref ? fromGit(ref.trim(), ref.trim())() : undefined;
        },
      });
    }
    items.push(other);
    const choice = items.length === 1 ? other : await vscode.window.showQuickPick(items, { placeHolder: 'Compare this spec with…' });
    return choice?.run();
  }

  private show(uri: vscode.Uri, result: Extract<DiffResult, { ok: true }>): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        'Changes',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: false,
          enableCommandUris: [REVEAL_COMMAND, INSERT_ENTRY_COMMAND],
          localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'client', 'media')],
        },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    const w = this.panel.webview;
    this.panel.title = `Changes since ${result.report.old.label}`;
    w.html = getDiffHtml({
      cspSource: w.cspSource,
      styleUri: w.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'client', 'media', 'diff.css')).toString(),
      uri: uri.toString(),
      report: result.report,
      canInsert: result.insertEntry !== null,
    });
  }

  private async reveal(uri: unknown, line: unknown): Promise<void> {
    if (typeof uri !== 'string' || typeof line !== 'number') return;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const pos = new vscode.Position(Math.max(0, line - 1), 0);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(pos, pos) });
  }

  /** The insertion, while the document is as it was compared (an edit since moves the lines). */
  private edit(doc: vscode.TextDocument): vscode.WorkspaceEdit | undefined {
    const c = this.last.get(doc.uri.toString());
    const ins = c?.result.insertEntry;
    if (!c || !ins || c.version !== doc.version) return undefined;
    const e = new vscode.WorkspaceEdit();
    e.insert(doc.uri, new vscode.Position(ins.range.start.line, ins.range.start.character), ins.newText);
    return e;
  }

  private async insertEntry(uri: unknown): Promise<void> {
    const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : vscode.window.activeTextEditor?.document.uri;
    if (!target) return;
    const doc = await vscode.workspace.openTextDocument(target);
    const e = this.edit(doc);
    if (!e) {
      void vscode.window.showInformationMessage('Qualspec: the spec changed since it was compared: compare it again, then insert the entry.');
      return;
    }
    if (await vscode.workspace.applyEdit(e)) this.last.delete(doc.uri.toString());
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const c = this.last.get(doc.uri.toString());
    const e = this.edit(doc);
    if (!c || !e) return [];
    // Offered in the document section (up to the line the entry goes after).
    if (range.start.line > c.result.insertEntry!.range.start.line) return [];
    const a = new vscode.CodeAction(
      `Insert the drafted change-history entry (${c.result.report.changelog.version}, compared with ${c.label})`,
      vscode.CodeActionKind.QuickFix,
    );
    a.edit = e;
    return [a];
  }
}
