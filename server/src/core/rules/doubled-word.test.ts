import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseFile } from '../lint/engine';
import { doubledWords, mayHaveDoubledWord, scanDoubledWords, type DoubledWord } from './doubled-word';
import { textFields } from './text-fields';
import { edit, expectFixResolves, findings, lint, safeFixes, spec, under } from '../../../../test/helpers/spec';
import { prng } from '../../../../test/helpers/prng';

const ID = 'doubled-word';

describe(ID, () => {
  it('passes text without doubled words, and doubles that are good English ("had had")', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
    expect(
      findings(lint(edit(spec(), 'text: Understand the sales cycle', 'text: Understand that that cycle had had its day', { after: 'ref: L5B1' })), ID),
    ).toEqual([]);
  });

  it('flags a doubled word at the two words, naming where it is, and removes the second safely', () => {
    const text = edit(spec(), 'text: Understand the sales cycle', 'text: Understand the the sales cycle', { after: 'ref: L5B1' });
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(under(text, f[0]!)).toBe('the the');
    expect(f[0]!.message).toBe("'the the': the word 'the' is written twice in learning outcome 1 of unit L5B1.");
    const [fix] = safeFixes(f[0]!);
    expect(fix!.title).toBe("Remove the second 'the'");
    expect(expectFixResolves(text, f[0]!, fix)).toBe(spec());
  });

  it('finds a double across a change of case, and in prose', () => {
    const text = edit(spec(), '- Content for outcome 2', '- Content for For outcome 2', { after: 'ref: L5B3' });
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['for For']);
    expect(f[0]!.message).toBe("'for For': the word 'for' is written twice in indicative content 2 of unit L5B3.");
    expect(expectFixResolves(text, f[0]!, f[0]!.fixes[0])).toBe(spec());
  });

  it('points at each of two different doubles in one text', () => {
    const text = edit(spec(), 'title: Analyse Financial Performance', 'title: Analyse Analyse Financial Performance Performance');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['Analyse Analyse', 'Performance Performance']);
  });
});

/**
 * The scanner replaced `/\b([A-Za-z]+)(\s+)\1\b/gi` (a backreference tried at every word): it must
 * find the same matches, in the same order, on any text. The old code is kept here as the oracle.
 */
const OLD = /\b([A-Za-z]+)(\s+)\1\b/gi;
const OLD_LEGIT = new Set(['that', 'had', 'is', 'very', 'bye', 'so', 'no', 'ha', 'tut']);
function oldMatches(text: string): { 0: string; 1: string; index: number }[] {
  const out: { 0: string; 1: string; index: number }[] = [];
  OLD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = OLD.exec(text))) out.push({ 0: m[0], 1: m[1]!, index: m.index });
  return out;
}
function oldDoubledWords(text: string): { 0: string; 1: string; index: number }[] {
  return oldMatches(text).filter((m) => !OLD_LEGIT.has(m[1].toLowerCase()) && m[1].length > 0);
}
const plain = (ms: readonly DoubledWord[]) => ms.map((m) => ({ 0: m[0], 1: m[1], index: m.index }));
/** Asserts that the scanner agrees with the regex on the text; returns the number of matches. */
function expectSame(text: string): number {
  const want = oldMatches(text);
  // The prefilter (used on texts of 64 chars or more) may say yes wrongly, never no wrongly.
  if (want.length && !mayHaveDoubledWord(text)) expect({ text, mayHave: false }).toEqual({ text, mayHave: true });
  const got = plain(scanDoubledWords(text));
  if (JSON.stringify(got) !== JSON.stringify(want)) expect({ text, got }).toEqual({ text, got: want });
  const wantFiltered = oldDoubledWords(text);
  const gotFiltered = plain(doubledWords(text));
  if (JSON.stringify(gotFiltered) !== JSON.stringify(wantFiltered)) expect({ text, gotFiltered }).toEqual({ text, gotFiltered: wantFiltered });
  return want.length;
}

