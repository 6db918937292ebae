/**
 * The combination preview: a webview panel beside a spec that shows what a qualification's rules
 * of combination allow, with a planner to tick units as a learner would.
 *
 * One panel at a time. It follows the active spec editor and the qualification under its cursor,
 * re-asks the server (`qualspec/combination`) when the file is edited or its diagnostics change,
 * and survives a window reload through a WebviewPanelSerializer and the webview's own state.
 */
import * as vscode from 'vscode';
import {
  CombinationRequestMethod,
  QualificationsRequestMethod,
  type CombinationParams,
  type CombinationResult,
  type QualificationInfo,
  type QualificationsParams,
} from '../protocol.js';
import { getNonce, getPreviewHtml } from './html.js';
import { PREVIEW_VIEW_TYPE, isFromWebview, type PreviewState, type ToWebview, type UpdateMessage } from './messages.js';

export { getPreviewHtml } from './html.js';

export const SPEC_LANGUAGE_ID = 'qualspec-yaml';

/** What the preview needs of the language client. */
export interface ServerConnection {
  /** Sends a request once the server is running; rejects when it is not (or fails). */
  request<R>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<R>;
  /** Fires each time the server has (re)started and is ready. */
  readonly onDidStart: vscode.Event<void>;
}

const REFRESH_DELAY_MS = 80;
const FOLLOW_DELAY_MS = 150;

function toRange(r: QualificationInfo['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The qualification whose node contains the position, if any. */
export function qualificationAt(quals: readonly QualificationInfo[], pos: vscode.Position): QualificationInfo | undefined {
  let best: QualificationInfo | undefined;
  for (const q of quals) {
    const r = toRange(q.range);
    // The innermost range wins (ranges do not nest in practice, but be safe).
    if (r.contains(pos) && (!best || toRange(best.range).contains(r))) best = q;
  }
  return best;
}

function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

function baseName(uri: string): string {
  try {
    const p = vscode.Uri.parse(uri).path;
    return p.slice(p.lastIndexOf('/') + 1) || uri;
  } catch {
    return uri;
  }
}

/** Owns the (single) preview panel, its serializer, and the listeners that make it follow the editor. */
export class CombinationPreviewManager implements vscode.Disposable {
  private preview: CombinationPreview | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Qualifications per document, by document version (for following the cursor). */
  private readonly qualCache = new Map<string, { version: number; quals: Promise<QualificationInfo[]> }>();
  private followTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly server: ServerConnection,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const s = restoreState(state);
          if (!s) {
            // Nothing to restore (an old or empty state): close rather than show an empty panel.
            panel.dispose();
            return;
          }
          this.adopt(panel, s);
        },
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e) this.scheduleFollow(e);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.scheduleFollow(e.textEditor);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const key = e.document.uri.toString();
        this.qualCache.delete(key);
        this.preview?.documentChanged(key);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.qualCache.delete(d.uri.toString())),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const p = this.preview;
        if (p && e.uris.some((u) => u.toString() === p.uri)) p.scheduleRefresh();
      }),
      server.onDidStart(() => {
        this.qualCache.clear();
        this.preview?.scheduleRefresh();
      }),
    );
  }

  /** The panel shown now, if any (for tests). */
  get current(): CombinationPreview | undefined {
    return this.preview;
  }

  /**
   * `qualspec.showCombinationPreview`: from a code lens (uri string, index), the editor title
   * button (a vscode.Uri) or the palette (nothing: the active editor and its cursor).
   */
  async show(uriArg?: unknown, indexArg?: unknown): Promise<void> {
    const uri = resolveUri(uriArg);
    if (!uri) {
      void vscode.window.showInformationMessage('Open a qualification spec to preview its rules of combination.');
      return;
    }
    let index = typeof indexArg === 'number' && Number.isInteger(indexArg) && indexArg >= 0 ? indexArg : undefined;
    if (index === undefined) {
      let quals: QualificationInfo[];
      try {
        quals = await this.server.request<QualificationInfo[]>(QualificationsRequestMethod, { uri } satisfies QualificationsParams);
      } catch (e) {
        void vscode.window.showErrorMessage(`Qualspec: cannot list the qualifications of ${baseName(uri)}: ${describeError(e)}`);
        return;
      }
      if (!quals || quals.length === 0) {
        void vscode.window.showInformationMessage(`${baseName(uri)} has no qualifications to preview.`);
        return;
      }
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
      const here = editor ? qualificationAt(quals, editor.selection.active) : undefined;
      if (here) index = here.index;
      else if (this.preview?.uri === uri) index = this.preview.qualification;
      else if (quals.length === 1) index = quals[0]!.index;
      else {
        const pick = await vscode.window.showQuickPick(
          quals.map((q) => ({
            label: q.title || `Qualification ${q.index + 1}`,
            description: [q.type, q.qan].filter(Boolean).join(' · '),
            index: q.index,
          })),
          { title: 'Combination Preview', placeHolder: 'Which qualification?' },
        );
        if (!pick) return;
        index = pick.index;
      }
    }
    if (this.preview) {
      this.preview.setTarget(uri, index);
      this.preview.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      'Combination Preview',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(this.extensionUri),
    );
    this.adopt(panel, { uri, qualification: index, selection: [] });
  }

  private adopt(panel: vscode.WebviewPanel, state: PreviewState): void {
    this.preview?.panel.dispose();
    const preview = new CombinationPreview(panel, this.extensionUri, this.server, state);
    this.preview = preview;
    preview.onDidDispose(() => {
      if (this.preview === preview) this.preview = undefined;
    });
  }

  private qualificationsOf(doc: vscode.TextDocument): Promise<QualificationInfo[]> {
    const key = doc.uri.toString();
    const hit = this.qualCache.get(key);
    if (hit && hit.version === doc.version) return hit.quals;
    const quals = this.server.request<QualificationInfo[]>(QualificationsRequestMethod, { uri: key } satisfies QualificationsParams).then(
      (q) => q ?? [],
      () => [] as QualificationInfo[],
    );
    this.qualCache.set(key, { version: doc.version, quals });
    return quals;
  }

  /** Follow the active spec editor and the qualification under its cursor. */
  private scheduleFollow(editor: vscode.TextEditor): void {
    if (!this.preview || editor.document.languageId !== SPEC_LANGUAGE_ID) return;
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => {
      this.followTimer = undefined;
      void this.follow(editor);
    }, FOLLOW_DELAY_MS);
  }

  private async follow(editor: vscode.TextEditor): Promise<void> {
    const preview = this.preview;
    if (!preview || editor.document.isClosed) return;
    const uri = editor.document.uri.toString();
    const quals = await this.qualificationsOf(editor.document);
    if (this.preview !== preview || vscode.window.activeTextEditor !== editor) return;
    const here = qualificationAt(quals, editor.selection.active);
    if (here) {
      if (preview.uri !== uri || preview.qualification !== here.index) preview.setTarget(uri, here.index);
    } else if (preview.uri !== uri && quals.length > 0) {
      // Another spec became active with its cursor outside any qualification: show the one
      // last shown for that file, or its first.
      preview.setTarget(uri, preview.lastIndexFor(uri) ?? quals[0]!.index);
    }
  }

  dispose(): void {
    if (this.followTimer) clearTimeout(this.followTimer);
    this.preview?.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function resolveUri(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg.length > 0) return arg;
  if (arg instanceof vscode.Uri) return arg.toString();
  const active = vscode.window.activeTextEditor;
  if (active?.document.languageId === SPEC_LANGUAGE_ID) return active.document.uri.toString();
  return vscode.window.visibleTextEditors.find((e) => e.document.languageId === SPEC_LANGUAGE_ID)?.document.uri.toString();
}

