/**
 * Issue 17's speed target: `qualspec diff` of two versions of the ISP spec, impact included, under
 * 300 ms. Two pairs: the published v1.1 against v1.2 (the corrections of its change history), and
 * v1.2 against a v1.3 that changes rules of combination and a unit's credit and level (the count
 * of plans valid under both versions then splits by that unit). Each rep is a whole diffSpecs():
 * parse both texts, the semantic diff, the engine's counts before, after and under both, change
 * control and the drafted entry. The first call (a new process: cold code, empty engine memo) is
 * what a CLI run costs; later calls find the per-version analyses in the engine's memo, as an
 * editor comparing again does, and re-run the combined count every time.
 *
 *   worker: node bench/.work/bench.cjs worker diff [reps]
 */
import { readFileSync } from 'node:fs';
import { diffSpecs } from '../server/src/core/diff/index';
import { fmtMs, mmm, summarise } from './stats';

export const DIFF_TARGET_MS = 300;

function pairs(): { name: string; old: string; new: string }[] {
  const v11 = readFileSync('test/fixtures/as-published/isp-level-5-professional-sales.yaml', 'utf8');
  const v12 = readFileSync('specs/isp-level-5-professional-sales.yaml', 'utf8');
  const v13 = v12
    .replace(
      'BUSINESS units totalling at least 9 credits\n        groups: [business]\n        minCredits: 9',
      'BUSINESS units totalling at least 12 credits\n        groups: [business]\n        minCredits: 12',
    )
    .replace('        text: A minimum of 37 credits\n        minCredits: 37', '        text: A minimum of 40 credits\n        minCredits: 40')
    .replace(/(- ref: L4B3\n(?: {4}.*\n)*? {4}level: )4/, '$15')
    .replace(/(- ref: L4B3\n(?: {4}.*\n)*? {4}credit: )\d+/, '$16');
  if (v13 === v12) throw new Error('bench/diff.ts: the v1.3 edits no longer apply to the ISP spec');
  return [
    { name: 'ISP v1.1 (as published) → v1.2', old: v11, new: v12 },
    { name: 'ISP v1.2 → v1.3 (rules, a unit’s credit and level)', old: v12, new: v13 },
  ];
}

export function diffWorker(reps: number): unknown {
  return pairs().map((p) => {
    const run = (i: number) => {
      const t0 = performance.now();
      // A comment per rep: a new text each time (nothing memoised by text), the same content.
      const r = diffSpecs({ label: 'old', uri: 'file:///old.yaml', text: p.old }, { label: 'new', uri: 'file:///new.yaml', text: `${p.new}\n# rep ${i}\n` });
      return { ms: performance.now() - t0, changes: r.changes.length, impact: r.impact.map((q) => [q.before, q.after, q.both]) };
    };
    const first = run(0);
    const warm: number[] = [];
    for (let i = 1; i <= reps; i++) warm.push(run(i).ms);
    return { name: p.name, first: first.ms, warm, changes: first.changes, impact: first.impact };
  });
}

type Row = { name: string; first: number; warm: number[]; changes: number; impact: (string | null)[][] };
type Target = { what: string; target: string; got: string; m: 'met' | 'missed' | 'not measured' };

/** The report section, and the target rows. */
export function diffReport(result: unknown, p: (s?: string) => void, targets: Target[]): void {
  p('## Version diff (issue 17): `qualspec diff` of two versions of the ISP spec');
  p();
  const rows = result as Row[] | undefined;
  if (!rows) {
    p('Not run (`--only`).');
    p();
    return;
  }
  p(
    'Whole `diffSpecs()` calls in one process: parse both versions, semantic diff, impact by the engine (valid selections before, after and under both), change control, drafted entry. "First call" is a fresh process (what a CLI run costs); later calls reuse the engine memo for each version alone and recompute the combined count.',
  );
  p();
  p('| Pair | changes | valid selections before / after / both (Certificate; Diploma) | first call | later calls |');
  p('| --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const s = summarise(r.warm);
    p(`| ${r.name} | ${r.changes} | ${r.impact.map((q) => q.join(' / ')).join('; ')} | ${fmtMs(r.first)} | ${mmm(s)} |`);
    targets.push({
      what: `Diff: ${r.name}, impact included < ${fmtMs(DIFF_TARGET_MS)}`,
      target: `< ${fmtMs(DIFF_TARGET_MS)}`,
      got: `${fmtMs(r.first)} first call, ${fmtMs(s.median)} later`,
      m: r.first < DIFF_TARGET_MS ? 'met' : 'missed',
    });
  }
  p();
}
