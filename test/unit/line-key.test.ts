/**
 * lineKey (core/parse/keys.ts): the one key lexer of the chunker and the editor's context reader
 * (service/yaml-nav.ts), which kept a copy of its own until issue 19. Checked against `yaml` on
 * random key lines, and on the lines the copy got wrong or slow.
 */
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseDocument } from 'yaml';
import { lineKey, topKey } from '../../server/src/core/parse/keys';
import { lineInfo } from '../../server/src/service/yaml-nav';
import { Prng } from '../helpers/prng';

/** The text of the single key `yaml` reads from a one-line mapping (before typing: `9.` not 9), or undefined. */
function yamlKey(line: string): string | undefined {
  const doc = parseDocument(line);
  if (doc.errors.length || !isMap(doc.contents) || doc.contents.items.length !== 1) return undefined;
  const key = doc.contents.items[0]!.key;
  if (!isScalar(key)) return undefined;
  return key.type === 'PLAIN' ? key.source : String(key.value);
}

describe('lineKey', () => {
  it('reads the key and where its value starts', () => {
    expect(lineKey('title: Sales')).toEqual({ name: 'title', escaped: false, valueStart: 7 });
    expect(lineKey('title:\tSales')).toEqual({ name: 'title', escaped: false, valueStart: 7 });
    expect(lineKey('units:')).toEqual({ name: 'units', escaped: false, valueStart: 6 });
    expect(lineKey("'it''s': x")).toEqual({ name: "it's", escaped: false, valueStart: 9 });
    expect(lineKey('"a b" : x')).toEqual({ name: 'a b', escaped: false, valueStart: 8 });
    expect(lineKey('"a\\tb": x')).toEqual({ name: 'a\\tb', escaped: true, valueStart: 8 });
    expect(lineKey('unit ref   : L5B1')).toEqual({ name: 'unit ref', escaped: false, valueStart: 13 });
  });

  it('finds no key where YAML reads none', () => {
    for (const line of ['- item', 'http://example.com', 'a:b', '# title: x', '"open: x', 'just words', '', '&anchor key: x'])
      expect(lineKey(line), line).toBeUndefined();
  });

  it('agrees with yaml on random key lines', () => {
    const rnd = new Prng(1905);
    const parts = ['a', 'Z', '9', '_', ' ', '\t', '-', ':', '#', "'", '"', '.', '/', 'é', '\u00a0'];
    let keys = 0;
    for (let n = 0; n < 4000; n++) {
      let key = '';
      for (let i = rnd.int(1, 8); i > 0; i--) key += rnd.pick(parts);
      const line = `${key}${rnd.pick([':', ' :', ':\t', ': ', ':  '])}${rnd.pick(['', 'value', ' v # c', '[1]'])}`;
      const mine = lineKey(line);
      const theirs = yamlKey(line);
      // Where both read a key (yaml may fail on the value, which lineKey does not read), it is the same
      // key; lineKey may refuse what needs yaml's judgement.
      if (mine && !mine.escaped && theirs !== undefined) {
        keys++;
        expect(mine.name, JSON.stringify(line)).toBe(theirs);
      }
      if (mine?.escaped) expect(topKey(line)).toBeUndefined();
    }
    expect(keys).toBeGreaterThan(300);
  });

  it('reads a line of 200,000 blanks with no colon, and one with a key after them', () => {
    expect(lineKey(`a${' '.repeat(200_000)}b`)).toBeUndefined();
    expect(lineKey(`a${' \t'.repeat(100_000)}:`)?.name).toBe('a');
  });
});

describe("the editor's line reader uses it", () => {
  it('after list dashes, with the value column and a comment stripped', () => {
    const text = '  - - ref: L5B1 # the first unit\n';
    const info = lineInfo(text, 0);
    expect(info.dashes).toEqual([2, 4]);
    expect(info.key).toEqual({ col: 6, name: 'ref', rest: 'L5B1', valueCol: 11 });
  });
  it('decodes an escaped double-quoted key', () => {
    expect(lineInfo('"a\\u0062": 1', 0).key?.name).toBe('ab');
  });
});