function restoreState(state: unknown): PreviewState | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const s = state as Partial<PreviewState>;
  if (typeof s.uri !== 'string' || !Number.isInteger(s.qualification)) return undefined;
  const selection = Array.isArray(s.selection) ? s.selection.filter((x): x is string => typeof x === 'string') : [];
  return { uri: s.uri, qualification: s.qualification!, selection, ...(s.last ? { last: s.last } : {}) };
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'client', 'media')],
  };
}

/** One preview panel and what it shows. */
export class CombinationPreview {
  uri: string;
  qualification: number;
  /** Ticked units per `${uri}#${index}`, so switching back and forth keeps a plan. */
  private readonly selections = new Map<string, string[]>();
  private readonly lastIndex = new Map<string, number>();
  private selectionSeq = 0;
  private requestId = 0;
  private cts: vscode.CancellationTokenSource | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastUpdate: UpdateMessage | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  /** Resolves after the next update has been posted (for tests). */
  private updateWaiters: (() => void)[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly server: ServerConnection,
    state: PreviewState,
  ) {
    this.uri = state.uri;
    this.qualification = state.qualification;
    this.selections.set(this.key, state.selection);
    this.lastIndex.set(this.uri, this.qualification);
    if (state.last && state.last.uri === state.uri && state.last.qualification === state.qualification) this.lastUpdate = state.last;

    const webview = panel.webview;
    webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'images', 'icon.png');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'preview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'client', 'media', 'preview.css'));
    webview.html = getPreviewHtml(webview.cspSource, script.toString(), style.toString(), getNonce());
    this.setTitle(this.lastUpdate?.data?.title ?? undefined);

    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
    );
    this.scheduleRefresh(0);
  }

  private get key(): string {
    return `${this.uri}#${this.qualification}`;
  }

  get selection(): string[] {
    return this.selections.get(this.key) ?? [];
  }

  lastIndexFor(uri: string): number | undefined {
    return this.lastIndex.get(uri);
  }

  /** The data shown now (for tests). */
  get shown(): UpdateMessage | undefined {
    return this.lastUpdate;
  }

  /** Resolves when the next update reaches the webview (for tests). */
  nextUpdate(): Promise<void> {
    return new Promise((resolve) => this.updateWaiters.push(resolve));
  }

  /** Show another qualification (or file). */
  setTarget(uri: string, qualification: number): void {
    if (uri === this.uri && qualification === this.qualification) return;
    this.uri = uri;
    this.qualification = qualification;
    this.lastIndex.set(uri, qualification);
    this.scheduleRefresh(0);
  }

  /** Sets the planner's selection from the extension side (for tests and commands). */
  select(selection: string[]): void {
    this.selections.set(this.key, [...new Set(selection)]);
    this.scheduleRefresh(0);
  }

  documentChanged(uri: string): void {
    if (uri === this.uri) this.scheduleRefresh();
  }

  scheduleRefresh(delay = REFRESH_DELAY_MS): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  private post(message: ToWebview): void {
    if (this.disposed) return;
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  private setTitle(title: string | undefined): void {
    this.panel.title = title ? `Combination Preview: ${title}` : 'Combination Preview';
  }

  private async refresh(): Promise<void> {
    if (this.disposed) return;
    const id = ++this.requestId;
    this.cts?.cancel();
    this.cts?.dispose();
    const cts = new vscode.CancellationTokenSource();
    this.cts = cts;
    const { uri, qualification } = this;
    const selection = this.selection;
    const selectionSeq = this.selectionSeq;
    this.post({ type: 'busy' });
    const base = { type: 'update' as const, uri, fileName: baseName(uri), qualification, selection, selectionSeq };
    let update: UpdateMessage;
    try {
      const quals =
        (await this.server.request<QualificationInfo[] | null>(QualificationsRequestMethod, { uri } satisfies QualificationsParams, cts.token)) ?? [];
      if (id !== this.requestId) return;
      if (!quals.some((q) => q.index === qualification)) {
        update = {
          ...base,
          qualifications: quals,
          data: null,
          error:
            quals.length === 0
              ? `${baseName(uri)} has no qualifications (or cannot be read as a spec just now).`
              : `Qualification ${qualification + 1} is no longer in ${baseName(uri)}: pick another one.`,
        };
      } else {
        const params: CombinationParams = { uri, qualification, selection };
        const data = await this.server.request<CombinationResult | null>(CombinationRequestMethod, params, cts.token);
        if (id !== this.requestId) return;
        update = data
          ? { ...base, qualifications: quals, data }
          : { ...base, qualifications: quals, data: null, error: 'The server has no combination data for this qualification yet (is the YAML valid?).' };
      }
    } catch (e) {
      if (id !== this.requestId || cts.token.isCancellationRequested) return;
      update = {
        ...base,
        qualifications: this.lastUpdate?.uri === uri ? this.lastUpdate.qualifications : [],
        data: null,
        error: `No answer from the language server: ${describeError(e)}`,
      };
    }
    if (this.disposed) return;
    this.lastUpdate = update;
    const title = update.data?.title ?? update.qualifications.find((q) => q.index === qualification)?.title ?? undefined;
    this.setTitle(title ?? undefined);
    this.post(update);
    for (const w of this.updateWaiters.splice(0)) w();
  }

  private onMessage(m: unknown): void {
    if (!isFromWebview(m)) return;
    switch (m.type) {
      case 'ready':
        // A (re)loaded webview: show the last data at once, then fresh data.
        if (this.lastUpdate) this.post(this.lastUpdate);
        this.scheduleRefresh(0);
        break;
      case 'select':
        // Messages arrive in order, so the latest is the newest of this webview instance (a reloaded
        // webview counts from 1 again).
        this.selectionSeq = m.seq;
        this.selections.set(this.key, [...new Set(m.selection)]);
        this.scheduleRefresh(0);
        break;
      case 'qualification':
        this.setTarget(this.uri, m.index);
        break;
      case 'reveal':
        void this.reveal(m.rule);
        break;
    }
  }

  /** Shows the qualification, or one of its rules, in its editor. */
  private async reveal(ruleId?: string): Promise<void> {
    const q = this.lastUpdate?.qualifications.find((x) => x.index === this.qualification);
    const rule = ruleId === undefined ? undefined : this.lastUpdate?.data?.rules.find((r) => r.id === ruleId);
    const uri = vscode.Uri.parse(this.uri);
    const existing = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri);
    const column = existing?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const target = rule?.range ?? q?.range;
    const range = target ? toRange(target) : undefined;
    await vscode.window.showTextDocument(uri, {
      viewColumn: column,
      preserveFocus: false,
      ...(range ? { selection: new vscode.Range(range.start, range.start) } : {}),
    });
  }

  private dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.cts?.cancel();
    this.cts?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }
}
