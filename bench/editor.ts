/**
 * The editor benchmark: one LSP client, one file, several servers, runs alternating.
 *
 * A run: start the server, initialize (push diagnostics only: the client declares no pull
 * support, so both servers publish), send the settings, open the file and time its first
 * diagnostics, let it settle, then make one-character edits in a unit's title (alternating between
 * two values, so the file stays valid), timing each from the didChange to the publishDiagnostics
 * of that version (by its `version` where the server sends one, else the first publish after the
 * edit: one edit is in flight at a time), then hovers and completions, then the peak RSS.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLIENT_CAPABILITIES, LspClient, readCpuMs, type Diagnostics } from './lsp-client.js';

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  languageId: string;
}

export interface EditorRun {
  server: string;
  startMs: number;
  firstDiagMs: number;
  firstDiagCount: number;
  edits: number[];
  hover: number[];
  hoverEmpty: number;
  completion: number[];
  completionItems: number[];
  peakRss?: number;
  versioned: boolean;
  sync: number;
  error?: string;
}

export interface EditorOptions {
  edits: number;
  requests: number;
  /** Pause after each edit's diagnostics before the next edit (a typist's pace), ms. */
  gapMs: number;
}

interface Pos {
  line: number;
  character: number;
}

function posOf(text: string, offset: number): Pos {
  let line = 0;
  let last = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i + 1;
  }
  return { line, character: offset - last };
}

/** Positions in the ISP spec: the edited title, hover and completion targets. */
export function targets(text: string) {
  const unitsAt = text.indexOf('\nunits:');
  const qualsAt = text.indexOf('\nqualifications:');
  // A unit's title about the middle of the file.
  const titleRe = /\n {4}title: ([^\n]+)/g;
  titleRe.lastIndex = unitsAt + Math.floor((text.length - unitsAt) / 2);
  const tm = titleRe.exec(text)!;
  const titleEnd = tm.index + tm[0].length; // offset just past the title
  const edit = posOf(text, titleEnd - 1);
  const original = text[titleEnd - 1]!;
  const alt = original === 'x' ? 'y' : 'x';
  // A unit ref in an Award's units list.
  const refRe = /\n {6}- (L\dB\d+)\n/g;
  refRe.lastIndex = qualsAt;
  const rm = refRe.exec(text)!;
  const refAt = rm.index + 9; // inside the ref
  // The key 'credit' of the first unit, and the key position of its 'glh'.
  const creditKey = text.indexOf('\n    credit:', unitsAt) + 6;
  const glhKey = text.indexOf('\n    glh:', unitsAt) + 5;
  return {
    title: tm[1]!,
    editOffset: titleEnd - 1,
    edit,
    original,
    alt,
    hovers: [posOf(text, refAt), posOf(text, creditKey)],
    // Completion on a unit ref being typed ("L5B|1") and at a key position of a unit.
    completions: [posOf(text, rm.index + 7 + rm[1]!.length - 1), posOf(text, glhKey)],
  };
}

/** A throwaway workspace for the editor runs: the spec beside the schema its modeline names. */
export function editorWorkspace(repo: string, work: string, spec: string): { dir: string; file: string } {
  const dir = path.join(work, 'editor-ws');
  mkdirSync(path.join(dir, 'specs'), { recursive: true });
  mkdirSync(path.join(dir, 'schemas'), { recursive: true });
  copyFileSync(path.join(repo, 'schemas', 'qualspec.schema.json'), path.join(dir, 'schemas', 'qualspec.schema.json'));
  const file = path.join(dir, 'specs', path.basename(spec));
  copyFileSync(spec, file);
  return { dir, file };
}

