/**
 * The combination engine: exact feasibility, conflicts, ranges, counts and listings of the valid
 * selections of a qualification's rules of combination. Public API: analyse, enumerate,
 * fillToMinimum here (assess: analyse without the count, for the lint checks); checkSelection
 * (check.ts); describeRule (describe.ts).
 *
 * ## Algorithm: dynamic programming over a compact rule state (never over subsets)
 * Every rule becomes linear constraints lo <= Σ d(u) over the selected units <= hi (model.ts):
 * unit and credit counters of count rules (d = 1 or the credit of a unit in scope), barred
 * combinations (d = 1 on the listed units, at most 1), a level share as a signed weighted
 * difference (d = (100 - p)·credit at or above the level, -p·credit below, Σ d >= 0, integers after
 * dividing by the gcd). Mandatory units are forced in.
 *
 * Units are decided one by one ("layers") in a processing order that keeps each group together
 * and puts blocks of groups tied by a multi-group constraint first (order.ts). A state is the
 * vector of the values of the constraints that still matter:
 * - a constraint is carried only between its first and last unit in the order, so a per-group
 *   counter lives while its group is processed, and is checked and dropped after it;
 * - a state dies as soon as a constraint cannot be met whatever the remaining units do
 *   (v + positive still to come < lo, or v - negative still to come > hi);
 * - a value collapses to one canonical value as soon as its constraint holds whatever the
 *   remaining units do: this caps each counter at the largest threshold that matters, and the
 *   level-share difference at what can still be lost — also bounded by the credit a total-credit
 *   maximum still allows.
 * A forward pass (sweep.ts) keeps one layer of states (Map-free: direct addressing or an
 * open-addressing hash of a mixed-radix key) with, per state, the exact number of valid prefixes
 * (48-bit limbs, so any size) and the min / max prefix credit, GLH and TQT, plus back-pointers to
 * rebuild the selections of least and most credit. Pools of 40 units or more are cut in two halves
 * that each start from an empty prefix (meet in the middle): the pass over the first half stops at
 * the cut, a fresh pass over the second half tracks what it adds to the constraints spanning the
 * cut (at most two: total credit and level share, typically), and the two are joined with 2-D
 * prefix sums. Each half keeps the whole-pool counters small where a single pass would carry them
 * at full width through the second half; on the benchmark's 200-unit synthetic this visits
 * 3.6 million states instead of 36 million.
 *
 * Feasibility of each rule alone, and of subsets of rules for the smallest conflict, is a depth-first
 * search over the same states with a memo of dead states that stops at the first valid selection.
 * The smallest conflict: a deletion pass finds an irreducible infeasible set (size m), then subsets
 * of rules are tried by increasing size below m (up to a budget of 5000 searches, after which the
 * irreducible set is returned). Paging (enumerate) builds the DAG of states over the pool order with
 * a backward pass of completion counts (dag.ts), and walks down it skipping whole subtrees.
 *
 * ## Complexity
 * O(S · c) time for S states visited over all layers and c live constraints per state; S is at
 * most Σ over layers of the product of the live constraints' value ranges (threshold + 1 for a
 * counter, the credit still to come for a level share), far less in practice because the values are
 * correlated. Memory: two layers of states plus 8 bytes per state for back-pointers. ISP Diploma
 * (32 units, 4 groups): about 7,000 states, a few milliseconds. The smallest conflict costs at most
 * Σ_{k < m} C(r, k) feasibility searches for r rules. Long runs check `options.maxMillis` and
 * `options.signal` every 1024 states and throw ComboTimeoutError.
 */
import { Dag, feasible } from './dag.js';
import { Guard, type EngineOptions } from './guard.js';
import { compile, indexPool, prepare } from './model.js';
import { planOrder } from './order.js';
import { solve } from './sweep.js';
import type { ComboProblem } from './types.js';

export type { EngineOptions, Strategy } from './guard.js';
export { ComboTimeoutError } from './errors.js';

export interface RangeResult {
  min: number;
  /** Always a number here: the pool is finite. */
  max: number | null;
  minExample: string[];
  maxExample: string[];
}

