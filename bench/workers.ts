/**
 * In-process measurements, each run in a fresh child process by run.ts (so a cold first call is
 * really cold, and one measurement's heap does not weigh on the next). Each prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { analyseFile } from '../server/src/core/index';
import { WorkspaceIndex } from '../server/src/core/workspace/index';
import { buildProblem } from '../server/src/core/combination/from-spec';
import { analyse, type ComboProblem, type ComboRule, type ComboUnit } from '../server/src/core/combination/index';
import { Rng } from './generate';
import { ALL_RULES } from '../server/src/core/rules/index';

/**
 * The engine's own split on one file: analyseFile().timing (parse = parse + model + summary, check =
 * every file check) against yaml's parseDocument of the same text, alternating, warm. `same`: the
 * same text every time; `edited`: one unit title changed each time (what an edit in the editor
 * costs: caches keyed by content miss).
 */
export function split(file: string, iters: number): unknown {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(path.resolve(file)).href;
  const t0 = performance.now();
  const cold = analyseFile(uri, text, { index: new WorkspaceIndex() });
  const coldWall = performance.now() - t0;
  const m = /\n {4}title: ([^\n]+)\n/.exec(text.slice(text.indexOf('\nunits:')));
  const titleAt = text.indexOf('\nunits:') + m!.index + 11 + m![1]!.length; // last char of the first unit title
  const variant = (i: number) => text.slice(0, titleAt - 1) + (i % 2 ? 'X' : text[titleAt - 1]) + text.slice(titleAt);
  const yamlMs: number[] = [];
  const same: { parse: number; check: number }[] = [];
  const edited: { parse: number; check: number }[] = [];
  for (let i = 0; i < 3; i++) {
    parseDocument(text);
    analyseFile(uri, text, { index: new WorkspaceIndex() });
  }
  for (let i = 0; i < iters; i++) {
    const a = performance.now();
    parseDocument(text);
    yamlMs.push(performance.now() - a);
    same.push(analyseFile(uri, text, { index: new WorkspaceIndex() }).timing);
    edited.push(analyseFile(uri, variant(i + 1), { index: new WorkspaceIndex() }).timing);
  }
  return { bytes: text.length, findings: cold.findings.length, cold: { ...cold.timing, wall: coldWall }, yamlMs, same, edited };
}

// ---------------------------------------------------------------------------------------------
// Combination engine vs brute force.

export interface BruteResult {
  feasible: boolean;
  min: number | null;
  max: number | null;
  count: number;
  subsets: number;
}

/**
 * Brute-force enumeration of every subset of the pool in Gray-code order, each rule kept as running
 * sums updated by the one unit that changes (so each subset costs O(constraints), not O(units)).
 */
export function bruteForce(p: ComboProblem): BruteResult {
  const n = p.units.length;
  if (n > 30) throw new Error(`brute force over ${n} units (2^${n} subsets) would not finish`);
  const byRef = new Map(p.units.map((u, i) => [u.ref, i]));
  const vecs: { d: Float64Array; lo: number; hi: number }[] = [];
  let mandatory = 0;
  let impossible = false;
  for (const r of p.rules) {
    if (r.kind === 'mandatory') {
      for (const ref of r.units) {
        const i = byRef.get(ref);
        if (i === undefined) impossible = true;
        else mandatory |= 1 << i;
      }
    } else if (r.kind === 'barred') {
      const d = new Float64Array(n);
      for (const ref of r.units) if (byRef.has(ref)) d[byRef.get(ref)!] = 1;
      vecs.push({ d, lo: -Infinity, hi: 1 });
    } else if (r.kind === 'levelShare') {
      const d = new Float64Array(n);
      p.units.forEach((u, i) => (d[i] = (u.level >= r.level ? 100 - (r.minPercent ?? 0) : -(r.minPercent ?? 0)) * (u.credit ?? 0)));
      vecs.push({ d, lo: 0, hi: Infinity });
    } else {
      const inScope = (u: ComboUnit) =>
        (r.scopeGroups === undefined && r.scopeUnits === undefined) || (r.scopeGroups?.includes(u.group) ?? false) || (r.scopeUnits?.includes(u.ref) ?? false);
      if (r.minUnits !== undefined || r.maxUnits !== undefined) {
        const d = new Float64Array(n);
        p.units.forEach((u, i) => (d[i] = inScope(u) ? 1 : 0));
        vecs.push({ d, lo: r.minUnits ?? -Infinity, hi: r.maxUnits ?? Infinity });
      }
      if (r.minCredits !== undefined || r.maxCredits !== undefined) {
        const d = new Float64Array(n);
        p.units.forEach((u, i) => (d[i] = inScope(u) ? (u.credit ?? 0) : 0));
        vecs.push({ d, lo: r.minCredits ?? -Infinity, hi: r.maxCredits ?? Infinity });
      }
    }
  }
  const c = vecs.length;
  const sums = new Float64Array(c);
  const lo = Float64Array.from(vecs, (v) => v.lo);
  const hi = Float64Array.from(vecs, (v) => v.hi);
  const credit = p.units.map((u) => u.credit);
  let mask = 0;
  let total = 0;
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  const check = () => {
    if ((mask & mandatory) !== mandatory) return;
    for (let k = 0; k < c; k++) if (sums[k]! < lo[k]! || sums[k]! > hi[k]!) return;
    count++;
    if (total < min) min = total;
    if (total > max) max = total;
  };
  const subsets = 2 ** n;
  if (!impossible) {
    check();
    for (let g = 1; g < subsets; g++) {
      // The bit that flips between Gray codes g-1 and g: the lowest set bit of g.
      const i = 31 - Math.clz32(g & -g);
      const on = !(mask & (1 << i));
      mask ^= 1 << i;
      const s = on ? 1 : -1;
      total += s * credit[i]!;
      for (let k = 0; k < c; k++) sums[k] += s * vecs[k]!.d[i]!;
      check();
    }
  }
  return { feasible: count > 0, min: count ? min : null, max: count ? max : null, count, subsets };
}

