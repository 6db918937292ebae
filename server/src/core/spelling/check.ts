/**
 * What the spelling rules share: the prose fields of a spec, the words in them that are not in the
 * document's dictionary, and where each word is in the source. The per-text work is memoised per
 * string (a model is rebuilt on every edit, its strings mostly unchanged), so after an edit only
 * the changed text is read again.
 */
import type { ParsedFile, Path } from '../parse/parse.js';
import { isObj, type SpecModel } from '../model/spec.js';
import { memoOn } from '../model/memo.js';
import { textFields } from '../rules/text-fields.js';
import type { Span } from '../text/line-index.js';
import { hasDictionary, isKnownWord, LANGUAGES, onDictionaryChange, type Language } from './dictionary.js';
import { britishFormOf } from './us.js';
import { alternativesOf, proseWords, type WordAt } from './words.js';

export interface ProseField {
  readonly path: Path;
  readonly value: string;
  readonly markdown: boolean;
  readonly owner: string;
  /** A change summary: what it quotes ("nonverbal" -> "non-verbal") is the old text, not its own. */
  readonly cites?: boolean;
}

export interface Misspelling {
  readonly field: ProseField;
  readonly word: string;
  /** Offset of the word in the field's value. */
  readonly index: number;
  /** For an American spelling in a British document: the British form. */
  readonly british?: string;
}

export interface SpellSettings {
  /** The workspace's words (`words:` in .qualspec.yaml). */
  readonly words?: readonly string[];
  /** The workspace's language (`language:` in .qualspec.yaml), when the document names none. */
  readonly language?: Language;
}

/** Every prose field: titles, statements, indicative content and guidance, purposes, KSBs, sections, change summaries. */
export function proseFields(parsed: ParsedFile, model: SpecModel): readonly ProseField[] {
  return memoOn(model, FIELDS, () => {
    const out: ProseField[] = textFields(model).map((f) => ({ path: f.path, value: f.value, markdown: f.kind === 'prose', owner: f.owner }));
    for (const u of model.units)
      for (const k of u.ksbs)
        if (k.text !== undefined)
          out.push({ path: [...k.path, 'text'], value: k.text, markdown: false, owner: `KSB ${k.code ?? ''} of unit ${u.ref ?? u.index + 1}` });
    const data = parsed.data;
    if (isObj(data)) {
      if (Array.isArray(data.sections))
        data.sections.forEach((s, i) => {
          if (!isObj(s)) return;
          const name = `section '${typeof s.title === 'string' ? s.title : i + 1}'`;
          if (typeof s.title === 'string') out.push({ path: ['sections', i, 'title'], value: s.title, markdown: false, owner: name });
          if (typeof s.body === 'string') out.push({ path: ['sections', i, 'body'], value: s.body, markdown: true, owner: name });
        });
      const doc = data.document;
      if (isObj(doc)) {
        if (typeof doc.subtitle === 'string') out.push({ path: ['document', 'subtitle'], value: doc.subtitle, markdown: false, owner: 'the document' });
        if (Array.isArray(doc.changeHistory))
          doc.changeHistory.forEach((c, i) => {
            if (isObj(c) && typeof c.summary === 'string')
              out.push({
                path: ['document', 'changeHistory', i, 'summary'],
                value: c.summary,
                markdown: false,
                owner: `change ${String(c.version ?? i + 1)}`,
                cites: true,
              });
          });
      }
    }
    return out;
  });
}

const FIELDS = Symbol('proseFields');
const ISSUES = Symbol('misspellings');

/** The document's language: its own `document.language`, else the workspace's, else British English. */
export function documentLanguage(parsed: ParsedFile, settings: SpellSettings | undefined): Language {
  const doc = isObj(parsed.data) ? parsed.data.document : undefined;
  const own = isObj(doc) ? doc.language : undefined;
  if (typeof own === 'string' && (LANGUAGES as readonly string[]).includes(own)) return own as Language;
  return settings?.language ?? 'en-GB';
}

