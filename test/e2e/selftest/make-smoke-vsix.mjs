#!/usr/bin/env node
// Packages the throwaway smoke extension (selftest/smoke-extension) into a VSIX
// in a fresh temp folder and prints the VSIX path on the last line of stdout.
// Uses @vscode/vsce from the repo's node_modules (a devDependency): run `npm ci` first.
//
//   node test/e2e/selftest/make-smoke-vsix.mjs            -> /tmp/qspec-smoke-XXXX/qspec-smoke.vsix
//   node test/e2e/selftest/make-smoke-vsix.mjs --out f.vsix
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const vsce = join(repo, 'node_modules/@vscode/vsce/vsce');
if (!existsSync(vsce)) {
  console.error(`make-smoke-vsix: ${vsce} not found; run \`npm ci\` in ${repo} first`);
  process.exit(1);
}

const outArg = process.argv.indexOf('--out');
const work = mkdtempSync(join(tmpdir(), 'qspec-smoke-'));
const src = join(work, 'ext');
cpSync(join(here, 'smoke-extension'), src, { recursive: true });
writeFileSync(join(src, 'README.md'), '# qspec-smoke\n\nThrowaway extension for the e2e harness self-test.\n');
writeFileSync(join(src, 'LICENSE'), 'MIT\n');
const out = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(work, 'qspec-smoke.vsix');

execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out], {
  cwd: src,
  stdio: ['ignore', 'inherit', 'inherit'],
});
console.log(out);