/** Keep the first `perGroup` units of each group (in pool order), and the rules' units among them. */
export function restrict(p: ComboProblem, perGroup: number): ComboProblem {
  const seen = new Map<string, number>();
  const units = p.units.filter((u) => {
    const k = seen.get(u.group) ?? 0;
    seen.set(u.group, k + 1);
    return k < perGroup;
  });
  const refs = new Set(units.map((u) => u.ref));
  const rules: ComboRule[] = p.rules.map((r) =>
    r.kind === 'mandatory' || r.kind === 'barred'
      ? { ...r, units: r.units.filter((x) => refs.has(x)) }
      : r.kind === 'count' && r.scopeUnits
        ? { ...r, scopeUnits: r.scopeUnits.filter((x) => refs.has(x)) }
        : r,
  );
  return { ...p, units, rules: rules.filter((r) => !((r.kind === 'mandatory' || r.kind === 'barred') && r.units.length === 0)) };
}

/** A synthetic qualification: `n` units in `groups` groups with every rule kind. */
export function synthetic(n = 200, groups = 8, seed = 'synthetic'): ComboProblem {
  const r = new Rng(seed);
  const units: ComboUnit[] = [];
  for (let i = 0; i < n; i++) {
    const credit = r.pick([3, 3, 4, 4, 5, 6, 8, 10]);
    units.push({ ref: `S${i % groups}U${i}`, group: `g${i % groups}`, level: r.pick([3, 4, 4, 5, 5, 5, 6]), credit, glh: credit * 5, tqt: credit * 10 });
  }
  const g = (k: number) => `g${k}`;
  const rules: ComboRule[] = [
    { kind: 'count', id: 'total', minCredits: 120, maxCredits: 240 },
    ...Array.from({ length: groups }, (_, k): ComboRule => ({ kind: 'count', id: `${g(k)}-units`, scopeGroups: [g(k)], minUnits: 1, maxUnits: 8 })),
    { kind: 'count', id: 'g0-credits', scopeGroups: [g(0)], minCredits: 12 },
    { kind: 'count', id: 'g1-g2-credits', scopeGroups: [g(1), g(2)], minCredits: 20, maxCredits: 60 },
    { kind: 'count', id: 'g6-g7-max', scopeGroups: [g(6), g(7)], maxCredits: 40 },
    { kind: 'count', id: 'optional', scopeUnits: [units[3]!.ref, units[11]!.ref, units[19]!.ref, units[27]!.ref], maxUnits: 2 },
    { kind: 'mandatory', id: 'mandatory', units: [units[0]!.ref, units[9]!.ref, units[18]!.ref] },
    { kind: 'barred', id: 'barred-1', units: [units[1]!.ref, units[2]!.ref] },
    { kind: 'barred', id: 'barred-2', units: [units[4]!.ref, units[13]!.ref, units[22]!.ref] },
    { kind: 'levelShare', id: 'level-share', level: 5, minPercent: 50 },
  ];
  return { units, rules };
}

function problemsFromSpecs(): Record<string, ComboProblem> {
  const out: Record<string, ComboProblem> = {};
  for (const [file, quals] of [
    ['specs/isp-level-5-professional-sales.yaml', { 'ISP Diploma': 'Diploma', 'ISP Certificate': 'Certificate' }],
    ['specs/ilm-l2-sales-management.yaml', { 'ILM Certificate': 'Certificate' }],
  ] as const) {
    const uri = pathToFileURL(path.resolve(file)).href;
    const index = new WorkspaceIndex();
    const { model } = analyseFile(uri, readFileSync(file, 'utf8'), { index });
    for (const [label, word] of Object.entries(quals)) {
      const q = model.qualifications.find((x) => x.type !== 'award' && x.title?.includes(word));
      if (!q) throw new Error(`no ${word} in ${file}`);
      out[label] = buildProblem(model, q, index, uri).problem;
    }
  }
  return out;
}

