/**
 * A hostile repository (issue 22 items 1–4 and 8): links to devices and FIFOs, and links out of the
 * workspace, through the CLI (in-process) and through the language server (dist/server.js over
 * stdio). Before the guarded read (server/src/host/read.ts) each of these hung for ever or read
 * gigabytes; now each is refused with a message naming the file, and everything else still works.
 * A FIFO has no writer in these tests, so any read of one would block: a test that finishes proves
 * it was never read. docs/robustness.md lists the cases.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SymbolInformation } from 'vscode-languageserver-protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../server/src/cli/main.js';
import { fixtureWorkspace, ILM, ISP, poll, read, TestClient } from '../lsp/helpers';

const posix = process.platform !== 'win32';
if (!posix) console.log('devices.test.ts: skipped: FIFOs and /dev/zero are POSIX only');
const d = posix ? describe : describe.skip;

const mkfifo = (p: string) => execFileSync('mkfifo', [p]);

async function cli(cwd: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    isTTY: false,
    version: '0.0.0-test',
    docsBase: 'file:///docs/rules/',
  });
  return { code, stdout, stderr };
}

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((f) => f()));

/** A copy of specs/ plus what `setup` adds (links, FIFOs). */
function workspace(setup: (dir: string) => void) {
  const ws = fixtureWorkspace();
  cleanups.push(ws.cleanup);
  setup(ws.dir);
  return ws;
}

/** A spec outside every workspace, for links that lead out of one. */
const outside = mkdtempSync(path.join(tmpdir(), 'qualspec-outside-'));
cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
writeFileSync(path.join(outside, 'secret.yaml'), read(path.resolve(__dirname, '../..', ILM)).replace(/ref: 8570-228/, 'ref: SECRET-1'));
writeFileSync(path.join(outside, 'config.yaml'), 'rules:\n  root:x:0:0: off\n');

