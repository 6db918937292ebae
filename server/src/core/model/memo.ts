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
  const hit = (o as O & Record<symbol, V | undefined>)[slot];
  if (hit !== undefined) return hit;
  const value = compute();
  keepOn(o, slot, value);
  return value;
}

/**
 * Keep `value` on `o` under `slot`, out of sight of keys, equality and JSON (a non-enumerable
 * property), for a caller that checks what it finds there itself. A frozen or sealed object cannot
 * take the slot: nothing is kept, and the caller computes the value again next time.
 */
export function keepOn(o: object, slot: symbol, value: unknown): void {
  if (Object.isExtensible(o)) Object.defineProperty(o, slot, { value, enumerable: false, configurable: true, writable: true });
}
