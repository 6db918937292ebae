/**
 * Bench entries for `qualspec publish` (issue 18): the HTML of the ISP spec (target < 1 s) and its
 * PDF printed with the machine's Chromium (target < 15 s), each as a user runs it — a fresh
 * `node dist/cli.js publish …` process, wall time — plus the renderer alone, in process, warm.
 * Registered in run.ts (section `publish`); the PDF entry is skipped, with the reason, when no
 * browser is found.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyseFile } from '../server/src/core/lint/engine';
import { publishDocument } from '../server/src/core/publish/index';
import { findBrowser } from '../server/src/publish/pdf';

export interface PublishBench {
  htmlMs: number[];
  pdfMs: number[] | { skipped: string };
  renderMs: number[];
  targets: { htmlUnder1s: boolean; pdfUnder15s: boolean | null };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};

export function publishBench(repo: string, reps: number, log: (s: string) => void = () => {}): PublishBench {
  const cli = path.join(repo, 'dist', 'cli.js');
  const spec = path.join(repo, 'specs', 'isp-level-5-professional-sales.yaml');
  const out = mkdtempSync(path.join(os.tmpdir(), 'qualspec-bench-publish-'));
  const timed = (args: string[]): number => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'publish', spec, '--out', out, ...args], { encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`qualspec publish ${args.join(' ')} failed: ${r.stderr}`);
    return ms;
  };
  try {
    const htmlMs = Array.from({ length: reps }, () => timed([]));
    log(`publish: HTML of the ISP spec, median ${median(htmlMs).toFixed(0)} ms (target < 1000 ms)`);
    let pdfMs: PublishBench['pdfMs'];
    try {
      findBrowser(undefined);
      pdfMs = Array.from({ length: Math.max(1, Math.min(3, reps)) }, () => timed(['--pdf']));
      log(`publish: PDF of the ISP spec, median ${median(pdfMs).toFixed(0)} ms (target < 15000 ms)`);
    } catch (e) {
      pdfMs = { skipped: e instanceof Error ? e.message : String(e) };
      log(`publish: PDF skipped: ${pdfMs.skipped}`);
    }
    const text = readFileSync(spec, 'utf8');
    const uri = pathToFileURL(spec).href;
    const renderMs: number[] = [];
    for (let i = 0; i < reps + 2; i++) {
      const { parsed, model } = analyseFile(uri, text);
      const t0 = performance.now();
      publishDocument({ uri, parsed, model });
      if (i >= 2) renderMs.push(performance.now() - t0);
    }
    log(`publish: renderer alone (warm, in process), median ${median(renderMs).toFixed(1)} ms`);
    return {
      htmlMs,
      pdfMs,
      renderMs,
      targets: { htmlUnder1s: median(htmlMs) < 1000, pdfUnder15s: Array.isArray(pdfMs) ? median(pdfMs) < 15000 : null },
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
