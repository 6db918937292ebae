/** qualspec/diff over LSP: the built server (dist/server.js) compares an open spec with an older text. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffResult } from '../../server/src/service/protocol';
import { fixtureWorkspace, ISP, read, TestClient } from '../lsp/helpers';

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

  it('returns the semantic report with lines of the open document, and the insertion', async () => {
    const old = readFileSync('test/fixtures/as-published/isp-level-5-professional-sales.yaml', 'utf8');
    const r = await c.request<DiffResult>('qualspec/diff', { uri: isp, oldText: old, oldLabel: 'v1.1', today: '2026-12-07' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const tqt = r.report.changes.find((x) => x.key === 'unit L5L4 tqt')!;
    expect(text.split('\n')[tqt.new!.line - 1]).toBe('    tqt: 60');
    // .qualspec.yaml sets the severity of regulator-sensitive changes.
    expect(r.report.problems.filter((p) => p.code === 'regulator-sensitive').map((p) => p.severity)).toEqual(['error', 'error', 'error']);
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
