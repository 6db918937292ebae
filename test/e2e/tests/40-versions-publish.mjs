// End-to-end: versions and publishing in a real VS Code (issues 17 and 18).
// - "Qualspec: Compare with Previous Version" in a git repository with two committed versions of a
//   spec, through VS Code's Git extension: the panel shows the real changes in plain words (a unit's
//   credit, a renamed unit, a unit whose ref changed), the impact on learners counted here by brute
//   force, and a line link in it puts the cursor on that line of the spec.
// - "Qualspec: Preview Published Document": the webview shows the document generated from the YAML
//   (title, contents, the units tables, one page per unit), follows an edit typed in the editor, and
//   a click on a unit's page puts the cursor on that unit in the YAML.
// Skipped with a printed reason unless QUALSPEC_VSIX points at qualspec's own VSIX.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { test, withVSCode, makeWorkspace, vsixUnderTest, assert, waitFor } from '../harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { vsix, skip } = vsixUnderTest('qualspec.qualspec');

const SPEC_LANGUAGE = 'Qualification spec (YAML)';
const ILM = readFileSync(path.join(root, 'specs/ilm-l2-sales-management.yaml'), 'utf8');
const ISP = readFileSync(path.join(root, 'specs/isp-level-5-professional-sales.yaml'), 'utf8');

