import { proseFields, type ProseField } from '../spelling/check.js';
import { inDictionary } from '../spelling/dictionary.js';
import type { QualificationModel, SpecModel, UnitModel } from '../model/spec.js';
import type { ParsedFile, Path } from '../parse/parse.js';
import { readableText, snippetSpan } from '../spelling/prose-text.js';
import type { FileRule, Report } from './types.js';

/**
 * A title and its restatements use the same words, in the same forms. The restatements read are:
 * the units of a qualification named after them ("Level 5 Award in Analysing Financial Performance"
 * for the unit "Analyse Financial Performance"), and the places the prose repeats a title — a
 * qualification's title ("… Award in Analysing Financial Performance") or a unit's ref and title
 * ("L5B1 Analyse Financial Performance"). A restatement is reported when it has the title's words
 * but for one, which is the same word in another form: "Analysis" for "Analysing", "Process" for
 * "Processes". A verb and its -ing form are the usual way to name a qualification after its unit
 * ("Analyse" / "Analysing", "Manage" / "Managing") and are not reported. Titles of one word are not
 * compared: with nothing else to match, a shared stem says little.
 */

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*/gu;

interface Tok {
  readonly text: string;
  readonly index: number;
}

const tokens = (s: string): Tok[] => [...s.matchAll(WORD)].map((m) => ({ text: m[0], index: m.index }));

/** The -ing forms a verb may take: manage -> managing, plan -> planning, develop -> developing. */
function ingForms(w: string): string[] {
  const l = w.toLowerCase();
  const out = [`${l}ing`];
  if (/[^aeiou]e$/.test(l) || /[^e]ue$/.test(l)) out.push(`${l.slice(0, -1)}ing`);
  if (/[^aeiou][aeiou][bdgklmnprt]$/.test(l)) out.push(`${l}${l[l.length - 1]}ing`);
  return out;
}

/** The -ing form of a verb: the one the dictionary has (develop -> developing, not developping), else by the spelling rules. */
function gerund(w: string): string {
  const forms = ingForms(w);
  const ing = forms.find((f) => inDictionary(f, 'en-GB')) ?? (/[^aeiou]e$/i.test(w) ? forms[1]! : forms[0]!);
  return w[0] !== w[0]!.toLowerCase() ? ing[0]!.toUpperCase() + ing.slice(1) : ing;
}

/** Two forms of one word that a title and its restatement may differ by (the same word, or a verb and its -ing form). */
function sameOrGerund(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || ingForms(x).includes(y) || ingForms(y).includes(x);
}

/** Two words built on one stem: a common start of 4 letters or more, leaving at most 4 letters of either. */
function sameStem(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let k = 0;
  while (k < x.length && k < y.length && x[k] === y[k]) k++;
  return k >= 4 && x.length - k <= 4 && y.length - k <= 4;
}

export interface FormDifference {
  /** Index of the word that differs. */
  readonly at: number;
  readonly title: string;
  readonly restated: string;
}

/**
 * The one word in another form, when `restated` has the words of `title` but that one; undefined
 * when they agree (or differ by a verb's -ing form), or differ in more than one word or by a word
 * of another stem (then it is not a restatement, or a different mistake another check reports).
 */
export function formDifference(title: readonly string[], restated: readonly string[]): FormDifference | undefined {
  if (title.length < 2 || title.length !== restated.length) return undefined;
  let found: FormDifference | undefined;
  for (let i = 0; i < title.length; i++) {
    const a = title[i]!;
    const b = restated[i]!;
    if (sameOrGerund(a, b)) continue;
    if (found || !sameStem(a, b)) return undefined;
    found = { at: i, title: a, restated: b };
  }
  return found;
}

/** The subject a qualification is named for: the words after its first ' in ' ("Level 5 Award in Tender Management"). */
function subjectOf(title: string): { lead: string; words: Tok[] } | undefined {
  const at = title.indexOf(' in ');
  if (at < 0) return undefined;
  const lead = title.slice(0, at + 4);
  return { lead, words: tokens(title.slice(at + 4)).map((t) => ({ text: t.text, index: t.index + at + 4 })) };
}

/** Where, in the prose, a title is restated: the lead of a qualification title, or a unit's ref, followed by words. */
interface Restatement {
  readonly field: ProseField;
  /** Offsets of the words after the lead, in the field's value. */
  readonly words: Tok[];
}

