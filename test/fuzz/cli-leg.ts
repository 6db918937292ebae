/**
 * The CLI leg of the fuzzer: cases written to a temp directory (as UTF-8 text, and some as raw
 * bytes with flipped bits, so invalid UTF-8 reaches the CLI too) and linted in-process with
 * `await main(['lint', ...files, '--format', 'json'], io)`. The CLI must exit 0 or 1 (never 2 for a readable
 * file, never an exception) and print JSON that parses and names every file it was given.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli/main.js';
import { Rng, type Failure } from './fuzz.js';

export interface CliCase {
  name: string;
  bytes: Buffer;
}

/** A case as bytes: its UTF-8 text, or (sometimes) that text with a few raw bytes flipped. */
export function cliBytes(text: string, rng: Rng): Buffer {
  const b = Buffer.from(text, 'utf8');
  if (b.length && rng.chance(0.3)) {
    const n = rng.range(1, 3);
    for (let i = 0; i < n; i++) b[rng.int(b.length)] = rng.pick([0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf8, 0xff, 0xfe]);
  }
  return b;
}

export interface CliLegResult {
  files: number;
  runs: number;
  exitCodes: Record<string, number>;
  failures: (Failure & { files: string[] })[];
  ms: number;
}

function snapshot(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((n) => {
      const s = statSync(join(dir, n));
      return `${n}:${s.size}:${s.mtimeMs}`;
    })
    .join('|');
}

/** Lint the cases in batches of `batch` files (each batch one workspace, as `qualspec lint dir` sees it). */
export async function runCliLeg(cases: CliCase[], batch = 25): Promise<CliLegResult> {
  const t0 = performance.now();
  const res: CliLegResult = { files: 0, runs: 0, exitCodes: {}, failures: [], ms: 0 };
  for (let i = 0; i < cases.length; i += batch) {
    const dir = mkdtempSync(join(tmpdir(), 'qualspec-fuzz-cli-'));
    try {
      const group = cases.slice(i, i + batch);
      for (const c of group) writeFileSync(join(dir, c.name), c.bytes);
      const before = snapshot(dir);
      let out = '';
      let err = '';
      let code: number;
      try {
        // Named one by one: a mutated case may have lost the `qualspec:` marker that makes a folder's YAML file a spec.
        code = await main(['lint', ...group.map((c) => join(dir, c.name)), '--format', 'json'], {
          cwd: dir,
          stdout: (s) => (out += s),
          stderr: (s) => (err += s),
          isTTY: false,
          version: '0.0.0-fuzz',
          docsBase: 'file:///docs/rules/',
        });
      } catch (e) {
        res.failures.push({ kind: 'exception', detail: `await main() threw: ${(e as Error).stack ?? String(e)}`, files: group.map((c) => c.name) });
        continue;
      }
      res.runs++;
      res.files += group.length;
      res.exitCodes[code] = (res.exitCodes[code] ?? 0) + 1;
      if (code !== 0 && code !== 1)
        res.failures.push({ kind: 'exception', detail: `exit code ${code}: ${err.slice(0, 2000)}`, files: group.map((c) => c.name) });
      try {
        const j = JSON.parse(out) as { files?: string[]; diagnostics?: { file: string; range: unknown }[] };
        if (!Array.isArray(j.files) || j.files.length !== group.length)
          res.failures.push({
            kind: 'exception',
            detail: `the JSON report lists ${j.files?.length} files, not ${group.length}`,
            files: group.map((c) => c.name),
          });
        if (!Array.isArray(j.diagnostics))
          res.failures.push({ kind: 'exception', detail: 'the JSON report has no diagnostics list', files: group.map((c) => c.name) });
      } catch (e) {
        res.failures.push({
          kind: 'exception',
          detail: `the JSON report does not parse: ${(e as Error).message}; stdout starts ${JSON.stringify(out.slice(0, 200))}`,
          files: group.map((c) => c.name),
        });
      }
      if (snapshot(dir) !== before) res.failures.push({ kind: 'fix', detail: 'lint without --fix changed the directory', files: group.map((c) => c.name) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  res.ms = performance.now() - t0;
  return res;
}
