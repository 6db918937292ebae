/**
 * The outline (document symbols) follows the text: after an edit that adds a unit and breaks the
 * YAML, and after the text returns to the saved state (File: Revert sends the saved text back as
 * one change), the symbols are those of a freshly opened file — no deleted unit, nothing stale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { fixtureWorkspace, ISP, read, TestClient } from './helpers';

const names = (s: DocumentSymbol[]): string[] => s.flatMap((x) => [x.name, ...names(x.children ?? []).map((n) => `${x.name} > ${n}`)]);

describe('the outline after File: Revert', () => {
  const ws = fixtureWorkspace();
  let c: TestClient;
  const uri = ws.uri(ISP);
  let saved: string;
  beforeAll(async () => {
    c = await TestClient.start({ folders: [ws.dir], pull: true });
    saved = read(ws.file(ISP));
    c.open(uri, saved);
  });
  afterAll(async () => {
    await c.stop();
    ws.cleanup();
  });

  const symbols = () => c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  const pulled = () => c.request<{ kind: string; items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri } });

  it('drops a unit typed and then reverted, and the problems of the damaged text', async () => {
    const before = await symbols();
    expect(names(before)).toContain('units > L5B1 Analyse Financial Performance');
    const at = saved.indexOf('  - ref: L5B2');
    // A new unit typed in, one line indented a space too little.
    c.edit(uri, at, at, '  - ref: L5Z9\n    title: Brand New Unit\n   level: 5\n');
    const damaged = await symbols();
    expect((await pulled()).items.length).toBeGreaterThan(0);
    // Then the saved text, whole, as VS Code sends it on File: Revert.
    c.edit(uri, 0, c.texts.get(uri)!.length, saved);
    const after = await symbols();
    expect(names(after)).toEqual(names(before));
    expect(after).toEqual(before);
    expect(names(after).some((n) => n.includes('L5Z9'))).toBe(false);
    expect((await pulled()).items).toEqual([]);
    // The damaged text did differ (the test would pass trivially otherwise).
    expect(damaged).not.toEqual(before);
  });

  it('drops a unit deleted and then restored by undo, one edit at a time', async () => {
    const before = await symbols();
    const start = saved.indexOf('  - ref: L5S2');
    const end = saved.indexOf('  - ref: L5S3');
    c.edit(uri, start, end, '');
    const deleted = await symbols();
    expect(names(deleted).some((n) => n.startsWith('units > L5S2'))).toBe(false);
    c.edit(uri, start, start, saved.slice(start, end));
    expect(await symbols()).toEqual(before);
  });
});
