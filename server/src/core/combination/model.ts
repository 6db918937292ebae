/**
 * Compilation of a {@link ComboProblem} into the engine's internal form: the pool in a processing
 * order ("layers"), units that must be selected, and every rule as one or more linear constraints
 * ("components")  lo <= Σ d[unit] over the selected units <= hi.
 *
 * - count rule: one component for units (d = 1 in scope) and one for credits (d = credit in scope);
 * - barred rule: units in the list, 0 <= Σ 1 <= 1;
 * - level share: d = (100 - p)·credit at level >= L and -p·credit below, Σ d >= 0 (scaled to
 *   integers, divided by their gcd);
 * - mandatory rule: its units are forced in (no component).
 *
 * lo is always finite and >= 0, hi may be Infinity.
 */
import { ComboInputError } from './errors.js';
import type { ComboProblem, ComboRule, ComboUnit, CountRule } from './types.js';

export const INF = Number.POSITIVE_INFINITY;

/** Index of every unit by ref; throws on duplicates and on credits that are not whole numbers >= 0. */
export function indexPool(units: readonly ComboUnit[]): Map<string, number> {
  const byRef = new Map<string, number>();
  units.forEach((u, i) => {
    if (byRef.has(u.ref)) throw new ComboInputError(`Unit ${u.ref} appears twice in the pool`);
    if (u.credit !== undefined && (!Number.isInteger(u.credit) || u.credit < 0)) {
      throw new ComboInputError(`Unit ${u.ref} has credit ${String(u.credit)}: credits must be whole numbers >= 0`);
    }
    byRef.set(u.ref, i);
  });
  return byRef;
}

/** A unit's credit for counting: 0 for a unit sized in GLH / TQT only. */
export const creditOf = (u: ComboUnit): number => u.credit ?? 0;

/** A GLH or TQT value for counting: 0 when not given. */
const sizeOf = (x: number | undefined): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

/** Whether the pool unit lies in the scope of a count rule (no scope at all = every unit). */
export function inScope(rule: CountRule, unit: ComboUnit): boolean {
  if (rule.scopeGroups === undefined && rule.scopeUnits === undefined) return true;
  return (rule.scopeGroups?.includes(unit.group) ?? false) || (rule.scopeUnits?.includes(unit.ref) ?? false);
}

/** A bound given as a finite number, else undefined. */
function bound(x: number | undefined): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

/** Normalised [lo, hi] of a count bound pair (whole-number counts); null when neither is given. */
export function countBounds(min: number | undefined, max: number | undefined): { lo: number; hi: number } | null {
  const mn = bound(min);
  const mx = bound(max);
  if (mn === undefined && mx === undefined) return null;
  const lo = mn === undefined ? 0 : Math.max(0, Math.ceil(mn - 1e-9));
  const hi = mx === undefined ? INF : Math.floor(mx + 1e-9);
  return { lo, hi };
}