function restatementsAfter(fields: readonly { field: ProseField; text: string }[], lead: string, n: number): Restatement[] {
  const out: Restatement[] = [];
  for (const { field, text } of fields) {
    for (let at = text.indexOf(lead); at >= 0; at = text.indexOf(lead, at + 1)) {
      // The lead starts a word: not inside a longer word or ref (it ends with a space).
      if (/[\p{L}\p{N}/-]/u.test(text[at - 1] ?? '')) continue;
      const rest = text.slice(at + lead.length, at + lead.length + 200);
      const words: Tok[] = [];
      // The words that follow, on one line, joined by spaces only (a colon, a comma or a bracket ends the title).
      for (const m of rest.matchAll(/([\p{L}\p{N}][\p{L}\p{N}'\u2019-]*)|([^\s])|(\n)/gu)) {
        if (m[1] === undefined) break;
        words.push({ text: m[1], index: at + lead.length + m.index });
        if (words.length === n) break;
      }
      if (words.length === n) out.push({ field, words });
    }
  }
  return out;
}

function unitTitleWords(u: UnitModel): string[] {
  return tokens(u.title ?? '').map((t) => t.text);
}

export const rule: FileRule = {
  meta: {
    id: 'title-word-form',
    severity: 'warning',
    category: 'text',
    description:
      "A title and its restatements use the same word forms: a qualification named after its unit, or a title repeated in the text, does not write 'Analysis' where the title has 'Analysing' or 'Analyse'.",
  },
  scope: 'file',
  check({ uri, parsed, model, report }) {
    const fields = proseFields(parsed, model)
      .filter((f) => f.path[f.path.length - 1] !== 'title')
      .map((field) => ({ field, text: readableText(field) }));
    checkQualifications(uri, parsed, model, fields, report);
    checkUnits(parsed, model, fields, report);
  },
};

type Fields = readonly { field: ProseField; text: string }[];

/** A qualification's title against the titles of its units, and against the prose that repeats it. */
function checkQualifications(uri: string, parsed: ParsedFile, model: SpecModel, fields: Fields, report: (r: Report) => void): void {
  const titled = model.qualifications.filter((q) => q.title !== undefined);
  // The other qualifications of the same lead: a restatement that matches one of them exactly is that one.
  const byLead = new Map<string, { q: QualificationModel; words: string[] }[]>();
  for (const q of titled) {
    const s = subjectOf(q.title!);
    if (!s) continue;
    const list = byLead.get(s.lead) ?? [];
    list.push({ q, words: s.words.map((w) => w.text) });
    byLead.set(s.lead, list);
  }
  for (const q of titled) {
    const s = subjectOf(q.title!);
    if (!s) continue;
    const subject = s.words.map((w) => w.text);
    const titlePath: Path = [...q.path, 'title'];
    // 1. Against its units' titles.
    let titleOdd: Report | undefined;
    for (const m of q.units) {
      const u = m.ref ? model.unitsByRef.get(m.ref)?.[0] : undefined;
      if (!u?.title) continue;
      const d = formDifference(unitTitleWords(u), subject);
      if (!d) continue;
      if (titleOdd) continue;
      const w = s.words[d.at]!;
      titleOdd = {
        path: titlePath,
        ...spanOfWord(parsed, titlePath, q.title!, w),
        message: `The title '${q.title}' names unit ${u.ref ?? ''} '${u.title}', but with '${d.restated}' where the unit has '${d.title}' (named after its unit, a qualification would write '${gerund(d.title)}'). Correct the one that is wrong.`,
        related: [{ path: [...u.path, 'title'], message: `unit ${u.ref ?? ''}: '${u.title}'` }],
        fixes: gerundFix(parsed, titlePath, q.title!, w, d.title),
      };
    }
    // 2. Against the prose that repeats it.
    const peers = byLead.get(s.lead) ?? [];
    for (const r of restatementsAfter(fields, s.lead, subject.length)) {
      const said = r.words.map((w) => w.text);
      if (peers.some((p) => p.words.length === said.length && p.words.every((w, i) => w === said[i]))) continue;
      const d = formDifference(subject, said);
      if (!d) continue;
      const w = r.words[d.at]!;
      const span = snippetSpan(parsed, r.field, w.index, w.text.length);
      // The title is the odd one out when one of its units has the restatement's word (or its -ing
      // form) and not the title's: "Coached and Mentoring" beside the unit "Coach and Mentor …".
      const unitWords = q.units.flatMap((m) => (m.ref ? unitTitleWords(model.unitsByRef.get(m.ref)?.[0] ?? ({} as UnitModel)) : []));
      const unitSides = unitWords.find((x) => sameOrGerund(x, d.restated) && !sameOrGerund(x, d.title));
      if (!titleOdd && unitSides) {
        const tw = s.words[d.at]!;
        titleOdd = {
          path: titlePath,
          ...spanOfWord(parsed, titlePath, q.title!, tw),
          message: `The title '${q.title}' is repeated in ${r.field.owner} with '${d.restated}' where the title has '${d.title}'; its unit has '${unitSides}'. Correct the one that is wrong.`,
          related: [],
          fixes: spanOfWord(parsed, titlePath, q.title!, tw).span
            ? [
                {
                  title: `Write '${d.restated}', as ${r.field.owner} does`,
                  edits: [{ span: spanOfWord(parsed, titlePath, q.title!, tw).span!, newText: d.restated }],
                  preferred: true,
                },
              ]
            : [],
        };
      }
      if (titleOdd) {
        // The title is the odd one out (its unit says otherwise): the repeat is one more place it differs.
        titleOdd.related!.push(
          span
            ? { uri, span, message: `repeated with '${d.restated}' in ${r.field.owner}` }
            : { path: r.field.path, message: `repeated with '${d.restated}' in ${r.field.owner}` },
        );
        continue;
      }
      report({
        path: r.field.path,
        ...(span ? { span } : {}),
        message: `'${d.restated}' in ${r.field.owner}: the title it repeats, '${q.title}', has '${d.title}'. Correct the one that is wrong.`,
        related: [{ path: titlePath, message: `the title: '${q.title}'` }],
        fixes: span ? [{ title: `Write '${d.title}', as the title does`, edits: [{ span, newText: d.title }], preferred: true }] : [],
      });
    }
    if (titleOdd) report(titleOdd);
  }
}

/** A unit's ref followed by its title in the prose ("L5B1 Analyse Financial Performance"). */
function checkUnits(parsed: ParsedFile, model: SpecModel, fields: Fields, report: (r: Report) => void): void {
  for (const u of model.units) {
    if (!u.ref || !u.title) continue;
    const title = unitTitleWords(u);
    if (title.length < 2) continue;
    const titlePath: Path = [...u.path, 'title'];
    for (const r of restatementsAfter(fields, `${u.ref} `, title.length)) {
      const d = formDifference(
        title,
        r.words.map((w) => w.text),
      );
      if (!d) continue;
      const w = r.words[d.at]!;
      const span = snippetSpan(parsed, r.field, w.index, w.text.length);
      report({
        path: r.field.path,
        ...(span ? { span } : {}),
        message: `'${d.restated}' in ${r.field.owner}: the title of unit ${u.ref}, '${u.title}', has '${d.title}'. Correct the one that is wrong.`,
        related: [{ path: titlePath, message: `unit ${u.ref}: '${u.title}'` }],
        fixes: span ? [{ title: `Write '${d.title}', as the unit's title does`, edits: [{ span, newText: d.title }], preferred: true }] : [],
      });
    }
  }
}

/** The span of a word of a title (a one-line scalar): the title's own text, found in the source. */
function spanOfWord(parsed: ParsedFile, path: Path, value: string, w: Tok): { span?: { start: number; end: number } } {
  const span = snippetSpan(parsed, { path, value, markdown: false, owner: '' }, w.index, w.text.length);
  return span ? { span } : {};
}

/**
 * The fix for a qualification title whose word is neither its unit's word nor that word's -ing form:
 * the -ing form, the usual way to name a qualification after a unit ("Analyse" -> "Analysing"), when
 * the title's word is plainly not a verb form the writer chose. Not applied by --fix: a person checks.
 */
function gerundFix(parsed: ParsedFile, path: Path, value: string, w: Tok, unitWord: string) {
  const span = spanOfWord(parsed, path, value, w).span;
  if (!span) return [];
  const ing = gerund(unitWord);
  const cased = w.text[0] === w.text[0]!.toUpperCase() ? ing[0]!.toUpperCase() + ing.slice(1) : ing;
  return [
    { title: `Write '${cased}' (the unit's '${unitWord}', as a qualification title puts it)`, edits: [{ span, newText: cased }], preferred: true },
    { title: `Write '${unitWord}', as the unit's title does`, edits: [{ span, newText: unitWord }] },
  ];
}
