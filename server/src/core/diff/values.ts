/**
 * Values as the version diff reads and prints them: the data of a parsed spec taken apart without
 * trusting its shape, compared as data (whitespace inside texts aside) and shown in a few words.
 */
import { normalise, sameWords } from './words.js';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** Equal as data, whitespace inside texts aside. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return sameWords(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!same(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}

const MAX_SHOWN = 90;

/** The document's settings for qualspec's checks, not its content (see settings() in document.ts). */
export const SETTINGS = ['words', 'language', 'unitRefs'] as const;
export const SETTINGS_SUBJECT = 'Checker settings (not printed)';

/** A value in words, short: texts cut at 90 characters, lists joined, sizes as ranges. */
export function show(v: unknown): string {
  if (v === undefined || v === null) return '(none)';
  if (typeof v === 'string') {
    const t = normalise(v);
    return t.length > MAX_SHOWN ? `${t.slice(0, MAX_SHOWN - 1)}…` : t;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : v.map(show).join(', ');
  if (isObj(v)) {
    if (('min' in v || 'max' in v) && Object.keys(v).every((k) => k === 'min' || k === 'max')) {
      const min = v.min;
      const max = v.max;
      if (max === undefined) return `${show(min)} or more`;
      if (min === undefined) return `up to ${show(max)}`;
      return `${show(min)}–${show(max)}`;
    }
    return Object.entries(v)
      .map(([k, x]) => `${k} ${show(x)}`)
      .join('; ');
  }
  return String(v);
}

const LABELS: Record<string, string> = {
  uan: 'UAN',
  qan: 'QAN',
  glh: 'GLH',
  tqt: 'TQT',
  credit: 'credit',
  title: 'title',
  level: 'level',
  group: 'group',
  ref: 'unit ref',
  type: 'type',
  summary: 'summary-only flag',
  specifiedIn: 'where it is specified in full',
  purpose: 'purpose',
  sectorSubjectArea: 'sector subject area',
  description: 'description',
  letter: 'letter',
  id: 'id',
  body: 'text',
  awardingBody: 'awarding body',
  awardingBodyShort: 'awarding body short name',
  subtitle: 'subtitle',
  version: 'version',
  published: 'publication date',
  words: 'words the spelling check accepts',
  language: 'spelling language',
  unitRefs: 'unit-ref convention',
  copyright: 'copyright line',
  operationalStartDate: 'operational start date',
  minimumAge: 'minimum age',
  grading: 'grading',
  assessment: 'assessment',
  assessmentNote: 'assessment note',
  entryRequirements: 'entry requirements',
  timeAllowed: 'time allowed',
  induction: 'induction',
  tutorialSupport: 'tutorial support',
  progression: 'progression routes',
  regions: 'regions',
  minUnits: 'minimum units',
  maxUnits: 'maximum units',
  minCredits: 'minimum credits',
  maxCredits: 'maximum credits',
  mandatory: 'mandatory units',
  barred: 'barred units',
  levelShare: 'level share',
  groups: 'groups',
  units: 'units',
  text: 'published wording',
  printedTitles: 'titles printed elsewhere',
};
export const label = (k: string): string => LABELS[k] ?? k;

/** Keys whose value is prose: a word diff is shown. */
export const PROSE = new Set(['title', 'purpose', 'description', 'body', 'text', 'assessmentNote', 'entryRequirements', 'summary', 'subtitle']);

export const cap = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