/** Integer weights per credit (high, low) for a level-share rule of minimum percentage p: Σ weight >= 0. */
export function shareWeights(p: number): { high: number; low: number } {
  let scale = 1;
  for (let k = 0; k < 6 && Math.abs(p * scale - Math.round(p * scale)) > 1e-9; k++) scale *= 10;
  const pp = Math.round(p * scale);
  const full = 100 * scale;
  return { high: full - pp, low: -pp };
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** A constraint over pool indices (order-independent). */
export interface RawComp {
  rule: number;
  lo: number;
  hi: number;
  /** Per pool unit. */
  d: Float64Array;
  /** Level share: weight per credit at / below the level (d = a·credit or -b·credit). */
  share?: { a: number; b: number };
  /** Counts the credits of every unit (a credit counter whose scope is the whole pool). */
  allCredits?: boolean;
}

/** Rules translated to constraints over the pool, before a processing order is chosen. */
export interface Prepared {
  problem: ComboProblem;
  forced: Uint8Array;
  impossible: boolean;
  raw: RawComp[];
  /** Level-share component -> the tightest whole-pool credit counter with a maximum (index in raw). */
  links: { s: number; c: number }[];
}

/**
 * Translate the active rules (indices into problem.rules) into constraints. `extraForced` are pool
 * indices that must be selected in addition to the mandatory units.
 */
export function prepare(problem: ComboProblem, byRef: Map<string, number>, active: readonly number[], extraForced: readonly number[] = []): Prepared {
  const units = problem.units;
  const N = units.length;
  const forced = new Uint8Array(N);
  for (const p of extraForced) forced[p] = 1;
  let impossible = false;
  const raw: RawComp[] = [];
  for (const r of active) {
    const rule: ComboRule = problem.rules[r]!;
    switch (rule.kind) {
      case 'mandatory':
        for (const ref of rule.units) {
          const p = byRef.get(ref);
          if (p === undefined) impossible = true;
          else forced[p] = 1;
        }
        break;
      case 'barred': {
        const d = new Float64Array(N);
        for (const ref of rule.units) {
          const p = byRef.get(ref);
          if (p !== undefined) d[p] = 1;
        }
        raw.push({ rule: r, lo: 0, hi: 1, d });
        break;
      }
      case 'count': {
        const ub = countBounds(rule.minUnits, rule.maxUnits);
        const cb = countBounds(rule.minCredits, rule.maxCredits);
        const gb = countBounds(rule.minGlh, rule.maxGlh);
        const tb = countBounds(rule.minTqt, rule.maxTqt);
        const du = new Float64Array(N);
        const dc = new Float64Array(N);
        const dg = new Float64Array(N);
        const dt = new Float64Array(N);
        let all = true;
        units.forEach((u, p) => {
          if (inScope(rule, u)) {
            du[p] = 1;
            dc[p] = creditOf(u);
            dg[p] = sizeOf(u.glh);
            dt[p] = sizeOf(u.tqt);
          } else if (creditOf(u) > 0) all = false;
        });
        if (ub) raw.push({ rule: r, lo: ub.lo, hi: ub.hi, d: du });
        if (cb) raw.push({ rule: r, lo: cb.lo, hi: cb.hi, d: dc, allCredits: all });
        if (gb) raw.push({ rule: r, lo: gb.lo, hi: gb.hi, d: dg });
        if (tb) raw.push({ rule: r, lo: tb.lo, hi: tb.hi, d: dt });
        break;
      }
      case 'levelShare': {
        const amount = (min: number | undefined, of: (u: ComboUnit) => number) => {
          const b = countBounds(min, undefined);
          if (!b || b.lo <= 0) return;
          const d = new Float64Array(N);
          units.forEach((u, i) => (d[i] = u.level >= rule.level ? of(u) : 0));
          raw.push({ rule: r, lo: b.lo, hi: INF, d });
        };
        amount(rule.minCredits, creditOf);
        amount(rule.minGlh, (u) => sizeOf(u.glh));
        const p = bound(rule.minPercent) ?? 0;
        if (p <= 0) break;
        const byGlh = rule.measure === 'glh';
        const w = shareWeights(p);
        const g = gcd(w.high, w.low);
        const a = w.high / g;
        const b = -w.low / g;
        const d = new Float64Array(N);
        units.forEach((u, i) => (d[i] = (u.level >= rule.level ? a : -b) * (byGlh ? sizeOf(u.glh) : creditOf(u))));
        // A GLH share is not tied to a credit maximum (links assume the share is of credit).
        raw.push({ rule: r, lo: 0, hi: INF, d, ...(byGlh ? {} : { share: { a, b } }) });
        break;
      }
    }
  }
  const links: { s: number; c: number }[] = [];
  raw.forEach((s, si) => {
    if (!s.share || s.share.a < 0) return;
    let best = -1;
    raw.forEach((c, ci) => {
      if (c.allCredits && c.hi !== INF && (best < 0 || c.hi < raw[best]!.hi)) best = ci;
    });
    if (best >= 0) links.push({ s: si, c: best });
  });
  return { problem, forced, impossible, raw, links };
}

/** A constraint laid out over the layers of a processing order. */
export interface Comp {
  rule: number;
  /** Index in Prepared.raw. */
  raw: number;
  /** The constraint: lo <= value <= hi. */
  lo: number;
  hi: number;
  /**
   * A state dies when its value cannot end in [dlo, dhi] and collapses when it ends in [slo, shi]
   * whatever the remaining units do. Both are [lo, hi], except for a constraint whose first part
   * was summed elsewhere (the second half of a split run, see layoutHalf), where [dlo, dhi] is what
   * some first part allows and [slo, shi] what every first part allows.
   */
  dlo: number;
  dhi: number;
  slo: number;
  shi: number;
  /** Per layer: the amount a selected unit adds. */
  d: Float64Array;
  /** pos[i] / neg[i]: total positive / negative amount still to come at layers >= i (length n + 1). */
  pos: Float64Array;
  neg: Float64Array;
  /** prePos[i] / preNeg[i]: total positive / negative amount at layers < i (length n + 1). */
  prePos: Float64Array;
  preNeg: Float64Array;
  /** First and last layer with a non-zero amount; last = n for a constraint kept to the end. */
  first: number;
  last: number;
}

/** How states of one layer are turned into a Map key. */
export interface KeyPlan {
  /** Components that can take more than one value at this layer, in vector order. */
  live: number[];
  lb: number[];
  ub: number[];
  mult: number[];
  /** Numeric mixed-radix key when the radix product fits in 2^53, else a string key. */
  numeric: boolean;
  /** Product of the radices (a bound on the states of the layer). */
  space: number;
}

/** How the state vector of layer i+1 is derived from that of layer i. */
export interface StepPlan {
  /** Per live component of layer i+1: index in the layer-i vector, or -1 (not started: value 0). */
  src: Int32Array;
  /** Per live component of layer i+1: amount added when the unit is selected (0 = untouched). */
  delta: Float64Array;
  dlo: Float64Array;
  dhi: Float64Array;
  slo: Float64Array;
  shi: Float64Array;
  /** pos / neg of the component at layer i+1. */
  pos: Float64Array;
  neg: Float64Array;
  /** Components whose last amount is at layer i: checked, then dropped. */
  xsrc: Int32Array;
  xdelta: Float64Array;
  xlo: Float64Array;
  xhi: Float64Array;
  /**
   * Level shares tied to a whole-pool credit maximum, live at layer i+1: positions of the share and
   * of the credit counter in the vector, the counter's maximum, the share weights per credit and the
   * share's pos / neg. The credit still allowed bounds what the share can still gain or lose.
   */
  links: { s: number; c: number; hi: number; a: number; b: number; pos: number; neg: number; dlo: number; slo: number }[];
}

export interface Compiled {
  problem: ComboProblem;
  n: number;
  /** layer -> index in problem.units */
  order: number[];
  credit: Float64Array;
  glh: Float64Array;
  tqt: Float64Array;
  forced: Uint8Array;
  /** Some active rule can never hold (unknown mandatory unit, contradictory bounds, unreachable minimum). */
  impossible: boolean;
  comps: Comp[];
  keys: KeyPlan[];
  steps: StepPlan[];
  /** Largest number of live components in a layer. */
  width: number;
}

interface Laid {
  comps: Comp[];
  /** raw index -> comp index (-1: dropped as always true, or not included). */
  compOf: Int32Array;
  impossible: boolean;
}

/** Bounds of a raw constraint for a run: its own, or shifted for a first part summed elsewhere. */
export interface Bounds {
  dlo: number;
  dhi: number;
  slo: number;
  shi: number;
  keep: boolean;
}

function layComps(prep: Prepared, order: readonly number[], include?: ReadonlyMap<number, Bounds>): Laid {
  const n = order.length;
  const comps: Comp[] = [];
  const compOf = new Int32Array(prep.raw.length).fill(-1);
  let impossible = prep.impossible;
  prep.raw.forEach((rc, ri) => {
    let bounds: Bounds = { dlo: rc.lo, dhi: rc.hi, slo: rc.lo, shi: rc.hi, keep: false };
    if (include) {
      const b = include.get(ri);
      if (!b) return;
      bounds = b;
    }
    const { dlo, dhi, slo, shi, keep } = bounds;
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = rc.d[order[i]!]!;
    const pos = new Float64Array(n + 1);
    const neg = new Float64Array(n + 1);
    const prePos = new Float64Array(n + 1);
    const preNeg = new Float64Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
      pos[i] = pos[i + 1]! + Math.max(d[i]!, 0);
      neg[i] = neg[i + 1]! + Math.max(-d[i]!, 0);
    }
    for (let i = 0; i < n; i++) {
      prePos[i + 1] = prePos[i]! + Math.max(d[i]!, 0);
      preNeg[i + 1] = preNeg[i]! + Math.max(-d[i]!, 0);
    }
    // The sums of all subsets lie in [-neg[0], pos[0]].
    if (pos[0]! < dlo || -neg[0]! > dhi || dlo > dhi) {
      impossible = true;
      return;
    }
    if (-neg[0]! >= slo && pos[0]! <= shi) return; // always true
    let first = -1;
    let last = -1;
    for (let i = 0; i < n; i++) {
      if (d[i] !== 0) {
        if (first < 0) first = i;
        last = i;
      }
    }
    if (keep) last = n;
    compOf[ri] = comps.length;
    comps.push({ rule: rc.rule, raw: ri, lo: rc.lo, hi: rc.hi, dlo, dhi, slo, shi, d, pos, neg, prePos, preNeg, first, last });
  });
  return { comps, compOf, impossible };
}

