import { proseFields, type ProseField } from '../spelling/check.js';
import { memoOn } from '../model/memo.js';
import type { ParsedFile } from '../parse/parse.js';
import type { SpecModel } from '../model/spec.js';
import { readableText, snippetSpan } from '../spelling/prose-text.js';
import type { FileRule } from './types.js';

/**
 * A term of two or more words written with capitals in the middle of a sentence ("the Sales Plan
 * is reviewed") is being used as a defined term; the same words all in lower case elsewhere in the
 * document ("agree the sales plan") are the same term written another way. Read in statements and
 * prose only: titles have their own style (title case or sentence case), and a word at the start of
 * a sentence, a line, a list item, a table cell or a quotation is capitalised for that reason alone,
 * so a run of capitals is counted from its second word there. The document's own titles (of units,
 * qualifications, groups, sections) are names, not terms: "Customer Focus" the unit beside "a
 * customer focus" is not reported.
 */

/** Small words that may stand inside a term ("Rules of Combination", "Recognition of Prior Learning"). */
const CONNECTORS = new Set(['of', 'and', 'in', 'for', 'the', 'to', 'on', 'with', 'a', 'an', '&']);
const MAX_TERM_WORDS = 6;

interface Word {
  readonly text: string;
  readonly index: number;
  /** 'cap' Capitalised, 'lower' all lower case, 'other' (an acronym, a name such as iPhone, a connector '&'). */
  readonly shape: 'cap' | 'lower' | 'other';
  /** Joined to the word before by spaces only (on one line). */
  readonly joined: boolean;
  /** At the start of a sentence, line, list item, table cell, heading or quotation. */
  readonly start: boolean;
}

const WORD = /[\p{L}][\p{L}\p{M}]*(?:['\u2019-][\p{L}][\p{L}\p{M}]*)*|&/gu;

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  let end = 0;
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    const gap = text.slice(end, m.index);
    end = m.index + w.length;
    const after = text.charCodeAt(end);
    // Joined to a digit (a ref: L5B1): not a word of prose.
    if ((after >= 48 && after <= 57) || /\d$/.test(gap)) {
      out.push({ text: w, index: m.index, shape: 'other', joined: false, start: true });
      continue;
    }
    const shape = w === '&' ? 'other' : /^\p{Lu}[\p{Ll}\p{M}'\u2019-]+$/u.test(w) ? 'cap' : /^[\p{Ll}\p{M}'\u2019-]+$/u.test(w) ? 'lower' : 'other';
    const joined = out.length > 0 && /^[ ]+$/.test(gap);
    const start = out.length === 0 || /[.!?:;\n|#*>(\[{"\u201c\u2018\u2022]|^\s*-\s|['`]\s*$/.test(gap) || /^\s*['`]/.test(gap);
    out.push({ text: w, index: m.index, shape, joined, start });
  }
  return out;
}

/** A capitalised term found mid-sentence, or a lower-case use of one. */
interface Use {
  readonly field: ProseField;
  readonly index: number;
  readonly written: string;
}

interface Terms {
  /** By the term in lower case: where it is written with capitals, and where in lower case. */
  readonly caps: Map<string, Use[]>;
  readonly lower: Map<string, Use[]>;
}

const TERMS = Symbol('termCase');

/** The fields read: statements and prose (not titles, not what a change summary quotes). */
function readFields(parsed: ParsedFile, model: SpecModel): { field: ProseField; text: string; words: Word[] }[] {
  const titles = new Set(proseFieldsTitles(parsed, model));
  return proseFields(parsed, model)
    .filter((f) => !titles.has(f))
    .map((field) => {
      const text = field.markdown ? maskHeadings(readableText(field)) : readableText(field);
      return { field, text, words: wordsOf(text) };
    });
}

/** Markdown headings and table header rows blanked out: they are titles, in their own style. */
function maskHeadings(text: string): string {
  const lines = text.split('\n');
  const blank = (l: string) => ' '.repeat(l.length);
  return lines
    .map((l, i) =>
      /^\s{0,3}#{1,6}\s/.test(l) || /^\s*\*\*[^*]+\*\*\s*$/.test(l) || (/^\s*\|/.test(l) && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) ? blank(l) : l,
    )
    .join('\n');
}

/** The title fields: the last key of their path is 'title', or the document's subtitle. */
function proseFieldsTitles(parsed: ParsedFile, model: SpecModel): ProseField[] {
  return proseFields(parsed, model).filter((f) => {
    const last = f.path[f.path.length - 1];
    return last === 'title' || last === 'subtitle';
  });
}

/** The document's own names: titles of its units, qualifications, groups and sections, and the subjects of its qualification titles. */
function names(parsed: ParsedFile, model: SpecModel): Set<string> {
  const out = new Set<string>();
  for (const f of proseFieldsTitles(parsed, model)) {
    const t = f.value.trim().toLowerCase().replace(/\s+/g, ' ');
    out.add(t);
    const subject = / in (.+)$/.exec(t)?.[1];
    if (subject) out.add(subject);
  }
  return out;
}

function collect(parsed: ParsedFile, model: SpecModel): Terms {
  const caps = new Map<string, Use[]>();
  const lower = new Map<string, Use[]>();
  const fields = readFields(parsed, model);
  const own = names(parsed, model);
  const ownTitles = [...own].map((t) => ` ${t.replace(/[^\p{L}\p{N}&']+/gu, ' ').trim()} `);
  // 1. Runs of capitalised words mid-sentence.
  for (const { field, text, words } of fields) {
    for (let i = 0; i < words.length;) {
      if (words[i]!.shape !== 'cap') {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < words.length && words[j]!.joined && !words[j]!.start && (words[j]!.shape === 'cap' || CONNECTORS.has(words[j]!.text))) j++;
      // [i, j) is a run; trim connectors at its end, and its first word if a sentence starts there.
      let a = i;
      let b = j;
      while (b > a && words[b - 1]!.shape !== 'cap') b--;
      if (words[a]!.start) {
        a++;
        while (a < b && words[a]!.shape !== 'cap') a++;
      }
      const capsIn = words.slice(a, b).filter((w) => w.shape === 'cap').length;
      if (capsIn >= 2 && b - a <= MAX_TERM_WORDS) {
        const from = words[a]!.index;
        const to = words[b - 1]!.index + words[b - 1]!.text.length;
        const written = text.slice(from, to);
        const key = written.toLowerCase();
        if (!own.has(key) && !inTitle(key, ownTitles) && standsAsTerm(text, from, to, a === i ? words[a - 1] : undefined, words[a]!))
          push(caps, key, { field, index: from, written });
      }
      i = j;
    }
  }
  if (caps.size === 0) return { caps, lower };
  // 2. The same words all in lower case, as a whole (not inside a longer run of lower-case words is fine).
  const firsts = new Map<string, string[]>();
  for (const key of caps.keys()) push(firsts, key.split(' ')[0]!, key);
  for (const { field, text, words } of fields) {
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (w.shape !== 'lower') continue;
      const keys = firsts.get(w.text);
      if (!keys) continue;
      for (const key of keys) {
        const parts = key.split(' ');
        let k = 1;
        for (; k < parts.length; k++) {
          const x = words[i + k];
          if (!x || !x.joined || x.text !== parts[k]) break;
        }
        if (k < parts.length) continue;
        // Not followed by a capitalised word (then it is part of something else).
        const next = words[i + parts.length];
        if (next && next.joined && next.shape === 'cap') continue;
        const last = words[i + parts.length - 1]!;
        push(lower, key, { field, index: w.index, written: text.slice(w.index, last.index + last.text.length) });
      }
    }
  }
  return { caps, lower };
}

