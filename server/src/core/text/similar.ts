/** Rows of editDistance, grown as needed and reused (the function runs for many pairs of short words). */
let rows = new Int32Array(3 * 16);

/** Edit distance (optimal string alignment: insertions, deletions, substitutions, transpositions). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const m = a.length;
  const n = b.length;
  const w = n + 1;
  if (rows.length < 3 * w) rows = new Int32Array(3 * w * 2);
  const r = rows;
  // Rows i - 2, i - 1 and i at offsets p2, p1 and c, rotated each row.
  let p2 = 0;
  let p1 = w;
  let c = 2 * w;
  for (let j = 0; j <= n; j++) {
    r[p2 + j] = 0;
    r[p1 + j] = j;
  }
  for (let i = 1; i <= m; i++) {
    r[c] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(r[p1 + j]! + 1, r[c + j - 1]! + 1, r[p1 + j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) v = Math.min(v, r[p2 + j - 2]! + 1);
      r[c + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = p2;
    p2 = p1;
    p1 = c;
    c = t;
  }
  return r[p1 + n]!;
}

/** The most edits a suggestion may be from `word`: about a third of its length, 1 to 3. */
function limitFor(word: string): number {
  return Math.max(1, Math.min(3, Math.floor(word.length / 3)));
}

/** Candidates close to `word`, best first (case-insensitive distance, at most ~a third of its length). */
export function suggest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = word.toLowerCase();
  const limit = limitFor(w);
  const scored: { c: string; d: number }[] = [];
  for (const c of new Set(candidates)) {
    if (c === word) continue;
    const d = editDistance(w, c.toLowerCase(), limit);
    if (d <= limit) scored.push({ c, d });
  }
  return best(scored, max);
}

function best(scored: { c: string; d: number }[], max: number): string[] {
  scored.sort((x, y) => x.d - y.d || x.c.localeCompare(y.c));
  return scored.slice(0, max).map((s) => s.c);
}

/** Bins of a character histogram: char codes modulo BINS (merging characters only weakens the bound). */
const BINS = 64;

/** The histogram of `s` into out[at .. at + BINS), counts saturating at 255; returns the sum of the counts. */
function histogram(s: string, out: Uint8Array, at: number): number {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const b = at + (s.charCodeAt(i) & (BINS - 1));
    if (out[b]! < 255) {
      out[b]!++;
      total++;
    }
  }
  return total;
}

/**
 * suggest() for many words against one list of candidates (the unit refs of a whole workspace,
 * tens of thousands): the same answers, without an edit distance for every pair. Each candidate's
 * lowercase form and character histogram are made once. One edit changes a histogram by at most 2
 * (in the sum of the differences of its bins: a substitution moves one count, an insertion or a
 * deletion adds or removes one, a transposition none), so a candidate whose histogram differs from
 * the word's by more than twice the limit is further than the limit and is skipped unmeasured.
 * Histograms of 64 bins, saturating at 255, keep that a lower bound. The difference is
 * Σ|x - y| = Σx + Σy - 2·Σmin(x, y), and min(x, y) is 0 where the word has no count: so only the
 * word's few bins are read for each candidate. Answers are memoised per word.
 */
export class Suggester {
  private readonly list: string[];
  private readonly lower: string[];
  private readonly hist: Uint8Array;
  private readonly totals: Int32Array;
  private readonly memo = new Map<string, string[]>();
  private readonly mine = new Uint8Array(BINS);

  constructor(candidates: Iterable<string>) {
    this.list = [...new Set(candidates)];
    this.lower = this.list.map((c) => c.toLowerCase());
    this.hist = new Uint8Array(this.list.length * BINS);
    this.totals = new Int32Array(this.list.length);
    this.lower.forEach((c, i) => (this.totals[i] = histogram(c, this.hist, i * BINS)));
  }

  suggest(word: string, max = 3): string[] {
    const key = `${max}\u0000${word}`;
    const hit = this.memo.get(key);
    if (hit) return [...hit];
    const w = word.toLowerCase();
    const limit = limitFor(w);
    const mine = this.mine.fill(0);
    const total = histogram(w, mine, 0);
    const bins: number[] = [];
    for (let b = 0; b < BINS; b++) if (mine[b]) bins.push(b);
    const { list, lower, hist, totals } = this;
    const scored: { c: string; d: number }[] = [];
    for (let i = 0; i < list.length; i++) {
      const c = lower[i]!;
      if (Math.abs(c.length - w.length) > limit || list[i] === word) continue;
      let common = 0;
      const at = i * BINS;
      for (const b of bins) common += Math.min(hist[at + b]!, mine[b]!);
      if (total + totals[i]! - 2 * common > 2 * limit) continue;
      const d = editDistance(w, c, limit);
      if (d <= limit) scored.push({ c: list[i]!, d });
    }
    const out = best(scored, max);
    this.memo.set(key, out);
    return [...out];
  }
}

/** "a", "a or b", "a, b or c" */
export function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
