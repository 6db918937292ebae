/**
 * The fuzzer in `npm test` (issue 8, section 1): at least 10,000 seeded cases through the engine and a
 * sample of them through the CLI. Seed and count come from FUZZ_SEED / FUZZ_CASES (default: a fixed
 * seed, so CI is reproducible; set FUZZ_SEED to explore). A longer run: `npm run fuzz -- --cases 200000`.
 *
 * Every failure is printed with its case index and a minimal reproduction; replay one with
 * `npm run fuzz -- --seed <seed> --case <index>`, then add it to test/fixtures/fuzz-regressions/.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, formatStats, Rng, runFuzz, type RunStats } from './fuzz.js';
import { cliBytes, runCliLeg, type CliCase } from './cli-leg.js';

const SEED = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const CASES = Math.max(10_000, Number(process.env.FUZZ_CASES ?? 10_000));
/** One case in CLI_EVERY also goes through the CLI (200 files for 10,000 cases). */
const CLI_EVERY = 50;

describe(`fuzz (seed ${SEED}, ${CASES} cases)`, () => {
  let stats: RunStats | undefined;
  const cli: CliCase[] = [];

  it('no exception, chunked parse == whole parse, spans and fixes within the text, every case under 1 s of CPU', async () => {
    const rng = new Rng(SEED, 0x0c11);
    stats = await runFuzz({
      seed: SEED,
      cases: CASES,
      // lintTexts (a second full parse and the workspace checks) and a cache-free chunked parse on a
      // quarter of the cases keep 10,000 cases near a minute on two cores; the long run does every case.
      lintEvery: 4,
      freshEvery: 4,
      onCase(c) {
        if (c.index % CLI_EVERY === CLI_EVERY / 2) cli.push({ name: `case-${c.index}.yaml`, bytes: cliBytes(c.text, rng) });
      },
    });
    console.log(formatStats(stats));
    expect(stats.cases).toBeGreaterThanOrEqual(10_000);
    expect(stats.wholeCleanChunked).toBeGreaterThan(1000); // the chunked-vs-whole property was really exercised
    expect(
      stats.failures.map(
        (f) =>
          `[${f.kind}] case #${f.index} (${f.recipe}): ${f.detail.split('\n')[0]}${f.minimal !== undefined ? `\n  minimal: ${JSON.stringify(f.minimal.slice(0, 300))}` : ''}`,
      ),
    ).toEqual([]);
  }, 600_000);

  it('the CLI lints a sample of the cases (some with raw invalid UTF-8): exit 0 or 1, JSON that parses', async () => {
    expect(cli.length).toBeGreaterThanOrEqual(CASES / CLI_EVERY - 1);
    const r = await runCliLeg(cli);
    console.log(
      `fuzz CLI leg: ${r.files} files in ${r.runs} runs of \`qualspec lint <dir> --format json\`, exit codes ${JSON.stringify(r.exitCodes)}, ${(r.ms / 1000).toFixed(1)} s`,
    );
    expect(r.failures.map((f) => `[${f.kind}] ${f.detail.split('\n')[0]} (${f.files.join(', ')})`)).toEqual([]);
    expect(r.files).toBe(cli.length);
  }, 300_000);
});