export interface Analysis {
  feasible: boolean;
  /** Each rule alone, over the pool. */
  perRule: { id: string; feasible: boolean }[];
  /** When infeasible: a smallest set of rule ids that together cannot be met. */
  conflict: string[] | null;
  /** Achievable total credit over all valid selections (null if infeasible). */
  credit: RangeResult | null;
  /** Achievable GLH range (null if infeasible or a unit of the pool lacks GLH). */
  glh: { min: number; max: number } | null;
  /** Achievable TQT range (null if infeasible or a unit of the pool lacks TQT). */
  tqt: { min: number; max: number } | null;
  /** Exact number of valid selections (subsets of the pool meeting every rule, the empty one included when valid). */
  count: bigint;
}

/** Most feasibility searches spent looking for a conflict smaller than the irreducible one found first. */
const CONFLICT_BUDGET = 5000;

function* combinations(items: readonly number[], k: number, start = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) {
    yield [...acc];
    return;
  }
  for (let i = start; i <= items.length - (k - acc.length); i++) {
    acc.push(items[i]!);
    yield* combinations(items, k, i + 1, acc);
    acc.pop();
  }
}

/** Rule indices of a smallest set of rules that cannot all be met together (the rules being infeasible). */
function smallestConflict(problem: ComboProblem, byRef: Map<string, number>, order: readonly number[], perRule: readonly boolean[], guard: Guard): number[] {
  const all = problem.rules.map((_, i) => i);
  const single = all.find((i) => !perRule[i]);
  if (single !== undefined) return [single];
  const infeasible = (set: readonly number[]): boolean => !feasible(compile(problem, byRef, order, set), guard);
  // Deletion pass: an irreducible infeasible set, an upper bound on the smallest size.
  let core = [...all];
  for (const r of all) {
    const trial = core.filter((x) => x !== r);
    if (infeasible(trial)) core = trial;
  }
  let budget = CONFLICT_BUDGET;
  for (let k = 2; k < core.length; k++) {
    for (const set of combinations(all, k)) {
      if (budget-- <= 0) return core;
      if (infeasible(set)) return set;
    }
  }
  return core;
}

function refsOf(problem: ComboProblem, indices: readonly number[]): string[] {
  return [...indices].sort((a, b) => a - b).map((i) => problem.units[i]!.ref);
}

function hasAll(problem: ComboProblem, field: 'glh' | 'tqt'): boolean {
  return problem.units.every((u) => typeof u[field] === 'number' && Number.isFinite(u[field]));
}

/**
 * Exact analysis of a qualification's rules over its pool: feasibility (all rules, each rule alone),
 * a smallest conflict, the achievable credit, GLH and TQT ranges, and the number of valid
 * selections. Throws {@link ComboTimeoutError} past `maxMillis` or when `signal` is aborted, and
 * ComboInputError on a malformed pool (duplicate refs, credits that are not whole numbers >= 0).
 */
export function analyse(problem: ComboProblem, options: EngineOptions = {}): Analysis {
  const { count, ...rest } = examine(problem, options, true);
  return { ...rest, count: count! };
}

/** What {@link analyse} reports, but the number of valid selections. */
export type Assessment = Omit<Analysis, 'count'>;

/**
 * The same figures as {@link analyse} but the count, for the lint checks, at less cost: the valid
 * selections are not counted (no count limbs, no big-integer join), and the rules are searched one
 * by one only when they cannot all be met. Every field equals analyse()'s; throws the same errors.
 */
export function assess(problem: ComboProblem, options: EngineOptions = {}): Assessment {
  const { count: _count, ...rest } = examine(problem, options, false);
  return rest;
}

/**
 * analyse() (`full`) or assess(). Without `full`, a feasible problem has every rule feasible alone
 * without a search: the selection that meets all the rules meets each one (a rule alone only drops
 * constraints and mandatory units).
 */
