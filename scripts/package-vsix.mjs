#!/usr/bin/env node
// Packs the VS Code extension (qualspec.vsix) from a staging folder, so the VSIX carries only what
// the extension uses, while package.json `files` stays the npm package's list (vsce refuses a
// .vscodeignore beside `files`). Left out of the VSIX, used by the npm package only:
//   bin/, dist/cli.js, dist/api.js, dist/api.d.ts  (the CLI and the library API; the extension
//                                                   starts dist/server.js or dist/browser-server.js)
//   docs/ but its rule pages (docs/rules/*.md: each diagnostic links to its page) and any file the
//   manifest's `contributes` names; the README's images are captions in the Marketplace README.
// Then the VSIX must stay under the size budget: over it, this fails and lists the biggest entries.
//   node scripts/package-vsix.mjs [--out qualspec.vsix] [--no-build]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The Marketplace's and a reviewer's budget for the packed extension, in bytes (2 MB). */
export const VSIX_BUDGET = 2_000_000;
/** What only the npm package needs (package.json `files` entries, or files under them). */
export const NPM_ONLY = ['bin/', 'dist/cli.js', 'dist/api.js', 'dist/api.d.ts'];

/** Relative paths the manifest's `contributes` names (walkthrough media, grammars, schemas …). */
export function contributedPaths(pkg) {
  const out = new Set();
  const walk = (v) => {
    if (typeof v === 'string') {
      if (/^\.\/[^*?]+\.[a-z0-9]+$/i.test(v)) out.add(v.slice(2));
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(pkg.contributes);
  for (const k of ['main', 'browser', 'icon']) if (typeof pkg[k] === 'string') out.add(pkg[k].replace(/^\.\//, ''));
  return [...out];
}

/** The VSIX's `files` list: the npm list less what only the npm package needs, docs narrowed to the rule pages. */
export function vsixFiles(pkg) {
  const files = pkg.files.filter((f) => !NPM_ONLY.includes(f)).flatMap((f) => (f === 'docs/' ? ['docs/rules/*.md'] : [f]));
  for (const p of contributedPaths(pkg)) if (!files.some((f) => f === p || (f.endsWith('/') && p.startsWith(f)))) files.push(p);
  return files;
}

/** The entries of a zip file (name, compressed and uncompressed size), read from its central directory. */
export function zipEntries(file) {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error(`${file}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: damaged central directory`);
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLen), compressed: buf.readUInt32LE(at + 20), size: buf.readUInt32LE(at + 24) });
    at += 46 + nameLen + extra + comment;
  }
  return entries;
}

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

/** Null when the VSIX is within the budget; otherwise the message, with the biggest entries. */
export function budgetProblem(file, budget = VSIX_BUDGET) {
  const size = statSync(file).size;
  if (size <= budget) return null;
  const top = zipEntries(file)
    .sort((a, b) => b.compressed - a.compressed)
    .slice(0, 12)
    .map((e) => `  ${kB(e.compressed).padStart(10)}  ${e.name}${e.size !== e.compressed ? ` (${kB(e.size)} unpacked)` : ''}`);
  return `${path.basename(file)} is ${kB(size)}, over its budget of ${kB(budget)} by ${kB(size - budget)}. The biggest entries (packed size):\n${top.join('\n')}\nLeave out what the extension does not load (scripts/package-vsix.mjs NPM_ONLY), or make it smaller.`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const out = path.resolve(REPO, args.includes('--out') ? args[args.indexOf('--out') + 1] : 'qualspec.vsix');
  const run = (cmd, argv, cwd = REPO) => execFileSync(cmd, argv, { cwd, stdio: 'inherit' });
  if (!args.includes('--no-build')) {
    run(process.execPath, ['scripts/build.mjs']);
    run(process.execPath, ['scripts/marketplace-readme.mjs']);
  }
  const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const stage = path.join(REPO, 'out/vsix');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const files = vsixFiles(pkg);
  // The manifest the extension carries: the npm package's fields that name left-out files go, and
  // the scripts (vsce would run vscode:prepublish again in the staging folder).
  const manifest = { ...pkg, files };
  for (const k of ['scripts', 'bin', 'exports', 'types']) delete manifest[k];
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  for (const top of new Set(files.map((f) => f.split('/')[0]).concat(['README.md', 'LICENSE', 'CHANGELOG.md'])))
    if (existsSync(path.join(REPO, top))) cpSync(path.join(REPO, top), path.join(stage, top), { recursive: true });
  cpSync(path.join(REPO, 'dist/README.md'), path.join(stage, 'README.md'));
  // `dist/*.js` would take the CLI and the API bundles too: they are not staged at all.
  for (const f of NPM_ONLY) rmSync(path.join(stage, f), { recursive: true, force: true });
  const vsce = path.join(REPO, 'node_modules/@vscode/vsce/vsce');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '-o', out], stage);
  const problem = budgetProblem(out);
  if (problem) {
    console.error(`\npackage-vsix: ${problem}`);
    process.exit(1);
  }
  console.log(`package-vsix: ${path.relative(REPO, out)} is ${kB(statSync(out).size)} (budget ${kB(VSIX_BUDGET)})`);
}
