// Harness self-test against the throwaway smoke extension (test/e2e/selftest/smoke-extension).
// Skipped unless QUALSPEC_VSIX points at that extension's VSIX:
//   node test/e2e/run.mjs --self-test        (packages it and runs this file)
// It exercises every harness helper the real tests need: Problems panel, hover,
// quick fix + save, command palette, webview, screenshots.
import { test, withVSCode, makeWorkspace, vsixUnderTest, assert } from '../harness.mjs';

const { vsix, skip } = vsixUnderTest('qualspec-e2e.qspec-smoke', {
  hint: 'run `node test/e2e/run.mjs --self-test`',
  what: 'the smoke extension (qualspec-e2e.qspec-smoke)',
});

const SPEC = `units:
  - id: U1
    credit: 15
award:
  - badref
  - U1
`;

test('smoke: diagnostic, hover, quick fix, command, webview', { skip, timeout: 240_000 }, async (t) => {
  const workspace = makeWorkspace({ files: { 'specs/demo.qspec.yaml': SPEC, 'README.txt': 'not a spec\n' } });
  await withVSCode({ vsix, workspace }, async (vs) => {
    t.log(`code-server at ${vs.url}, extensions: ${vs.installed.join(', ')}`);

    // 1. Diagnostic in the Problems panel.
    await vs.openFile('specs/demo.qspec.yaml');
    const problems = await vs.waitForProblems((ps) => ps.some((p) => p.message === "Unknown unit ref 'badref'"));
    const p = problems.find((x) => x.message === "Unknown unit ref 'badref'");
    t.log('problem:', JSON.stringify(p));
    assert(p.severity === 'error', `severity ${p.severity}`);
    assert(p.code === 'QS001', `code ${p.code}`);
    assert(p.source === 'qspec-smoke', `source ${p.source}`);
    assert(p.line === 5 && p.column === 5, `position ${p.line}:${p.column}`);
    assert(p.file === 'demo.qspec.yaml' && p.folder === 'specs', `file ${p.folder}/${p.file}`);
    // The status bar follows the Problems panel a moment later: wait for it, then check all three counts.
    const counts = await vs.waitForProblemCounts((c) => c.errors === 1);
    assert(counts.warnings === 0 && counts.infos === 0, `status bar counts ${JSON.stringify(counts)}`);
    await vs.screenshot('smoke-problems');

    // 2. Hover on the second "U1" (the ref in the award) and read the tooltip.
    await vs.hover('U1', { occurrence: 2 });
    const hover = await vs.readHoverText({ contains: 'Smoke unit title' });
    t.log('hover:', JSON.stringify(hover));
    assert(hover.includes('Unit U1') && hover.includes('Level 5 · 15 credits'), `hover text: ${hover}`);
    await vs.screenshot('smoke-hover');
    await vs.dismiss();

    // 3. Quick fix, save, check the file on disk and the Problems panel.
    await vs.applyQuickFix("Replace 'badref' with 'U1'", { at: 'badref' });
    await vs.save();
    const saved = vs.readWorkspaceFile('specs/demo.qspec.yaml');
    assert(saved === SPEC.replace('badref', 'U1'), `saved file:\n${saved}`);
    await vs.waitForProblems((ps) => ps.length === 0);

    // 4. A command from the palette opens a webview; tick its checkbox.
    await vs.runCommand('Qspec Smoke: Show Smoke Preview');
    const view = await vs.webview({ title: 'Smoke Preview' });
    await view.getByText('Rule: unmet (needs U1)').waitFor();
    await view.getByLabel('Unit U1 (15 credits)').check();
    await view.getByText('Rule: met', { exact: true }).waitFor();
    const shot = await vs.screenshot('smoke-webview');
    t.log('screenshot:', shot);
  });
});

