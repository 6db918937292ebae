/**
 * The server as a program: the `qualspec-language-server` bin over stdio, the workspace scan
 * (spec globs, specs recognised by their content, `files.exclude`), cancellation.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CancellationTokenSource,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type SymbolInformation,
} from 'vscode-languageserver-protocol/node';
import { ensureServerBuilt, fixtureWorkspace, ISP, poll, read, REPO, TestClient } from './helpers';

const LOOSE = (ref: string) => `# yaml-language-server: $schema=../schemas/qualspec.schema.json
qualspec: 1
document:
  awardingBody: Body
  title: Loose
  version: "1.0"
groups:
  - id: business
    title: Business
units:
  - ref: ${ref}
    title: Loose Unit
    level: 5
    group: business
    glh: 10
    tqt: 20
    credit: 2
    summary: true
`;

describe('the language server program', () => {
  it('starts from bin/qualspec-language-server.js --stdio and answers initialize', async () => {
    await ensureServerBuilt();
    const proc = spawn(process.execPath, [path.join(REPO, 'bin', 'qualspec-language-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.listen();
    try {
      const r = await conn.sendRequest<{ capabilities: Record<string, unknown>; serverInfo?: { name: string } }>('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      });
      expect(r.serverInfo?.name).toBe('qualspec-language-server');
      expect(r.capabilities.hoverProvider).toBe(true);
      expect(r.capabilities.textDocumentSync).toMatchObject({ change: 2 });
      await conn.sendRequest('shutdown');
      void conn.sendNotification('exit');
      await poll(() => (proc.exitCode !== null ? true : undefined), 5000);
    } finally {
      conn.dispose();
      proc.kill();
    }
  });
});

describe('the workspace scan', () => {
  const ws = fixtureWorkspace({
    // Not under specs/, but declares itself a spec: indexed.
    'other/loose.yaml': LOOSE('L9Z1'),
    // Excluded by files.exclude (the test client sets '**/excluded').
    'specs/excluded/hidden.yaml': LOOSE('L9Z2'),
    // Not a spec at all.
    'ci/pipeline.yaml': 'steps:\n  - run: echo hi\n',
  });
  let c: TestClient;
  beforeAll(async () => {
    c = await TestClient.start({ folders: [ws.dir] });
    await poll(() => (c.progressEnds > 0 ? true : undefined));
  });
  afterAll(async () => {
    await c.stop();
    ws.cleanup();
  });

  const symbols = (q: string) => c.request<SymbolInformation[]>('workspace/symbol', { query: q });

  it('indexes the specs, recognising a spec by its content, and skips files.exclude', async () => {
    expect((await symbols('L5B1')).some((s) => s.location.uri === ws.uri(ISP))).toBe(true);
    expect((await symbols('8570-228')).length).toBeGreaterThan(0);
    expect((await symbols('L9Z1')).map((s) => s.location.uri)).toEqual([ws.uri('other/loose.yaml')]);
    expect(await symbols('L9Z2')).toEqual([]);
    const lint = await c.request<{ files: number }>('qualspec/lintWorkspace', {});
    expect(lint.files).toBe(3);
  });

  it('does not validate a YAML file that is not a spec', async () => {
    const uri = ws.uri('ci/pipeline.yaml');
    c.open(uri, read(ws.file('ci/pipeline.yaml')), 'yaml');
    c.open(ws.uri(ISP), read(ws.file(ISP)));
    await c.diagnosticsFor(ws.uri(ISP));
    expect(c.diagnostics.get(uri)).toBeUndefined();
  });

  it('honours cancellation and keeps serving', async () => {
    const src = new CancellationTokenSource();
    const p = c.conn.sendRequest('qualspec/lintWorkspace', {}, src.token);
    src.cancel();
    const outcome = await p.then(
      () => 'answered',
      (e: { code?: number }) => e.code,
    );
    // Cancelled before or while it ran (-32800), or it was already done.
    expect(['answered', -32800]).toContain(outcome);
    const again = await c.request<{ files: number }>('qualspec/lintWorkspace', {});
    expect(again.files).toBe(3);
  });
});
