import { describe, expect, it } from 'vitest';
import { Prng } from '../../../../test/helpers/prng';
import { editDistance, suggest, Suggester } from './similar';

/** A ref-like word: mostly L<level><letter><digits>, sometimes in another case or with other characters. */
function word(r: Prng): string {
  const alphabet = r.chance(0.2) ? 'aAbBcC-_ é\u00e9\u0101\u4e00' : 'L0123456789STBC';
  const n = r.int(1, 12);
  let s = '';
  for (let i = 0; i < n; i++) s += r.pick([...alphabet]);
  return s;
}

/** The word with a few random edits (so that some candidates are close). */
function near(r: Prng, w: string): string {
  let s = w;
  for (let k = r.int(0, 3); k > 0; k--) {
    const i = r.int(0, s.length);
    const op = r.int(0, 3);
    const c = r.pick([...'L0123456789STBClsb']);
    if (op === 0) s = s.slice(0, i) + c + s.slice(i);
    else if (op === 1) s = s.slice(0, i) + s.slice(i + 1);
    else if (op === 2) s = s.slice(0, i) + c + s.slice(i + 1);
    else if (i + 1 < s.length) s = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  }
  return s;
}

/** Optimal string alignment distance by the textbook full matrix, to check editDistance against. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

describe('editDistance', () => {
  it('is the optimal string alignment distance, and more than the limit past it', () => {
    const r = new Prng(7);
    for (let k = 0; k < 3000; k++) {
      const a = word(r);
      const b = r.chance(0.6) ? near(r, a) : word(r);
      const want = osa(a, b);
      expect(editDistance(a, b), `${a} / ${b}`).toBe(want);
      const limit = r.int(0, 4);
      const got = editDistance(a, b, limit);
      if (want <= limit) expect(got, `${a} / ${b} within ${limit}`).toBe(want);
      else expect(got, `${a} / ${b} within ${limit}`).toBeGreaterThan(limit);
    }
    // Long words grow the rows it reuses.
    expect(editDistance('a'.repeat(100) + 'bc', 'a'.repeat(100) + 'cb')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
  });
});

describe('Suggester', () => {
  it('gives what suggest() gives, on random words and candidates', () => {
    const r = new Prng(42);
    let suggested = 0;
    for (let round = 0; round < 60; round++) {
      const candidates = Array.from({ length: r.int(0, 300) }, () => word(r));
      const s = new Suggester(candidates);
      for (let q = 0; q < 40; q++) {
        const w = candidates.length && r.chance(0.7) ? near(r, r.pick(candidates)) : word(r);
        const max = r.pick([1, 3, 5]);
        const want = suggest(w, candidates, max);
        expect(s.suggest(w, max), `${w} among ${candidates.length}`).toEqual(want);
        // Asked again: the memoised answer, and one the caller may change freely.
        const again = s.suggest(w, max);
        expect(again).toEqual(want);
        again.push('x');
        expect(s.suggest(w, max)).toEqual(want);
        if (want.length) suggested++;
      }
    }
    // The comparison above means something only if many words had suggestions.
    expect(suggested).toBeGreaterThan(500);
  });

  it('keeps its bound on long runs of one character (histogram bins saturate)', () => {
    const a = 'L'.repeat(300) + 'AB';
    const b = 'L'.repeat(299) + 'AB';
    expect(editDistance(a.toLowerCase(), b.toLowerCase(), 3)).toBe(1);
    expect(new Suggester([b, 'other']).suggest(a)).toEqual(suggest(a, [b, 'other']));
    expect(new Suggester([b]).suggest(a)).toEqual([b]);
  });

  it('skips the word itself, but not the same word in another case', () => {
    const s = new Suggester(['L5B1', 'l5b1', 'L5B2']);
    expect(s.suggest('L5B1')).toEqual(['l5b1', 'L5B2']);
  });
});
