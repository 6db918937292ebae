/**
 * American spellings in a British document. No list of word pairs: the regular differences
 * between the two spellings (-ize/-ise, -yze/-yse, -or/-our, -er/-re, -og/-ogue, -ense/-ence,
 * a doubled l) turn a word into its candidate British form, and both real dictionaries decide:
 * the word must be American English and its British form British English. Where the British
 * dictionary also has the word itself (meter, license, program, dialog: words both countries
 * use), it is left alone, except -ize, which British dictionaries accept (Oxford spelling) but
 * most UK awarding bodies do not write; a body that does can turn the rule off.
 */
import { inDictionary, matchCase, onDictionaryChange } from './dictionary.js';

interface Change {
  readonly from: RegExp;
  readonly to: string;
  /** Report even when the British dictionary has the word too. */
  readonly always?: boolean;
}

const CHANGES: readonly Change[] = [
  { from: /iz(e|es|ed|ing|er|ers|ation|ations|ational|able)$/, to: 'is$1', always: true },
  { from: /yz(e|es|ed|ing|er|ers)$/, to: 'ys$1', always: true },
  { from: /or(s|ed|ing|ful|fully|able|ably|ite|ites|al|ally|ist|ists|less|ism|isms)?$/, to: 'our$1' },
  { from: /([^aeiou])er(s|ed)?$/, to: '$1re$2' },
  { from: /og(s)?$/, to: 'ogue$1' },
  { from: /ense(s)?$/, to: 'ence$1' },
  { from: /([aeiou])l(ed|ing|er|ers)$/, to: '$1ll$2' },
  { from: /ll(s|ment|ments)?$/, to: 'l$1' },
  { from: /llful(ly)?$/, to: 'lful$1' },
  { from: /gment(s)?$/, to: 'gement$1' },
];

const cache = new Map<string, string | null>();
onDictionaryChange(() => cache.clear());

/** The British spelling of an American word, or undefined when the word is not one. */
export function britishFormOf(word: string): string | undefined {
  const hit = cache.get(word);
  if (hit !== undefined) return hit ?? undefined;
  const found = compute(word);
  if (cache.size > 100_000) cache.clear();
  cache.set(word, found ?? null);
  return found;
}

function compute(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 4 || (!inDictionary(lower, 'en-US') && !inDictionary(word, 'en-US'))) return undefined;
  const britishToo = inDictionary(lower, 'en-GB') || inDictionary(word, 'en-GB');
  for (const c of CHANGES) {
    if (!c.from.test(lower)) continue;
    if (britishToo && !c.always) continue;
    // -ize only after a stem of three letters or more ending in a consonant: not size, prize, seize.
    const at = lower.search(c.from);
    if (c.always && (at < 3 || /[aeiou]/.test(lower[at - 1]!))) continue;
    const gb = lower.replace(c.from, c.to);
    if (gb !== lower && inDictionary(gb, 'en-GB')) return matchCase(gb, word);
  }
  return undefined;
}
