/**
 * The seeded typo corpus: realistic typos injected into a clean spec, several kinds of each, at
 * words of its prose fields (one typo a field, so each finding is matched to its typo). A typo that
 * makes another dictionary word ("form" -> "from") is drawn again: no spelling check can catch those.
 *
 * Used by corpus.test.ts (seeds 16 and 61); injectTypos(text, count, seed) gives the same typos for a seed.
 */
import { parseSpecText } from '../../server/src/core/parse/parse';
import { buildModel } from '../../server/src/core/model/spec';
import { proseFields, wordSpan } from '../../server/src/core/spelling/check';
import { isKnownWord } from '../../server/src/core/spelling/dictionary';
import { britishFormOf } from '../../server/src/core/spelling/us';
import { proseWords } from '../../server/src/core/spelling/words';
import { Prng } from '../helpers/prng';

export type TypoKind = 'transpose' | 'omit' | 'double' | 'vowel' | 'neighbour' | 'insert' | 'american';

export interface Typo {
  kind: TypoKind;
  /** The word as the spec has it. */
  intended: string;
  typo: string;
  /** Where the typo is in the corrupted text. */
  start: number;
}

const NEIGHBOURS: Record<string, string> = {
  a: 'qsz',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'wrds',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'ujko',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  m: 'njk',
  n: 'bhjm',
  o: 'iklp',
  p: 'ol',
  q: 'wa',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asx',
};
const VOWELS = 'aeiou';

// British to American, the reverse of us.ts's changes, for the 'american' kind.
const AMERICAN: [RegExp, string][] = [
  [/is(e|es|ed|ing|ation|ations)$/, 'iz$1'],
  [/ys(e|es|ed|ing)$/, 'yz$1'],
  [/our(s|ed|ing|ful|able|ite|al)?$/, 'or$1'],
  [/tre(s)?$/, 'ter$1'],
];

function corrupt(word: string, kind: TypoKind, r: Prng): string | undefined {
  const w = word;
  const inner = () => r.int(1, w.length - 2);
  switch (kind) {
    case 'transpose': {
      const i = inner();
      return w[i] === w[i + 1] ? undefined : w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    }
    case 'omit': {
      const i = inner();
      return w.slice(0, i) + w.slice(i + 1);
    }
    case 'double': {
      const i = inner();
      return w.slice(0, i + 1) + w[i] + w.slice(i + 1);
    }
    case 'vowel': {
      const at = [...w].map((c, i) => (i > 0 && VOWELS.includes(c) ? i : -1)).filter((i) => i >= 0);
      if (!at.length) return undefined;
      const i = r.pick(at);
      const v = r.pick([...VOWELS].filter((c) => c !== w[i]));
      return w.slice(0, i) + v + w.slice(i + 1);
    }
    case 'neighbour': {
      const i = inner();
      const n = NEIGHBOURS[w[i]!.toLowerCase()];
      return n ? w.slice(0, i) + r.pick([...n]) + w.slice(i + 1) : undefined;
    }
    case 'insert': {
      const i = inner();
      const n = NEIGHBOURS[w[i]!.toLowerCase()];
      return n ? w.slice(0, i + 1) + r.pick([...n]) + w.slice(i + 1) : undefined;
    }
    case 'american': {
      for (const [from, to] of AMERICAN) if (from.test(w)) return w.replace(from, to);
      return undefined;
    }
  }
}

const KINDS: TypoKind[] = ['transpose', 'omit', 'double', 'vowel', 'neighbour', 'insert', 'american'];

/** `count` typos injected into `text`, one a prose field, drawn with the seed. */
export function injectTypos(text: string, count: number, seed: number): { text: string; typos: Typo[] } {
  const r = new Prng(seed);
  const parsed = parseSpecText(text);
  const model = buildModel(parsed.data);
  const fields = [...proseFields(parsed, model)];
  const chosen: { start: number; end: number; typo: string; kind: TypoKind; intended: string }[] = [];
  const used = new Set<number>();
  for (let tries = 0; chosen.length < count && tries < count * 50; tries++) {
    const fi = r.int(0, fields.length - 1);
    if (used.has(fi)) continue;
    const field = fields[fi]!;
    const words = proseWords(field.value, field.markdown).filter((w) => w.word.length >= 5 && /^[A-Za-z]+$/.test(w.word) && isKnownWord(w.word, 'en-GB'));
    if (!words.length) continue;
    const w = r.pick(words);
    const kind = r.pick(KINDS);
    const typo = corrupt(w.word, kind, r);
    if (!typo || typo === w.word) continue;
    // The American kind must be one the check knows as American; the others must not be real words.
    if (kind === 'american' ? britishFormOf(typo) !== w.word : isKnownWord(typo, 'en-GB') || britishFormOf(typo)) continue;
    const span = wordSpan(parsed, { field, word: w.word, index: w.index });
    if (!span || parsed.text.slice(span.start, span.end) !== w.word) continue;
    used.add(fi);
    chosen.push({ ...span, typo, kind, intended: w.word });
  }
  chosen.sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  const typos: Typo[] = [];
  for (const c of chosen) {
    out += text.slice(last, c.start);
    typos.push({ kind: c.kind, intended: c.intended, typo: c.typo, start: out.length });
    out += c.typo;
    last = c.end;
  }
  out += text.slice(last);
  return { text: out, typos };
}
