/**
 * Semantic tokens and inlay hints over LSP, on the seed specs and on edits of them: the legend the
 * server declares, tokens at exact places (decoded from the wire format), the range request, and
 * hints at the key they explain with the number the rules or the units give, and switched off by
 * `qualspec.inlayHints.enabled`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InlayHint, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { decodeTokens } from '../../server/src/service/semantic-tokens';
import { fixtureWorkspace, ILM, ISP, positionAt, read, TestClient } from './helpers';

const ws = fixtureWorkspace();
let c: TestClient;
let legend: SemanticTokensLegend;
const isp = ws.uri(ISP);
const ilm = ws.uri(ILM);
let ispText: string;
let ilmText: string;

beforeAll(async () => {
  c = await TestClient.start({ folders: [ws.dir] });
  const caps = c.initializeResult.capabilities;
  legend = (caps.semanticTokensProvider as { legend: SemanticTokensLegend }).legend;
  ispText = read(ws.file(ISP));
  ilmText = read(ws.file(ILM));
  c.open(isp, ispText);
  c.open(ilm, ilmText);
  await c.diagnosticsFor(isp);
  await c.diagnosticsFor(ilm);
}, 60_000);

afterAll(async () => {
  await c.stop();
  ws.cleanup();
});

/** The tokens of a document, each with the text it covers. */
async function tokensOf(uri: string, text: string, range?: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  const method = range ? 'textDocument/semanticTokens/range' : 'textDocument/semanticTokens/full';
  const r = await c.request<SemanticTokens>(method, { textDocument: { uri }, ...(range ? { range } : {}) });
  const lines = text.split('\n');
  return decodeTokens(r.data, legend).map((t) => ({ ...t, text: lines[t.line]!.slice(t.character, t.character + t.length) }));
}

/** Where the n-th occurrence of `needle` after `after` starts, as a position. */
function at(text: string, needle: string, after = ''): { line: number; character: number } {
  const from = after ? text.indexOf(after) : 0;
  expect(from).toBeGreaterThanOrEqual(0);
  const i = text.indexOf(needle, from);
  expect(i).toBeGreaterThanOrEqual(0);
  return positionAt(text, i);
}

