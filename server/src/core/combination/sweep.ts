/**
 * Counting and ranges by forward passes over the layers: one pass over the whole order, or two
 * halves joined in the middle (see splitSweep).
 */
import type { Guard, Strategy } from './guard.js';
import { INF, lastKeyPlan, layout, step, type Bounds, type Compiled, type Prepared } from './model.js';
import { planOrder, type Plan } from './order.js';
import { StateIndex } from './states.js';

/** Counts are kept exact as little-endian limbs of 48 bits in float arrays. */
const LIMB = 2 ** 48;

function limbsToBigint(a: Float64Array, off: number, nl: number): bigint {
  let r = 0n;
  for (let k = nl - 1; k >= 0; k--) r = (r << 48n) + BigInt(a[off + k]!);
  return r;
}

export interface SweepResult {
  /** Number of valid selections; null when the pass did not count them (solve's `counting`) and some exist. */
  count: bigint | null;
  minCredit: number;
  maxCredit: number;
  minGlh: number;
  maxGlh: number;
  minTqt: number;
  maxTqt: number;
  /** Pool indices of a valid selection of least credit (fewest units among those), and of most credit. */
  minPath: number[] | null;
  maxPath: number[] | null;
  /** Number of states visited (for diagnostics). */
  states: number;
}

/** Limbs needed for counts at layer i (at most 2^i valid prefixes); none when not counting. */
function limbsAt(i: number, counting: boolean): number {
  return counting ? Math.max(1, Math.ceil((i + 1) / 48)) : 0;
}

/** Offsets of the aggregates in a state record, after the state vector and the count limbs. */
const MIN_C = 0;
const MIN_U = 1;
const MAX_C = 2;
const MIN_G = 3;
const MAX_G = 4;
const MIN_T = 5;
const MAX_T = 6;
const AGG = 7;

/**
 * The states of one layer reached by a forward pass, with per state the number of valid prefixes
 * and the min / max prefix credit, GLH and TQT, and the back-pointers of every layer so far to
 * rebuild the prefixes of least and most credit.
 *
 * A state is one record of `stride` numbers in `data`: the state vector (L numbers), the count
 * limbs (NL), then the aggregates (AGG).
 */
interface Front {
  cp: Compiled;
  layer: number;
  size: number;
  L: number;
  NL: number;
  stride: number;
  data: Float64Array;
  bpMin: Int32Array[];
  bpMax: Int32Array[];
  /** States visited, all layers. */
  states: number;
}

/**
 * The state index of every forward pass: a pass runs to its end before another starts, and its
 * tables, once grown, serve the next pass instead of being allocated (and collected) again.
 */
const sharedIndex = new StateIndex();

/**
 * The forward pass from the empty prefix to layer `upto`, keeping only the current layer. Without
 * `counting`, states carry no count limbs (NL = 0): the states, aggregates and back-pointers are
 * the same.
 */
