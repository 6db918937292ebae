/** qualspec/diff over LSP: the built server (dist/server.js) compares an open spec with an older text. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffResult } from '../../server/src/service/protocol';
import { fixtureWorkspace, ISP, read, TestClient } from '../lsp/helpers';
import { certificate, spec } from '../helpers/spec';

describe('qualspec/diff', () => {
  const ws = fixtureWorkspace({ '.qualspec.yaml': 'diff:\n  regulatorSensitive: error\n' });
  let c: TestClient;
  const isp = ws.uri(ISP);
  let text: string;

  beforeAll(async () => {
    c = await TestClient.start({ folders: [ws.dir] });
    text = read(ws.file(ISP));
    c.open(isp, text);
    await c.diagnosticsFor(isp);
  });
  afterAll(async () => {
    await c.stop();
    ws.cleanup();
  });

  it('returns the semantic report with lines of the open document, and no second entry for a recorded version', async () => {
    const old = readFileSync('test/fixtures/as-published/isp-level-5-professional-sales.yaml', 'utf8');
    const r = await c.request<DiffResult>('qualspec/diff', { uri: isp, oldText: old, oldLabel: 'v1.1', today: '2026-12-07' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const tqt = r.report.changes.find((x) => x.key === 'unit L5L4 tqt')!;
    expect(text.split('\n')[tqt.new!.line - 1]).toBe('    tqt: 60');
    // .qualspec.yaml sets the severity of regulator-sensitive changes.
    expect(r.report.problems.filter((p) => p.code === 'regulator-sensitive').map((p) => p.severity)).toEqual(['error', 'error', 'error']);
    // The open version (1.2) has its own change-history entry: no second one is offered.
    expect(r.report.problems.map((p) => p.code)).not.toContain('no-change-history-entry');
    expect(r.insertEntry).toBeNull();
  });

  it('offers the insertion where the open version has no entry of its own', async () => {
    // The old text differs in one unit's TQT, and has the same version and history: the change is not recorded.
    const old = text.replace('    tqt: 60\n', '    tqt: 50\n');
    expect(old).not.toBe(text);
    const r = await c.request<DiffResult>('qualspec/diff', { uri: isp, oldText: old, oldLabel: 'HEAD', today: '2026-12-07' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.problems.map((p) => p.code)).toContain('no-change-history-entry');
    expect(r.insertEntry).not.toBeNull();
    const lines = text.split('\n');
    // After the last change-history entry (its summary's last line), before `facts:`.
    expect(lines.slice(r.insertEntry!.range.start.line + 1).find((l) => l.trim() !== '')).toMatch(/^facts:/);
  });

  it('answers bad input with a message, and keeps serving', async () => {
    const r = await c.request<DiffResult>('qualspec/diff', { uri: isp, oldText: 'document: [unclosed\n', oldLabel: 'HEAD' });
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.message).toMatch(/^HEAD:\d+:\d+: not valid YAML/);
    const same = await c.request<DiffResult>('qualspec/diff', { uri: isp, oldText: text, oldLabel: 'HEAD' });
    expect(same).toMatchObject({ ok: true, insertEntry: null });
    if (same.ok) expect(same.report.changes).toEqual([]);
  });
});

describe('qualspec/diff in a workspace of several files', () => {
  // The Certificate draws L5B9 (6 credits) from the other file: 4 valid selections (as in
  // test/diff/cli-workspace.test.ts; a ref the ISP spec, also in this workspace, does not use).
  const quals = spec({ qualifications: certificate({ pool: '      units: [L5B1, L5B2, L5B3, L5B9]\n' }) });
  const more = spec({
    qualifications: '  []\n',
    units: [{ ref: 'L5B9', uan: 'F/651/5977', title: 'Manage Sales Technology Systems', glh: 30, tqt: 60, credit: 6 }],
  });
  const ws = fixtureWorkspace({ 'specs/pools/quals.yaml': quals, 'specs/pools/more.yaml': more });
  let c: TestClient;

  beforeAll(async () => {
    c = await TestClient.start({ folders: [ws.dir] });
  });
  afterAll(async () => {
    await c.stop();
    ws.cleanup();
  });

  it('counts the units a pool names from another file of the workspace, in both versions', async () => {
    const uri = ws.uri('specs/pools/quals.yaml');
    c.open(uri, quals);
    await c.diagnosticsFor(uri);
    const old = quals.replace('units: [L5B1, L5B2, L5B3, L5B9]', 'units: [L5B1, L5B2, L5B9]');
    // The server indexes the workspace's files on disk after it starts: ask until it has (L5B9 is found).
    const deadline = Date.now() + 20_000;
    let r: DiffResult;
    for (;;) {
      r = await c.request<DiffResult>('qualspec/diff', { uri, oldText: old, oldLabel: 'HEAD' });
      if (!r.ok || r.report.impact[0]?.note === undefined || Date.now() > deadline) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.impact[0]!.note).toBeUndefined();
    // Before: L5B1, L5B2, L5B9 (5 + 3 + 6 credits): only all three together (14) reach 13.
    expect(r.report.impact[0]).toMatchObject({ before: '1', after: '4', both: '1', introduced: ['L5B3'] });
  });
});
