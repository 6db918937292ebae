/**
 * The editor as an author finds it (issue 21), over LSP: a damaged file shows one finding, where
 * the mistake is, and the others return when it is repaired; rule hovers stay short; unit refs in
 * completion carry their titles beside them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import { fixtureWorkspace, ILM, ISP, positionAt, read, TestClient } from './helpers';

describe('authoring over LSP', () => {
  const ws = fixtureWorkspace();
  let c: TestClient;
  const isp = ws.uri(ISP);
  const ilm = ws.uri(ILM);
  let ispText: string;

  beforeAll(async () => {
    c = await TestClient.start({ folders: [ws.dir] });
    ispText = read(ws.file(ISP));
    c.open(isp, ispText);
    await c.diagnosticsFor(isp, (_d, p) => p.version === 1);
  });
  afterAll(async () => {
    await c.stop();
    ws.cleanup();
  });

  it('one space of indentation removed: one diagnostic on that line, and it goes when the space is back', async () => {
    const text = read(ws.file(ILM));
    c.open(ilm, text);
    expect(await c.diagnosticsFor(ilm, (_d, p) => p.version === 1)).toEqual([]);
    const at = text.indexOf('    level: 2', text.indexOf('- ref: 8570-228'));
    const v = c.edit(ilm, at, at + 1, '');
    const d = await c.diagnosticsFor(ilm, (_d, p) => p.version === v);
    expect(d.map((x) => [x.code, x.range.start.line])).toEqual([['yaml-syntax', positionAt(text, at).line]]);
    expect(d[0]!.message).toMatch(/^This line is indented one space less than the keys around it/);
    const v2 = c.edit(ilm, at, at, ' ');
    expect(await c.diagnosticsFor(ilm, (_d, p) => p.version === v2)).toEqual([]);
  });

  const hover = async (p: { line: number; character: number }) =>
    (await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: isp }, position: p }))?.contents as { value: string } | undefined;

  it('a rule hover over many units stays short: no inline list of every unit, no seven-digit count', async () => {
    const h = (await hover(positionAt(ispText, ispText.indexOf('id: total') + 5)))!.value;
    expect(h).toContain('With the other rules: **met** in over');
    expect(h).toMatch(/million ways/);
    expect(h).not.toMatch(/\d,\d{3},\d{3}/);
    // The total rule's scope is every unit of the qualification: counted, not listed.
    expect(h).toMatch(/\d+ units in scope, \d+ credits in all\./);
    expect(h.length).toBeLessThan(700);
  });

  it('unit refs in completion carry their titles beside them (labelDetails), not only on the focused item', async () => {
    const anchor = ispText.indexOf('      - L5B2\n      - L5B3\n');
    const at = anchor + '      - L5B2\n      - L5B3\n'.length;
    const v = c.edit(isp, at, at, '      - \n');
    await c.diagnosticsFor(isp, (_d, p) => p.version === v);
    const now = c.texts.get(isp)!;
    const items: CompletionItem[] = (
      await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: isp }, position: positionAt(now, at + 8) })
    ).items;
    const l5b1 = items.find((i) => i.label === 'L5B1');
    expect(l5b1?.labelDetails?.description).toBe('Analyse Financial Performance · 5 cr');
    c.edit(isp, at, at + 9, '');
  });
});
