#!/usr/bin/env node
// The long-run fuzzer: `npm run fuzz -- --cases 200000 --seed N` (options: test/fuzz/main.ts).
// Bundles test/fuzz/main.ts with esbuild into a temp file and runs it with node, passing the arguments on.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'qualspec-fuzz-'));
const outfile = join(dir, 'fuzz.cjs');
let status = 1;
try {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['test/fuzz/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    loader: { '.json': 'json' },
    logLevel: 'warning',
    // fuzz.ts finds the specs from its own folder: keep __dirname pointing at test/fuzz.
    define: { __dirname: JSON.stringify(join(root, 'test/fuzz')) },
  });
  const r = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  status = r.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