function keyPlan(comps: readonly Comp[], i: number): KeyPlan {
  const live: number[] = [];
  const lb: number[] = [];
  const ubs: number[] = [];
  const mult: number[] = [];
  let space = 1;
  comps.forEach((c, k) => {
    if (!(c.first < i && i <= c.last)) return;
    // Alive: v + pos >= dlo and v - neg <= dhi; collapsed values are slo + neg.
    let lo = Math.max(-c.preNeg[i]!, c.dlo - c.pos[i]!);
    if (c.slo !== -INF) lo = Math.min(lo, c.slo);
    const hiCap = c.shi === INF ? c.slo + c.neg[i]! : c.dhi + c.neg[i]!;
    const hi = Math.min(c.prePos[i]!, hiCap);
    live.push(k);
    lb.push(lo);
    ubs.push(hi);
    mult.push(space);
    space *= Math.max(1, hi - lo + 1);
  });
  return { live, lb, ub: ubs, mult, numeric: space <= Number.MAX_SAFE_INTEGER, space };
}

/**
 * Lay the prepared constraints out over a processing order (layer -> pool index). With `include`,
 * only the listed constraints, with the given bounds (the second half of a split run).
 */
export function layout(prep: Prepared, order: readonly number[], include?: ReadonlyMap<number, Bounds>): Compiled {
  const { problem } = prep;
  const units = problem.units;
  const n = order.length;
  const credit = new Float64Array(n);
  const glh = new Float64Array(n);
  const tqt = new Float64Array(n);
  const forced = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const u = units[order[i]!]!;
    credit[i] = creditOf(u);
    glh[i] = typeof u.glh === 'number' && Number.isFinite(u.glh) ? u.glh : 0;
    tqt[i] = typeof u.tqt === 'number' && Number.isFinite(u.tqt) ? u.tqt : 0;
    forced[i] = prep.forced[order[i]!]!;
  }
  const { comps, compOf, impossible } = layComps(prep, order, include);
  const keys: KeyPlan[] = [];
  let width = 0;
  for (let i = 0; i <= n; i++) {
    keys.push(keyPlan(comps, i));
    width = Math.max(width, keys[i]!.live.length);
  }
  const links = prep.links.map((l) => ({ s: compOf[l.s]!, c: compOf[l.c]!, share: prep.raw[l.s]!.share! })).filter((l) => l.s >= 0 && l.c >= 0);

  const steps: StepPlan[] = [];
  // Position of each component in the state vector of layer i (posIn) and i+1 (posOut), -1 when
  // not live there (typed arrays rather than Maps: this runs for every layer of every layout).
  let posIn = new Int32Array(comps.length).fill(-1);
  let posOut = new Int32Array(comps.length);
  keys[0]!.live.forEach((k, j) => (posIn[k] = j));
  for (let i = 0; i < n; i++) {
    const to = keys[i + 1]!.live;
    posOut.fill(-1);
    for (let j = 0; j < to.length; j++) posOut[to[j]!] = j;
    const m = to.length;
    let nd = 0;
    for (const c of comps) if (c.last === i) nd++;
    const sp: StepPlan = {
      src: new Int32Array(m),
      delta: new Float64Array(m),
      dlo: new Float64Array(m),
      dhi: new Float64Array(m),
      slo: new Float64Array(m),
      shi: new Float64Array(m),
      pos: new Float64Array(m),
      neg: new Float64Array(m),
      xsrc: new Int32Array(nd),
      xdelta: new Float64Array(nd),
      xlo: new Float64Array(nd),
      xhi: new Float64Array(nd),
      links: [],
    };
    // Dying components, in component order.
    for (let k = 0, x = 0; k < comps.length; k++) {
      const c = comps[k]!;
      if (c.last !== i) continue;
      sp.xsrc[x] = posIn[k]!;
      sp.xdelta[x] = c.d[i]!;
      sp.xlo[x] = c.dlo;
      sp.xhi[x] = c.dhi;
      x++;
    }
    for (let j = 0; j < m; j++) {
      const k = to[j]!;
      const c = comps[k]!;
      sp.src[j] = posIn[k]!;
      sp.delta[j] = c.d[i]!;
      sp.dlo[j] = c.dlo;
      sp.dhi[j] = c.dhi;
      sp.slo[j] = c.slo;
      sp.shi[j] = c.shi;
      sp.pos[j] = c.pos[i + 1]!;
      sp.neg[j] = c.neg[i + 1]!;
    }
    for (const l of links) {
      const s = posOut[l.s]!;
      const c = posOut[l.c]!;
      if (s < 0 || c < 0) continue;
      const sc = comps[l.s]!;
      sp.links.push({ s, c, hi: comps[l.c]!.dhi, a: l.share.a, b: l.share.b, pos: sc.pos[i + 1]!, neg: sc.neg[i + 1]!, dlo: sc.dlo, slo: sc.slo });
    }
    steps.push(sp);
    [posIn, posOut] = [posOut, posIn];
  }
  return { problem, n, order: [...order], credit, glh, tqt, forced, impossible, comps, keys, steps, width };
}

