// End-to-end: what only the editor shows of issue 21's editor features. "Qualspec: New
// Specification from Template" asks how the qualifications are sized and where the spec goes, and
// opens a starter spec the server checks at once (its code lens, no problem); and the semantic
// tokens the server sends reach the editor (VS Code's token inspector names the type of a unit ref).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, withVSCode, makeWorkspace, vsixUnderTest, assert, waitFor, paths } from '../harness.mjs';

const { vsix, skip } = vsixUnderTest('qualspec.qualspec');

const ISP = 'specs/isp-level-5-professional-sales.yaml';

/** Clicks the row of the open quick pick whose text includes `label`. */
async function pick(vs, label) {
  let rows = [];
  await waitFor(
    async () => {
      rows = await vs.page.evaluate(() =>
        [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')].map((r) => ({
          index: r.getAttribute('data-index'),
          text: r.textContent ?? '',
        })),
      );
      return rows.some((r) => r.text.includes(label));
    },
    { timeout: 15_000, message: () => `"${label}" in the quick pick (rows: ${JSON.stringify(rows.map((r) => r.text))})` },
  );
  const row = rows.find((r) => r.text.includes(label));
  await vs.page.locator(`.quick-input-widget .quick-input-list .monaco-list-row[data-index="${row.index}"]`).first().click();
}

// The editor draws spaces as no-break spaces.
const editorText = (vs) =>
  vs.page.evaluate(() => (document.querySelector('.part.editor .editor-group-container.active .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' '));

test('New Specification from Template opens a starter spec the server checks with no problem', { skip, timeout: 300_000 }, async (t) => {
  const workspace = makeWorkspace({ files: { [ISP]: readFileSync(join(paths.repo, ISP), 'utf8') } });
  await withVSCode({ vsix, workspace }, async (vs) => {
    await vs.openFile(ISP);
    await vs.waitForLanguage('Qualification spec (YAML)');
    await vs.runCommand('Qualspec: New Specification from Template');
    await pick(vs, 'RQF, sized in GLH only');
    await pick(vs, 'Open in a new editor');
    await waitFor(async () => (await editorText(vs)).includes('EAO Level 3 Nationals in Digital Media'), {
      timeout: 20_000,
      message: 'the starter spec in the editor',
    });
    await vs.waitForLanguage('Qualification spec (YAML)');
    // The server analysed it: each qualification's lens gives the GLH its rules allow.
    const lenses = await waitFor(
      async () => {
        const l = await vs.codeLenses();
        return l.some((x) => x.includes('GLH · achievable')) ? l : false;
      },
      { timeout: 60_000, message: 'the code lenses of the starter spec' },
    );
    t.log('lenses:', JSON.stringify(lenses));
    assert(lenses.includes('180 GLH · achievable') && lenses.includes('240 GLH · achievable'), `lenses: ${JSON.stringify(lenses)}`);
    const counts = await vs.problemCounts();
    t.log('problems:', JSON.stringify(counts));
    assert(counts.errors === 0 && counts.warnings === 0, `the starter spec has problems: ${JSON.stringify(counts)}`);
    await vs.screenshot('editor-features-template');
  });
});

test('semantic tokens reach the editor: a unit ref is a class, its definition a declaration', { skip, timeout: 300_000 }, async (t) => {
  const workspace = makeWorkspace({ files: { [ISP]: readFileSync(join(paths.repo, ISP), 'utf8') } });
  await withVSCode({ vsix, workspace }, async (vs) => {
    await vs.openFile(ISP);
    await vs.waitForLanguage('Qualification spec (YAML)');
    await vs.waitForProblemCounts(() => true);
    const inspect = async (text, occurrence) => {
      await vs.moveCursorTo(text, { occurrence, offset: text.length - 1 });
      await vs.runCommand('Developer: Inspect Editor Tokens and Scopes');
      let seen = '';
      const got = await waitFor(
        async () => {
          seen = await vs.page.evaluate(() => document.querySelector('.token-inspect-widget')?.textContent ?? '');
          return /semantic token type\s*class/i.test(seen) ? seen : false;
        },
        { timeout: 30_000, message: () => `the token inspector to show a class token (shows: ${seen.slice(0, 400)})` },
      );
      await vs.press('Escape');
      return got;
    };
    const use = await inspect('- L5B1', 1);
    t.log('use:', use.slice(0, 300));
    const def = await inspect('ref: L5B1', 1);
    t.log('definition:', def.slice(0, 300));
    assert(/modifiers\s*declaration/i.test(def), `the definition is not a declaration: ${def.slice(0, 400)}`);
    assert(!/modifiers\s*declaration/i.test(use), `a use is marked a declaration: ${use.slice(0, 400)}`);
    await vs.screenshot('editor-features-tokens');
  });
});
