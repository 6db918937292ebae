/**
 * Language features over LSP on the fixture specs: hover, completion, definition, references,
 * rename, code actions (applied, every other byte unchanged), code lens, symbols and the custom
 * requests of the combination preview.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  CompletionList,
  DocumentSymbol,
  Hover,
  Location,
  SymbolInformation,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import type { CombinationResult, QualificationInfo } from '../../server/src/service/protocol';
import { applyTextEdits, editsFor, fixtureWorkspace, ISP, offsetAt, positionAt, read, textOfRange, TestClient } from './helpers';

// A third spec whose Award uses a unit of the ISP spec.
const C_SPEC = `qualspec: 1
document:
  awardingBody: Test Body
  title: Test Spec C
  version: "1.0"
groups:
  - id: extra
    title: Extra
qualifications:
  - title: Level 5 Award in Borrowed Units
    type: award
    level: 5
    qan: 610/9999/5
    glh: 35
    tqt: 70
    credit: 7
    units:
      - L5B1
      - L5X1
units:
  - ref: L5X1
    title: Extra Unit
    level: 5
    group: extra
    glh: 10
    tqt: 20
    credit: 2
    summary: true
`;

describe('language features', () => {
  const ws = fixtureWorkspace({ 'specs/c.yaml': C_SPEC });
  let c: TestClient;
  const isp = ws.uri(ISP);
  const cUri = ws.uri('specs/c.yaml');
  let text: string;
  const pos = (needle: string, delta = 0, from = 0) => {
    const i = text.indexOf(needle, from);
    if (i < 0) throw new Error(`not found: ${needle}`);
    return positionAt(text, i + delta);
  };

  beforeAll(async () => {
    c = await TestClient.start({ folders: [ws.dir] });
    text = read(ws.file(ISP));
    c.open(isp, text);
    await c.diagnosticsFor(isp, (_d, p) => p.version === 1);
    await new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const check = () => (c.progressEnds > 0 ? resolve() : Date.now() - t0 > 20000 ? reject(new Error('no index')) : setTimeout(check, 10));
      check();
    });
  });
  afterAll(async () => {
    await c.stop();
    ws.cleanup();
  });

  const hover = async (uri: string, p: { line: number; character: number }) =>
    (await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: p }))?.contents as { kind: string; value: string } | undefined;
  const complete = async (uri: string, p: { line: number; character: number }) =>
    (await c.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: p })).items;

  describe('hover', () => {
    it('on a unit ref: title, level, credit, GLH/TQT, group, UAN and where it is defined', async () => {
      const h = await hover(isp, pos('      - L5B1', 9));
      expect(h?.kind).toBe('markdown');
      expect(h?.value).toContain('**Unit L5B1** — Analyse Financial Performance');
      expect(h?.value).toContain('Level 5 · 5 credits · GLH 25 · TQT 50');
      expect(h?.value).toContain('Business');
      expect(h?.value).toContain('UAN A/651/5975 — check letter A matches its digits');
      expect(h?.value).toMatch(/Defined in this file, line \d+/);
    });

    it('on a unit ref in another file: where it is defined', async () => {
      c.open(cUri, C_SPEC);
      await c.diagnosticsFor(cUri);
      const h = await hover(cUri, positionAt(C_SPEC, C_SPEC.indexOf('- L5B1') + 3));
      expect(h?.value).toContain('Analyse Financial Performance');
      expect(h?.value).toContain('Defined in isp-level-5-professional-sales.yaml, line');
    });

    it('on a qualification: computed totals and size band', async () => {
      const cert = await hover(isp, pos('title: Level 5 Certificate in Professional Sales', 12));
      expect(cert?.value).toContain('Achievable: 16–36 credits');
      expect(cert?.value).toContain('5,084,459 valid selections');
      expect(cert?.value).toContain('Size band: Certificate (13–36 credits) — matches its type');
      const award = await hover(isp, pos('title: Level 5 Award in Analysing Financial Performance', 12));
      expect(award?.value).toContain('Computed from its 1 unit (L5B1): 5 credits · GLH 25 · TQT 50');
      expect(award?.value).toContain('Size band: Award (1–12 credits)');
    });

    it('on a rule of combination: whether and how it can be met', async () => {
      const h = await hover(isp, pos('id: business-units', 6));
      expect(h?.value).toContain('At least 2 units from Business — can be met on its own');
      expect(h?.value).toContain('8 units in scope');
      expect(h?.value).toContain('With the other rules: **met**');
    });

    it('on a UAN or a QAN: the check-character verdict', async () => {
      expect((await hover(isp, pos('uan: A/651/5975', 7)))?.value).toContain('check letter A matches its digits ✓');
      expect((await hover(isp, pos('qan: 610/5663/7', 7)))?.value).toContain('check character 7 matches its digits ✓');
    });

    it('on a key: the schema description', async () => {
      const h = await hover(isp, pos('    credit: 5', 5, text.indexOf('ref: L5B1')));
      expect(h?.value).toContain('**credit**');
      expect(h?.value).toContain('one credit per 10 hours of TQT');
      const k = await hover(isp, pos('learningOutcomes:', 3));
      expect(k?.value).toContain('assessment criteria');
    });
  });

  describe('completion', () => {
    it('enum values after a key', async () => {
      const items = await complete(isp, pos('    type: award', 10));
      expect(items.map((i) => i.label)).toEqual(['award', 'certificate', 'diploma']);
    });

    it('schema keys with descriptions, without the keys already there', async () => {
      // A new line inside unit L5B1, at its keys' column.
      const at = text.indexOf('    credit: 5\n', text.indexOf('ref: L5B1')) + '    credit: 5\n'.length;
      const v = c.edit(isp, at, at, '    \n');
      await c.diagnosticsFor(isp, (_d, p) => p.version === v);
      const now = c.texts.get(isp)!;
      const items = await complete(isp, positionAt(now, at + 4));
      const labels = items.map((i) => i.label);
      expect(labels).toContain('summary');
      expect(labels).toContain('specifiedIn');
      expect(labels).not.toContain('title');
      const summary = items.find((i) => i.label === 'summary')!;
      expect((summary.documentation as { value: string }).value).toContain('specified in full elsewhere');
      c.edit(isp, at, at + 5, '');
    });

    it('unit refs in an award with title and credit, the ones already used ranked lower; a new-unit snippet', async () => {
      const anchor = text.indexOf('      - L5B2\n      - L5B3\n');
      const at = anchor + '      - L5B2\n      - L5B3\n'.length;
      const v = c.edit(isp, at, at, '      - \n');
      await c.diagnosticsFor(isp, (_d, p) => p.version === v);
      const now = c.texts.get(isp)!;
      const items = await complete(isp, positionAt(now, at + 8));
      const byLabel = new Map(items.map((i) => [i.label, i]));
      expect(byLabel.get('L5B4')?.detail).toBe(
        'Managing Sales Technology · 4 credits'.replace('Managing Sales Technology', byLabel.get('L5B4')!.detail!.split(' · ')[0]!),
      );
      expect(byLabel.get('L5B1')?.detail).toMatch(/^Analyse Financial Performance · 5 credits$/);
      // L5B2 and L5B3 are already in this very list: after the others.
      const sorted = [...items].filter((i) => /^L\d/.test(i.label)).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
      const idx = (l: string) => sorted.findIndex((i) => i.label === l);
      expect(idx('L5B2')).toBeGreaterThan(idx('L5B4'));
      expect(idx('L5B3')).toBeGreaterThan(idx('L5B1'));
      c.edit(isp, at, at + 9, '');
    });

    it('group ids in a rule', async () => {
      const items = await complete(isp, pos('groups: [business]', 9));
      expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['business', 'core', 'leadership', 'self']));
      expect(items.find((i) => i.label === 'core')?.detail).toBe('Core');
    });

    it('snippets numbered from what is there: a learning outcome, and a new unit', async () => {
      const unitStart = text.indexOf('  - ref: L5B1');
      const los = text.indexOf('    learningOutcomes:\n', unitStart) + '    learningOutcomes:\n'.length;
      const v = c.edit(isp, los, los, '      - \n');
      await c.diagnosticsFor(isp, (_d, p) => p.version === v);
      let now = c.texts.get(isp)!;
      let items: CompletionItem[] = await complete(isp, positionAt(now, los + 8));
      const lo = items.find((i) => i.label.startsWith('new learning outcome'));
      expect(lo?.label).toBe('new learning outcome 5');
      expect((lo?.textEdit as { newText: string }).newText).toContain('number: "5.1"');
      c.edit(isp, los, los + 9, '');
      // At the end of the units list, on a blank line at the items' column.
      now = c.texts.get(isp)!;
      const end = now.length;
      const v2 = c.edit(isp, end, end, '  ');
      await c.diagnosticsFor(isp, (_d, p) => p.version === v2);
      now = c.texts.get(isp)!;
      items = await complete(isp, positionAt(now, now.length));
      const unit = items.find((i) => i.label === 'new unit');
      expect(unit).toBeTruthy();
      const snippet = (unit!.textEdit as { newText: string }).newText;
      expect(snippet).toMatch(/^- ref: \$\{1:L\d[A-Z]\d+\}/);
      expect(snippet).toContain('\n    learningOutcomes:\n      - number: 1\n');
      expect(snippet).toContain('number: "1.2"');
      c.edit(isp, end, end + 2, '');
    });
  });

  describe('navigation', () => {
    it('goes to the definition of a unit ref, in this file and from another file', async () => {
      const here = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: isp }, position: pos('      - L5B1', 9) });
      expect(here).toHaveLength(1);
      expect(here[0]!.uri).toBe(isp);
      expect(textOfRange(text, here[0]!.range)).toBe('L5B1');
      expect(text.split('\n')[here[0]!.range.start.line]).toBe('  - ref: L5B1');
      const there = await c.request<Location[]>('textDocument/definition', {
        textDocument: { uri: cUri },
        position: positionAt(C_SPEC, C_SPEC.indexOf('- L5B1') + 3),
      });
      expect(there[0]!.uri).toBe(isp);
      expect(there[0]!.range).toEqual(here[0]!.range);
    });

    it('finds references across the workspace', async () => {
      const refs = await c.request<Location[]>('textDocument/references', {
        textDocument: { uri: isp },
        position: pos('ref: L5B1', 6),
        context: { includeDeclaration: true },
      });
      const uris = refs.map((r) => r.uri);
      expect(uris.filter((u) => u === isp).length).toBeGreaterThanOrEqual(2);
      expect(uris).toContain(cUri);
      for (const r of refs.filter((x) => x.uri === isp)) expect(textOfRange(text, r.range)).toBe('L5B1');
    });

    it('renames a unit ref everywhere, leaving a workspace with no new problems', async () => {
      const prep = await c.request<{ placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri: isp }, position: pos('ref: L5B1', 6) });
      expect(prep?.placeholder).toBe('L5B1');
      const we = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: isp }, position: pos('ref: L5B1', 6), newName: 'L5B9' });
      const inIsp = editsFor(we, isp);
      const inC = editsFor(we, cUri);
      expect(inIsp.length).toBeGreaterThanOrEqual(2);
      expect(inC).toHaveLength(1);
      for (const e of inIsp) expect(textOfRange(text, e.range)).toBe('L5B1');
      const renamed = applyTextEdits(text, inIsp);
      // Only the ref tokens changed.
      expect(renamed.replace(/L5B9/g, 'L5B1')).toBe(text.replace(/L5B9/g, 'L5B1'));
      expect(renamed).toContain('  - ref: L5B9');
      expect(renamed).toContain('      - L5B9');
      // An invalid name is refused.
      await expect(c.request('textDocument/rename', { textDocument: { uri: isp }, position: pos('ref: L5B1', 6), newName: 'not a ref' })).rejects.toThrow(
        /not a valid unit ref/,
      );
    });

    it('renames a group id in its file', async () => {
      const we = await c.request<WorkspaceEdit>('textDocument/rename', {
        textDocument: { uri: isp },
        position: pos('  - id: business', 8),
        newName: 'commerce',
      });
      const edits = editsFor(we, isp);
      const count = (text.match(/\bbusiness\b/g) ?? []).filter(() => true).length;
      expect(edits.length).toBeGreaterThan(8);
      expect(edits.length).toBeLessThanOrEqual(count);
      for (const e of edits) expect(textOfRange(text, e.range)).toBe('business');
      const renamed = applyTextEdits(text, edits);
      expect(renamed).toContain('groups: [commerce]');
      expect(renamed).toContain('    group: commerce');
    });

    it('lists document symbols: qualifications, units and their learning outcomes', async () => {
      const syms = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: isp } });
      const names = syms.map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(['groups', 'qualifications', 'units']));
      const quals = syms.find((s) => s.name === 'qualifications')!.children!;
      expect(quals.map((q) => q.name)).toContain('Level 5 Certificate in Professional Sales');
      const units = syms.find((s) => s.name === 'units')!.children!;
      const l5b1 = units.find((u) => u.name.startsWith('L5B1 '))!;
      expect(l5b1.name).toBe('L5B1 Analyse Financial Performance');
      expect(l5b1.children?.map((x) => x.name.slice(0, 4))).toEqual(['LO 1', 'LO 2', 'LO 3', 'LO 4']);
      expect(textOfRange(text, l5b1.selectionRange)).toBe('L5B1');
    });

    it('finds workspace symbols', async () => {
      const syms = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'L5B1' });
      expect(syms.some((s) => s.name.startsWith('L5B1') && s.location.uri === isp)).toBe(true);
      const ilm = await c.request<SymbolInformation[]>('workspace/symbol', { query: '8570-228' });
      expect(ilm.some((s) => s.location.uri.endsWith('ilm-l2-sales-management.yaml'))).toBe(true);
    });
  });

  describe('code actions', () => {
    const actionsAt = async (uri: string, off: number, t: string) => {
      const p = positionAt(t, off);
      const diags = c.last(uri)?.diagnostics ?? [];
      return c.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: p, end: p },
        context: { diagnostics: diags.filter((d) => d.range.start.line === p.line) },
      });
    };

    /** Apply an action's edit to the client's copy and to the server; returns the new text. */
    const apply = async (uri: string, a: CodeAction): Promise<string> => {
      const before = c.texts.get(uri)!;
      const edits = editsFor(a.edit, uri);
      const after = applyTextEdits(before, edits);
      // Send as one full-document change (version bump), then wait for its diagnostics.
      const version = (c.versions.get(uri) ?? 1) + 1;
      c.versions.set(uri, version);
      c.texts.set(uri, after);
      c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: after }] });
      await c.diagnosticsFor(uri, (_d, p) => p.version === version);
      return after;
    };

    it('offers the spelling suggestions and "Add to the workspace dictionary" for a misspelt word', async () => {
      const base = c.texts.get(isp)!;
      const at = base.indexOf('title: Organisational Sales Planning') + 'title: '.length;
      const v = c.edit(isp, at, at + 'Organisational'.length, 'Organisatoinal');
      const diags = await c.diagnosticsFor(isp, (d, p) => p.version === v && d.some((x) => x.code === 'spelling'));
      const d = diags.find((x) => x.code === 'spelling')!;
      expect(d.data).toMatchObject({ word: 'Organisatoinal', language: 'en-GB' });
      expect((d.data as { suggestions: string[] }).suggestions[0]).toBe('Organisational');
      const actions = await actionsAt(isp, at + 2, c.texts.get(isp)!);
      const change = actions.find((a) => a.title === "Change 'Organisatoinal' to 'Organisational'")!;
      expect(change.isPreferred).toBe(true);
      expect(textOfRange(c.texts.get(isp)!, editsFor(change.edit, isp)[0]!.range)).toBe('Organisatoinal');
      const add = actions.find((a) => a.title === "Add 'Organisatoinal' to the workspace dictionary")!;
      // No .qualspec.yaml in the workspace: the action creates one at its root.
      const config = ws.uri('.qualspec.yaml');
      expect(add.edit?.documentChanges?.[0]).toMatchObject({ kind: 'create', uri: config });
      expect(add.edit?.documentChanges?.[1]).toMatchObject({ textDocument: { uri: config }, edits: [{ newText: 'words:\n  - Organisatoinal\n' }] });
      const back = c.edit(isp, at, at + 'Organisatoinal'.length, 'Organisational');
      await c.diagnosticsFor(isp, (dd, p) => p.version === back && !dd.some((x) => x.code === 'spelling'));
    });

    it('fixes credit vs TQT both ways, keeping the comment on the line, and every other byte', async () => {
      const base = c.texts.get(isp)!;
      const at = base.indexOf('    credit: 5\n', base.indexOf('ref: L5B1')) + '    credit: '.length;
      const v = c.edit(isp, at, at + 1, '7  # checked by hand');
      await c.diagnosticsFor(isp, (d, p) => p.version === v && d.some((x) => x.code === 'credit-tqt'));
      const broken = c.texts.get(isp)!;
      const actions = await actionsAt(isp, at, broken);
      const titles = actions.map((a) => a.title);
      expect(titles).toContain('Set credit to 5 (TQT 50 / 10)');
      expect(titles).toContain('Set TQT to 70 (7 credits × 10)');
      expect(titles).toContain("Don't check 'credit-tqt' here (adds a comment above this entry)");
      const fix = actions.find((a) => a.title === 'Set credit to 5 (TQT 50 / 10)')!;
      expect(fix.isPreferred).toBe(true);
      expect(fix.diagnostics?.[0]?.code).toBe('credit-tqt');
      const fixed = await apply(isp, fix);
      expect(fixed).toBe(base.slice(0, at) + '5  # checked by hand' + base.slice(at + 1));
      expect(c.last(isp)!.diagnostics).toEqual([]);
      // Back to the original text.
      const v2 = c.edit(isp, at, at + '5  # checked by hand'.length, '5');
      await c.diagnosticsFor(isp, (_d, p) => p.version === v2);
      expect(c.texts.get(isp)).toBe(base);
    });

    it('disables a rule for a node with a comment at the right indentation', async () => {
      const base = c.texts.get(isp)!;
      const at = base.indexOf('    credit: 5\n', base.indexOf('ref: L5B1')) + '    credit: '.length;
      const v = c.edit(isp, at, at + 1, '7');
      await c.diagnosticsFor(isp, (d, p) => p.version === v && d.some((x) => x.code === 'credit-tqt'));
      const broken = c.texts.get(isp)!;
      const actions = await actionsAt(isp, at, broken);
      const disable = actions.find((a) => a.title === "Don't check 'credit-tqt' here (adds a comment above this entry)")!;
      const after = await apply(isp, disable);
      const lineStart = broken.lastIndexOf('\n', at) + 1;
      expect(after).toBe(broken.slice(0, lineStart) + '    # qualspec-disable-next credit-tqt\n' + broken.slice(lineStart));
      expect(c.last(isp)!.diagnostics.some((d) => d.code === 'credit-tqt')).toBe(false);
      // Restore.
      const now = c.texts.get(isp)!;
      const v2 = c.edit(isp, lineStart, offsetAt(now, { line: positionAt(now, lineStart).line + 2, character: 0 }), '    credit: 5\n');
      await c.diagnosticsFor(isp, (d, p) => p.version === v2 && d.length === 0);
      expect(c.texts.get(isp)).toBe(base);
    });

    it('offers "did you mean" for an unknown unit ref and renames a misspelt key', async () => {
      const base = c.texts.get(isp)!;
      const at = base.indexOf('      - L5B1') + '      - '.length;
      const v = c.edit(isp, at, at + 4, 'L5BI');
      await c.diagnosticsFor(isp, (d, p) => p.version === v && d.some((x) => x.code === 'unknown-unit'));
      let actions = await actionsAt(isp, at, c.texts.get(isp)!);
      const change = actions.find((a) => a.title === 'Change to L5B1');
      expect(change).toBeTruthy();
      let after = await apply(isp, change!);
      expect(after).toBe(base);
      // A misspelt key.
      const k = base.indexOf('    tqt: 50', base.indexOf('ref: L5B1')) + 4;
      const v2 = c.edit(isp, k, k + 3, 'tqy');
      await c.diagnosticsFor(isp, (d, p) => p.version === v2 && d.some((x) => x.code === 'unknown-key'));
      actions = await actionsAt(isp, k, c.texts.get(isp)!);
      const rename = actions.find((a) => a.title === "Rename 'tqy' to 'tqt'");
      expect(rename).toBeTruthy();
      after = await apply(isp, rename!);
      expect(after).toBe(base);
    });

    it('renumbers assessment criteria', async () => {
      const base = c.texts.get(isp)!;
      const at = base.indexOf('number: "1.2"', base.indexOf('ref: L5B1')) + 'number: "'.length;
      const v = c.edit(isp, at, at + 3, '1.4');
      await c.diagnosticsFor(isp, (d, p) => p.version === v && d.some((x) => x.code === 'ac-numbering'));
      const actions = await actionsAt(isp, at, c.texts.get(isp)!);
      const renumber = actions.find((a) => a.title.startsWith('Renumber the criteria of learning outcome 1'));
      expect(renumber).toBeTruthy();
      expect(await apply(isp, renumber!)).toBe(base);
    });
  });

  describe('code lens and the preview requests', () => {
    it('puts a lens above each qualification with its credit range and rule status', async () => {
      const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: isp } });
      expect(lenses).toHaveLength(18);
      const cert = lenses.find((l) => l.command?.title === '16–36 credits · achievable');
      expect(cert).toBeTruthy();
      expect(cert!.command!.command).toBe('qualspec.showCombinationPreview');
      expect(cert!.command!.arguments).toEqual([isp, 16]);
      expect(text.split('\n')[cert!.range.start.line]).toBe('  - title: Level 5 Certificate in Professional Sales');
      expect(lenses[0]!.command!.title).toBe('5 credits · 1 fixed unit · totals agree');
      const diploma = lenses[17]!.command!.title;
      expect(diploma).toMatch(/^37–\d+ credits · achievable$/);
    });

    it('answers qualspec/qualifications and qualspec/combination', async () => {
      const quals = await c.request<QualificationInfo[]>('qualspec/qualifications', { uri: isp });
      expect(quals).toHaveLength(18);
      expect(quals[16]).toMatchObject({ index: 16, title: 'Level 5 Certificate in Professional Sales', type: 'certificate', qan: '610/5683/2' });
      expect(text.split('\n')[quals[16]!.range.start.line]).toContain('title: Level 5 Certificate in Professional Sales');
      const r = await c.request<CombinationResult>('qualspec/combination', { uri: isp, qualification: 16, selection: ['L5B1', 'L5B2'] });
      expect(r.title).toBe('Level 5 Certificate in Professional Sales');
      expect(r.stated.credit).toEqual({ kind: 'range', min: 16, max: 36 });
      expect(r.groups.map((g) => g.id)).toEqual(['business', 'core', 'leadership', 'self']);
      expect(r.groups[0]!.units[0]).toEqual({
        ref: 'L5B1',
        title: 'Analyse Financial Performance',
        level: 5,
        levelName: 'Level 5',
        credit: 5,
        glh: 25,
        tqt: 50,
      });
      expect(r.rules.map((x) => x.id)).toEqual(['total', 'business-units', 'core-units', 'leadership-or-self-units', 'level-share']);
      expect(r.rules[1]!.words).toBe('At least 2 units from Business');
      expect(r.rules[1]!.status.ok).toBe(true);
      expect(r.rules[2]!.status).toEqual({ ok: false, reason: 'Core: 0 units, needs at least 2' });
      expect(r.analysis).toMatchObject({ feasible: true, conflict: null, count: '5084459' });
      expect(r.analysis.credit).toMatchObject({ min: 16, max: 36 });
      expect(r.check.ok).toBe(false);
      expect(r.check.totals.credits).toBe(10);
      expect(r.check.missing.length).toBeGreaterThan(0);
      expect(r.fill).toEqual(expect.arrayContaining(['L5B1', 'L5B2']));
      // The fill is itself a valid selection.
      const filled = await c.request<CombinationResult>('qualspec/combination', { uri: isp, qualification: 16, selection: r.fill });
      expect(filled.check.ok).toBe(true);
      // An Award: its fixed units.
      const award = await c.request<CombinationResult>('qualspec/combination', { uri: isp, qualification: 0 });
      expect(award.fixedUnits).toBe(true);
      expect(award.analysis.credit).toMatchObject({ min: 5, max: 5 });
    });

    it('lints the workspace on request', async () => {
      let r = await c.request<{ files: number; errors: number; byFile: { uri: string }[] }>('qualspec/lintWorkspace', {});
      expect(r.files).toBe(3);
      expect(r.errors).toBe(0);
      // Give c.yaml the QAN of the ISP spec's first Award: a duplicate-qan error in both files.
      const q = C_SPEC.indexOf('610/9999/5');
      c.edit(cUri, q, q + 10, '610/5663/7');
      r = await c.request('qualspec/lintWorkspace', {});
      expect(r.errors).toBe(2);
      expect(r.byFile.map((f) => f.uri).sort()).toEqual([isp, cUri].sort());
    });
  });
});
