/**
 * Spelling in the web extension: the server in a Web Worker fetches dist/dict/*.btrie.br and decodes
 * them with the same module the bundle uses (server/src/lsp/browser-dictionaries.ts, in Node here:
 * Node 20 has no brotli DecompressionStream either, so this is the browser's code path). The files
 * are the ones the build writes and the VSIX ships (`npm run build:dev` first). test/web/run.mjs
 * does the same in a real Chromium.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createProtocolConnection, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { BrowserQualspecServer, type BrowserServerOptions } from '../../server/src/lsp/browser-server';
import { decodeDictionary, dictionaryUrl, fetchDictionary, type FetchLike } from '../../server/src/lsp/browser-dictionaries';
import { dictionaryFileName, LANGUAGES } from '../../server/src/core/spelling/dictionary';

const REPO = path.resolve(__dirname, '../..');
const DICT = path.join(REPO, 'dist/dict');
const ISP = readFileSync(path.join(REPO, 'specs/isp-level-5-professional-sales.yaml'), 'utf8');
const BASE = 'vscode-test-web://mount';
const DICT_BASE = 'https://extension.example/dist/dict/';

beforeAll(() => {
  for (const l of LANGUAGES) {
    const f = path.join(DICT, dictionaryFileName(l));
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`npm run build:dev\` first (scripts/build.mjs writes the dictionaries)`);
  }
});

/** A fetch that serves dist/dict/ under DICT_BASE, after `delayMs`; anything else is a 404. */
function served(delayMs = 0, seen: string[] = []): FetchLike {
  return async (url) => {
    seen.push(url);
    await new Promise((r) => setTimeout(r, delayMs));
    const name = url.startsWith(DICT_BASE) ? url.slice(DICT_BASE.length) : '';
    const file = path.join(DICT, name);
    if (!name || name.includes('/') || !existsSync(file))
      return { ok: false, status: 404, statusText: 'Not Found', arrayBuffer: async () => new ArrayBuffer(0) };
    const b = readFileSync(file);
    return { ok: true, status: 200, arrayBuffer: async () => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) };
  };
}

describe('the dictionaries as the web server reads them', () => {
  it('decodes each shipped dictionary to the bytes node:zlib gives', () => {
    for (const l of LANGUAGES) {
      const compressed = readFileSync(path.join(DICT, dictionaryFileName(l)));
      const js = decodeDictionary(compressed);
      const zlib = brotliDecompressSync(compressed);
      expect(js.length, l).toBe(zlib.length);
      expect(Buffer.compare(Buffer.from(js), zlib), l).toBe(0);
    }
  });

  it('names the URL and the reason when a dictionary cannot be had', async () => {
    expect(dictionaryUrl('https://x.example/ext/dist/dict', 'en-GB')).toBe('https://x.example/ext/dist/dict/en-GB.btrie.br');
    const missing = await fetchDictionary('https://elsewhere.example/', 'en-GB', served());
    expect(missing.bytes).toBeUndefined();
    expect(missing.error).toBe('the server answered 404 Not Found');
    const offline = await fetchDictionary(DICT_BASE, 'en-US', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(offline.error).toBe('it could not be fetched (Failed to fetch)');
    const damaged = await fetchDictionary(DICT_BASE, 'en-GB', async () => ({
      ok: true,
      status: 200,
      arrayBuffer: async () => new Uint8Array([1, 2, 3, 4, 5]).buffer,
    }));
    expect(damaged.bytes).toBeUndefined();
    expect(damaged.error).toMatch(/^the file is damaged/);
  });
});

interface Pair {
  client: ProtocolConnection;
  published: PublishDiagnosticsParams[];
  logs: { type: number; message: string }[];
  dispose(): void;
}

let open: Pair | undefined;
afterEach(() => {
  open?.dispose();
  open = undefined;
});

async function start(options: BrowserServerOptions, initializationOptions: Record<string, unknown> = {}): Promise<Pair> {
  const up = new PassThrough();
  const down = new PassThrough();
  const conn = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  new BrowserQualspecServer(conn as unknown as ConstructorParameters<typeof BrowserQualspecServer>[0], options).listen();
  const client = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const published: PublishDiagnosticsParams[] = [];
  const logs: Pair['logs'] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void published.push(p));
  client.onNotification('window/logMessage', (p: { type: number; message: string }) => void logs.push(p));
  client.listen();
  await client.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities: {}, initializationOptions });
  client.sendNotification('initialized', {});
  open = {
    client,
    published,
    logs,
    dispose() {
      client.dispose();
      conn.dispose();
      up.destroy();
      down.destroy();
    },
  };
  return open;
}

