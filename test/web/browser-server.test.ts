/**
 * The web extension's server (server/src/lsp/browser-server.ts) in process, over a pair of streams:
 * what its workspace of open documents does — checks across the open specs, an open
 * `.qualspec.yaml`, closing a file. (test/web/run.mjs runs the bundle in a real browser.)
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createProtocolConnection, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { BrowserQualspecServer } from '../../server/src/lsp/browser-server';

const ISP = readFileSync(path.resolve(__dirname, '../../specs/isp-level-5-professional-sales.yaml'), 'utf8');
const BASE = 'vscode-test-web://mount';

interface Pair {
  client: ProtocolConnection;
  /** Every publishDiagnostics, in order. */
  published: PublishDiagnosticsParams[];
  dispose(): void;
}

let open: Pair | undefined;
afterEach(() => {
  open?.dispose();
  open = undefined;
});

async function start(): Promise<Pair> {
  const up = new PassThrough();
  const down = new PassThrough();
  const conn = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  new BrowserQualspecServer(conn as unknown as ConstructorParameters<typeof BrowserQualspecServer>[0]).listen();
  const client = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const published: PublishDiagnosticsParams[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
  });
  client.listen();
  await client.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities: {} });
  client.sendNotification('initialized', {});
  const pair = {
    client,
    published,
    dispose() {
      client.dispose();
      conn.dispose();
      up.destroy();
      down.destroy();
    },
  };
  open = pair;
  return pair;
}

/** The newest diagnostics of `uri` once `pred` accepts them (polls; fails after a deadline). */
async function diagnostics(p: Pair, uri: string, pred: (codes: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const last = p.published.filter((x) => x.uri === uri).at(-1);
    const codes = last ? last.diagnostics.map((d) => String(d.code)) : [];
    if (last && pred(codes)) return codes;
    if (Date.now() > deadline) throw new Error(`diagnostics of ${uri}: ${JSON.stringify(codes)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const didOpen = (p: Pair, uri: string, text: string, languageId = 'qualspec-yaml') =>
  p.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });

describe('the web server: open documents are the workspace', () => {
  it('finds a QAN used twice across two open specs, and forgets it when one closes', async () => {
    const p = await start();
    const a = `${BASE}/specs/a.yaml`;
    const b = `${BASE}/specs/b.yaml`;
    didOpen(p, a, ISP);
    expect(await diagnostics(p, a, () => true)).toEqual([]);
    didOpen(p, b, ISP);
    // The same spec twice: each of its QANs is used by both files, and both are told.
    const inA = await diagnostics(p, a, (c) => c.includes('duplicate-qan'));
    expect(new Set(inA)).toEqual(new Set(['duplicate-qan']));
    expect(new Set(await diagnostics(p, b, (c) => c.includes('duplicate-qan')))).toEqual(new Set(['duplicate-qan']));
    p.client.sendNotification('textDocument/didClose', { textDocument: { uri: b } });
    expect(await diagnostics(p, b, (c) => c.length === 0)).toEqual([]);
    expect(await diagnostics(p, a, (c) => c.length === 0)).toEqual([]);
  });

  it('applies an open .qualspec.yaml to the specs below it, and stops when it closes', async () => {
    const p = await start();
    const spec = `${BASE}/specs/isp.yaml`;
    didOpen(p, spec, ISP.replace('qan: 610/5663/7', 'qan: 610/5663/8'));
    expect(await diagnostics(p, spec, (c) => c.length > 0)).toEqual(['qan-check-digit']);
    const cfg = `${BASE}/.qualspec.yaml`;
    didOpen(p, cfg, 'rules:\n  qan-check-digit: off\n', 'yaml');
    expect(await diagnostics(p, spec, (c) => c.length === 0)).toEqual([]);
    // The config has no problem of its own.
    expect(await diagnostics(p, cfg, () => true)).toEqual([]);
    p.client.sendNotification('textDocument/didClose', { textDocument: { uri: cfg } });
    expect(await diagnostics(p, spec, (c) => c.length > 0)).toEqual(['qan-check-digit']);
  });

  it('reports a mistake in an open .qualspec.yaml on that file', async () => {
    const p = await start();
    const cfg = `${BASE}/.qualspec.yaml`;
    didOpen(p, cfg, 'rules:\n  no-such-rule: off\n', 'yaml');
    expect(await diagnostics(p, cfg, (c) => c.length > 0)).toEqual(['config']);
  });

  it('lintWorkspace counts the open specs', async () => {
    const p = await start();
    didOpen(p, `${BASE}/specs/isp.yaml`, ISP.replace('qan: 610/5663/7', 'qan: 610/5663/8'));
    didOpen(p, `${BASE}/specs/other.yaml`, 'openapi: 3.0.0\n', 'yaml');
    const r = (await p.client.sendRequest('qualspec/lintWorkspace', {})) as { files: number; errors: number };
    expect(r.files).toBe(1);
    expect(r.errors).toBe(1);
  });
});
