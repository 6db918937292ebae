/**
 * The tests' seeded random numbers (mulberry32): a failure can be replayed from its seed. One copy
 * for every test, and the base of the benchmark generator's Rng (bench/words.ts), which seeds one
 * stream per file and purpose from a string.
 */
export class Prng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  /** A number in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** A whole number in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  subset<T>(list: readonly T[], p: number): T[] {
    return list.filter(() => this.chance(p));
  }
}

/** A function giving the numbers of `new Prng(seed)`, one a call. */
export function prng(seed: number): () => number {
  const p = new Prng(seed);
  return () => p.next();
}
