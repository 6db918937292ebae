/**
 * The language status item of a spec editor: which schema and which project configuration apply,
 * and whether the language server runs.
 */
import * as vscode from 'vscode';
import { SPEC_LANGUAGE_ID } from './preview/panel.js';

export const CONFIG_FILE_NAMES = ['.qualspec.yaml', '.qualspec.yml'];

/** `# yaml-language-server: $schema=…` in the first lines of a file. */
const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/m;
const FORMAT = /^qualspec:\s*["']?(\d+)/m;

export type ServerState = 'starting' | 'running' | 'stopped';

export class SpecStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly configCache = new Map<string, Promise<vscode.Uri | undefined>>();
  private readonly disposables: vscode.Disposable[] = [];
  private serverState: ServerState = 'starting';
  private seq = 0;

  constructor(private readonly schemaTitle: string) {
    this.item = vscode.languages.createLanguageStatusItem('qualspec.status', { language: SPEC_LANGUAGE_ID });
    this.item.name = 'Qualspec';
    this.item.text = 'Qualspec';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('qualspec')) void this.update();
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.languageId === SPEC_LANGUAGE_ID) void this.update();
      }),
    );
    void this.update();
  }

  /** A config file was created, changed or deleted. */
  configChanged(): void {
    this.configCache.clear();
    void this.update();
  }

  setServerState(state: ServerState): void {
    this.serverState = state;
    void this.update();
  }

  /** The nearest `.qualspec.yaml` above a file, inside its workspace folder. */
  findConfig(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
    const dir = vscode.Uri.joinPath(uri, '..');
    const key = dir.toString();
    let hit = this.configCache.get(key);
    if (!hit) {
      hit = this.searchConfig(dir, vscode.workspace.getWorkspaceFolder(uri)?.uri);
      this.configCache.set(key, hit);
    }
    return hit;
  }

  private async searchConfig(start: vscode.Uri, root: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
    let dir = start;
    for (let depth = 0; depth < 64; depth++) {
      for (const name of CONFIG_FILE_NAMES) {
        const candidate = vscode.Uri.joinPath(dir, name);
        try {
          const st = await vscode.workspace.fs.stat(candidate);
          if (st.type & vscode.FileType.File) return candidate;
        } catch {
          // not there
        }
      }
      if (root && dir.toString() === root.toString()) return undefined;
      const parent = vscode.Uri.joinPath(dir, '..');
      if (parent.path === dir.path) return undefined;
      // Outside a workspace folder, stop at the file system root; inside one, at its root.
      if (root && !parent.path.startsWith(root.path)) return undefined;
      dir = parent;
    }
    return undefined;
  }

  async update(): Promise<void> {
    const id = ++this.seq;
    const editor = vscode.window.activeTextEditor;
    const doc = editor?.document.languageId === SPEC_LANGUAGE_ID ? editor.document : undefined;
    const head = doc ? doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 40), 0)) : '';
    const modeline = MODELINE.exec(head)?.[1];
    const format = doc ? FORMAT.exec(doc.getText())?.[1] : undefined;
    const config = doc && doc.uri.scheme === 'file' ? await this.findConfig(doc.uri) : undefined;
    if (id !== this.seq) return;

    const overrides = Object.keys(vscode.workspace.getConfiguration('qualspec', doc?.uri).get<Record<string, unknown>>('rules') ?? {}).length;
    const configLabel = config
      ? vscode.workspace.asRelativePath(config, (vscode.workspace.workspaceFolders?.length ?? 0) > 1)
      : 'no .qualspec.yaml (default rules)';
    const schemaLabel = `${this.schemaTitle}${format ? `, format ${format}` : ''}${modeline ? ` — modeline ${modeline}` : ''}`;

    const item = this.item;
    item.severity = vscode.LanguageStatusSeverity.Information;
    item.busy = this.serverState === 'starting';
    if (this.serverState === 'stopped') {
      item.severity = vscode.LanguageStatusSeverity.Error;
      item.text = 'Qualspec server stopped';
      item.detail = 'Restart it to see problems again';
      item.command = { title: 'Restart Server', command: 'qualspec.restartServer' };
      item.accessibilityInformation = { label: 'Qualspec language server stopped. Restart Server.' };
      return;
    }
    item.text = config ? `Qualspec: ${basename(config)}` : 'Qualspec: defaults';
    item.detail = `Schema: ${schemaLabel} · Config: ${configLabel}${overrides ? ` · ${overrides} rule setting${overrides === 1 ? '' : 's'} from qualspec.rules` : ''}`;
    item.command = config
      ? { title: 'Open Config', command: 'vscode.open', arguments: [config], tooltip: `Open ${configLabel}` }
      : { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['qualspec'], tooltip: 'Qualspec settings' };
    item.accessibilityInformation = { label: `Qualspec. Schema ${schemaLabel}. Configuration ${configLabel}.` };
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
