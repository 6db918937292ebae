/**
 * The spelling dictionaries: cspell's British and American English word lists (@cspell/dict-en-gb,
 * @cspell/dict-en_us), read with cspell-trie-lib. The core does no I/O: a front end (the language
 * server, the CLI, a test) registers where the bytes come from with setDictionaryLoader, and each
 * dictionary is decoded once per process (or worker), the first time a check needs it. The build
 * turns cspell's text tries into its binary form (scripts/build.mjs): decoding that takes ~15 ms
 * where the text form took ~700 ms (docs/spelling.md).
 */
import { decodeTrie, type ITrie } from 'cspell-trie-lib';
import { DOMAIN_WORDS } from './words/qualifications.js';

export type Language = 'en-GB' | 'en-US';
export const LANGUAGES: readonly Language[] = ['en-GB', 'en-US'];
export const LANGUAGE_NAMES: Record<Language, string> = { 'en-GB': 'British English', 'en-US': 'American English' };

/** Returns a dictionary's bytes (a cspell trie, binary or text), or undefined when it is not available. */
export type DictionaryLoader = (language: Language) => Uint8Array | undefined;

let loader: DictionaryLoader | undefined;
const tries = new Map<Language, ITrie | null>();
/** Caches of other modules whose answers depend on the dictionaries (us.ts, check.ts). */
const dependents: (() => void)[] = [];

/**
 * Where the dictionaries come from (set by each front end before it checks anything). Set again
 * when the bytes change — the web server sets it once more when a dictionary it fetches arrives —
 * every answer read from the dictionaries before is forgotten (a word was "known" while there was
 * no dictionary to ask).
 */
export function setDictionaryLoader(l: DictionaryLoader | undefined): void {
  loader = l;
  tries.clear();
  known.clear();
  suggested.clear();
  for (const clear of dependents) clear();
}

/** Register a cache to clear whenever the dictionaries change (setDictionaryLoader). */
export function onDictionaryChange(clear: () => void): void {
  dependents.push(clear);
}

/** The file name of a language's dictionary as the build writes it (dist/dict/<name>). */
export function dictionaryFileName(language: Language): string {
  return `${language}.btrie.br`;
}

/** Whether a dictionary for the language can be had (false: the spelling checks stay silent). */
export function hasDictionary(language: Language): boolean {
  return trie(language) !== null;
}

function trie(language: Language): ITrie | null {
  let t = tries.get(language);
  if (t !== undefined) return t;
  const bytes = loader?.(language);
  t = bytes ? decodeTrie(bytes as Uint8Array<ArrayBuffer>) : null;
  tries.set(language, t);
  return t;
}

/** Domain words, lower case: accepted in every document of either language. */
export const DOMAIN = new Set(
  DOMAIN_WORDS.split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean)
    .flatMap((l) => l.split(/\s+/))
    .map((w) => w.toLowerCase()),
);

// Per word, per language: is it in the dictionary or the domain list? Bounded: cleared when full.
const known = new Map<string, boolean>();
const suggested = new Map<string, readonly Cost[]>();
const MAX_CACHED = 200_000;

const norm = (w: string): string => w.replace(/\u2019/g, "'");

/** The word is in the language's dictionary or the domain list (as written, or in lower case). */
export function isKnownWord(word: string, language: Language): boolean {
  const key = `${language}:${word}`;
  const hit = known.get(key);
  if (hit !== undefined) return hit;
  const t = trie(language);
  const w = norm(word);
  const lower = w.toLowerCase();
  let ok = t === null || DOMAIN.has(lower) || t.hasWord(w, true) || t.hasWord(lower, true);
  // A possessive of a known word ("customer's", "customers'").
  if (!ok && /'s?$/.test(lower)) {
    const base = lower.replace(/'s?$/, '');
    ok = base.length > 0 && (DOMAIN.has(base) || t!.hasWord(base, true));
  }
  if (known.size >= MAX_CACHED) known.clear();
  known.set(key, ok);
  return ok;
}

/** In the dictionary itself (not the domain list): for the US-spelling check. */
export function inDictionary(word: string, language: Language): boolean {
  const t = trie(language);
  const lower = norm(word).toLowerCase();
  return t !== null && (t.hasWord(word, true) || t.hasWord(lower, true));
}

/**
 * Up to `max` corrections for a misspelt word, best first, in the word's own case pattern. The
 * library ranks by weighted edit cost; among the cheapest, words the document itself uses
 * (`prefer`, lower case) come first: "custmer" in a sales spec is "customer", not "custer".
 */
export function suggestionsFor(word: string, language: Language, prefer?: ReadonlySet<string>, max = 5): readonly string[] {
  const key = `${language}:${word}`;
  let base = suggested.get(key);
  if (base === undefined) {
    const t = trie(language);
    const lower = norm(word).toLowerCase();
    // No time limit (the library's default is 1 s, and any clock cuts the search at a point that
    // depends on the machine's load, so the same file got other suggestions in a worker thread): the
    // search is bounded by the number of changes instead, which also ranks 'analyse' first for 'nalyse'.
    base = t
      ? dedupe(
          t
            .suggestWithCost(lower, { numSuggestions: 8, ignoreCase: true, changeLimit: 2, timeout: Number.POSITIVE_INFINITY })
            .filter((s) => !s.word.endsWith("'s") && !s.word.endsWith("'"))
            .map((s) => ({ word: s.word, cost: s.cost })),
        )
      : [];
    if (suggested.size >= MAX_CACHED) suggested.clear();
    suggested.set(key, base);
  }
  const ranked = prefer ? rerank(base, prefer) : base;
  return ranked.slice(0, max).map((s) => matchCase(s.word, word));
}

interface Cost {
  word: string;
  cost: number;
}

/** One suggestion per word whatever its case ("the" and "The"), the cheapest kept. */
function dedupe(list: Cost[]): Cost[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const k = s.word.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The document's own words first among suggestions that cost at most one more edit than the best. */
function rerank(list: readonly Cost[], prefer: ReadonlySet<string>): readonly Cost[] {
  if (list.length < 2) return list;
  const best = list[0]!.cost;
  const limit = best + 100; // cspell's costs: 100 for one ordinary edit
  const score = (s: Cost) => (s.cost <= limit && prefer.has(s.word.toLowerCase()) ? 0 : 1);
  return [...list].sort((a, b) => score(a) - score(b) || a.cost - b.cost);
}

/** A suggestion in the case pattern of the word it replaces: "Managment" -> "Management". */
export function matchCase(suggestion: string, original: string): string {
  if (original.length > 1 && original === original.toUpperCase()) return suggestion.toUpperCase();
  const first = original[0]!;
  if (first !== first.toLowerCase() && suggestion[0] === suggestion[0]!.toLowerCase()) return suggestion[0]!.toUpperCase() + suggestion.slice(1);
  return suggestion;
}
