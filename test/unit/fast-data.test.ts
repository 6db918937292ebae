/**
 * fast-data, the js-yaml reader of the batch linter's fast path: its plain scalars resolve as `yaml`
 * resolves them, and the searches behind `attempted` (which texts js-yaml is trusted with) find
 * exactly what the regular expressions they replace found, on random texts of the characters that
 * matter.
 */
import { describe, expect, it } from 'vitest';
import { attemptedParts, fastData, sameData } from '../../server/src/core/parse/fast/fast-data';
import { parseSpecText } from '../../server/src/core/parse/parse';
import { Prng } from '../helpers/prng';

const RESERVED_START = /[\s,:-][\]},%@`]/;

/** The former token-start test: every match of /[&*!]\S/g, as exec finds them. */
function tokenStartByRegex(text: string): boolean {
  const re = /[&*!]\S/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index === 0) return true;
    if (' \t\n\r[{,?:-'.includes(text[m.index - 1]!)) return true;
  }
  return false;
}

const ALPHABET = [
  'a',
  'b',
  ' ',
  '\n',
  '\r',
  '\t',
  ',',
  ':',
  '-',
  '?',
  '&',
  '*',
  '!',
  '[',
  '{',
  ']',
  '}',
  '%',
  '@',
  '`',
  '#',
  '\u00a0',
  '\u2028',
  '\u3000',
  '\uFEFF',
  '\u0085',
];

describe('fast-data attempted', () => {
  it('finds reserved starts and token starts as the regular expressions did', () => {
    const rng = new Prng(20261123);
    for (let n = 0; n < 20000; n++) {
      const len = rng.int(0, 24);
      let t = '';
      for (let i = 0; i < len; i++) t += rng.pick(ALPHABET);
      expect(attemptedParts.reservedStart(t), JSON.stringify(t)).toBe(RESERVED_START.test(t));
      expect(attemptedParts.tokenStart(t), JSON.stringify(t)).toBe(tokenStartByRegex(t));
    }
  });

  it('leaves anchors, aliases, tags and reserved starts to yaml', () => {
    for (const t of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: !t x\n', 'g: }r\n', 'a: [b, @c]\n', 'a: `x`\n', 'a: -%\n']) expect(fastData(t), t).toBeUndefined();
    for (const t of ['a: b & c\n', 'a: 5*3\n', 'a: wow!\n', 'a: x,y\n', 'a: 50%\n', 'a: me@x\n']) expect(fastData(t), t).toBeDefined();
  });

  it('resolves plain scalars to what yaml makes of them', () => {
    const fixed = [
      '',
      '~',
      'null',
      'Null',
      'NULL',
      'nULL',
      'true',
      'True',
      'TRUE',
      'tRUE',
      'false',
      'FALSE',
      'no',
      'yes',
      '0',
      '-0',
      '+12',
      '012',
      '0o17',
      '0o8',
      '0x1F',
      '0x',
      '1.10',
      '.5',
      '+.5',
      '-.5',
      '5.',
      '1e3',
      '1E-3',
      '.1e+2',
      '1e1000',
      '.inf',
      '-.Inf',
      '+.INF',
      '.nan',
      '.NaN',
      '1_000',
      'n',
      't',
      'f',
      'fal',
      'L5B1',
      '600/1234/5',
    ];
    const rng = new Prng(1123);
    const chars = ['0', '1', '7', '9', '.', 'e', 'E', '+', '-', 'x', 'o', 'a', 'f', 'F', 'n', 'N', 'u', 'l', 'L', 't', 'T', 'r', 'i', 'I', '~', '_'];
    const random = Array.from({ length: 4000 }, () => Array.from({ length: rng.int(1, 6) }, () => rng.pick(chars)).join(''));
    for (const v of [...fixed, ...random]) {
      const text = `k: ${v}\n`;
      const fast = fastData(text);
      if (!fast) continue; // left to yaml
      const exact = parseSpecText(text).data as { k: unknown };
      expect(sameData((fast.data as { k: unknown }).k, exact.k), `${JSON.stringify(v)}: ${String((fast.data as { k: unknown }).k)} vs ${String(exact.k)}`).toBe(
        true,
      );
    }
  });
});
