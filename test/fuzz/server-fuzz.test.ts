/**
 * The server leg of the fuzzer (issue 8, section 1): fuzz cases and hostile documents are sent to a
 * running `node dist/server.js --stdio` as edits of one open document, and after each one the server
 * must still be alive and answer the next request.
 *
 * Runs only when dist/server.js exists (npm run build) and answers `initialize`; otherwise the test
 * is skipped with the reason printed. Bounded: SERVER_CASES cases (FUZZ_SERVER_CASES), 10 s per answer.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseText, DEFAULT_SEED } from './fuzz.js';

const ROOT = join(__dirname, '../..');
const SERVER = join(ROOT, 'dist/server.js');
const SEED = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const SERVER_CASES = Number(process.env.FUZZ_SERVER_CASES ?? 300);
const ANSWER_MS = 10_000;

interface Message {
  id?: number;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
  params?: unknown;
}

class Client {
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private waiting = new Map<number, (m: Message) => void>();
  readonly notifications: Message[] = [];
  exited: number | null | undefined;
  stderr = '';

  constructor(readonly proc: ChildProcessWithoutNullStreams) {
    proc.stdout.on('data', (d: Buffer) => this.onData(d));
    proc.stderr.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    proc.on('exit', (code) => {
      this.exited = code;
    });
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const head = this.buf.indexOf('\r\n\r\n');
      if (head === -1) return;
      const m = /Content-Length: *(\d+)/i.exec(this.buf.subarray(0, head).toString('ascii'));
      if (!m) throw new Error(`bad header from the server: ${this.buf.subarray(0, head).toString()}`);
      const len = Number(m[1]);
      if (this.buf.length < head + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(head + 4, head + 4 + len).toString('utf8')) as Message;
      this.buf = this.buf.subarray(head + 4 + len);
      if (msg.id !== undefined && msg.method === undefined) this.waiting.get(msg.id)?.(msg);
      else if (msg.id !== undefined && msg.method)
        this.send({ id: msg.id, result: null }); // a request from the server (configuration, registration)
      else this.notifications.push(msg);
    }
  }

  private send(m: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** Waits for the diagnostics of `uri` at `version` (or, from a server that sends no versions, the next ones). */
  async diagnostics(uri: string, version: number, since: number, ms = ANSWER_MS): Promise<Message> {
    const t0 = performance.now();
    for (;;) {
      const hit = this.notifications.slice(since).find((n) => {
        const p = n.params as { uri?: string; version?: number } | undefined;
        return n.method === 'textDocument/publishDiagnostics' && p?.uri === uri && (p.version === undefined || p.version === version);
      });
      if (hit) return hit;
      if (this.exited !== undefined)
        throw new Error(`the server exited with ${this.exited} before publishing diagnostics for version ${version}; stderr: ${this.stderr.slice(-500)}`);
      if (performance.now() - t0 > ms) throw new Error(`no diagnostics for version ${version} within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  request(method: string, params: unknown, ms = ANSWER_MS): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(
          new Error(
            `no answer to ${method} within ${ms} ms${this.exited !== undefined ? ` (the server exited with ${this.exited})` : ''}; stderr: ${this.stderr.slice(-500)}`,
          ),
        );
      }, ms);
      this.waiting.set(id, (m) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(m);
      });
      this.send({ id, method, params });
    });
  }
}

let client: Client | undefined;
let skipReason: string | undefined;
let capabilities: Record<string, unknown> = {};

beforeAll(async () => {
  if (!existsSync(SERVER)) {
    skipReason = 'dist/server.js does not exist (run npm run build)';
    return;
  }
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: ROOT, stdio: 'pipe' });
  client = new Client(proc);
  try {
    const init = await client.request(
      'initialize',
      { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: {} } }, workspaceFolders: null },
      15_000,
    );
    if (init.error) throw new Error(`initialize failed: ${init.error.message}`);
    capabilities = ((init.result as { capabilities?: Record<string, unknown> }).capabilities ?? {}) as Record<string, unknown>;
    client.notify('initialized', {});
  } catch (e) {
    skipReason = `dist/server.js does not answer initialize: ${(e as Error).message}`;
    proc.kill();
    client = undefined;
  }
}, 30_000);

afterAll(async () => {
  if (!client) return;
  try {
    await client.request('shutdown', null, 5000);
    client.notify('exit', null);
  } catch {
    /* killed below */
  }
  client.proc.kill();
});

describe('server leg', () => {
  it(`fuzz cases and hostile documents as edits: the server stays up and answers every next request (${SERVER_CASES} cases)`, async (ctx) => {
    if (skipReason || !client) {
      console.log(`server fuzz skipped: ${skipReason}`);
      ctx.skip();
      return;
    }
    const c = client;
    const uri = 'file:///fuzz/server-case.qspec.yaml';
    // The next request: one every server answers (hover or symbols if offered, else an unknown method, which gets an error reply).
    const probe = async (text: string, version: number): Promise<void> => {
      const m = capabilities.hoverProvider
        ? await c.request('textDocument/hover', { textDocument: { uri }, position: { line: Math.min(3, text.split('\n').length - 1), character: 2 } })
        : capabilities.documentSymbolProvider
          ? await c.request('textDocument/documentSymbol', { textDocument: { uri } })
          : await c.request('qualspec/fuzzProbe', {});
      expect(m.id, `an answer after version ${version}`).toBeDefined();
      expect(c.exited, `the server is alive after version ${version}`).toBeUndefined();
    };
    const hostile = [
      'qualspec: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n',
      'qualspec: 1\ndocument:\n  title: ' + 'x: '.repeat(5000) + 'y\n- z\n',
      [
        'a: &a [x, x, x, x, x, x, x, x, x]',
        ...Array.from(
          { length: 9 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(', ')}]`,
        ),
      ].join('\n'),
      '\u0000\u0001binary\u0000',
      'docu' + ' '.repeat(40_000) + 'ment\n',
      '',
    ];
    let since = c.notifications.length;
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: hostile[0] } });
    let version = 1;
    await c.diagnostics(uri, version, since);
    await probe(hostile[0]!, version);
    const started = performance.now();
    for (let i = 0; i < SERVER_CASES + hostile.length; i++) {
      const text = i < hostile.length ? hostile[i]! : caseText(SEED, 3000 + i * 7).text;
      version++;
      since = c.notifications.length;
      c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      // Validation has run (the server published for this version), then it must answer the next request.
      await c.diagnostics(uri, version, since);
      await probe(text, version);
    }
    console.log(
      `server fuzz: ${SERVER_CASES} cases and ${hostile.length} hostile documents in ${((performance.now() - started) / 1000).toFixed(1)} s; ${c.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').length} diagnostics notifications`,
    );
  }, 300_000);
});