/** The term is a run of whole words of one of the document's titles ("Legal and Professional Requirements" of a unit's title). */
function inTitle(key: string, titles: readonly string[]): boolean {
  const k = ` ${key} `;
  return titles.some((t) => t.includes(k));
}

/**
 * Whether a run of capitals mid-sentence reads as a defined term rather than a name or a style of
 * its own: not part of a longer name (after an acronym or a number: "ISP Competency Framework",
 * "Level 5 Qualification Specification"), not spelt out before its acronym ("Continuing Professional
 * Development (CPD)", where capitals are the convention), not an item of a list of examples ("e.g.,
 * Balanced Scorecard, PESTLE Analysis etc.": tools and methods named as such), not a fragment of
 * damaged text ("Customer Relationship […]").
 */
function standsAsTerm(text: string, from: number, to: number, before: Word | undefined, first: Word): boolean {
  const head = text.slice(Math.max(0, from - 80), from);
  const tail = text.slice(to, to + 12);
  if (before && before.shape === 'other' && first.joined) return false;
  if (/\d[\p{L}\d./-]*\s+$/u.test(head)) return false;
  if (/^\s*\(/.test(tail) || /^\s*(?:[[\u2026]|\.\.\.)/.test(tail) || /(?:[\]\u2026]|\.\.\.)\s*$/.test(head)) return false;
  if (/^\s*(?:,|etc\b)/.test(tail) || /,\s*$/.test(head)) return false;
  const clause = head.slice(Math.max(head.lastIndexOf(';'), head.lastIndexOf('\n'), head.search(/[.!?]\s+\S*$/)) + 1);
  if (/\b(?:e\.g|i\.e|such as|including|for example)\b/i.test(clause)) return false;
  return true;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export const rule: FileRule = {
  meta: {
    id: 'term-case',
    severity: 'warning',
    category: 'text',
    description:
      "A term is written with the same capitals throughout the document: not 'Sales Plan' in one place and 'sales plan' in another (titles and the start of a sentence aside).",
  },
  scope: 'file',
  check({ parsed, model, report }) {
    const { caps, lower } = memoOn(model, TERMS, () => collect(parsed, model));
    for (const [key, lowers] of lower) {
      const capitals = caps.get(key)!;
      // The less common form is the slip; on a tie, the lower-case one (the capitals make it a term).
      const [odd, usual] = lowers.length <= capitals.length ? [lowers, capitals] : [capitals, lowers];
      const model0 = usual[0]!;
      for (const u of odd) {
        const span = snippetSpan(parsed, u.field, u.index, u.written.length);
        const times = usual.length === 1 ? 'once' : `${usual.length} times`;
        report({
          path: u.field.path,
          ...(span ? { span } : {}),
          message: `'${u.written}' in ${u.field.owner} is written '${model0.written}' elsewhere in the document (${times}): write the term the same way throughout.`,
          related: [{ path: model0.field.path, message: `written '${model0.written}' in ${model0.field.owner}` }],
          fixes: span ? [{ title: `Write it '${model0.written}'`, edits: [{ span, newText: model0.written }], preferred: true }] : [],
        });
      }
    }
  },
};