export function settingsFor(schemaUri: string): Record<string, unknown> {
  return {
    yaml: {
      validate: true,
      hover: true,
      completion: true,
      format: { enable: false },
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
      schemas: { [schemaUri]: ['*.yaml'] },
    },
    http: { proxy: '', proxyStrictSSL: false },
    '[yaml]': {},
    editor: {},
    qualspec: {},
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait until no diagnostics for `uri` arrived for `quietMs` (at most `maxMs`). */
async function settle(c: LspClient, uri: string, quietMs: number, maxMs: number): Promise<void> {
  const start = performance.now();
  for (;;) {
    const last = [...c.published].reverse().find((d) => d.uri === uri);
    const since = performance.now() - (last?.at ?? start);
    if (since >= quietMs || performance.now() - start > maxMs) return;
    await sleep(Math.max(5, quietMs - since));
  }
}

export async function editorRun(
  server: ServerSpec,
  ws: { dir: string; file: string },
  cwd: string,
  opts: EditorOptions,
  log: (s: string) => void,
): Promise<EditorRun> {
  const text = readFileSync(ws.file, 'utf8');
  const uri = pathToFileURL(ws.file).href;
  const schemaUri = pathToFileURL(path.join(ws.dir, 'schemas', 'qualspec.schema.json')).href;
  const folder = { uri: pathToFileURL(ws.dir).href, name: 'editor-ws' };
  const t = targets(text);
  const run: EditorRun = {
    server: server.name,
    startMs: NaN,
    firstDiagMs: NaN,
    firstDiagCount: 0,
    edits: [],
    hover: [],
    hoverEmpty: 0,
    completion: [],
    completionItems: [],
    versioned: false,
    sync: 0,
  };
  const t0 = performance.now();
  const c = new LspClient({ command: server.command, args: server.args, cwd, settings: settingsFor(schemaUri), workspaceFolders: [folder] });
  try {
    const init = await c.request<{ capabilities: Record<string, unknown> }>(
      'initialize',
      {
        processId: process.pid,
        clientInfo: { name: 'qualspec-bench' },
        rootUri: folder.uri,
        workspaceFolders: [folder],
        capabilities: CLIENT_CAPABILITIES,
        initializationOptions: {},
      },
      30000,
    );
    const sync = init.capabilities.textDocumentSync;
    run.sync = typeof sync === 'number' ? sync : ((sync as { change?: number } | undefined)?.change ?? 1);
    c.notify('initialized', {});
    c.notify('workspace/didChangeConfiguration', { settings: settingsFor(schemaUri) });
    run.startMs = performance.now() - t0;
    // Let the server take the settings (and, for a workspace folder, index it) before opening.
    await waitIdle(c, 150, 10000);

    let version = 1;
    const isFor = (v: number, after: number) => (d: Diagnostics) =>
      d.uri === uri && d.at >= after && (d.version === undefined || d.version === null || d.version >= v);
    const tOpen = performance.now();
    const first = c.waitForDiagnostics(isFor(version, tOpen), 60000);
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: server.languageId, version, text } });
    const fd = await first;
    run.firstDiagMs = fd.at - tOpen;
    run.firstDiagCount = fd.diagnostics.length;
    run.versioned = typeof fd.version === 'number';
    await settle(c, uri, 400, 3000);

    let current = text;
    for (let i = 0; i < opts.edits; i++) {
      version++;
      const ch = i % 2 === 0 ? t.alt : t.original;
      const range = { start: t.edit, end: { line: t.edit.line, character: t.edit.character + 1 } };
      const off = t.editOffset;
      current = current.slice(0, off) + ch + current.slice(off + 1);
      const change = run.sync === 2 ? { range, rangeLength: 1, text: ch } : { text: current };
      const ts = performance.now();
      const wait = c.waitForDiagnostics(isFor(version, ts), 60000);
      c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const d = await wait;
      run.edits.push(d.at - ts);
      await sleep(opts.gapMs);
    }
    await settle(c, uri, 300, 3000);

    const caps = init.capabilities;
    if (caps.hoverProvider) {
      for (let i = 0; i < opts.requests; i++) {
        const position = t.hovers[i % t.hovers.length]!;
        const s = performance.now();
        const h = await c.request<{ contents?: unknown } | null>('textDocument/hover', { textDocument: { uri }, position }, 30000);
        run.hover.push(performance.now() - s);
        if (!h || !h.contents) run.hoverEmpty++;
      }
    }
    if (caps.completionProvider) {
      for (let i = 0; i < opts.requests; i++) {
        const position = t.completions[i % t.completions.length]!;
        const s = performance.now();
        const r = await c.request<{ items?: unknown[] } | unknown[] | null>(
          'textDocument/completion',
          { textDocument: { uri }, position, context: { triggerKind: 1 } },
          30000,
        );
        run.completion.push(performance.now() - s);
        run.completionItems.push(Array.isArray(r) ? r.length : (r?.items?.length ?? 0));
      }
    }
    run.peakRss = c.peakRss();
  } catch (e) {
    run.error = `${e instanceof Error ? e.message : String(e)}${c.stderr ? ` — stderr: ${c.stderr.slice(-400)}` : ''}${c.logs.length ? ` — server log: ${c.logs.slice(-3).join(' | ').slice(0, 600)}` : ''} (${c.published.length} publishDiagnostics received, for ${[...new Set(c.published.map((d) => d.uri.split('/').pop()))].join(', ') || 'no file'})`;
    log(`  ${server.name}: ${run.error}`);
    run.peakRss = c.peakRss();
  } finally {
    await c.shutdown(3000);
  }
  return run;
}

