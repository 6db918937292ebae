/**
 * The layered DAG of reachable states with completion counts (paging through the valid
 * selections), and the depth-first feasibility search.
 */
import type { Guard } from './guard.js';
import { keyOf, step, type Compiled } from './model.js';
import { StateIndex } from './states.js';

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The layered DAG of reachable states with, per state, the number of valid completions: what
 * paging through the valid selections needs.
 */
export class Dag {
  /** Per layer: number of states. */
  readonly size: number[] = [];
  /** Per layer i < n: child state in layer i+1 when the unit is selected / not selected (-1 = dead). */
  readonly sel: Int32Array[] = [];
  readonly skip: Int32Array[] = [];
  /** Per layer: counts as floats (exact, below 2^53) or as bigints. */
  private readonly cntF: (Float64Array | null)[] = [];
  private readonly cntB: (bigint[] | null)[] = [];

  constructor(
    readonly cp: Compiled,
    guard: Guard,
  ) {
    const { n, keys, steps, forced } = cp;
    if (cp.impossible) {
      for (let i = 0; i <= n; i++) this.size.push(0);
      return;
    }
    let vals = new Float64Array(0);
    this.size.push(1);
    const tmp = new Float64Array(Math.max(1, cp.width));
    const index = new StateIndex();
    for (let i = 0; i < n; i++) {
      const count = this.size[i]!;
      const L = keys[i]!.live.length;
      const kp = keys[i + 1]!;
      const L2 = kp.live.length;
      const sp = steps[i]!;
      index.reset(kp, count * 2, guard.checkKeys);
      const next = new Float64Array(count * 2 * L2);
      const sel = new Int32Array(count);
      const skip = new Int32Array(count);
      let made = 0;
      for (let j = 0; j < count; j++) {
        guard.tick();
        for (let b = 0; b < 2; b++) {
          const select = b === 0;
          let child = -1;
          if ((select || !forced[i]) && step(sp, vals, j * L, select, tmp)) {
            child = index.getOrSet(kp, tmp, made);
            if (child < 0) {
              child = made++;
              next.set(tmp.subarray(0, L2), child * L2);
            }
          }
          if (select) sel[j] = child;
          else skip[j] = child;
        }
      }
      this.sel.push(sel);
      this.skip.push(skip);
      this.size.push(made);
      vals = next;
    }
    this.backward(guard);
  }

  private backward(guard: Guard): void {
    const n = this.cp.n;
    const cntF: (Float64Array | null)[] = new Array<Float64Array | null>(n + 1).fill(null);
    const cntB: (bigint[] | null)[] = new Array<bigint[] | null>(n + 1).fill(null);
    cntF[n] = new Float64Array(this.size[n]!).fill(1);
    for (let i = n - 1; i >= 0; i--) {
      guard.check();
      const m = this.size[i]!;
      const sel = this.sel[i]!;
      const skip = this.skip[i]!;
      const fNext = cntF[i + 1];
      let overflow = fNext === null;
      if (fNext) {
        const f = new Float64Array(m);
        for (let j = 0; j < m; j++) {
          const a = sel[j]!;
          const b = skip[j]!;
          const s = (a >= 0 ? fNext[a]! : 0) + (b >= 0 ? fNext[b]! : 0);
          if (s > SAFE) {
            overflow = true;
            break;
          }
          f[j] = s;
        }
        if (!overflow) cntF[i] = f;
      }
      if (overflow) {
        const bNext = cntB[i + 1] ?? Array.from(fNext!, (x) => BigInt(x));
        const arr = new Array<bigint>(m);
        for (let j = 0; j < m; j++) {
          const a = sel[j]!;
          const b = skip[j]!;
          arr[j] = (a >= 0 ? bNext[a]! : 0n) + (b >= 0 ? bNext[b]! : 0n);
        }
        cntB[i] = arr;
      }
    }
    this.cntF.push(...cntF);
    this.cntB.push(...cntB);
  }

  /** Number of valid completions from state j of layer i. */
  count(i: number, j: number): bigint {
    if (j < 0 || this.size[i] === 0) return 0n;
    const f = this.cntF[i];
    if (f) return BigInt(f[j]!);
    return this.cntB[i]![j]!;
  }

  get total(): bigint {
    return this.count(0, 0);
  }

  /**
   * Up to `limit` valid selections (pool indices in processing order) starting at position `offset`
   * of the select-first order over the processing order.
   */
  page(offset: bigint, limit: number, guard: Guard): number[][] {
    const out: number[][] = [];
    if (limit <= 0 || offset < 0n || offset >= this.total) return out;
    const { n, order } = this.cp;
    const prefix: number[] = [];
    let skip = offset;
    const walk = (i: number, j: number): void => {
      guard.tick();
      if (i === n) {
        if (skip > 0n) skip--;
        else out.push([...prefix]);
        return;
      }
      for (let b = 0; b < 2; b++) {
        if (out.length >= limit) return;
        const selected = b === 0;
        const child = selected ? this.sel[i]![j]! : this.skip[i]![j]!;
        const c = this.count(i + 1, child);
        if (c === 0n) continue;
        if (skip >= c) {
          skip -= c;
          continue;
        }
        if (selected) prefix.push(order[i]!);
        walk(i + 1, child);
        if (selected) prefix.pop();
      }
    };
    walk(0, 0);
    return out;
  }
}

/** Depth-first feasibility search over the compiled states, memoising dead states. */
export function feasible(cp: Compiled, guard: Guard): boolean {
  if (cp.impossible) return false;
  const { n, keys, steps, forced } = cp;
  const dead: Set<number | string>[] = [];
  for (let i = 0; i <= n; i++) dead.push(new Set());
  const dfs = (i: number, vec: Float64Array): boolean => {
    if (i === n) return true;
    guard.tick();
    const key = keyOf(keys[i]!, vec, 0);
    const d = dead[i]!;
    if (d.has(key)) return false;
    const child = new Float64Array(keys[i + 1]!.live.length);
    if (step(steps[i]!, vec, 0, true, child) && dfs(i + 1, child)) return true;
    if (!forced[i] && step(steps[i]!, vec, 0, false, child) && dfs(i + 1, child)) return true;
    d.add(key);
    return false;
  };
  return dfs(0, new Float64Array(0));
}