async function until<T>(what: string, get: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// Two slips a reviewer looks for: a misspelling, and an American spelling (which needs the American dictionary too).
const TYPOS = ISP.replace('organisations wishing to operate', 'organizations wishing to operate').replace(
  'acceptable in business organisations',
  'acceptable in busness organisations',
);
const SPEC = `${BASE}/specs/isp.yaml`;

describe('the web server checks spelling with the fetched dictionaries', () => {
  it('holds the first diagnostics until the dictionaries are in, so they already have the spelling findings', async () => {
    expect(TYPOS).not.toBe(ISP);
    const seen: string[] = [];
    const p = await start({ fetch: served(80, seen) }, { dictionaryBase: DICT_BASE });
    p.client.sendNotification('textDocument/didOpen', { textDocument: { uri: SPEC, languageId: 'qualspec-yaml', version: 1, text: TYPOS } });
    const first = await until('the first diagnostics', () => p.published.find((x) => x.uri === SPEC));
    expect(first.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['us-spelling', expect.stringMatching(/'organizations'.*'organisations'/)],
      ['spelling', expect.stringMatching(/'busness' is not in the British English dictionary — did you mean 'business'/)],
    ]);
    expect(seen.sort()).toEqual([`${DICT_BASE}en-GB.btrie.br`, `${DICT_BASE}en-US.btrie.br`]);
    expect(p.logs.map((l) => l.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^qualspec: the British English spelling dictionary is loaded \(\d+ kB in \d+ ms\)\.$/),
        expect.stringMatching(/^qualspec: the American English spelling dictionary is loaded/),
      ]),
    );
  });

  it('says in the log when a dictionary cannot be loaded, and checks everything else', async () => {
    const p = await start({ fetch: served() }, { dictionaryBase: 'https://moved.example/dict/' });
    p.client.sendNotification('textDocument/didOpen', {
      textDocument: { uri: SPEC, languageId: 'qualspec-yaml', version: 1, text: TYPOS.replace('qan: 610/5663/7', 'qan: 610/5663/8') },
    });
    const first = await until('the first diagnostics', () => p.published.find((x) => x.uri === SPEC));
    expect(first.diagnostics.map((d) => d.code)).toEqual(['qan-check-digit']);
    const warnings = p.logs.filter((l) => l.type === 2).map((l) => l.message);
    expect(warnings).toContain(
      'qualspec: spelling is not checked in British English documents: the British English dictionary could not be loaded from https://moved.example/dict/en-GB.btrie.br: the server answered 404 Not Found.',
    );
    expect(warnings.some((w) => w.includes('en-US.btrie.br') && w.includes('American spellings in British documents are not reported either'))).toBe(true);
  });

  it('checks without spelling when the dictionaries are slow, then again with them when they arrive', async () => {
    const p = await start({ fetch: served(400), spellingWaitMs: 20 }, { dictionaryBase: DICT_BASE });
    p.client.sendNotification('textDocument/didOpen', { textDocument: { uri: SPEC, languageId: 'qualspec-yaml', version: 1, text: TYPOS } });
    const first = await until('the first diagnostics', () => p.published.find((x) => x.uri === SPEC));
    expect(first.diagnostics).toEqual([]);
    const later = await until('diagnostics with spelling', () => p.published.filter((x) => x.uri === SPEC && x.diagnostics.length === 2).at(-1));
    expect(later.diagnostics.map((d) => d.code)).toEqual(['us-spelling', 'spelling']);
    expect(p.logs.some((l) => /still loading after 20 ms/.test(l.message))).toBe(true);
  });

  it('without a folder for the dictionaries, says so once and checks the rest', async () => {
    const seen: string[] = [];
    const p = await start({ fetch: served(0, seen) });
    p.client.sendNotification('textDocument/didOpen', { textDocument: { uri: SPEC, languageId: 'qualspec-yaml', version: 1, text: ISP } });
    await until('the first diagnostics', () => p.published.find((x) => x.uri === SPEC));
    expect(seen).toEqual([]);
    expect(p.logs.filter((l) => /dictionaryBase/.test(l.message))).toHaveLength(1);
  });
});
