import { documentLanguage, documentVocabulary, misspellings, wordSpan, type Misspelling, type ProseField } from '../spelling/check.js';
import { LANGUAGE_NAMES, suggestionsFor } from '../spelling/dictionary.js';
import { quote } from '../text/quote.js';
import { orList } from '../text/similar.js';
import type { FileRule, Fix } from './types.js';

/** The data a spelling finding carries for the editor's quick fixes. */
export interface SpellingData {
  word: string;
  suggestions: string[];
  language: string;
}

/**
 * Suggestions cost a dictionary search each (milliseconds; far more for a long word). They are
 * searched for words of prose: not in a field where most words are not in the dictionary (a pasted
 * block of another language, or damaged text: at least DENSE_MIN misspellings making up over
 * DENSE_SHARE of its words), not for words of over MAX_SUGGESTED_LENGTH letters, and for at most
 * MAX_SUGGESTED distinct words a file. Those words are still reported, without suggestions. The
 * bounds are counts, not a clock, so the same file gets the same findings on every machine.
 */
const MAX_SUGGESTED = 200;
const MAX_SUGGESTED_LENGTH = 24;
const DENSE_MIN = 5;
const DENSE_SHARE = 0.3;

function denseFields(found: readonly Misspelling[]): Set<ProseField> {
  const count = new Map<ProseField, number>();
  for (const m of found) count.set(m.field, (count.get(m.field) ?? 0) + 1);
  const dense = new Set<ProseField>();
  for (const [field, n] of count) {
    if (n < DENSE_MIN) continue;
    const words = field.value.match(/\p{L}+/gu)?.length ?? 0;
    if (n > DENSE_SHARE * words) dense.add(field);
  }
  return dense;
}

export const rule: FileRule = {
  meta: {
    id: 'spelling',
    severity: 'warning',
    category: 'text',
    description:
      "Every word of the document's prose is in its dictionary (British English unless it says otherwise), the qualification word list or the document's and workspace's own word lists.",
  },
  scope: 'file',
  check({ parsed, model, config, report }) {
    const found = misspellings(parsed, model, config);
    if (found.length === 0) return;
    const language = documentLanguage(parsed, config);
    const vocabulary = documentVocabulary(parsed, model);
    const searched = new Set<string>();
    const dense = denseFields(found);
    for (const m of found) {
      if (m.british) continue; // us-spelling reports it, with the British form
      const span = wordSpan(parsed, m);
      const searchable = !dense.has(m.field) && m.word.length <= MAX_SUGGESTED_LENGTH && (searched.has(m.word) || searched.size < MAX_SUGGESTED);
      if (searchable) searched.add(m.word);
      const suggestions = searchable ? [...suggestionsFor(m.word, language, vocabulary)] : [];
      const name = LANGUAGE_NAMES[language];
      const fixes: Fix[] = span
        ? suggestions
            .slice(0, 3)
            .map((s, i) => ({ title: `Change ${quote(m.word)} to '${s}'`, edits: [{ span, newText: s }], ...(i === 0 ? { preferred: true } : {}) }))
        : [];
      const data: SpellingData = { word: m.word, suggestions, language };
      report({
        path: m.field.path,
        ...(span ? { span } : {}),
        message: suggestions.length
          ? `${quote(m.word)} is not in the ${name} dictionary — did you mean ${orList(suggestions.slice(0, 3).map((s) => quote(s)))}?`
          : `${quote(m.word)} is not in the ${name} dictionary: check its spelling, or add it to the word list if it is right.`,
        fixes,
        data,
      });
    }
  },
};
