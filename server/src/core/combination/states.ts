/** Finding the index of a state of one layer from its key. */
import { keyOf, numKey, type KeyPlan } from './model.js';

/** Open-addressing hash from whole-number keys (< 2^53) to indices; key and index side by side. */
class NumHash {
  /** Pairs (key, index + 1); index + 1 = 0 marks an empty slot. */
  private table = new Float64Array(0);
  private mask = 0;
  private size = 0;
  private limit = 0;
  reset(expected: number): void {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    if (cap * 2 > this.table.length) this.table = new Float64Array(cap * 2);
    else this.table.fill(0, 0, cap * 2);
    this.mask = cap - 1;
    this.size = 0;
    this.limit = cap >> 1;
  }
  /** Double the capacity, re-inserting every entry. */
  private grow(): void {
    const old = this.table;
    const oldCap = this.mask + 1;
    const cap = oldCap * 2;
    this.table = new Float64Array(cap * 2);
    this.mask = cap - 1;
    this.limit = cap >> 1;
    this.size = 0;
    for (let s = 0; s < oldCap; s++) {
      const v = old[2 * s + 1]!;
      if (v !== 0) this.getOrSet(old[2 * s]!, v - 1);
    }
  }
  /** The index stored for `key`, or -1 after storing `fresh` for it. */
  getOrSet(key: number, fresh: number): number {
    // ToInt32 keeps the low 32 bits of a whole number below 2^53.
    let h = Math.imul((key | 0) ^ Math.imul((key / 4294967296) | 0, 0x27d4eb2d), 0x9e3779b1);
    h ^= h >>> 15;
    const mask = this.mask;
    const table = this.table;
    let slot = h & mask;
    for (;;) {
      const p = slot << 1;
      const v = table[p + 1]!;
      if (v === 0) {
        table[p] = key;
        table[p + 1] = fresh + 1;
        if (++this.size > this.limit) this.grow();
        return -1;
      }
      if (table[p] === key) return v - 1;
      slot = (slot + 1) & mask;
    }
  }
}

/** Direct addressing for layers whose key space is small: table[key] = index + 1. */
class DirectIndex {
  private table = new Int32Array(0);
  /** Keys set since the last reset, to clear them. */
  private used = new Int32Array(16);
  private nUsed = 0;
  reset(space: number): void {
    const t = this.table;
    const used = this.used;
    for (let k = 0; k < this.nUsed; k++) t[used[k]!] = 0;
    this.nUsed = 0;
    if (t.length < space) this.table = new Int32Array(Math.max(space, t.length * 2));
  }
  getOrSet(key: number, fresh: number): number {
    const v = this.table[key]!;
    if (v === 0) {
      this.table[key] = fresh + 1;
      if (this.nUsed === this.used.length) {
        const more = new Int32Array(this.used.length * 2);
        more.set(this.used);
        this.used = more;
      }
      this.used[this.nUsed++] = key;
      return -1;
    }
    return v - 1;
  }
}

/** Key spaces up to this size are addressed directly. */
const DIRECT_MAX = 1 << 22;

/** Finds the state index of a key at one layer: by direct addressing, a NumHash, or a Map (string keys). */
export class StateIndex {
  private readonly direct = new DirectIndex();
  private readonly hash = new NumHash();
  private readonly map = new Map<string, number>();
  private mode: 0 | 1 | 2 = 0;
  private checked = false;
  /** Prepare for the layer of key plan `kp`; `checked`: check values against the key ranges. */
  reset(kp: KeyPlan, expected: number, checked = false): void {
    this.checked = checked;
    this.direct.reset(0);
    if (kp.numeric && kp.space <= DIRECT_MAX && kp.space <= 64 * expected + 1024) {
      this.mode = 0;
      this.direct.reset(kp.space);
    } else if (kp.numeric) {
      this.mode = 1;
      this.hash.reset(expected);
    } else {
      this.mode = 2;
      this.map.clear();
    }
  }
  /** The existing index of the key, or -1 after recording it with index `fresh`. */
  getOrSet(kp: KeyPlan, vec: ArrayLike<number>, fresh: number): number {
    if (this.mode !== 2) {
      const key = this.checked ? (keyOf(kp, vec, 0) as number) : numKey(kp, vec);
      return this.mode === 0 ? this.direct.getOrSet(key, fresh) : this.hash.getOrSet(key, fresh);
    }
    const key = keyOf(kp, vec, 0) as string;
    const got = this.map.get(key);
    if (got !== undefined) return got;
    this.map.set(key, fresh);
    return -1;
  }
}