d('the CLI', () => {
  it('1. .qualspec.yaml linked to /dev/zero: a config finding naming it, the specs still checked, no read', async () => {
    const ws = workspace((dir) => symlinkSync('/dev/zero', path.join(dir, '.qualspec.yaml')));
    const r = await cli(ws.dir, ['lint', '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as { files: string[]; diagnostics: { file: string; rule: string; message: string }[] };
    const cfg = j.diagnostics.filter((x) => x.rule === 'config');
    expect(cfg).toHaveLength(1);
    expect(cfg[0]!.file).toBe('.qualspec.yaml');
    expect(cfg[0]!.message).toBe(
      'The qualspec configuration .qualspec.yaml was not read: it is a link to /dev/zero, which is a device, not a regular file. The default settings were used.',
    );
    expect(j.files.sort()).toEqual([ILM, ISP]);
  });

  it('2. .qualspec.yaml linked to a FIFO: refused at once (no hang)', async () => {
    const ws = workspace((dir) => {
      mkfifo(path.join(dir, 'pipe'));
      symlinkSync(path.join(dir, 'pipe'), path.join(dir, '.qualspec.yaml'));
    });
    const r = await cli(ws.dir, ['lint', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('which is a named pipe (FIFO), not a regular file');
  });

  it('3/4. spec-named links to a FIFO and /dev/urandom: skipped by the folder walk, refused by name with exit 2', async () => {
    const ws = workspace((dir) => {
      mkfifo(path.join(dir, 'pipe'));
      symlinkSync(path.join(dir, 'pipe'), path.join(dir, 'specs', 'pipe.yaml'));
      symlinkSync('/dev/urandom', path.join(dir, 'specs', 'random.yaml'));
    });
    const walk = await cli(ws.dir, ['lint', 'specs', '--format', 'json']);
    expect(walk.code).toBe(0);
    expect((JSON.parse(walk.stdout) as { files: string[] }).files.sort()).toEqual([ILM, ISP]);
    const fifo = await cli(ws.dir, ['lint', 'specs/pipe.yaml']);
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toMatch(/^qualspec: cannot read specs\/pipe\.yaml: it is a link to .*pipe, which is a named pipe \(FIFO\), not a regular file\n$/);
    const random = await cli(ws.dir, ['lint', 'specs/random.yaml']);
    expect(random.code).toBe(2);
    expect(random.stderr).toBe('qualspec: cannot read specs/random.yaml: it is a link to /dev/urandom, which is a device, not a regular file\n');
  });

  it('a .qualspec.yaml linking out of the folder is not followed (its text never reaches a report)', async () => {
    const ws = workspace((dir) => symlinkSync(path.join(outside, 'config.yaml'), path.join(dir, '.qualspec.yaml')));
    const r = await cli(ws.dir, ['lint', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('outside the workspace, so it was not followed');
    expect(r.stdout).not.toContain('root:x');
  });

  it('8. --baseline /dev/zero or a FIFO: exit 2 with a message, nothing read', async () => {
    const ws = workspace((dir) => mkfifo(path.join(dir, 'baseline.json')));
    const zero = await cli(ws.dir, ['lint', ISP, '--baseline', '/dev/zero']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe('qualspec: cannot use the baseline /dev/zero: it is a device, not a regular file\n');
    const fifo = await cli(ws.dir, ['lint', ISP, '--baseline', 'baseline.json']);
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toBe('qualspec: cannot use the baseline baseline.json: it is a named pipe (FIFO), not a regular file\n');
  });
});

d('the language server', () => {
  /** Start on `ws`, wait for the scan to end; check it serves an open spec and shuts down and exits. */
  async function serves(ws: { dir: string; uri: (r: string) => string; file: (r: string) => string }) {
    const c = await TestClient.start({ folders: [ws.dir] });
    cleanups.push(() => c.proc.kill('SIGKILL'));
    await poll(() => (c.progressEnds > 0 ? true : undefined));
    c.open(ws.uri(ISP), read(ws.file(ISP)));
    await c.diagnosticsFor(ws.uri(ISP));
    const hover = await c.request('textDocument/hover', { textDocument: { uri: ws.uri(ISP) }, position: { line: 30, character: 8 } });
    expect(hover === null || typeof hover === 'object').toBe(true);
    const lint = await c.request<{ files: number }>('qualspec/lintWorkspace', {});
    return { c, lint };
  }

  async function exits(c: TestClient): Promise<void> {
    await c.stop();
    expect(c.proc.exitCode).toBe(0);
  }

  it('1. .qualspec.yaml linked to /dev/zero: a config diagnostic on it, specs served, exits', async () => {
    const ws = workspace((dir) => symlinkSync('/dev/zero', path.join(dir, '.qualspec.yaml')));
    const { c, lint } = await serves(ws);
    expect(lint.files).toBe(2);
    const cfg = await c.diagnosticsFor(pathToFileURL(path.join(ws.dir, '.qualspec.yaml')).href, (x) => x.length > 0);
    expect(cfg.map((x) => x.message)).toEqual([
      'The qualspec configuration .qualspec.yaml was not read: it is a link to /dev/zero, which is a device, not a regular file. The default settings were used.',
    ]);
    await exits(c);
  });

  it('2. .qualspec.yaml linked to a FIFO: served, and `exit` is obeyed', async () => {
    const ws = workspace((dir) => {
      mkfifo(path.join(dir, 'pipe'));
      symlinkSync(path.join(dir, 'pipe'), path.join(dir, '.qualspec.yaml'));
    });
    const { c } = await serves(ws);
    const cfg = await c.diagnosticsFor(pathToFileURL(path.join(ws.dir, '.qualspec.yaml')).href, (x) => x.length > 0);
    expect(cfg[0]!.message).toContain('which is a named pipe (FIFO), not a regular file');
    await exits(c);
  });

  it('3/4. spec-named links to a FIFO and /dev/urandom: the scan ends, lintWorkspace answers, both are named in the log', async () => {
    const ws = workspace((dir) => {
      mkfifo(path.join(dir, 'pipe'));
      symlinkSync(path.join(dir, 'pipe'), path.join(dir, 'specs', 'pipe.yaml'));
      symlinkSync('/dev/urandom', path.join(dir, 'specs', 'random.yaml'));
    });
    const { c, lint } = await serves(ws);
    expect(lint.files).toBe(2);
    const log = c.logs.join('\n');
    expect(log).toMatch(/skipped .*specs[/\\]pipe\.yaml: it is a link to .*pipe, which is a named pipe \(FIFO\), not a regular file/);
    expect(log).toMatch(/skipped .*specs[/\\]random\.yaml: it is a link to \/dev\/urandom, which is a device, not a regular file/);
    await exits(c);
  });

  it('a spec linking out of the workspace is not indexed', async () => {
    const ws = workspace((dir) => symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'specs', 'secret.yaml')));
    const { c, lint } = await serves(ws);
    expect(lint.files).toBe(2);
    expect(await c.request<SymbolInformation[]>('workspace/symbol', { query: 'SECRET-1' })).toEqual([]);
    expect(c.logs.join('\n')).toMatch(/skipped .*secret\.yaml: it is a link to .*, outside the workspace, so it was not followed/);
    await exits(c);
  });

  it('after shutdown every request is refused with InvalidRequest, and exit ends the process with 0', async () => {
    const ws = workspace(() => undefined);
    const { c } = await serves(ws);
    await c.request('shutdown', null);
    const outcome = await c.request('textDocument/hover', { textDocument: { uri: ws.uri(ISP) }, position: { line: 30, character: 8 } }).then(
      () => 'answered',
      (e: { code?: number }) => e.code,
    );
    expect(outcome).toBe(-32600);
    c.notify('exit', null);
    await poll(() => (c.proc.exitCode !== null ? true : undefined), 5000);
    expect(c.proc.exitCode).toBe(0);
  });
});
