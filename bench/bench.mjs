#!/usr/bin/env node
// The benchmark launcher (issue 7). Node 20 cannot run TypeScript, so this bundles bench/run.ts
// with esbuild (a devDependency) into bench/.work/bench.cjs and runs it.
//   node bench/bench.mjs [--quick] [--no-build] [--out FILE] [--files N] [--only editor,index,lint,split,combos]
//   node bench/bench.mjs generate --out DIR [--files N] [--units N] [--seed S] [--error-rate R]
// Unless --no-build, `npm run build` runs first so dist/ is the code in the tree.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(repo, 'bench', '.work');
const args = process.argv.slice(2);
mkdirSync(work, { recursive: true });

if (args[0] !== 'generate' && !args.includes('--no-build')) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) {
    console.error('bench: npm run build failed');
    process.exit(2);
  }
}
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' };
await esbuild.build({ ...common, entryPoints: [join(repo, 'bench', 'floor.ts')], outfile: join(work, 'floor.cjs'), minify: true });
await esbuild.build({
  ...common,
  entryPoints: [join(repo, 'bench', 'run.ts')],
  outfile: join(work, 'bench.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
});
const r = spawnSync(process.execPath, ['--enable-source-maps', join(work, 'bench.cjs'), ...args.filter((a) => a !== '--no-build')], {
  cwd: repo,
  stdio: 'inherit',
});
process.exit(r.status ?? 2);