function forward(cp: Compiled, guard: Guard, upto: number, counting = true): Front {
  const { keys, steps, forced, credit, glh, tqt } = cp;
  let L = 0;
  let NL = limbsAt(0, counting);
  let S = L + NL + AGG;
  let cur = new Float64Array(S);
  if (counting) cur[0] = 1; // one empty prefix; its aggregates are 0
  let nxt = new Float64Array(0);
  let count = cp.impossible ? 0 : 1;
  let states = count;
  const bpMin: Int32Array[] = [new Int32Array(1)];
  const bpMax: Int32Array[] = [new Int32Array(1)];
  let nbpMin = new Int32Array(0);
  let nbpMax = new Int32Array(0);
  const index = sharedIndex;
  const tmp = new Float64Array(Math.max(1, cp.width));
  for (let i = 0; i < upto && count > 0; i++) {
    const kp = keys[i + 1]!;
    const L2 = kp.live.length;
    const NL2 = limbsAt(i + 1, counting);
    const S2 = L2 + NL2 + AGG;
    const sp = steps[i]!;
    const cap = count * 2;
    if (nxt.length < cap * S2) nxt = new Float64Array(Math.max(cap * S2, nxt.length * 2));
    if (nbpMin.length < cap) {
      nbpMin = new Int32Array(Math.max(cap, nbpMin.length * 2));
      nbpMax = new Int32Array(nbpMin.length);
    }
    index.reset(kp, count, guard.checkKeys);
    const c = credit[i]!;
    const g = glh[i]!;
    const t = tqt[i]!;
    const canSkip = !forced[i];
    const V = L + NL;
    const V2 = L2 + NL2;
    let made = 0;
    for (let j = 0; j < count; j++) {
      guard.tick();
      const pj = j * S;
      for (let b = 0; b < 2; b++) {
        const select = b === 0;
        if (!select && !canSkip) continue;
        if (!step(sp, cur, pj, select, tmp)) continue;
        let idx = index.getOrSet(kp, tmp, made);
        let pc: number;
        if (idx < 0) {
          idx = made++;
          pc = idx * S2;
          for (let k = 0; k < L2; k++) nxt[pc + k] = tmp[k]!;
          for (let k = L2; k < V2; k++) nxt[pc + k] = 0;
          nxt[pc + V2 + MIN_C] = Infinity;
          nxt[pc + V2 + MIN_U] = Infinity;
          nxt[pc + V2 + MAX_C] = -Infinity;
          nxt[pc + V2 + MIN_G] = Infinity;
          nxt[pc + V2 + MAX_G] = -Infinity;
          nxt[pc + V2 + MIN_T] = Infinity;
          nxt[pc + V2 + MAX_T] = -Infinity;
        } else pc = idx * S2;
        // Counts: child += parent, in limbs.
        let carry = 0;
        for (let k = 0; k < NL2; k++) {
          let v = nxt[pc + L2 + k]! + (k < NL ? cur[pj + L + k]! : 0) + carry;
          if (v >= LIMB) {
            v -= LIMB;
            carry = 1;
          } else carry = 0;
          nxt[pc + L2 + k] = v;
        }
        const back = select ? j * 2 + 1 : j * 2;
        const ac = select ? c : 0;
        const candMin = cur[pj + V + MIN_C]! + ac;
        const candU = cur[pj + V + MIN_U]! + (select ? 1 : 0);
        const curMin = nxt[pc + V2 + MIN_C]!;
        if (candMin < curMin || (candMin === curMin && candU < nxt[pc + V2 + MIN_U]!)) {
          nxt[pc + V2 + MIN_C] = candMin;
          nxt[pc + V2 + MIN_U] = candU;
          nbpMin[idx] = back;
        }
        const candMax = cur[pj + V + MAX_C]! + ac;
        if (candMax > nxt[pc + V2 + MAX_C]!) {
          nxt[pc + V2 + MAX_C] = candMax;
          nbpMax[idx] = back;
        }
        const ag = select ? g : 0;
        const at = select ? t : 0;
        let x = cur[pj + V + MIN_G]! + ag;
        if (x < nxt[pc + V2 + MIN_G]!) nxt[pc + V2 + MIN_G] = x;
        x = cur[pj + V + MAX_G]! + ag;
        if (x > nxt[pc + V2 + MAX_G]!) nxt[pc + V2 + MAX_G] = x;
        x = cur[pj + V + MIN_T]! + at;
        if (x < nxt[pc + V2 + MIN_T]!) nxt[pc + V2 + MIN_T] = x;
        x = cur[pj + V + MAX_T]! + at;
        if (x > nxt[pc + V2 + MAX_T]!) nxt[pc + V2 + MAX_T] = x;
      }
    }
    bpMin.push(nbpMin.slice(0, made));
    bpMax.push(nbpMax.slice(0, made));
    count = made;
    states += made;
    L = L2;
    NL = NL2;
    S = S2;
    [cur, nxt] = [nxt, cur];
  }
  return { cp, layer: count > 0 ? upto : -1, size: count, L, NL, stride: S, data: cur, bpMin, bpMax, states };
}

/** Pool indices selected on the way to state `idx` of the front, following min or max back-pointers. */
function pathTo(f: Front, idx: number, bp: Int32Array[]): number[] {
  const out: number[] = [];
  for (let i = f.layer; i > 0; i--) {
    const v = bp[i]![idx]!;
    if (v & 1) out.push(f.cp.order[i - 1]!);
    idx = v >> 1;
  }
  return out.reverse();
}

function countAt(f: Front, idx: number): bigint {
  return limbsToBigint(f.data, idx * f.stride + f.L, f.NL);
}

function agg(f: Front, idx: number, k: number): number {
  return f.data[idx * f.stride + f.L + f.NL + k]!;
}

const NONE: SweepResult = {
  count: 0n,
  minCredit: Infinity,
  maxCredit: -Infinity,
  minGlh: Infinity,
  maxGlh: -Infinity,
  minTqt: Infinity,
  maxTqt: -Infinity,
  minPath: null,
  maxPath: null,
  states: 0,
};

