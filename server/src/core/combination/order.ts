/** The processing order of the units, and the cut of the pool in two halves. */
import { INF, type Prepared } from './model.js';
import type { ComboProblem } from './types.js';

/** Groups of the pool (units in pool order), in order of first appearance. */
function poolGroups(problem: ComboProblem): number[][] {
  const groups = new Map<string, number[]>();
  problem.units.forEach((u, i) => {
    const list = groups.get(u.group);
    if (list) list.push(i);
    else groups.set(u.group, [i]);
  });
  return [...groups.values()];
}

/** Pools at least this large are cut in two halves (meet in the middle) when the rules allow it. */
const SPLIT_MIN_UNITS = 40;

export interface Plan {
  /** Processing order for a single forward pass. */
  order: number[];
  /** The two halves for a split run (see splitSweep), or null. */
  halves: [number[], number[]] | null;
}

/**
 * The processing order: units grouped by group, so that a per-group counter lives only while its
 * group is processed. Groups tied by a constraint over several groups ("Leadership or Self", a
 * barred pair across groups) form a block and stay together. Blocks carrying the most local state
 * (the product of the thresholds of their constraints) come first, while the constraints over the
 * whole pool (total credit, level share) still have few values; within a block, the groups of its
 * heaviest multi-group constraint come first. For a split run, blocks are dealt heaviest first to
 * the half with fewer units, so each half starts with a heavy block. Results do not depend on the
 * order; only speed does.
 */
export function planOrder(prep: Prepared): Plan {
  const problem = prep.problem;
  const groups = poolGroups(problem);
  // Within a group: forced units first, then the units of each constraint that covers only part of
  // the group (a unit list, a barred combination), together, so such a constraint lives briefly.
  const tag = new Float64Array(problem.units.length).fill(Infinity);
  prep.raw.forEach((rc, r) => {
    for (const list of groups) {
      const inside = list.filter((p) => rc.d[p] !== 0);
      if (inside.length > 0 && inside.length < list.length) for (const p of inside) tag[p] = Math.min(tag[p]!, r);
    }
  });
  for (const list of groups) {
    list.sort((a, b) => prep.forced[b]! - prep.forced[a]! || tag[a]! - tag[b]! || a - b);
  }
  const G = groups.length;
  if (G <= 1) return { order: groups.flat(), halves: null };
  const groupOf = new Int32Array(problem.units.length);
  groups.forEach((list, g) => list.forEach((p) => (groupOf[p] = g)));
  const parent = groups.map((_, g) => g);
  const find = (g: number): number => (parent[g] === g ? g : (parent[g] = find(parent[g]!)));
  const weight = new Float64Array(G).fill(1); // product of local thresholds per group
  const heavy = new Float64Array(G); // heaviest multi-group constraint per group
  for (const rc of prep.raw) {
    const touched = new Set<number>();
    let pos = 0;
    let neg = 0;
    rc.d.forEach((x, p) => {
      if (x !== 0) touched.add(groupOf[p]!);
      if (x > 0) pos += x;
      else neg -= x;
    });
    if (touched.size === 0 || touched.size === G) continue; // whole-pool constraints
    const radix = Math.max(1, Math.min(rc.hi === INF ? rc.lo : rc.hi, pos + neg) + 1);
    const list = [...touched];
    for (const g of list) {
      weight[g]! *= radix ** (1 / list.length);
      if (list.length > 1) heavy[g] = Math.max(heavy[g]!, radix);
    }
    for (const g of list.slice(1)) parent[find(g)] = find(list[0]!);
  }
  const blocks = new Map<number, number[]>();
  groups.forEach((_, g) => {
    const root = find(g);
    const list = blocks.get(root);
    if (list) list.push(g);
    else blocks.set(root, [g]);
  });
  const sorted = [...blocks.values()]
    .map((b, k) => ({ b: [...b].sort((x, y) => heavy[y]! - heavy[x]! || x - y), k, w: b.reduce((w, g) => w * weight[g]!, 1) }))
    .sort((x, y) => y.w - x.w || x.k - y.k);
  const unitsOf = (gs: readonly number[]): number[] => gs.flatMap((g) => groups[g]!);
  const order = unitsOf(sorted.flatMap(({ b }) => b));
  if (sorted.length < 2 || problem.units.length < SPLIT_MIN_UNITS) return { order, halves: null };
  const halves: number[][] = [[], []];
  for (const { b } of sorted) {
    const h = halves[0]!.length <= halves[1]!.length ? 0 : 1;
    halves[h]!.push(...unitsOf(b));
  }
  return { order, halves: [halves[0]!, halves[1]!] };
}

/** The processing order of a single forward pass (see planOrder). */
export function chooseOrder(prep: Prepared): number[] {
  return planOrder(prep).order;
}
