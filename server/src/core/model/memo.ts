/**
 * Values computed once per object (a spec model, a parse's data tree, a qualification) and kept on
 * the object itself, under a symbol of the caller's, so that they live and die with it.
 *
 * Not a WeakMap, which would be the textbook choice: V8's young-generation collector keeps alive
 * the value of every WeakMap entry whose key is young, until the next full collection. A memo
 * keyed by each file's model kept the previous file's model, data and text fields alive in the
 * CLI's workers: each scavenge copied them, then promoted them to the old generation, and garbage
 * there keeps young objects it points to alive in turn (docs/performance.md).
 */
export function memoOn<O extends object, V>(o: O, slot: symbol, compute: () => V): V {
  const held = o as O & Record<symbol, V | undefined>;
  const hit = held[slot];
  if (hit !== undefined) return hit;
  const value = compute();
  // A frozen or sealed object cannot take the slot: the value is then computed each time.
  if (Object.isExtensible(o)) Object.defineProperty(o, slot, { value, enumerable: false, configurable: true, writable: true });
  return value;
}
