import { describe, expect, it } from 'vitest';
import { keepOn, memoOn } from './memo';

describe('memoOn', () => {
  const SLOT = Symbol('test');

  it('computes once per object and keeps the value on it, out of sight of keys, equality and JSON', () => {
    const o = { a: 1 };
    let calls = 0;
    const v1 = memoOn(o, SLOT, () => ({ n: ++calls }));
    const v2 = memoOn(o, SLOT, () => ({ n: ++calls }));
    expect(v2).toBe(v1);
    expect(calls).toBe(1);
    expect(Object.keys(o)).toEqual(['a']);
    expect(o).toEqual({ a: 1 });
    expect(JSON.stringify(o)).toBe('{"a":1}');
    expect(structuredClone(o)).toEqual({ a: 1 });
    // Another object, another value.
    expect(memoOn({ a: 1 }, SLOT, () => ({ n: ++calls }))).toEqual({ n: 2 });
  });

  it('computes every time on an object that cannot take the slot', () => {
    const frozen = Object.freeze({ a: 1 });
    let calls = 0;
    memoOn(frozen, SLOT, () => ++calls);
    memoOn(frozen, SLOT, () => ++calls);
    expect(calls).toBe(2);
  });

  it('keeps slots of different symbols apart', () => {
    const o = {};
    expect(memoOn(o, SLOT, () => 'one')).toBe('one');
    expect(memoOn(o, Symbol('other'), () => 'two')).toBe('two');
    expect(memoOn(o, SLOT, () => 'three')).toBe('one');
  });
});

describe('keepOn', () => {
  it('keeps a value out of sight, and nothing on a frozen object', () => {
    const SLOT = Symbol('kept');
    const o = { a: 1 };
    keepOn(o, SLOT, 'v');
    expect((o as Record<symbol, unknown>)[SLOT]).toBe('v');
    expect(o).toEqual({ a: 1 });
    keepOn(o, SLOT, 'w');
    expect((o as Record<symbol, unknown>)[SLOT]).toBe('w');
    const frozen = Object.freeze({ a: 1 });
    keepOn(frozen, SLOT, 'v');
    expect((frozen as Record<symbol, unknown>)[SLOT]).toBeUndefined();
  });
});
