// End-to-end: structural editing as an author types it (issue 21): Enter after `key:` indents, a
// list item's Enter does not insert a dash that typing "- " would double, and words from the file
// are not offered as suggestions while typing a value. Only the editor shows these.
import { test, withVSCode, makeWorkspace, vsixUnderTest, assert, waitFor } from '../harness.mjs';

const { vsix, skip } = vsixUnderTest('qualspec.qualspec');

const SPEC = `qualspec: 1
document:
  awardingBody: Example Awarding Body
  title: Example Spec
  version: "1.0"
facts:
  progression:
    - Certificate in Zymurgy
groups:
  - id: core
    title: Core
units:
`;

test('authoring: Enter indents after key:, "- " is not doubled, no word-based suggestions', { skip, timeout: 300_000 }, async (t) => {
  // A .qspec.yaml name opens in the spec language at once: a plain .yaml file is switched to it by the
  // client when its content says it is a spec, and keys typed before that switch lands go astray.
  const workspace = makeWorkspace({ files: { 'specs/new.qspec.yaml': SPEC } });
  await withVSCode({ vsix, workspace }, async (vs) => {
    await vs.openFile('specs/new.qspec.yaml');
    // Enter's indentation comes from the spec language's rules: type only once the editor is in it.
    await vs.waitForLanguage('Qualification spec (YAML)');
    // The status bar names the language before the workbench has loaded the language's configuration
    // (its onEnterRules): until then Enter after `- id: core` keeps the dash's column, as plain YAML
    // does. Probe it there, undoing each probe, until Enter gives the list item's key column.
    let probe = null;
    await waitFor(
      async () => {
        await vs.gotoLine(10, '  - id: core'.length + 1);
        await vs.press('Enter');
        probe = await vs.cursorLineText();
        await vs.press('Control+Z');
        await waitFor(async () => (await vs.cursorLineText()) === '  - id: core', { message: 'the probe to be undone' });
        return probe === '    ';
      },
      { timeout: 30_000, interval: 500, message: () => `the spec language's Enter rules (Enter after "  - id: core" gave ${JSON.stringify(probe)})` },
    );
    // 1. Enter at the end of `units:`, then the first unit typed the obvious way.
    await vs.gotoLine(12, 7);
    // Real Enter key presses: onEnterRules apply to a key press (an inserted "\n" gets only the indentation rules).
    await vs.press('Enter');
    await vs.insertText('- ref: U1');
    await vs.dismiss(); // an open suggest widget would take the Enter
    await vs.press('Enter');
    await vs.insertText('title: Zymurgy basics');
    // 2. A progression item, Enter, and "- " typed by habit.
    await vs.moveCursorTo('- Certificate in Zymurgy', { offset: '- Certificate in Zymurgy'.length });
    await vs.dismiss();
    await vs.press('Enter');
    await vs.insertText('- Diploma');
    await vs.save();
    const saved = await vs.waitForFileContent('specs/new.qspec.yaml', (s) => s.includes('Diploma') && s.includes('Zymurgy basics'));
    t.log(saved);
    assert(saved.includes('units:\n  - ref: U1\n    title: Zymurgy basics'), `the new unit is not indented under units:\n${saved}`);
    assert(saved.includes('    - Certificate in Zymurgy\n    - Diploma\n'), `the "- " was doubled or misplaced:\n${saved}`);
    assert(!saved.includes('- - '), 'a doubled dash');
    await vs.screenshot('authoring-typed');

    // 3. Word-based suggestions: asking for suggestions in a free-text value offers no word of the file.
    await vs.moveCursorTo('title: Zymurgy basics', { offset: 'title: Zymurgy basics'.length });
    await vs.insertText(' Zym');
    await vs.focusEditor();
    await vs.press('Control+Space');
    // Give the widget time to open with whatever it has (it shows "No suggestions." or nothing).
    const labels = await waitFor(
      async () => {
        const rows = await vs.page.evaluate(() => [...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')].map((r) => r.textContent ?? ''));
        const empty = await vs.page.evaluate(
          () => !!document.querySelector('.suggest-widget.visible .message') || !document.querySelector('.suggest-widget.visible'),
        );
        return rows.length || empty ? rows : false;
      },
      { timeout: 15_000, message: 'the suggest widget to settle' },
    );
    t.log('suggestions:', JSON.stringify(labels));
    assert(!labels.some((l) => /Zymurgy/.test(l)), `a word of the file was suggested: ${JSON.stringify(labels)}`);
    await vs.screenshot('authoring-no-word-suggestions');
  });
});
