import { documentLanguage, documentVocabulary, misspellings, wordSpan } from '../spelling/check.js';
import { LANGUAGE_NAMES, suggestionsFor } from '../spelling/dictionary.js';
import type { FileRule, Fix } from './types.js';

/** The data a spelling finding carries for the editor's quick fixes. */
export interface SpellingData {
  word: string;
  suggestions: string[];
  language: string;
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
    for (const m of found) {
      if (m.british) continue; // us-spelling reports it, with the British form
      const span = wordSpan(parsed, m);
      const suggestions = [...suggestionsFor(m.word, language, vocabulary)];
      const name = LANGUAGE_NAMES[language];
      const fixes: Fix[] = span
        ? suggestions
            .slice(0, 3)
            .map((s, i) => ({ title: `Change '${m.word}' to '${s}'`, edits: [{ span, newText: s }], ...(i === 0 ? { preferred: true } : {}) }))
        : [];
      const data: SpellingData = { word: m.word, suggestions, language };
      report({
        path: m.field.path,
        ...(span ? { span } : {}),
        message: suggestions.length
          ? `'${m.word}' is not in the ${name} dictionary — did you mean ${quoteList(suggestions.slice(0, 3))}?`
          : `'${m.word}' is not in the ${name} dictionary: check its spelling, or add it to the word list if it is right.`,
        fixes,
        data,
      });
    }
  },
};

function quoteList(words: readonly string[]): string {
  const q = words.map((w) => `'${w}'`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}