/** `text` with `from` replaced by `to` exactly once (the test fails loudly if the seed spec moved on). */
function replaceOnce(text, from, to, what) {
  const i = text.indexOf(from);
  assert(i >= 0 && text.indexOf(from, i + 1) < 0, `the ILM spec no longer has ${what} once (${JSON.stringify(from)})`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

/** 1-based line of the first line containing `needle` at or after the line containing `after`. */
function lineOf(text, needle, after) {
  const lines = text.split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const i = lines.findIndex((l, k) => k >= start && l.includes(needle));
  assert(start >= 0 && i >= 0, `no line with ${JSON.stringify(needle)}`);
  return i + 1;
}

/** The cursor's 1-based line, from the status bar's "Ln 12, Col 3". */
async function cursorLine(vs) {
  const items = await vs.statusBarItems();
  const m = items.map((i) => /Ln (\d+), Col \d+/.exec(i.text)).find(Boolean);
  return m ? Number(m[1]) : undefined;
}

/**
 * The valid selections of the ILM Certificate, by brute force over every subset of its units (13
 * units: 8192 subsets), independently of the combination engine: the rules this spec uses are
 * mandatory units and minimum/maximum credits from groups or in total. A selection is keyed by the
 * units' positions, which the edits below keep, so a renamed unit is the same unit in both versions.
 */
function validSelections(text) {
  const spec = parse(text);
  assert(spec.qualifications.length === 1 && spec.units.length <= 16, 'the ILM spec has grown past what this brute force is for');
  const { rules } = spec.qualifications[0];
  const units = spec.units;
  const known = new Set(['id', 'text', 'mandatory', 'groups', 'minCredits', 'maxCredits']);
  for (const r of rules)
    assert(
      Object.keys(r).every((k) => known.has(k)),
      `rule ${r.id} uses a kind of rule this brute force does not count`,
    );
  const out = new Set();
  for (let m = 0; m < 1 << units.length; m++) {
    const picked = units.filter((_, i) => m & (1 << i));
    const ok = rules.every((r) => {
      if (r.mandatory && !r.mandatory.every((ref) => picked.some((u) => String(u.ref) === String(ref)))) return false;
      const credits = picked.filter((u) => !r.groups || r.groups.includes(u.group)).reduce((s, u) => s + u.credit, 0);
      return !(r.minCredits !== undefined && credits < r.minCredits) && !(r.maxCredits !== undefined && credits > r.maxCredits);
    });
    if (ok) out.add(m);
  }
  return out;
}

test('versions: Compare with Previous Version in a git repository shows the changes, their impact and line links', { skip, timeout: 420_000 }, async (t) => {
  // Version 1.1 is the seed spec; version 1.2 changes a unit's credit, renames a unit, gives another
  // unit a new ref, and records all of it in its version and change history.
  const SPEC = 'specs/ilm.qspec.yaml'; // a .qspec.yaml opens in the spec language at once (see 20-authoring.mjs)
  const v11 = ILM;
  let v12 = replaceOnce(
    v11,
    'title: Communicating with People Outside the Work Team\n    level: 2\n    group: group-2\n    glh: 6\n    credit: 1\n',
    'title: Communicating with People Outside the Work Team\n    level: 2\n    group: group-2\n    glh: 6\n    credit: 2\n',
    'unit 8750-213 with 1 credit',
  );
  v12 = replaceOnce(v12, 'title: Providing Quality to Customers', 'title: Providing a Quality Service to Customers', 'unit 8750-207');
  v12 = replaceOnce(v12, '  - ref: 8750-326\n', '  - ref: 8750-327\n', 'unit 8750-326');
  v12 = replaceOnce(v12, '  version: "1.1"\n', '  version: "1.2"\n', 'version 1.1');
  v12 = replaceOnce(
    v12,
    '      author: qualspec\nfacts:',
    '      author: qualspec\n    - version: "1.2"\n      date: 2026-12-01\n      summary: >-\n        Unit 8750-213 is worth 2 credits; unit 8750-207 is renamed; unit 8750-326 is now 8750-327.\nfacts:',
    'the end of the change history',
  );
  const workspace = makeWorkspace({ files: { [SPEC]: v11 } });
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: workspace,
      encoding: 'utf8',
    }).trim();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'Version 1.1 as published');
  const v11Hash = git('rev-parse', 'HEAD').slice(0, 8);
  writeFileSync(path.join(workspace, SPEC), v12);
  git('commit', '-q', '-a', '-m', 'Version 1.2: credit of 8750-213, two units renamed');

  // The impact, counted here: valid selections before, after and under both.
  const before = validSelections(v11);
  const after = validSelections(v12);
  const both = [...before].filter((m) => after.has(m)).length;
  t.log(`brute force: ${before.size} valid before, ${after.size} after, ${both} under both`);
  assert(before.size !== after.size && both < before.size, 'the edit should change which plans are valid');
  const creditLine = lineOf(v12, 'credit: 2', '- ref: 8750-213');

  // git.enabled is off in the harness's defaults; this test needs VS Code's Git extension.
  await withVSCode(
    { vsix, workspace, settings: { 'git.enabled': true, 'git.autoRepositoryDetection': true, 'git.openRepositoryInParentFolders': 'never' } },
    async (vs) => {
      await vs.openFile(SPEC);
      await vs.waitForLanguage(SPEC_LANGUAGE);
      // The Git extension has opened the repository when the status bar shows its branch.
      await waitFor(async () => (await vs.statusBarItems()).some((i) => /\bmain\b/.test(`${i.text} ${i.ariaLabel}`)), {
        timeout: 60_000,
        message: async () => `the Git extension to open the repository (status bar: ${JSON.stringify(await vs.statusBarItems())})`,
      });
      await vs.runCommand('Qualspec: Compare with Previous Version');
      // The choices: HEAD, the file's commits (newest first), a revision typed in, another file.
      const rows = vs.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      const older = rows.filter({ hasText: 'Version 1.1 as published' }).first();
      await older.waitFor({ timeout: 30_000 });
      const offered = await rows.allInnerTexts();
      t.log('offered:', JSON.stringify(offered.map((r) => r.replace(/\s+/g, ' ').trim())));
      assert(offered.some((r) => /HEAD/.test(r)) && offered.some((r) => /Another file/.test(r)), 'HEAD and another file are offered');
      await older.click();

      const view = await vs.webview({ title: `Changes since ${v11Hash}`, timeout: 60_000 });
      await view.locator('h1', { hasText: `Changes since ${v11Hash}` }).waitFor({ timeout: 60_000 });
      const text = (await view.locator('body').innerText()).replace(/[ \t]+/g, ' ');
      t.log(text.slice(0, 2500));
      assert(text.includes('Version 1.1 → 1.2'), 'the report gives the two versions');
      // Each change under the unit it is about, in words.
      const section = async (subject) =>
        (
          await view
            .locator('section', { has: view.locator('h3', { hasText: subject }) })
            .first()
            .innerText()
        ).replace(/\s+/g, ' ');
      const credit = await section('Unit 8750-213');
      assert(/Credit 1 → 2/.test(credit), `the credit change of unit 8750-213: ${credit}`);
      const renamed = await section('Unit 8750-207');
      assert(
        renamed.includes('Title "Providing Quality to Customers" → "Providing a Quality Service to Customers"'),
        `the new title of unit 8750-207: ${renamed}`,
      );
      const reffed = await section('Unit 8750-327');
      assert(/renamed/i.test(reffed) && /Unit ref 8750-326 → 8750-327/.test(reffed), `the new ref of the same unit: ${reffed}`);
      // A rename is a rename: neither unit is reported as withdrawn and another added.
      assert(!/\b(removed|added)\b/i.test(`${renamed} ${reffed}`), `a renamed unit reported as removed and added: ${renamed} ${reffed}`);
      // The word diff of the new title marks the added words.
      const ins = await view
        .locator('section', { has: view.locator('h3', { hasText: 'Unit 8750-207' }) })
        .locator('ins')
        .allInnerTexts();
      assert(ins.join(' ') === 'a Service', `the words added to the title: ${JSON.stringify(ins)}`);

      // The impact on learners as the brute force counts it.
      const cells = (await view.locator('table tbody tr').first().locator('td').allInnerTexts()).map((c) => c.trim());
      t.log('impact row:', JSON.stringify(cells));
      assert(cells[0].startsWith('ILM Level 2 Certificate in Sales Management'), `impact row: ${cells[0]}`);
      assert(
        cells[1] === String(before.size) && cells[2] === String(after.size),
        `valid selections ${cells[1]} → ${cells[2]}, counted ${before.size} → ${after.size}`,
      );
      assert(
        cells[3] === String(both) && cells[4] === String(before.size - both),
        `valid under both ${cells[3]}, no longer valid ${cells[4]}; counted ${both}, ${before.size - both}`,
      );
      // Version and change history record the change: nothing to fix.
      assert(/Nothing to fix/.test(text), 'change control finds the version and the change-history entry');
      // ... so the drafted entry is for comparison only: no second 1.2 entry is offered.
      assert(!text.includes('Insert this entry'), 'a second change-history entry for version 1.2 is offered');
      assert(text.includes('The change history already has an entry for version 1.2'), 'the panel says why no entry is offered');
      await vs.screenshot('versions-report');

      // Move the cursor away, then follow the credit change's line link.
      await vs.gotoLine(1, 1);
      await waitFor(async () => (await cursorLine(vs)) === 1, { message: 'the cursor on line 1' });
      const link = view.locator('section', { has: view.locator('h3', { hasText: 'Unit 8750-213' }) }).locator(`a[title="Go to line ${creditLine}"]`);
      await link.click();
      await waitFor(async () => (await cursorLine(vs)) === creditLine, {
        timeout: 30_000,
        message: async () => `the cursor on line ${creditLine} (credit: 2 of unit 8750-213); it is on ${await cursorLine(vs)}`,
      });
      await vs.screenshot('versions-link-followed');
    },
  );
});