function examine(problem: ComboProblem, options: EngineOptions, full: boolean): Assessment & { count: bigint | null } {
  const guard = new Guard(options);
  const byRef = indexPool(problem.units);
  const all = problem.rules.map((_, i) => i);
  const prep = prepare(problem, byRef, all);
  const plan = planOrder(prep);
  const order = plan.order;
  const res = solve(prep, guard, options.strategy, full, plan);
  // Some valid selection exactly when the pass found a path (count 0n <=> minPath null).
  const ok = res.minPath !== null;
  const perRuleOk = problem.rules.map((_, i) => (!full && ok) || feasible(compile(problem, byRef, order, [i]), guard));
  const perRule = problem.rules.map((r, i) => ({ id: r.id, feasible: perRuleOk[i]! }));
  const count = res.count;
  if (!ok) {
    const conflict = smallestConflict(problem, byRef, order, perRuleOk, guard).map((i) => problem.rules[i]!.id);
    return { feasible: false, perRule, conflict, credit: null, glh: null, tqt: null, count };
  }
  const credit: RangeResult = {
    min: res.minCredit,
    max: res.maxCredit,
    minExample: refsOf(problem, res.minPath!),
    maxExample: refsOf(problem, res.maxPath!),
  };
  const glh = hasAll(problem, 'glh') ? { min: res.minGlh, max: res.maxGlh } : null;
  const tqt = hasAll(problem, 'tqt') ? { min: res.minTqt, max: res.maxTqt } : null;
  return { feasible: true, perRule, conflict: null, credit, glh, tqt, count };
}

/** A few DAGs over the pool order, kept for paging through the same problem. */
const pageCache = new Map<string, Dag>();
const PAGE_CACHE_SIZE = 4;

function problemKey(problem: ComboProblem): string {
  return JSON.stringify([problem.units.map((u) => [u.ref, u.group, u.level, u.credit]), problem.rules]);
}

/**
 * The listing order of enumerate(): the pool grouped by group (groups in order of first
 * appearance, pool order within a group) — the pool order itself when, as in a spec, each group's
 * units are listed together.
 */
export function listingOrder(problem: ComboProblem): number[] {
  const groups = new Map<string, number[]>();
  problem.units.forEach((u, i) => {
    const list = groups.get(u.group);
    if (list) list.push(i);
    else groups.set(u.group, [i]);
  });
  return [...groups.values()].flat();
}

/**
 * Page `page` (from 0) of the valid selections, `pageSize` per page, each as refs in pool order.
 * The order is stable: two selections are compared at the first unit of the listing order (see
 * listingOrder; the pool order for a pool listed group by group) where they differ, and the one
 * that selects it comes first (so, for units A, B, C: ABC, AB, AC, A, BC, B, C, then the empty
 * selection if valid). A page past the end is empty. Only the requested page is listed: counts of
 * completions on the state DAG skip whole subtrees. The DAG of the last few problems is kept, so
 * paging through one problem builds it once.
 */
export function enumerate(problem: ComboProblem, page: number, pageSize: number, options: EngineOptions = {}): string[][] {
  if (!Number.isInteger(page) || !Number.isInteger(pageSize) || page < 0 || pageSize <= 0) return [];
  const guard = new Guard(options);
  const key = problemKey(problem);
  let dag = pageCache.get(key);
  if (dag) {
    pageCache.delete(key);
  } else {
    const byRef = indexPool(problem.units);
    const all = problem.rules.map((_, i) => i);
    dag = new Dag(compile(problem, byRef, listingOrder(problem), all), guard);
  }
  pageCache.set(key, dag);
  while (pageCache.size > PAGE_CACHE_SIZE) pageCache.delete(pageCache.keys().next().value!);
  return dag.page(BigInt(page) * BigInt(pageSize), pageSize, guard).map((sel) => refsOf(problem, sel));
}

/**
 * A valid selection containing every unit of `selected` with the smallest total credit (fewest
 * units among those), as the full list of refs in pool order; null when no valid selection
 * contains them all, or when one of them is not in the pool.
 */
export function fillToMinimum(problem: ComboProblem, selected: readonly string[], options: EngineOptions = {}): string[] | null {
  const guard = new Guard(options);
  const byRef = indexPool(problem.units);
  const forced: number[] = [];
  for (const ref of selected) {
    const p = byRef.get(ref);
    if (p === undefined) return null;
    forced.push(p);
  }
  const all = problem.rules.map((_, i) => i);
  const res = solve(prepare(problem, byRef, all, forced), guard, options.strategy);
  return res.minPath ? refsOf(problem, res.minPath) : null;
}
