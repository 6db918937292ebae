// The VS Code extension as packed (npm run package → scripts/package-vsix.mjs): within its size
// budget, carrying what the extension loads and nothing only the npm package needs. Run by .ci/run
// (npm run test:package, beside the npm tarball's test, one file at a time: both build dist/); builds and packs, about 30 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { budgetProblem, contributedPaths, NPM_ONLY, VSIX_BUDGET, vsixFiles, zipEntries } from '../../scripts/package-vsix.mjs';

const REPO = path.resolve(fileURLToPath(import.meta.url), '../../..');
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const work = mkdtempSync(path.join(tmpdir(), 'qualspec-vsix-'));
const vsix = path.join(work, 'qualspec.vsix');
test.after(() => rmSync(work, { recursive: true, force: true }));

test('the VSIX list is the npm list less the CLI, the API and the docs the extension does not link to', () => {
  const files = vsixFiles(pkg);
  for (const f of NPM_ONLY) assert.ok(!files.includes(f), `${f} is left out`);
  assert.ok(!files.includes('docs/'));
  assert.ok(files.includes('docs/rules/*.md'));
  for (const f of ['dist/*.js', 'dist/dict/', 'schemas/', 'syntaxes/', 'client/media/', 'language-configuration.json']) assert.ok(files.includes(f), f);
  // A file the manifest names (a walkthrough page, say) under a folder the list narrows is added.
  const withWalkthrough = { ...pkg, contributes: { ...pkg.contributes, walkthroughs: [{ steps: [{ media: { markdown: './docs/walkthrough/start.md' } }] }] } };
  assert.ok(contributedPaths(withWalkthrough).includes('docs/walkthrough/start.md'));
  assert.ok(vsixFiles(withWalkthrough).includes('docs/walkthrough/start.md'));
});

test('npm run package packs a VSIX within its budget, with what the extension loads', () => {
  execFileSync(process.execPath, ['scripts/package-vsix.mjs', '--out', vsix], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const entries = zipEntries(vsix);
  const names = new Set(entries.map((e) => e.name.replace(/^extension\//, '')));
  assert.equal(budgetProblem(vsix), null);
  // Entry points, the dictionaries beside the servers (both read dist/dict/), a page for every rule.
  for (const f of [
    'package.json',
    'dist/client.js',
    'dist/server.js',
    'dist/browser-client.js',
    'dist/browser-server.js',
    'dist/preview.js',
    'dist/dict/en-GB.btrie.br',
    'dist/dict/en-US.btrie.br',
  ])
    assert.ok(names.has(f), `${f} is in the VSIX`);
  const pages = readdirSync(path.join(REPO, 'docs/rules')).filter((f) => f.endsWith('.md'));
  for (const p of pages) assert.ok(names.has(`docs/rules/${p}`), `docs/rules/${p} is in the VSIX`);
  for (const p of contributedPaths(pkg)) assert.ok(names.has(p), `${p}, which the manifest names, is in the VSIX`);
  // Nothing only the npm package needs, no other docs or images, no sources or maps.
  for (const n of names) {
    assert.ok(!/^(bin\/|dist\/(cli|api)\.|docs\/(?!rules\/)|server\/|test\/|scripts\/|specs\/)|\.map$/.test(n), `${n} is not in the VSIX`);
  }
});

test('over its budget, the check names the size and the biggest entries', () => {
  const problem = budgetProblem(vsix, 100_000);
  assert.ok(problem);
  const lines = problem.split('\n');
  assert.match(lines[0], /^qualspec\.vsix is \d+\.\d kB, over its budget of 100\.0 kB by \d+\.\d kB\. The biggest entries \(packed size\):$/);
  assert.match(lines[1], /^\s+\d+\.\d kB {2}extension\/dist\/\S+/);
  assert.equal(lines.filter((l) => /^\s+\d+\.\d kB {2}extension\//.test(l)).length, 12);
  assert.ok(VSIX_BUDGET >= 1_000_000);
});