describe('semantic tokens', () => {
  it('declares a legend of standard token types and modifiers, with full and range requests', () => {
    const p = c.initializeResult.capabilities.semanticTokensProvider!;
    expect(legend.tokenTypes).toEqual(expect.arrayContaining(['class', 'enum', 'variable', 'keyword', 'property']));
    expect(legend.tokenModifiers).toEqual(expect.arrayContaining(['declaration', 'readonly']));
    expect(p.full).toBe(true);
    expect(p.range).toBe(true);
  });

  it('marks where a unit is defined, and each place a qualification or a rule names it, at the ref itself', async () => {
    const toks = await tokensOf(isp, ispText);
    // The definition of L5B1 (its `ref:`), and no other L5B1 token is a declaration.
    const defs = toks.filter((t) => t.text === 'L5B1' && t.modifiers.includes('declaration'));
    expect(defs).toHaveLength(1);
    expect(defs[0]).toMatchObject({ ...at(ispText, 'L5B1', '  - ref: L5B1'), type: 'class', length: 4 });
    // Its uses: each list item that names it (the one-unit Award; the Diploma's rules name groups).
    const lines = ispText.split('\n');
    const items = lines.flatMap((l, line) => (/^\s+- L5B1\s*$/.test(l) ? [{ line, character: l.indexOf('L5B1') }] : []));
    expect(items.length).toBeGreaterThan(0);
    const uses = toks.filter((t) => t.text === 'L5B1' && !t.modifiers.includes('declaration'));
    expect(uses.map((t) => ({ line: t.line, character: t.character, type: t.type }))).toEqual(items.map((p) => ({ ...p, type: 'class' })));
    // Prose that mentions a ref (the change history, a section's text) is not a ref.
    const prose = lines.findIndex((l) => l.includes('L5B1 Analyse Financial Performance'));
    expect(prose).toBeGreaterThan(0);
    expect(toks.filter((t) => t.line === prose)).toEqual([]);
  });

  it('marks groups where they are declared and where a rule or a unit names them', async () => {
    const toks = await tokensOf(ilm, ilmText);
    const g1 = toks.filter((t) => t.text === 'group-1');
    expect(g1.filter((t) => t.modifiers.includes('declaration'))).toEqual([
      expect.objectContaining({ ...at(ilmText, 'group-1', '- id: group-1'), type: 'enum' }),
    ]);
    // pool: groups: [group-1, …] names it inside a flow list: the token covers the id alone.
    const pool = at(ilmText, 'group-1', 'pool:');
    expect(g1).toContainEqual(expect.objectContaining({ ...pool, length: 7, type: 'enum', modifiers: [] }));
  });

  it('marks QANs and UANs as read-only identifiers, without their quotes', async () => {
    const toks = await tokensOf(ilm, ilmText);
    const qan = toks.find((t) => t.text === '600/5929/1');
    expect(qan).toMatchObject({ ...at(ilmText, '600/5929/1'), type: 'variable', modifiers: ['readonly'] });
    const isps = await tokensOf(isp, ispText);
    const uan = isps.find((t) => t.text === 'A/651/5975');
    expect(uan).toMatchObject({ type: 'variable', modifiers: ['readonly'] });
    // Every token covers exactly an identifier: no quote, no space.
    for (const t of [...toks, ...isps]) expect(t.text).toMatch(/^[^\s"']+$/);
  });

  it('tokens are in document order and never overlap', async () => {
    const toks = await tokensOf(isp, ispText);
    expect(toks.length).toBeGreaterThan(100);
    for (let i = 1; i < toks.length; i++) {
      const a = toks[i - 1]!;
      const b = toks[i]!;
      expect(b.line > a.line || (b.line === a.line && b.character >= a.character + a.length)).toBe(true);
    }
  });

  it('the range request gives the tokens of the range only, the same as the full request there', async () => {
    const all = await tokensOf(isp, ispText);
    const start = { line: at(ispText, '\nqualifications:').line + 1, character: 0 };
    const range = { start, end: { line: start.line + 40, character: 0 } };
    const part = await tokensOf(isp, ispText, range);
    expect(part.length).toBeGreaterThan(5);
    expect(part).toEqual(all.filter((t) => t.line >= range.start.line && t.line < range.end.line));
  });

  it('marks the directive and the rule ids of a qualspec-disable comment, and follows an edit', async () => {
    const anchor = ilmText.indexOf('qualifications:');
    const comment = '# qualspec-disable-next credit-tqt, glh-tqt\n';
    const v = c.edit(ilm, anchor, anchor, comment);
    await c.diagnosticsFor(ilm, (_d, p) => p.version === v);
    const now = c.texts.get(ilm)!;
    const toks = (await tokensOf(ilm, now)).filter((t) => t.line === positionAt(now, anchor).line);
    expect(toks.map((t) => [t.text, t.type, t.character])).toEqual([
      ['qualspec-disable-next', 'keyword', 2],
      ['credit-tqt', 'property', 24],
      ['glh-tqt', 'property', 36],
    ]);
    c.edit(ilm, anchor, anchor + comment.length, '');
  });
});

async function hintsOf(uri: string, text: string): Promise<(InlayHint & { lineText: string })[]> {
  const lines = text.split('\n');
  const range = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
  const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
  return hints.map((h) => ({ ...h, lineText: lines[h.position.line]! }));
}

describe('inlay hints', () => {
  it('are offered', () => {
    expect(c.initializeResult.capabilities.inlayHintProvider).toBeTruthy();
  });

  it('give the range the rules allow where the qualification leaves an end open, at its rules: key', async () => {
    const hints = await hintsOf(isp, ispText);
    // The Diploma states `credit: {min: 37}`; its rules reach a maximum the spec does not write.
    const diploma = hints.filter((h) => h.label.toString().startsWith('rules allow'));
    expect(diploma).toHaveLength(1);
    const rulesKey = at(ispText, 'rules:', 'title: Level 5 Diploma in Professional Sales');
    expect(diploma[0]!.position).toEqual({ line: rulesKey.line, character: rulesKey.character + 'rules:'.length });
    expect(diploma[0]!.label).toMatch(/^rules allow 37–\d+ credits$/);
    // Every other qualification states its sizes in full and they agree: nothing to add.
    expect(hints).toHaveLength(1);
    // Asked for the lines above the Diploma only (what the editor shows), there is none.
    const above = { start: { line: 0, character: 0 }, end: { line: rulesKey.line - 1, character: 0 } };
    expect(await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: isp }, range: above })).toEqual([]);
  });

  it('say what an Award of fixed units totals in the sizes it does not state, at its units: key', async () => {
    const award = ispText.indexOf('title: Level 5 Award in Analysing Financial Performance');
    const sizes = '    glh: 25\n    tqt: 50\n    credit: 5\n';
    const s0 = ispText.indexOf(sizes, award);
    expect(s0 - award).toBeLessThan(150);
    // Without its TQT and credit (its GLH kept): the totals of those two only.
    const v = c.edit(isp, s0, s0 + sizes.length, '    glh: 25\n');
    await c.diagnosticsFor(isp, (_d, p) => p.version === v);
    const now = c.texts.get(isp)!;
    const units = at(now, 'units:', 'title: Level 5 Award in Analysing Financial Performance');
    const hints = (await hintsOf(isp, now)).filter((h) => h.position.line === units.line);
    expect(hints.map((h) => [h.position, h.label])).toEqual([[{ line: units.line, character: units.character + 6 }, 'units total 5 credits · 50 TQT']]);
    c.edit(isp, s0, s0 + '    glh: 25\n'.length, sizes);
  });

  it('give what the rules allow once the qualification no longer states it', async () => {
    const start = ilmText.indexOf('    credit:\n      min: 13\n      max: 17\n');
    expect(start).toBeGreaterThan(0);
    // The ILM Certificate without its stated credit: the hint gives what its rules allow.
    const v = c.edit(ilm, start, start + '    credit:\n      min: 13\n      max: 17\n'.length, '');
    await c.diagnosticsFor(ilm, (_d, p) => p.version === v);
    const now = c.texts.get(ilm)!;
    const hints = await hintsOf(ilm, now);
    const rules = at(now, 'rules:', 'title: ILM Level 2 Certificate in Sales Management');
    expect(hints.map((h) => [h.position, h.label])).toEqual([[{ line: rules.line, character: rules.character + 6 }, 'rules allow 13–17 credits']]);
    c.edit(ilm, start, start, '    credit:\n      min: 13\n      max: 17\n');
  });

  it('give the credit a unit’s TQT implies when the unit states none, at the end of its tqt: line', async () => {
    const unit = ispText.indexOf('  - ref: L5B1\n');
    const cs = ispText.indexOf('    credit: 5\n', unit);
    expect(cs - unit).toBeLessThan(200);
    const v = c.edit(isp, cs, cs + '    credit: 5\n'.length, '');
    await c.diagnosticsFor(isp, (_d, p) => p.version === v);
    const now = c.texts.get(isp)!;
    const hints = (await hintsOf(isp, now)).filter((h) => h.label.toString().includes('TQT'));
    const tqt = at(now, 'tqt: 50', '  - ref: L5B1\n');
    expect(hints.map((h) => [h.position, h.label])).toEqual([[{ line: tqt.line, character: tqt.character + 'tqt: 50'.length }, '5 credits (TQT ÷ 10)']]);
    c.edit(isp, cs, cs, '    credit: 5\n');
  });
});

describe('inlay hints switched off', () => {
  it('qualspec.inlayHints.enabled: false gives none', async () => {
    const ws2 = fixtureWorkspace();
    const c2 = await TestClient.start({ folders: [ws2.dir], settings: { inlayHints: { enabled: false } } });
    try {
      const u = ws2.uri(ISP);
      const text = read(ws2.file(ISP));
      c2.open(u, text);
      await c2.diagnosticsFor(u);
      const hints = await c2.request<InlayHint[]>('textDocument/inlayHint', {
        textDocument: { uri: u },
        range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } },
      });
      expect(hints).toEqual([]);
      // The same spec with hints on gives the Diploma's (the test above): the setting is what differs.
      expect((await hintsOf(isp, ispText)).length).toBeGreaterThan(0);
    } finally {
      await c2.stop();
      ws2.cleanup();
    }
  }, 60_000);
});