/** One forward pass over every layer: the last layer has one state (every constraint checked). */
export function sweep(cp: Compiled, guard: Guard, counting = true): SweepResult {
  const f = forward(cp, guard, cp.n, counting);
  if (f.size === 0) return { ...NONE, states: f.states };
  return {
    count: counting ? countAt(f, 0) : null,
    minCredit: agg(f, 0, MIN_C),
    maxCredit: agg(f, 0, MAX_C),
    minGlh: agg(f, 0, MIN_G),
    maxGlh: agg(f, 0, MAX_G),
    minTqt: agg(f, 0, MIN_T),
    maxTqt: agg(f, 0, MAX_T),
    minPath: pathTo(f, 0, f.bpMin),
    maxPath: pathTo(f, 0, f.bpMax),
    states: f.states,
  };
}

/** Largest grid of the second half's final states that the join builds. */
const JOIN_MAX_CELLS = 1 << 22;

/**
 * Meet in the middle: the pool is cut in two halves (A then B). A forward pass over A (laid out
 * over the whole order, so its states know what B can still add) stops at the cut; a fresh forward
 * pass over B tracks what B adds to the constraints that span the cut, with bounds widened to what
 * some state of A allows. Each half starts from an empty prefix, where the whole-pool counters
 * (total credit, level share) have few values, instead of carrying them at full width through the
 * second half. A pair (a, b) is valid when lo <= a + b <= hi for every spanning constraint; with at
 * most two of them, B's final states form a grid, and the pairs are joined with 2-D prefix sums
 * (counts) and per-row prefix or suffix extremes (ranges), at O(|A| · rows) cost.
 */