// Pieces that stress `\b`, the case folding of `\1` (only ASCII: not ſ, K, ı, İ), what `\s` accepts
// (U+00A0, U+1680, U+2000-200A, U+2028/9, U+202F, U+205F, U+3000, U+FEFF; not U+180E or U+200B),
// and the good-English doubles; single letters pair up often.
const PIECES = [
  ...'abstABST'.split(''),
  'the',
  'The',
  'THE',
  'thE',
  'that',
  'That',
  'is',
  'IS',
  'so',
  'ab',
  'abc',
  'Abc',
  'ss',
  'Kk',
  ...'0129_'.split(''),
  ...' \t\n\r\v\f'.split(''),
  '  ',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  '\u180e',
  '\u200b',
  '\u0085',
  'é',
  'É',
  'ſ',
  '\u212a',
  'ı',
  'İ',
  'ß',
  '\ud83d\ude00',
  '\ud800',
  ...'.,;:!?\'"-()[]{}#@/\\'.split(''),
  '\u2014',
  '\u2019',
];

// Gaps between words: white space of every kind, runs of it, and near misses that are not `\s`.
const GAPS = [
  ' ',
  '  ',
  '\t',
  '\n',
  ' \r\n ',
  '\v',
  '\f',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2009',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
  ' \u3000\t',
  '\u180e',
  '\u200b',
  '\u0085',
  '-',
  '_',
  '1',
  '',
];

describe(`${ID}: the scanner finds exactly what the old regex found`, () => {
  it('on each UTF-16 code unit, next to and between words', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [`a${ch}a`, `ab${ch}AB`, `${ch}ab ab`, `ab ab${ch}`, `a${ch}A b`, `x${ch} a a`, `ab${ch}${ch}ab`, `${ch}`]) expectSame(text);
    }
  });

  it('on 30,000 random texts', () => {
    const rnd = prng(20240601);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    let matched = 0;
    for (let n = 0; n < 30_000; n++) {
      const len = 1 + Math.floor(rnd() * 24);
      let text = '';
      for (let i = 0; i < len; i++) text += pick(PIECES) + (rnd() < 0.5 ? pick(GAPS) : '');
      expectSame(text);
      // The same text with a word repeated after it, in a random case, after a random gap.
      const words = [...text.matchAll(/[A-Za-z]+/g)];
      if (!words.length) continue;
      const w = pick(words);
      const again = [...w[0]].map((ch) => (rnd() < 0.3 ? ch.toUpperCase() : rnd() < 0.3 ? ch.toLowerCase() : ch)).join('');
      const at = w.index + w[0].length;
      matched += expectSame(text.slice(0, at) + pick(GAPS) + again + text.slice(at));
    }
    expect(matched).toBeGreaterThan(10_000);
  });

  it('on every text field of the specs in specs/, as they are and with a word doubled', () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../../specs');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    const rnd = prng(7);
    let fields = 0;
    let matched = 0;
    for (const f of files) {
      const { model } = analyseFile(`file:///specs/${f}`, readFileSync(join(dir, f), 'utf8'));
      for (const { value } of textFields(model)) {
        fields++;
        expectSame(value);
        const words = value.split(/(?<=\s)/);
        const k = Math.floor(rnd() * words.length);
        matched += expectSame([...words.slice(0, k + 1), ...words.slice(k)].join(''));
      }
    }
    expect(fields).toBeGreaterThan(100);
    expect(matched).toBeGreaterThan(fields / 2);
  });

  it('keeps the order and the resumption of the regex: a third word is not paired with the second', () => {
    expect(plain(doubledWords('the the the the the'))).toEqual([
      { 0: 'the the', 1: 'the', index: 0 },
      { 0: 'the the', 1: 'the', index: 8 },
    ]);
    // A good-English double still uses up its words, as the regex match did.
    expect(plain(doubledWords('that that that'))).toEqual([]);
    expect(plain(doubledWords('x1 a\u00a0\u3000A, b b2 c\u2028c'))).toEqual([
      { 0: 'a\u00a0\u3000A', 1: 'a', index: 3 },
      { 0: 'c\u2028c', 1: 'c', index: 14 },
    ]);
  });
});