/** Words the document accepts beyond the dictionaries (lower case): its word list, the workspace's, the awarding body's names. */
export function acceptedWords(parsed: ParsedFile, settings: SpellSettings | undefined): Set<string> {
  const out = new Set<string>();
  const add = (s: unknown) => {
    if (typeof s === 'string') for (const w of s.split(/[^A-Za-z\u00C0-\u024F'\u2019]+/)) if (w) out.add(w.toLowerCase());
  };
  for (const w of settings?.words ?? []) add(w);
  const doc = isObj(parsed.data) ? parsed.data.document : undefined;
  if (isObj(doc)) {
    if (Array.isArray(doc.words)) doc.words.forEach(add);
    add(doc.awardingBody);
    add(doc.awardingBodyShort);
  }
  return out;
}

// Per text and language: the words of the text the dictionary does not know, or that are American
// spellings (en-GB only). Independent of any document's own words, so shared by every file.
const perText = new Map<string, readonly (WordAt & { british?: string })[]>();
const NONE: readonly (WordAt & { british?: string })[] = Object.freeze([]);
onDictionaryChange(() => perText.clear());

function suspects(text: string, markdown: boolean, cites: boolean, language: Language): readonly (WordAt & { british?: string })[] {
  const key = `${language}${markdown ? 'm' : 'p'}${cites ? 'c' : ''}${text}`;
  const hit = perText.get(key);
  if (hit) return hit;
  const found: (WordAt & { british?: string })[] = [];
  const read = cites ? text.replace(/"[^"\n]*"|\u201c[^\u201d\n]*\u201d/g, (m) => ' '.repeat(m.length)) : text;
  for (const w of proseWords(read, markdown)) {
    const british = language === 'en-GB' ? britishFormOf(w.word) : undefined;
    if (british) found.push({ ...w, british });
    else if (!isKnownWord(w.word, language) && !alternativesOf(text, w).some((a) => isKnownWord(a, language))) found.push(w);
  }
  const value = found.length ? found : NONE;
  if (perText.size >= 50_000) perText.clear();
  perText.set(key, value);
  return value;
}

/** The misspelt words and American spellings of a spec (memoised on the model for the two rules). */
export function misspellings(parsed: ParsedFile, model: SpecModel, settings: SpellSettings | undefined): readonly Misspelling[] {
  const language = documentLanguage(parsed, settings);
  const accepted = acceptedWords(parsed, settings);
  const key = `${language}|${[...accepted].join(' ')}`;
  const memo = memoOn(model, ISSUES, () => ({ key: '', list: [] as readonly Misspelling[] }));
  if (memo.key === key && memo.list) return memo.list;
  const list: Misspelling[] = [];
  if (hasDictionary(language)) {
    for (const field of proseFields(parsed, model)) {
      for (const s of suspects(field.value, field.markdown, field.cites === true, language)) {
        const lower = s.word.toLowerCase();
        if (accepted.has(lower) || accepted.has(lower.replace(/['\u2019]s$/, ''))) continue;
        list.push(s.british ? { field, word: s.word, index: s.index, british: s.british } : { field, word: s.word, index: s.index });
      }
    }
  }
  memo.key = key;
  memo.list = list;
  return list;
}

/** The document's own vocabulary (lower case), to rank suggestions. */
export function documentVocabulary(parsed: ParsedFile, model: SpecModel): ReadonlySet<string> {
  return memoOn(model, VOCAB, () => {
    const out = new Set<string>();
    for (const f of proseFields(parsed, model)) for (const m of f.value.matchAll(/[A-Za-z]+/g)) out.add(m[0].toLowerCase());
    return out;
  });
}
const VOCAB = Symbol('vocabulary');

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;

/** The k-th whole-word occurrence of `word` in `s` at or after `from`, or -1. */
function nth(s: string, word: string, k: number): number {
  let at = -1;
  let from = 0;
  for (let n = 0; n <= k; n++) {
    for (;;) {
      at = s.indexOf(word, from);
      if (at < 0) return -1;
      from = at + 1;
      if (!isLetter(s.charCodeAt(at - 1)) && !isLetter(s.charCodeAt(at + word.length))) break;
    }
  }
  return at;
}

/** Where a word of a field is in the source: the same whole-word occurrence of it in the node's text. */
export function wordSpan(parsed: ParsedFile, m: Misspelling): Span | undefined {
  const v = m.field.value;
  let k = 0;
  for (let at = nth(v, m.word, 0); at >= 0 && at < m.index; at = nth(v, m.word, ++k));
  const node = parsed.locate(m.field.path);
  const src = parsed.text.slice(node.start, node.end);
  const at = nth(src, m.word, k);
  return at < 0 ? undefined : { start: node.start + at, end: node.start + at + m.word.length };
}