export function splitSweep(prep: Prepared, orderA: readonly number[], orderB: readonly number[], guard: Guard, counting = true): SweepResult | null {
  const cpA = layout(prep, [...orderA, ...orderB]);
  const s = orderA.length;
  const kpA = cpA.keys[s]!;
  if (kpA.live.length > 2) return null;
  const include = new Map<number, Bounds>();
  const spanning: { raw: number; lo: number; hi: number; posA: number }[] = [];
  cpA.comps.forEach((c, k) => {
    const at = kpA.live.indexOf(k);
    if (at >= 0) {
      const minA = kpA.lb[at]!;
      const maxA = kpA.ub[at]!;
      include.set(c.raw, { dlo: c.lo - maxA, dhi: c.hi - minA, slo: c.lo - minA, shi: c.hi - maxA, keep: true });
      spanning.push({ raw: c.raw, lo: c.lo, hi: c.hi, posA: at });
    } else if (c.first >= s) {
      include.set(c.raw, { dlo: c.lo, dhi: c.hi, slo: c.lo, shi: c.hi, keep: false });
    }
  });
  if (lastKeyPlan(prep, orderB, include).space > JOIN_MAX_CELLS) return null;
  const fa = forward(cpA, guard, s, counting);
  if (fa.size === 0) return { ...NONE, states: fa.states };
  // Narrow the bounds of the spanning constraints to the values A actually reached.
  for (const sp of spanning) {
    let minA = Infinity;
    let maxA = -Infinity;
    for (let i = 0; i < fa.size; i++) {
      const v = fa.data[i * fa.stride + sp.posA]!;
      if (v < minA) minA = v;
      if (v > maxA) maxA = v;
    }
    include.set(sp.raw, { dlo: sp.lo - maxA, dhi: sp.hi - minA, slo: sp.lo - minA, shi: sp.hi - maxA, keep: true });
  }
  const cpB = layout(prep, orderB, include);
  const kpB = cpB.keys[cpB.n]!;
  const fb = forward(cpB, guard, cpB.n, counting);
  const states = fa.states + fb.states;
  if (fb.size === 0) return { ...NONE, states };
  // The dimensions of the join: spanning constraints B still tracks (B drops those that hold for every A).
  const dims = spanning.map((sp) => ({ ...sp, posB: kpB.live.findIndex((k) => cpB.comps[k]!.raw === sp.raw) })).filter((d) => d.posB >= 0);
  // Grid over B's final states: x (rows) and y (columns); a missing dimension has one value.
  const dx = dims.length > 1 ? dims[1] : undefined;
  let dy = dims[0];
  let rowsDim = dx;
  // Columns: the dimension whose query is one-sided (suffix or prefix) if there is one.
  const oneSided = (d: (typeof dims)[number] | undefined): boolean => d === undefined || d.hi === INF;
  if (rowsDim && !oneSided(dy) && oneSided(rowsDim)) [dy, rowsDim] = [rowsDim, dy];
  const bRange = (d: (typeof dims)[number] | undefined): [number, number] => (d ? [kpB.lb[d.posB]!, kpB.ub[d.posB]!] : [0, 0]);
  const [x0, x1] = bRange(rowsDim);
  const [y0, y1] = bRange(dy);
  const R = x1 - x0 + 1;
  const C = y1 - y0 + 1;
  const cellOf = new Int32Array(R * C).fill(-1);
  for (let j = 0; j < fb.size; j++) {
    const base = j * fb.stride;
    const x = rowsDim ? fb.data[base + rowsDim.posB]! - x0 : 0;
    const y = dy ? fb.data[base + dy.posB]! - y0 : 0;
    cellOf[x * C + y] = j;
  }
  // Counts: 2-D prefix sums P[(x+1)(C+1) + (y+1)] over cells. Without counting, Q holds the same
  // sums of the number of states per cell (0 or 1) instead: every state reached has at least one
  // valid prefix, so a range of cells holds valid selections exactly when its Q sum is > 0.
  const P = counting ? new Array<bigint>((R + 1) * (C + 1)).fill(0n) : null;
  const Q = counting ? null : new Float64Array((R + 1) * (C + 1));
  for (let x = 0; x < R; x++) {
    for (let y = 0; y < C; y++) {
      const j = cellOf[x * C + y]!;
      const at = (x + 1) * (C + 1) + (y + 1);
      if (P) {
        const v = j >= 0 ? countAt(fb, j) : 0n;
        P[at] = v + P[x * (C + 1) + (y + 1)]! + P[(x + 1) * (C + 1) + y]! - P[x * (C + 1) + y]!;
      } else {
        Q![at] = (j >= 0 ? 1 : 0) + Q![x * (C + 1) + (y + 1)]! + Q![(x + 1) * (C + 1) + y]! - Q![x * (C + 1) + y]!;
      }
    }
  }
  // Extremes per row over a column suffix (hi = Infinity: the column query runs to the end) or
  // prefix; ranges: linear scan.
  const suffix = dy === undefined || dy.hi === INF;
  const ext = (k: number, better: (a: number, b: number) => boolean): { val: Float64Array; arg: Int32Array } => {
    const val = new Float64Array(R * C);
    const arg = new Int32Array(R * C).fill(-1);
    for (let x = 0; x < R; x++) {
      let best = NaN;
      let bestArg = -1;
      for (let t = 0; t < C; t++) {
        const y = suffix ? C - 1 - t : t;
        const j = cellOf[x * C + y]!;
        if (j >= 0) {
          const v = agg(fb, j, k);
          if (bestArg < 0 || better(v, best)) {
            best = v;
            bestArg = j;
          }
        }
        val[x * C + y] = best;
        arg[x * C + y] = bestArg;
      }
    }
    return { val, arg };
  };
  const less = (a: number, b: number): boolean => a < b;
  const more = (a: number, b: number): boolean => a > b;
  // Min credit with fewest units: one key.
  const UN = cpA.n + 2;
  const minKeyOf = (j: number): number => agg(fb, j, MIN_C) * UN + agg(fb, j, MIN_U);
  const minKey = (() => {
    const val = new Float64Array(R * C);
    const arg = new Int32Array(R * C).fill(-1);
    for (let x = 0; x < R; x++) {
      let best = Infinity;
      let bestArg = -1;
      for (let t = 0; t < C; t++) {
        const y = suffix ? C - 1 - t : t;
        const j = cellOf[x * C + y]!;
        if (j >= 0 && minKeyOf(j) < best) {
          best = minKeyOf(j);
          bestArg = j;
        }
        val[x * C + y] = best;
        arg[x * C + y] = bestArg;
      }
    }
    return { val, arg };
  })();
  const exMaxC = ext(MAX_C, more);
  const exMinG = ext(MIN_G, less);
  const exMaxG = ext(MAX_G, more);
  const exMinT = ext(MIN_T, less);
  const exMaxT = ext(MAX_T, more);

  let total = 0n;
  let found = false;
  let bestMin = Infinity;
  let bestMinPair: [number, number] = [-1, -1];
  let bestMax = -Infinity;
  let bestMaxPair: [number, number] = [-1, -1];
  let minG = Infinity;
  let maxG = -Infinity;
  let minT = Infinity;
  let maxT = -Infinity;
  const range = (d: (typeof dims)[number] | undefined, a: number, b0: number, b1: number): [number, number] =>
    d ? [Math.max(b0, d.lo - a), Math.min(b1, d.hi - a)] : [b0, b1];
  for (let i = 0; i < fa.size; i++) {
    guard.tick();
    const base = i * fa.stride;
    const [rx0, rx1] = range(rowsDim, rowsDim ? fa.data[base + rowsDim.posA]! : 0, x0, x1);
    const [ry0, ry1] = range(dy, dy ? fa.data[base + dy.posA]! : 0, y0, y1);
    if (rx0 > rx1 || ry0 > ry1) continue;
    const xa = rx0 - x0;
    const xb = rx1 - x0;
    const ya = ry0 - y0;
    const yb = ry1 - y0;
    if (P) {
      const sum = P[(xb + 1) * (C + 1) + (yb + 1)]! - P[xa * (C + 1) + (yb + 1)]! - P[(xb + 1) * (C + 1) + ya]! + P[xa * (C + 1) + ya]!;
      if (sum === 0n) continue;
      total += sum * countAt(fa, i);
    } else if (Q![(xb + 1) * (C + 1) + (yb + 1)]! - Q![xa * (C + 1) + (yb + 1)]! - Q![(xb + 1) * (C + 1) + ya]! + Q![xa * (C + 1) + ya]! === 0) continue;
    found = true;
    const aMinKey = agg(fa, i, MIN_C) * UN + agg(fa, i, MIN_U);
    const aMaxC = agg(fa, i, MAX_C);
    const whole = suffix ? yb === C - 1 : ya === 0;
    const at = suffix ? ya : yb;
    for (let x = xa; x <= xb; x++) {
      if (whole) {
        const cell = x * C + at;
        if (minKey.arg[cell]! >= 0) {
          const v = aMinKey + minKey.val[cell]!;
          if (v < bestMin) {
            bestMin = v;
            bestMinPair = [i, minKey.arg[cell]!];
          }
          const w = aMaxC + exMaxC.val[cell]!;
          if (w > bestMax) {
            bestMax = w;
            bestMaxPair = [i, exMaxC.arg[cell]!];
          }
          minG = Math.min(minG, agg(fa, i, MIN_G) + exMinG.val[cell]!);
          maxG = Math.max(maxG, agg(fa, i, MAX_G) + exMaxG.val[cell]!);
          minT = Math.min(minT, agg(fa, i, MIN_T) + exMinT.val[cell]!);
          maxT = Math.max(maxT, agg(fa, i, MAX_T) + exMaxT.val[cell]!);
        }
      } else {
        for (let y = ya; y <= yb; y++) {
          const j = cellOf[x * C + y]!;
          if (j < 0) continue;
          const v = aMinKey + minKeyOf(j);
          if (v < bestMin) {
            bestMin = v;
            bestMinPair = [i, j];
          }
          const w = aMaxC + agg(fb, j, MAX_C);
          if (w > bestMax) {
            bestMax = w;
            bestMaxPair = [i, j];
          }
          minG = Math.min(minG, agg(fa, i, MIN_G) + agg(fb, j, MIN_G));
          maxG = Math.max(maxG, agg(fa, i, MAX_G) + agg(fb, j, MAX_G));
          minT = Math.min(minT, agg(fa, i, MIN_T) + agg(fb, j, MIN_T));
          maxT = Math.max(maxT, agg(fa, i, MAX_T) + agg(fb, j, MAX_T));
        }
      }
    }
  }
  if (!found) return { ...NONE, states };
  const join = (pair: [number, number], bpA: Int32Array[], bpB: Int32Array[]): number[] => [...pathTo(fa, pair[0], bpA), ...pathTo(fb, pair[1], bpB)];
  const minPath = join(bestMinPair, fa.bpMin, fb.bpMin);
  return {
    count: counting ? total : null,
    minCredit: Math.floor(bestMin / UN),
    maxCredit: bestMax,
    minGlh: minG,
    maxGlh: maxG,
    minTqt: minT,
    maxTqt: maxT,
    minPath,
    maxPath: join(bestMaxPair, fa.bpMax, fb.bpMax),
    states,
  };
}

/**
 * Count, ranges and examples of the prepared problem, split in halves when that applies. With
 * `counting` false the valid selections are not counted (count is null, or 0n when there is none):
 * everything else is the same. `plan`: planOrder(prep), when the caller has it already.
 */
export function solve(prep: Prepared, guard: Guard, strategy: Strategy = 'auto', counting = true, plan: Plan = planOrder(prep)): SweepResult {
  if (strategy !== 'single') {
    let halves = plan.halves;
    if (!halves && strategy === 'split' && plan.order.length >= 2) {
      const cut = Math.floor(plan.order.length / 2);
      halves = [plan.order.slice(0, cut), plan.order.slice(cut)];
    }
    if (halves) {
      const res = splitSweep(prep, halves[0], halves[1], guard, counting);
      if (res) return res;
    }
  }
  return sweep(layout(prep, plan.order), guard, counting);
}
