/**
 * Pairing the items of two versions of a list: by identity keys in turn (pairBy), and for learning
 * outcomes and criteria by wording (matchWordings), so that a renamed or renumbered item is one
 * change rather than a removal and an addition.
 */
import type { Path } from '../parse/parse.js';
import { arr, obj, str, type Obj } from './values.js';
import { normalise, similarity } from './words.js';

export interface Pairing<T> {
  pairs: [T, T][];
  removed: T[];
  added: T[];
}

/**
 * Pair items of two lists by a sequence of keys: each key pairs the items still unpaired whose key
 * is defined and occurs once on each side. What is left is removed (old) or added (new).
 */
export function pairBy<T>(olds: readonly T[], news: readonly T[], keys: ((x: T) => string | undefined)[]): Pairing<T> {
  const leftOld = new Set(olds);
  const leftNew = new Set(news);
  const pairs: [T, T][] = [];
  for (const key of keys) {
    const index = (items: Set<T>) => {
      const m = new Map<string, T | null>();
      for (const x of items) {
        const k = key(x);
        if (k === undefined) continue;
        m.set(k, m.has(k) ? null : x);
      }
      return m;
    };
    const a = index(leftOld);
    const b = index(leftNew);
    for (const [k, x] of a) {
      const y = b.get(k);
      if (x === null || y === null || y === undefined) continue;
      pairs.push([x, y]);
      leftOld.delete(x);
      leftNew.delete(y);
    }
  }
  return { pairs, removed: olds.filter((x) => leftOld.has(x)), added: news.filter((x) => leftNew.has(x)) };
}

export interface Item {
  path: Path;
  o: Obj;
}
export const items = (v: unknown, path: Path): Item[] => arr(v).map((x, i) => ({ path: [...path, i], o: obj(x) }));

/**
 * Pair learning outcomes (or criteria) of two versions: the same wording first (renumbered when the
 * number moved), then alike wordings (at least half the words shared, in order), then the same
 * number (reworded). What is left was removed or added.
 */
export function matchWordings(a: Item[], b: Item[]): Pairing<Item> {
  const text = (i: Item) => normalise(str(i.o.text) ?? '') || undefined;
  const num = (i: Item) => str(i.o.number);
  const first = pairBy(a, b, [(i) => (text(i) ? `${num(i)}|${text(i)}` : undefined), text]);
  const pairs = [...first.pairs];
  let ra = first.removed;
  let rb = first.added;
  const scored: { i: Item; j: Item; s: number }[] = [];
  for (const i of ra) for (const j of rb) scored.push({ i, j, s: similarity(str(i.o.text) ?? '', str(j.o.text) ?? '') + (num(i) === num(j) ? 0.01 : 0) });
  scored.sort((x, y) => y.s - x.s);
  const usedA = new Set<Item>();
  const usedB = new Set<Item>();
  for (const { i, j, s } of scored) {
    if (s < 0.5) break;
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    pairs.push([i, j]);
  }
  ra = ra.filter((i) => !usedA.has(i));
  rb = rb.filter((j) => !usedB.has(j));
  const last = pairBy(ra, rb, [num]);
  pairs.push(...last.pairs);
  return { pairs, removed: last.removed, added: last.added };
}