/**
 * Engine vs brute force, alternating, `reps` times each. The engine's first call on each problem
 * in this process is reported apart as `cold`.
 */
export function combos(reps: number, bruteMaxUnits: number, maxMillis: number): unknown {
  const spec = problemsFromSpecs();
  const cases: { name: string; problem: ComboProblem; target?: number; brute: boolean }[] = [
    { name: 'ISP Diploma (32 units)', problem: spec['ISP Diploma']!, target: 50, brute: false },
    { name: 'ISP Certificate (32 units)', problem: spec['ISP Certificate']!, target: 50, brute: false },
    { name: 'ILM Certificate', problem: spec['ILM Certificate']!, brute: true },
    { name: 'ISP Certificate, 20 units', problem: restrict(spec['ISP Certificate']!, 5), brute: true },
    { name: 'ISP Diploma, 20 units', problem: restrict(spec['ISP Diploma']!, 5), brute: true },
    { name: 'ISP Diploma, 24 units', problem: restrict(spec['ISP Diploma']!, 6), brute: bruteMaxUnits >= 24 },
    { name: 'Synthetic, 200 units in 8 groups', problem: synthetic(), target: 1000, brute: false },
  ];
  const results = [];
  for (const c of cases) {
    const t0 = performance.now();
    let first: ReturnType<typeof analyse>;
    try {
      first = analyse(c.problem, { maxMillis });
    } catch (e) {
      // ComboTimeoutError: reported as "more than maxMillis", no further runs.
      results.push({
        name: c.name,
        units: c.problem.units.length,
        rules: c.problem.rules.length,
        target: c.target,
        timedOut: maxMillis,
        error: e instanceof Error ? e.message : String(e),
        cold: performance.now() - t0,
        engine: [],
        brute: [],
      });
      continue;
    }
    const cold = performance.now() - t0;
    const engine: number[] = [];
    const brute: number[] = [];
    let b: BruteResult | undefined;
    for (let i = 0; i < reps; i++) {
      const a = performance.now();
      analyse(c.problem);
      engine.push(performance.now() - a);
      if (c.brute && c.problem.units.length <= bruteMaxUnits) {
        const s = performance.now();
        b = bruteForce(c.problem);
        brute.push(performance.now() - s);
      }
    }
    const agree = b
      ? b.feasible === first.feasible && BigInt(b.count) === first.count && (!b.feasible || (b.min === first.credit?.min && b.max === first.credit?.max))
      : undefined;
    results.push({
      name: c.name,
      units: c.problem.units.length,
      rules: c.problem.rules.length,
      target: c.target,
      feasible: first.feasible,
      range: first.credit ? [first.credit.min, first.credit.max] : null,
      count: first.count.toString(),
      cold,
      engine,
      brute,
      ...(b ? { bruteResult: { ...b }, agree } : {}),
    });
  }
  return { results };
}

/**
 * The spelling checks on one file, in a fresh process: `coldMs` loads the dictionaries and checks
 * the whole file (what the first open costs); then, warm, one word of a unit purpose changed per
 * round (a new typo each time, so neither the per-text nor the per-word memo has it): the two
 * spelling rules' own time per edit, and analyseFile's whole check time beside it.
 */
export function spelling(file: string, iters: number): unknown {
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(path.resolve(file)).href;
  const rules = ALL_RULES.filter((r) => r.meta.id === 'spelling' || r.meta.id === 'us-spelling');
  const t0 = performance.now();
  const cold = analyseFile(uri, text, { index: new WorkspaceIndex(), rules });
  const coldMs = performance.now() - t0;
  const at = text.indexOf('purpose: ') + 'purpose: '.length;
  const spellMs: number[] = [];
  const checkMs: number[] = [];
  let flagged = 0;
  for (let i = 0; i < iters; i++) {
    const typo = `Tpyo${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + (Math.floor(i / 26) % 26))}ing `;
    const edited = text.slice(0, at) + typo + text.slice(at);
    const a = performance.now();
    const r = analyseFile(uri, edited, { index: new WorkspaceIndex(), rules });
    spellMs.push(performance.now() - a - r.timing.parse);
    if (r.findings.some((f) => f.ruleId === 'spelling')) flagged++;
    checkMs.push(analyseFile(uri, edited, { index: new WorkspaceIndex() }).timing.check);
  }
  return { coldMs, coldCheckMs: cold.timing.check, coldFindings: cold.findings.length, spellMs, checkMs, flagged, iters };
}
