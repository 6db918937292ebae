/**
 * LSP protocol test harness: builds dist/server.js when it is missing or older than the sources,
 * spawns it over stdio, and talks JSON-RPC to it with vscode-languageserver-protocol's own client
 * side. Every wait polls for a condition with a deadline; nothing sleeps a fixed time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';

export const REPO = path.resolve(__dirname, '../..');
export const SERVER = path.join(REPO, 'dist', 'server.js');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (!e.name.endsWith('.test.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** Build dist/server.js (development build) unless it is newer than every source it is made of. */
export async function ensureServerBuilt(): Promise<void> {
  const sources = Math.max(newest(path.join(REPO, 'server', 'src')), statSync(path.join(REPO, 'schemas', 'qualspec.schema.json')).mtimeMs);
  if (existsSync(SERVER) && statSync(SERVER).mtimeMs >= sources) return;
  const lock = path.join(REPO, 'dist', '.server-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building it: wait for it to finish, then check again.
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 50));
      if (!existsSync(lock) && existsSync(SERVER) && statSync(SERVER).mtimeMs >= sources) return;
    }
  }
  try {
    if (existsSync(SERVER) && statSync(SERVER).mtimeMs >= sources) return;
    await esbuild.build({
      entryPoints: [path.join(REPO, 'server/src/lsp/main.ts')],
      outfile: SERVER,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: true,
      minify: false,
      legalComments: 'none',
      logLevel: 'error',
      loader: { '.json': 'json' },
    });
  } finally {
    rmdirSync(lock);
  }
}

/** A temporary workspace holding a copy of specs/ (under specs/, so the default spec globs match). */
export function fixtureWorkspace(extra: Record<string, string> = {}): {
  dir: string;
  uri: (rel: string) => string;
  file: (rel: string) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'qualspec-lsp-'));
  // The two seed specs only (not specs/examples/): the protocol tests count and name their files.
  cpSync(path.join(REPO, 'specs'), path.join(dir, 'specs'), {
    recursive: true,
    filter: (src) => path.relative(path.join(REPO, 'specs'), src).split(path.sep)[0] !== 'examples',
  });
  for (const [rel, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return {
    dir,
    uri: (rel) => pathToFileURL(path.join(dir, rel)).href,
    file: (rel) => path.join(dir, rel),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const ISP = 'specs/isp-level-5-professional-sales.yaml';
export const ILM = 'specs/ilm-l2-sales-management.yaml';

export interface StartOptions {
  folders: string[];
  pull?: boolean;
  settings?: Record<string, unknown>;
}

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly logs: string[] = [];
  refreshes = 0;
  progressEnds = 0;
  versions = new Map<string, number>();
  texts = new Map<string, string>();
  initializeResult!: InitializeResult;

  private constructor(
    readonly proc: ChildProcess,
    readonly conn: ProtocolConnection,
  ) {}

  static async start(opts: StartOptions): Promise<TestClient> {
    await ensureServerBuilt();
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const c = new TestClient(proc, conn);
    proc.stderr!.on('data', (d: Buffer) => {
      c.logs.push(d.toString());
    });
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = c.diagnostics.get(p.uri) ?? [];
      list.push(p);
      c.diagnostics.set(p.uri, list);
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      c.logs.push(p.message);
    });
    conn.onNotification('$/progress', (p: { value?: { kind?: string } }) => {
      if (p.value?.kind === 'end') c.progressEnds++;
    });
    conn.onRequest('workspace/configuration', (params: unknown) =>
      (params as { items: { section?: string }[] }).items.map((i) =>
        i.section === 'qualspec' ? (opts.settings ?? {}) : i.section === 'files.exclude' ? { '**/excluded': true } : null,
      ),
    );
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('workspace/diagnostic/refresh', () => {
      c.refreshes++;
      return null;
    });
    conn.listen();
    const folders = opts.folders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) }));
    c.initializeResult = await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
        window: { workDoneProgress: true },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, insertTextModeSupport: { valueSet: [1, 2] } } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          rename: { prepareSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          ...(opts.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
      initializationOptions: { settings: opts.settings ?? {} },
    });
    await conn.sendNotification('initialized', {});
    return c;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): void {
    void this.conn.sendNotification(method, params);
  }

  open(uri: string, text: string, languageId = 'qualspec-yaml'): void {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replace [start, end) (offsets) of the document with `newText`, as an incremental change. */
  edit(uri: string, start: number, end: number, newText: string): number {
    const text = this.texts.get(uri)!;
    const range = { start: positionAt(text, start), end: positionAt(text, end) };
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text.slice(0, start) + newText + text.slice(end));
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: newText }] });
    return version;
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** The last diagnostics published for a URI. */
  last(uri: string): PublishDiagnosticsParams | undefined {
    const l = this.diagnostics.get(uri);
    return l?.[l.length - 1];
  }

  /** Wait until the last published diagnostics of `uri` pass `test`. */
  async diagnosticsFor(uri: string, test: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20_000): Promise<Diagnostic[]> {
    const p = await poll(
      () => {
        const l = this.last(uri);
        return l && test(l.diagnostics, l) ? l : undefined;
      },
      timeoutMs,
      () => `diagnostics for ${uri}: last ${JSON.stringify(this.last(uri)?.diagnostics.map((d) => d.code))}`,
    );
    return p.diagnostics;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      void this.conn.sendNotification('exit');
    } catch {
      /* killed below */
    }
    await poll(() => (this.proc.exitCode !== null || this.proc.signalCode !== null ? true : undefined), 3000).catch(() => this.proc.kill('SIGKILL'));
    this.conn.dispose();
  }
}

export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let ls = 0;
  for (let i = 0; i < offset; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      ls = i + 1;
    }
  return { line, character: offset - ls };
}

export function offsetAt(text: string, p: { line: number; character: number }): number {
  let line = 0;
  let i = 0;
  while (line < p.line) {
    const nl = text.indexOf('\n', i);
    if (nl === -1) return text.length;
    i = nl + 1;
    line++;
  }
  return i + p.character;
}

/** Apply LSP text edits to a text. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits.map((e) => ({ s: offsetAt(text, e.range.start), e: offsetAt(text, e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}

export function editsFor(we: WorkspaceEdit | null | undefined, uri: string): TextEdit[] {
  return we?.changes?.[uri] ?? [];
}

export function textOfRange(text: string, r: Range): string {
  return text.slice(offsetAt(text, r.start), offsetAt(text, r.end));
}

/** Poll `fn` until it returns a value (not undefined) or the deadline passes. */
export async function poll<T>(fn: () => T | undefined, timeoutMs = 20_000, describe?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms${describe ? `: ${describe()}` : ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function read(file: string): string {
  return readFileSync(file, 'utf8');
}
