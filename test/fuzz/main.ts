/**
 * The long-run fuzzer: `npm run fuzz -- --cases 200000 --seed N` (scripts/fuzz.mjs bundles this
 * file with esbuild and runs it with node).
 *
 *   --cases <n>      number of cases (default 20000)
 *   --seed <n>       seed (default: FUZZ_SEED or 20261123)
 *   --from <i>       first case index (default 0)
 *   --case <i>       run the one case i and print it (to reproduce a failure)
 *   --cli-every <k>  also lint every k-th case through the CLI, in-process (default 50; 0 = never)
 *   --lint-every <k> run lintTexts on every k-th case (default 1)
 *   --out <dir>      write each failing case (original and minimal) to <dir>
 *   --no-minimise    do not minimise failing cases
 *
 * Exit code: 0 when no case failed, 1 otherwise.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { caseText, checkCase, DEFAULT_SEED, formatStats, Rng, runFuzz, type FuzzCase } from './fuzz.js';
import { cliBytes, runCliLeg, type CliCase } from './cli-leg.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i !== -1) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}
const num = (name: string, dflt: number): number => {
  const v = arg(name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`fuzz: --${name} needs a whole number, not '${v}'\n`);
    process.exit(2);
  }
  return n;
};

const seed = num('seed', Number(process.env.FUZZ_SEED ?? DEFAULT_SEED));
const one = arg('case');
if (one !== undefined) {
  const c = caseText(seed, Number(one));
  const r = checkCase(c.text);
  process.stdout.write(`case #${c.index} (seed ${seed}): ${c.recipe} on ${c.base}, ${c.text.length} chars, ${r.cpuMs.toFixed(0)} ms CPU\n`);
  process.stdout.write(`${JSON.stringify(c.text.length > 4000 ? c.text.slice(0, 4000) + '…' : c.text)}\n`);
  for (const f of r.failures) process.stdout.write(`FAILURE [${f.kind}] ${f.detail}\n`);
  const out = arg('out');
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `case-${seed}-${c.index}.yaml`), c.text);
  }
  process.exit(r.failures.length ? 1 : 0);
}

const cases = num('cases', 20000);
const from = num('from', 0);
const cliEvery = num('cli-every', 50);
const lintEvery = Math.max(1, num('lint-every', 1));
const outDir = arg('out');
const cli: CliCase[] = [];
const cliRng = new Rng(seed, 0x0c11);
let cliFailures = 0;
let cliFiles = 0;
// CLI runs are chained, one at a time, in the order the cases came.
let cliChain: Promise<void> = Promise.resolve();
const flushCli = () => {
  if (!cli.length) return;
  const batch = cli.splice(0);
  cliChain = cliChain.then(() => cliRun(batch));
};
const cliRun = async (batch: CliCase[]) => {
  const r = await runCliLeg(batch);
  cliFiles += r.files;
  for (const f of r.failures) {
    cliFailures++;
    process.stdout.write(`CLI FAILURE [${f.kind}] ${f.detail.split('\n')[0]} (files ${f.files.join(', ')})\n`);
  }
};

async function run(): Promise<number> {
  const t0 = Date.now();
  let last = t0;
  const stats = await runFuzz({
    seed,
    cases,
    from,
    lintEvery,
    minimise: !process.argv.includes('--no-minimise'),
    onCase(c: FuzzCase, r) {
      if (cliEvery && c.index % cliEvery === 0) {
        cli.push({ name: `case-${c.index}.yaml`, bytes: cliBytes(c.text, cliRng) });
        if (cli.length >= 25) flushCli();
      }
      if (outDir && r.failures.length) {
        mkdirSync(resolve(outDir), { recursive: true });
        writeFileSync(join(resolve(outDir), `case-${seed}-${c.index}.yaml`), c.text);
      }
      const now = Date.now();
      if (now - last > 10_000) {
        last = now;
        process.stderr.write(`fuzz: ${c.index - from + 1}/${cases} cases, ${((now - t0) / 1000).toFixed(0)} s\n`);
      }
    },
  });
  flushCli();
  await cliChain;
  process.stdout.write(formatStats(stats) + '\n');
  process.stdout.write(`  CLI leg: ${cliFiles} files linted in-process, ${cliFailures} failures\n`);
  process.stdout.write(`  total ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  if (outDir) {
    for (const f of stats.failures) if (f.minimal !== undefined) writeFileSync(join(resolve(outDir), `minimal-${f.kind}-${f.index}.yaml`), f.minimal);
  }
  return stats.failures.length || cliFailures ? 1 : 0;
}

run().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`fuzz: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