/** keys[n] of layout(prep, order, include) (the key plan of the last layer), without the steps. */
export function lastKeyPlan(prep: Prepared, order: readonly number[], include?: ReadonlyMap<number, Bounds>): KeyPlan {
  return keyPlan(layComps(prep, order, include).comps, order.length);
}

/** Prepare and lay out in one go. */
export function compile(
  problem: ComboProblem,
  byRef: Map<string, number>,
  order: readonly number[],
  active: readonly number[],
  extraForced: readonly number[] = [],
): Compiled {
  return layout(prepare(problem, byRef, active, extraForced), order);
}

/**
 * The state vector of layer i+1 reached from `vec` (layer i, starting at `off`) by selecting the
 * unit of layer i or not. Writes it to `out` and returns true, or returns false when some
 * constraint can no longer be met.
 *
 * A component's value v is its running sum, except that once the constraint holds whatever the
 * remaining units do, v is replaced by the canonical slo + neg (so equivalent states merge). Every
 * replacement keeps the set of valid completions of the state unchanged.
 */
export function step(sp: StepPlan, vec: ArrayLike<number>, off: number, select: boolean, out: Float64Array | number[]): boolean {
  const { xsrc, xdelta, xlo, xhi } = sp;
  for (let k = 0; k < xsrc.length; k++) {
    const s = xsrc[k]!;
    const v = (s >= 0 ? vec[off + s]! : 0) + (select ? xdelta[k]! : 0);
    if (v < xlo[k]! || v > xhi[k]!) return false;
  }
  const { src, delta, dlo, dhi, slo, shi, pos, neg } = sp;
  for (let k = 0; k < src.length; k++) {
    const s = src[k]!;
    let v = s >= 0 ? vec[off + s]! : 0;
    const dl = delta[k]!;
    if (dl !== 0) {
      if (select) v += dl;
      const p = pos[k]!;
      const q = neg[k]!;
      if (v + p < dlo[k]! || v - q > dhi[k]!) return false;
      if (v - q >= slo[k]! && v + p <= shi[k]!) v = slo[k]! + q;
    }
    out[k] = v;
  }
  const links = sp.links;
  for (let k = 0; k < links.length; k++) {
    const l = links[k]!;
    // Credit still allowed by the maximum (the stored counter never exceeds the true total).
    const budget = l.hi - out[l.c]!;
    const gain = Math.min(l.pos, l.a * budget);
    const loss = Math.min(l.neg, l.b * budget);
    const v = out[l.s]!;
    if (v + gain < l.dlo) return false;
    if (v - loss >= l.slo) out[l.s] = l.slo + loss;
  }
  return true;
}

/** Map key of a state vector at a layer. */
export function keyOf(kp: KeyPlan, vec: ArrayLike<number>, off = 0): number | string {
  const { live, lb, ub, mult } = kp;
  if (kp.numeric) {
    let key = 0;
    for (let k = 0; k < live.length; k++) {
      const v = vec[off + k]!;
      if (v < lb[k]! || v > ub[k]!) throw new Error(`combination engine: state value ${v} outside [${lb[k]}, ${ub[k]}]`);
      key += (v - lb[k]!) * mult[k]!;
    }
    return key;
  }
  let s = '';
  for (let k = 0; k < live.length; k++) s += vec[off + k]! + ',';
  return s;
}

/**
 * Numeric key of a state vector at a layer whose key plan is numeric. No range check here (the hot
 * path); keyOf checks, and the feasibility search, which uses it on the same states, is run on
 * every plan in the tests.
 */
export function numKey(kp: KeyPlan, vec: ArrayLike<number>): number {
  const { lb, mult } = kp;
  let key = 0;
  for (let k = 0; k < lb.length; k++) key += (vec[k]! - lb[k]!) * mult[k]!;
  return key;
}