test('smoke: Problems panel read in full (scrolling, two files, related info)', { skip, timeout: 240_000 }, async (t) => {
  const many = (n) => `units:\n  - id: U1\naward:\n${'  - badref\n'.repeat(n)}`;
  const workspace = makeWorkspace({ files: { 'a.qspec.yaml': many(60), 'sub/b.qspec.yaml': many(45) } });
  await withVSCode({ vsix, workspace }, async (vs) => {
    await vs.openFile('a.qspec.yaml');
    await vs.openFile('sub/b.qspec.yaml');
    const ps = await vs.waitForProblems((ps) => ps.length >= 105);
    const byFile = {};
    for (const p of ps) (byFile[`${p.folder ? `${p.folder}/` : ''}${p.file}`] ??= []).push(p);
    t.log(
      'problems per file:',
      Object.entries(byFile)
        .map(([f, l]) => `${f}: ${l.length}`)
        .join(', '),
    );
    assert(ps.length === 105, `read ${ps.length} problems`);
    assert(byFile['a.qspec.yaml']?.length === 60 && byFile['sub/b.qspec.yaml']?.length === 45, 'per-file counts');
    const lines = byFile['a.qspec.yaml'].map((p) => p.line);
    assert(
      lines.every((l, i) => l === i + 4),
      `lines in order: ${lines.join(',')}`,
    );
    assert(
      ps.every((p) => p.related.length === 1 && p.related[0].includes('did you mean U1')),
      `related: ${JSON.stringify(ps[0])}`,
    );
    const counts = await vs.waitForProblemCounts((c) => c.errors === 105);
    assert(counts.warnings === 0, `status bar: ${JSON.stringify(counts)}`);
  });
});

test('smoke: live edit, completion, code lens, editor action, language status, reload', { skip, timeout: 240_000 }, async (t) => {
  const workspace = makeWorkspace({ files: { 'demo.qspec.yaml': SPEC.replace('badref', 'U1') } });
  await withVSCode({ vsix, workspace }, async (vs) => {
    await vs.openFile('demo.qspec.yaml');
    await vs.waitForProblems((ps) => ps.length === 0);

    // Code lens opens the preview; close it; the editor title button opens it again.
    await vs.clickCodeLens('15–30 credits');
    t.log('code lenses:', (await vs.codeLenses()).join(' | '));
    await (await vs.webview({ title: 'Smoke Preview' })).getByText('Rule: unmet (needs U1)').waitFor();
    await vs.screenshot('smoke-codelens-preview');
    await vs.press('Control+W');
    await vs.waitForActiveEditor('demo.qspec.yaml');
    await vs.clickEditorAction('Show Smoke Preview');
    await (await vs.webview({ title: 'Smoke Preview' })).getByText('Rule: unmet (needs U1)').waitFor();
    await vs.press('Control+W');
    await vs.waitForActiveEditor('demo.qspec.yaml');

    // A diagnostic appears as we type, before any save (Enter auto-indents: "\n- badref").
    await vs.gotoLine(6, 7);
    await vs.insertText('\n- badref');
    await vs.waitForProblems((ps) => ps.length === 1 && ps[0].line === 7);

    // Completion in a new item.
    await vs.insertText('\n- ');
    const labels = await vs.completions();
    t.log('completions:', labels.join(', '));
    assert(labels.includes('U1') && labels.includes('U2'), `completions ${labels}`);
    await vs.acceptCompletion('U2');
    await vs.save();
    await vs.waitForFileContent('demo.qspec.yaml', (c) => c.endsWith('  - U1\n  - badref\n  - U2\n'));

    // Paste replaces the text exactly (no auto-indent); then back to the saved text.
    const saved = vs.readWorkspaceFile('demo.qspec.yaml');
    await vs.replaceAllText('a:\n    b: badref\n  c: badref\n');
    await vs.waitForProblems((ps) => ps.length === 2 && ps[1].line === 3 && ps[1].column === 6);
    await vs.replaceAllText(saved);
    await vs.save();
    await vs.waitForFileContent('demo.qspec.yaml', (c) => c === saved);

    // Language status and status bar.
    const langStatus = await vs.readLanguageStatus();
    t.log('language status:', JSON.stringify(langStatus));
    assert(langStatus.includes('Smoke schema v1'), `language status: ${langStatus}`);
    const items = await vs.statusBarItems();
    assert(
      items.some((i) => i.text.includes('Qspec Smoke')),
      `status bar: ${JSON.stringify(items.map((i) => i.text))}`,
    );

    // Settings applied live, and a reload keeps the workbench usable.
    await vs.updateSettings({ 'workbench.colorTheme': 'Default Dark Modern' });
    await vs.waitFor(() => vs.page.evaluate(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark')), {
      message: 'the dark theme',
    });
    await vs.reload();
    await vs.openFile('demo.qspec.yaml');
    await vs.waitForProblems((ps) => ps.length === 1);
    await vs.screenshot('smoke-dark-after-reload');
  });
});
