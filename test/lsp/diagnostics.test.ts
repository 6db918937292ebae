/**
 * Diagnostics over LSP: codes and documentation links, related locations, version ordering under
 * quick edits, cross-file refresh, files changed outside the editor, configuration, pull mode, and
 * surviving bad requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync, rmSync } from 'node:fs';
import { fixtureWorkspace, ILM, ISP, poll, positionAt, read, TestClient } from './helpers';

const B_SPEC = (uan: string) => `qualspec: 1
document:
  awardingBody: Test Body
  title: Test Spec B
  version: "1.0"
groups:
  - id: business
    title: Business
units:
  - ref: L5B9
    uan: ${uan}
    title: A Copied Unit
    level: 5
    group: business
    glh: 25
    tqt: 50
    credit: 5
    summary: true
`;

describe('diagnostics (push)', () => {
  const ws = fixtureWorkspace();
  let c: TestClient;
  const isp = ws.uri(ISP);
  const ilm = ws.uri(ILM);
  let ispText: string;

  beforeAll(async () => {
    c = await TestClient.start({ folders: [ws.dir] });
    ispText = read(ws.file(ISP));
  });
  afterAll(async () => {
    await c.stop();
    ws.cleanup();
  });

  it('publishes diagnostics for a clean spec at once on open (none)', async () => {
    c.open(isp, ispText);
    const d = await c.diagnosticsFor(isp, (_d, p) => p.version === 1);
    expect(d).toEqual([]);
    // The workspace scan runs and ends its progress.
    await poll(() => (c.progressEnds > 0 ? true : undefined));
  });

  it('reports a finding with code, documentation link, source and related locations', async () => {
    // L5B1's credit 5 -> 7: credit-tqt (related: its TQT).
    const at = ispText.indexOf('    credit: 5', ispText.indexOf('ref: L5B1\n')) + '    credit: '.length;
    const v = c.edit(isp, at, at + 1, '7');
    const d = await c.diagnosticsFor(isp, (ds, p) => p.version === v && ds.some((x) => x.code === 'credit-tqt'));
    const f = d.find((x) => x.code === 'credit-tqt')!;
    expect(f.source).toBe('qualspec');
    expect(f.severity).toBe(1);
    expect(f.codeDescription?.href).toMatch(/^file:\/\/.*\/docs\/rules\/credit-tqt\.md$/);
    expect(f.relatedInformation?.length).toBeGreaterThan(0);
    expect(f.relatedInformation![0]!.location.uri).toBe(isp);
    const text = c.texts.get(isp)!;
    const line = text.split('\n')[f.range.start.line]!;
    expect(line).toBe('    credit: 7');
    // Award totals now disagree too, with each unit of the award as related information.
    expect(d.some((x) => x.code === 'award-totals' && (x.relatedInformation?.length ?? 0) >= 1)).toBe(true);
    // Put it back.
    const v2 = c.edit(isp, at, at + 1, '5');
    await c.diagnosticsFor(isp, (ds, p) => p.version === v2 && ds.length === 0);
  });

  it('publishes the last version last after several quick edits', async () => {
    const base = c.texts.get(isp)!;
    const at = base.indexOf('Estimate the potential lifetime value') + 5;
    let v = 0;
    for (let i = 0; i < 12; i++) v = c.edit(isp, at + i, at + i, 'x');
    const d = await c.diagnosticsFor(isp, (_d, p) => p.version === v);
    // "Estimxxxxxxxxxxxxate" is the one finding: a misspelling, at the edited word.
    expect(d.map((x) => [x.code, x.range.start.line])).toEqual([['spelling', positionAt(c.texts.get(isp)!, at).line]]);
    // Every publication for this document came in version order, and nothing older came after v.
    const versions = (c.diagnostics.get(isp) ?? []).map((p) => p.version!);
    for (let i = 1; i < versions.length; i++) expect(versions[i]!).toBeGreaterThanOrEqual(versions[i - 1]!);
    expect(versions[versions.length - 1]).toBe(v);
    // Undo the edits in one change.
    const v2 = c.edit(isp, at, at + 12, '');
    await c.diagnosticsFor(isp, (_d, p) => p.version === v2);
    expect(c.texts.get(isp)).toBe(ispText);
  });

  it('refreshes a cross-file finding in the other open file (duplicate UAN)', async () => {
    c.open(ilm, read(ws.file(ILM)));
    await c.diagnosticsFor(ilm, (_d, p) => p.version === 1);
    const bUri = ws.uri('specs/b.yaml');
    c.open(bUri, B_SPEC('B/651/0000'));
    await c.diagnosticsFor(bUri, (_d, p) => p.version === 1);
    // Give B the UAN of L5B1 (A/651/5975): both files now have a duplicate-uan finding.
    const bText = c.texts.get(bUri)!;
    const at = bText.indexOf('B/651/0000');
    const v = c.edit(bUri, at, at + 'B/651/0000'.length, 'A/651/5975');
    const inB = await c.diagnosticsFor(bUri, (ds, p) => p.version === v && ds.some((x) => x.code === 'duplicate-uan'));
    const dupB = inB.find((x) => x.code === 'duplicate-uan')!;
    expect(dupB.relatedInformation?.some((r) => r.location.uri === isp)).toBe(true);
    const inA = await c.diagnosticsFor(isp, (ds) => ds.some((x) => x.code === 'duplicate-uan'));
    const dupA = inA.find((x) => x.code === 'duplicate-uan')!;
    expect(dupA.relatedInformation?.[0]?.location.uri).toBe(bUri);
    expect(dupA.message).toContain('L5B9');
    // An edit above it in A that changes no value (a comment line): both findings move with the text.
    const va = c.edit(isp, 0, 0, '# a comment line\n');
    const movedA = await c.diagnosticsFor(isp, (ds, p) => p.version === va && ds.some((x) => x.code === 'duplicate-uan'));
    expect(movedA.find((x) => x.code === 'duplicate-uan')!.range.start.line).toBe(dupA.range.start.line + 1);
    const movedB = await c.diagnosticsFor(bUri, (ds) =>
      ds.some(
        (x) => x.code === 'duplicate-uan' && x.relatedInformation![0]!.location.range.start.line === dupB.relatedInformation![0]!.location.range.start.line + 1,
      ),
    );
    expect(movedB.find((x) => x.code === 'duplicate-uan')!.range).toEqual(dupB.range);
    const vb = c.edit(isp, 0, '# a comment line\n'.length, '');
    await c.diagnosticsFor(isp, (_d, p) => p.version === vb);
    // And it goes away in A when B changes back.
    const bNow = c.texts.get(bUri)!;
    const at2 = bNow.indexOf('A/651/5975');
    c.edit(bUri, at2, at2 + 10, 'B/651/0000');
    await c.diagnosticsFor(isp, (ds) => !ds.some((x) => x.code === 'duplicate-uan'));
    c.close(bUri);
    await c.diagnosticsFor(bUri, (ds) => ds.length === 0);
  });

  it('follows a file created and deleted outside the editor', async () => {
    const rel = 'specs/outside.yaml';
    writeFileSync(ws.file(rel), B_SPEC('A/651/5975'));
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri(rel), type: 1 }] });
    await c.diagnosticsFor(isp, (ds) => ds.some((x) => x.code === 'duplicate-uan' && x.relatedInformation?.some((r) => r.location.uri === ws.uri(rel))));
    rmSync(ws.file(rel));
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri(rel), type: 3 }] });
    await c.diagnosticsFor(isp, (ds) => !ds.some((x) => x.code === 'duplicate-uan'));
  });

  it('applies the project configuration and reports a bad one on the config file', async () => {
    // Switch credit-tqt off in .qualspec.yaml; a misspelt rule id is reported on the config file.
    const cfg = ws.file('.qualspec.yaml');
    writeFileSync(cfg, 'rules:\n  credit-tqt: off\n  credit-tq: warning\n');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.qualspec.yaml'), type: 1 }] });
    const cd = await c.diagnosticsFor(ws.uri('.qualspec.yaml'), (ds) => ds.length > 0);
    expect(cd[0]!.message).toContain("did you mean 'credit-tqt'");
    expect(cd[0]!.range.start.line).toBe(2);
    const text = c.texts.get(isp)!;
    const at = text.indexOf('    credit: 5', text.indexOf('ref: L5B1\n')) + '    credit: '.length;
    const v = c.edit(isp, at, at + 1, '7');
    const d = await c.diagnosticsFor(isp, (_ds, p) => p.version === v);
    expect(d.some((x) => x.code === 'credit-tqt')).toBe(false);
    expect(d.some((x) => x.code === 'award-totals')).toBe(true);
    rmSync(cfg);
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('.qualspec.yaml'), type: 3 }] });
    await c.diagnosticsFor(isp, (ds) => ds.some((x) => x.code === 'credit-tqt'));
    await c.diagnosticsFor(ws.uri('.qualspec.yaml'), (ds) => ds.length === 0);
    const v2 = c.edit(isp, at, at + 1, '5');
    await c.diagnosticsFor(isp, (ds, p) => p.version === v2 && ds.length === 0);
  });

  it('survives bad requests and keeps answering', async () => {
    // A URI that was never opened, garbage parameters, an unknown custom request payload.
    expect(await c.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.yaml' }, position: { line: 0, character: 0 } })).toBeNull();
    expect(await c.request('textDocument/hover', { garbage: true })).toBeNull();
    expect(await c.request('textDocument/completion', {})).toEqual({ isIncomplete: false, items: [] });
    expect(await c.request('textDocument/codeAction', { textDocument: { uri: isp }, range: 'not a range', context: {} })).toEqual([]);
    expect(await c.request('qualspec/combination', { uri: isp, qualification: 'x' })).toBeNull();
    expect(await c.request('qualspec/combination', { uri: isp, qualification: 99 })).toBeNull();
    // The next request is answered normally.
    const text = c.texts.get(isp)!;
    const off = text.indexOf('- L5B1') + 3;
    const line = text.slice(0, off).split('\n').length - 1;
    const hover = await c.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: isp },
      position: { line, character: 8 },
    });
    expect(hover?.contents.value).toContain('Unit L5B1');
  });
});

describe('diagnostics (pull)', () => {
  const ws = fixtureWorkspace();
  let c: TestClient;
  beforeAll(async () => {
    c = await TestClient.start({ folders: [ws.dir], pull: true });
  });
  afterAll(async () => {
    await c.stop();
    ws.cleanup();
  });

  it('answers textDocument/diagnostic with result ids, and asks for a refresh after a cross-file change', async () => {
    expect(c.initializeResult.capabilities.diagnosticProvider).toBeTruthy();
    const isp = ws.uri(ISP);
    const text = read(ws.file(ISP));
    c.open(isp, text);
    const r1 = await c.request<{ kind: string; resultId: string; items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri: isp } });
    expect(r1.kind).toBe('full');
    expect(r1.items).toEqual([]);
    const r2 = await c.request<{ kind: string }>('textDocument/diagnostic', { textDocument: { uri: isp }, previousResultId: r1.resultId });
    expect(r2.kind).toBe('unchanged');
    // No push in pull mode.
    expect(c.diagnostics.get(isp)).toBeUndefined();
    const at = text.indexOf('    credit: 5', text.indexOf('ref: L5B1\n')) + '    credit: '.length;
    c.edit(isp, at, at + 1, '7');
    const r3 = await c.request<{ kind: string; items: { code: string }[] }>('textDocument/diagnostic', {
      textDocument: { uri: isp },
      previousResultId: r1.resultId,
    });
    expect(r3.kind).toBe('full');
    expect(r3.items.some((d) => d.code === 'credit-tqt')).toBe(true);
    // A second file gets L5B1's UAN: the server asks the client to pull again.
    await poll(() => (c.progressEnds > 0 ? true : undefined));
    const before = c.refreshes;
    const b = ws.uri('specs/b.yaml');
    c.open(b, B_SPEC('A/651/5975'));
    await poll(() => (c.refreshes > before ? true : undefined));
    const r4 = await c.request<{ items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri: isp } });
    expect(r4.items.some((d) => d.code === 'duplicate-uan')).toBe(true);
  });
});

describe('multi-root workspaces', () => {
  const a = fixtureWorkspace({ '.qualspec.yaml': 'rules:\n  credit-tqt: off\n' });
  const b = fixtureWorkspace();
  let c: TestClient;
  beforeAll(async () => {
    c = await TestClient.start({ folders: [a.dir, b.dir] });
  });
  afterAll(async () => {
    await c.stop();
    a.cleanup();
    b.cleanup();
  });

  it("applies each folder's own configuration to its files", async () => {
    const broken = (t: string) => {
      const at = t.indexOf('    credit: 5', t.indexOf('ref: L5B1\n')) + '    credit: '.length;
      return t.slice(0, at) + '7' + t.slice(at + 1);
    };
    const ua = a.uri(ISP);
    const ub = b.uri(ISP);
    c.open(ua, broken(read(a.file(ISP))));
    c.open(ub, broken(read(b.file(ISP))));
    const da = await c.diagnosticsFor(ua, (ds) => ds.some((x) => x.code === 'award-totals'));
    const db = await c.diagnosticsFor(ub, (ds) => ds.some((x) => x.code === 'award-totals'));
    expect(da.some((x) => x.code === 'credit-tqt')).toBe(false);
    expect(db.some((x) => x.code === 'credit-tqt')).toBe(true);
  });
});