test(
  'publishing: Preview Published Document shows the document, follows an edit, and a click on a unit jumps to its YAML',
  { skip, timeout: 420_000 },
  async (t) => {
    const SPEC = 'specs/isp.qspec.yaml';
    const spec = parse(ISP);
    const workspace = makeWorkspace({ files: { [SPEC]: ISP } });
    const target = spec.units[spec.units.length - 1];
    const unitLine = lineOf(ISP, `- ref: ${target.ref}`);
    await withVSCode({ vsix, workspace }, async (vs) => {
      await vs.openFile(SPEC);
      await vs.waitForLanguage(SPEC_LANGUAGE);
      await vs.gotoLine(1, 1);
      await vs.runCommand('Qualspec: Preview Published Document');
      const view = await vs.webview({ title: /^Published: /, timeout: 60_000 });
      await view.locator('h1', { hasText: spec.document.title }).waitFor({ timeout: 60_000 });

      // The contents: every prose section of the YAML, and every entry leads somewhere in the document.
      const toc = await view
        .locator('nav.toc')
        .evaluate((nav) =>
          [...nav.querySelectorAll('a')].map((a) => ({ text: a.textContent.trim(), found: !!document.getElementById(a.getAttribute('href').slice(1)) })),
        );
      t.log(`${toc.length} contents entries`);
      for (const s of spec.sections)
        assert(
          toc.some((e) => e.text === s.title),
          `the contents have no entry for the section "${s.title}"`,
        );
      const dangling = toc.filter((e) => !e.found);
      assert(!dangling.length, `contents entries that lead nowhere: ${JSON.stringify(dangling)}`);

      // The units tables: each unit of the YAML in a row with its UAN, title and credit, linked to its page.
      const rows = await view
        .locator('body')
        .evaluate(() =>
          [...document.querySelectorAll('table tbody tr')]
            .map((tr) => ({ href: tr.querySelector('th[scope="row"] a')?.getAttribute('href'), cells: [...tr.children].map((c) => c.textContent.trim()) }))
            .filter((r) => r.href?.startsWith('#unit-')),
        );
      for (const u of spec.units) {
        const row = rows.find((r) => r.cells.includes(u.ref) && r.cells.includes(u.uan));
        assert(row, `no units-table row for ${u.ref} (${u.uan})`);
        assert(row.cells.includes(u.title) && row.cells.includes(String(u.credit)), `the row of ${u.ref}: ${JSON.stringify(row.cells)}`);
      }
      // One page per unit, with its learning outcomes.
      const pages = await view.locator('section.unit').count();
      t.log(`${pages} unit pages, ${rows.length} units-table rows`);
      assert(pages === spec.units.length, `${pages} unit pages for ${spec.units.length} units`);
      const page = view.locator(`section.unit[data-unit="${spec.units.length - 1}"]`);
      const pageText = await page.innerText();
      for (const lo of target.learningOutcomes) assert(pageText.includes(lo.text), `the page of ${target.ref} lacks learning outcome ${lo.number}`);
      await vs.screenshot('publish-preview');

      // Typing in the editor updates the preview.
      await vs.moveCursorTo(`title: ${target.title}`);
      await vs.press('End');
      await vs.insertText(' Revised');
      await page.locator('h3', { hasText: `${target.title} Revised` }).waitFor({ timeout: 30_000 });

      // A click on the text of the unit's page (not on a link) puts the editor's cursor on the unit.
      await vs.gotoLine(1, 1);
      await page.locator('h3').scrollIntoViewIfNeeded();
      await page.locator('h3').click();
      await waitFor(async () => (await cursorLine(vs)) === unitLine, {
        timeout: 30_000,
        message: async () => `the cursor on line ${unitLine} (- ref: ${target.ref}); it is on ${await cursorLine(vs)}`,
      });
      await vs.screenshot('publish-preview-clicked');
    });
  },
);