/** Wait until the server process has used no CPU for `quietMs` (at most `maxMs`). Returns the time waited minus the quiet window. */
export async function waitIdle(c: LspClient, quietMs: number, maxMs: number): Promise<number> {
  const start = performance.now();
  let lastCpu = readCpuMs(c.pid) ?? 0;
  let lastBusy = start;
  for (;;) {
    await sleep(20);
    const cpu = readCpuMs(c.pid);
    const now = performance.now();
    if (cpu === undefined) return now - start;
    if (cpu > lastCpu) {
      lastCpu = cpu;
      lastBusy = now;
    }
    if (now - lastBusy >= quietMs || now - start >= maxMs) return lastBusy - start;
  }
}

export interface IndexRun {
  files: number;
  /** How the end of indexing was detected. */
  via: string;
  indexMs: number;
  peakRss?: number;
  symbolCheck?: string;
  error?: string;
}

/**
 * Our server on a generated workspace folder: time from `initialized` to the end of indexing — the
 * end of its work-done progress when it reports one, else the moment its process went idle (no
 * CPU for 1 s) — and its peak RSS.
 */
export async function indexRun(server: ServerSpec, dir: string, files: number, lastRef: string, cwd: string, timeoutMs: number): Promise<IndexRun> {
  const folder = { uri: pathToFileURL(dir).href, name: path.basename(dir) };
  const c = new LspClient({ command: server.command, args: server.args, cwd, settings: settingsFor('file:///unused.json'), workspaceFolders: [folder] });
  const out: IndexRun = { files, via: '', indexMs: NaN };
  try {
    await c.request(
      'initialize',
      {
        processId: process.pid,
        clientInfo: { name: 'qualspec-bench' },
        rootUri: folder.uri,
        workspaceFolders: [folder],
        capabilities: CLIENT_CAPABILITIES,
        initializationOptions: {},
      },
      30000,
    );
    const t0 = performance.now();
    c.notify('initialized', {});
    c.notify('workspace/didChangeConfiguration', { settings: settingsFor('file:///unused.json') });
    const idle = await waitIdle(c, 1000, timeoutMs);
    const ends = c.progress.filter((p) => p.kind === 'end');
    if (ends.length) {
      out.indexMs = ends[ends.length - 1]!.at - t0;
      out.via = 'end of work-done progress';
    } else {
      out.indexMs = idle;
      out.via = 'server CPU idle for 1 s';
    }
    out.peakRss = c.peakRss();
    try {
      const syms = await c.request<unknown[] | null>('workspace/symbol', { query: lastRef }, 30000);
      out.symbolCheck = `${Array.isArray(syms) ? syms.length : 0} workspace symbol(s) for ${lastRef} (a unit of the last file)`;
    } catch (e) {
      out.symbolCheck = `workspace/symbol failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  } catch (e) {
    out.error = `${e instanceof Error ? e.message : String(e)}${c.stderr ? ` — stderr: ${c.stderr.slice(-400)}` : ''}`;
  } finally {
    await c.shutdown(5000);
  }
  return out;
}
