import type { RuleModel } from '../model/spec.js';
import type { FileRule } from './types.js';

/**
 * The numbers a rule's published wording states, read only from clear phrases: "a minimum of 13
 * credits", "maximum 36 credits", "Minimum 13 and maximum 36 credits", "at least two BUSINESS units",
 * "no more than two Level 4 units", "up to 120 GLH", "a combined total of 360 GLH", "totalling 3 to 8
 * credits", "a minimum of 50%". A number not tied to a limit word and a measure (a level, a date, a
 * unit number) is never read.
 */
export type Measure = 'credit' | 'glh' | 'tqt' | 'hours' | 'units' | 'percent';
export interface Stated {
  bound: 'min' | 'max';
  value: number;
  measure: Measure;
  /** The words stating it, as in the text. */
  words: string;
  index: number;
}

const WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const NUM = '(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';
const MIN = '(?:an?\\s+)?minimum(?:\\s+of)?|at\\s+least|no\\s+(?:fewer|less)\\s+than|not\\s+(?:fewer|less)\\s+than';
const MAX = '(?:an?\\s+)?maximum(?:\\s+of)?|at\\s+most|up\\s+to|no\\s+more\\s+than|not\\s+more\\s+than';
const TOTAL = '(?:an?\\s+)?(?:combined\\s+)?total\\s+of';
const UNIT = '(credits?|GLH|guided\\s+learning\\s+hours|hours\\s+of\\s+TQT|TQT|hours|units?)';
/** Words allowed between a count and "units": "two BUSINESS units", "two Level 4 units", "one optional unit". */
const BETWEEN = '(?:(?:Level\\s+\\d|[A-Za-z][A-Za-z-]*)\\s+){0,3}?';

const value = (s: string): number => WORDS[s.toLowerCase()] ?? Number(s);
function measureOf(s: string): Exclude<Measure, 'percent'> {
  const w = s.toLowerCase().replace(/\s+/g, ' ');
  if (w.startsWith('credit')) return 'credit';
  if (w === 'glh' || w === 'guided learning hours') return 'glh';
  if (w === 'tqt' || w === 'hours of tqt') return 'tqt';
  if (w.startsWith('unit')) return 'units';
  return 'hours';
}

export function statedNumbers(text: string): Stated[] {
  const out: Stated[] = [];
  const taken: [number, number][] = [];
  const free = (i: number, j: number) => taken.every(([a, b]) => j <= a || i >= b);
  const scan = (re: RegExp, take: (m: RegExpExecArray) => Omit<Stated, 'words' | 'index'>[]) => {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const end = m.index + m[0].length;
      if (!free(m.index, end)) continue;
      // A "unit" word must be a measure: not "unit 3" (a unit's number) or "units at Level 3" after a bare number.
      const found = take(m);
      if (!found.length) continue;
      taken.push([m.index, end]);
      for (const f of found) out.push({ ...f, words: m[0], index: m.index });
    }
  };
  // "Minimum 13 and maximum 36 credits", "a minimum of 13 credits, maximum 24 credits"
  scan(new RegExp(`\\b(?:${MIN})\\s+${NUM}(?:\\s+${UNIT})?\\s*(?:,\\s*and|,|and)?\\s*(?:${MAX})\\s+${NUM}\\s+${UNIT}\\b`, 'gi'), (m) => {
    const second = measureOf(m[4]!);
    const first = m[2] ? measureOf(m[2]) : second;
    return [
      { bound: 'min', value: value(m[1]!), measure: first },
      { bound: 'max', value: value(m[3]!), measure: second },
    ];
  });
  // "totalling 3 to 8 credits", "between 3 and 8 credits"
  scan(new RegExp(`\\b(?:totalling|between|of)\\s+${NUM}\\s+(?:to|and)\\s+${NUM}\\s+${UNIT}\\b`, 'gi'), (m) => {
    const measure = measureOf(m[3]!);
    return [
      { bound: 'min', value: value(m[1]!), measure },
      { bound: 'max', value: value(m[2]!), measure },
    ];
  });
  // "a combined total of 360 GLH": exactly that many
  scan(new RegExp(`\\b(?:${TOTAL})\\s+${NUM}\\s+${UNIT}\\b`, 'gi'), (m) => {
    const measure = measureOf(m[2]!);
    return [
      { bound: 'min', value: value(m[1]!), measure },
      { bound: 'max', value: value(m[1]!), measure },
    ];
  });
  // "at least two BUSINESS units", "a maximum of 6 credits", "a minimum of 50%"
  scan(new RegExp(`\\b(${MIN}|${MAX})\\s+${NUM}\\s*(%|\\s${BETWEEN}${UNIT}\\b)`, 'gi'), (m) => {
    const bound = new RegExp(`^(?:${MIN})$`, 'i').test(m[1]!) ? 'min' : 'max';
    if (m[3] === '%') return [{ bound, value: value(m[2]!), measure: 'percent' }];
    const measure = measureOf(m[4]!);
    // Words between the number and the measure are allowed for units only ("two Level 4 units").
    if (measure !== 'units' && !new RegExp(`^\\s${UNIT}$`, 'i').test(m[3]!)) return [];
    return [{ bound, value: value(m[2]!), measure }];
  });
  return out.sort((a, b) => a.index - b.index);
}

const NAMES: Record<Exclude<Measure, 'hours'>, string> = { credit: 'credits', glh: 'GLH', tqt: 'hours of TQT', units: 'units', percent: '%' };
const KEYS = {
  credit: ['minCredits', 'maxCredits'],
  glh: ['minGlh', 'maxGlh'],
  tqt: ['minTqt', 'maxTqt'],
  units: ['minUnits', 'maxUnits'],
} as const;

/** The limit of the rule a stated number is about: its key path and value (a level share's amounts for a minimum). */
function limitOf(r: RuleModel, s: Stated): { key: (string | number)[]; value: number | undefined; measure: Exclude<Measure, 'hours'> } | undefined {
  let m: Measure = s.measure;
  if (m === 'hours') {
    const glh = r.minGlh !== undefined || r.maxGlh !== undefined || r.levelShare?.minGlh !== undefined;
    const tqt = r.minTqt !== undefined || r.maxTqt !== undefined;
    if (glh === tqt) return undefined; // "hours" with both (or neither): not clear which
    m = glh ? 'glh' : 'tqt';
  }
  if (r.levelShare) {
    if (s.bound !== 'min') return undefined;
    if (m === 'percent') return { key: ['levelShare', 'minPercent'], value: r.levelShare.minPercent, measure: m };
    if (m === 'credit') return { key: ['levelShare', 'minCredits'], value: r.levelShare.minCredits, measure: m };
    if (m === 'glh') return { key: ['levelShare', 'minGlh'], value: r.levelShare.minGlh, measure: m };
    return undefined;
  }
  if (m === 'percent') return undefined;
  const key = KEYS[m][s.bound === 'min' ? 0 : 1];
  return { key: [key], value: r[key], measure: m };
}

export const rule: FileRule = {
  meta: {
    id: 'rule-text-numbers',
    severity: 'warning',
    category: 'combination',
    description:
      'The numbers a rule of combination\'s published wording states ("Minimum 13 and maximum 36 credits", "at least two units") agree with its limits.',
  },
  scope: 'file',
  check({ parsed, model, report }) {
    for (const q of model.qualifications) {
      const qname = `'${q.title ?? `Qualification ${q.index + 1}`}'`;
      for (const r of q.rules) {
        if (!r.text) continue;
        const counts = [r.minUnits, r.maxUnits, r.minCredits, r.maxCredits, r.minGlh, r.maxGlh, r.minTqt, r.maxTqt].some((x) => x !== undefined);
        // Only a rule that counts can disagree with a count: the wording of a mandatory or barred rule is not a limit.
        if (!counts && !r.levelShare) continue;
        const node = parsed.locate([...r.path, 'text']);
        const src = parsed.text.slice(node.start, node.end);
        const label = r.id ? `rule '${r.id}'` : `rule ${r.index + 1}`;
        for (const s of statedNumbers(r.text)) {
          const limit = limitOf(r, s);
          if (!limit || limit.value === s.value) continue;
          const what = limit.measure === 'percent' ? `${s.value}%` : `${s.value} ${NAMES[limit.measure]}`;
          const bound = s.bound === 'min' ? 'a minimum of' : 'a maximum of';
          const idx = src.indexOf(s.words);
          const exact = idx >= 0 && src.indexOf(s.words, idx + 1) === -1;
          const keyName = String(limit.key[limit.key.length - 1]);
          report({
            path: [...r.path, 'text'],
            ...(exact ? { span: { start: node.start + idx, end: node.start + idx + s.words.length } } : {}),
            message:
              limit.value === undefined
                ? `The wording of ${label} of ${qname} says ${bound} ${what}, but the rule sets no such limit (${keyName}): add the limit, or correct the wording.`
                : `The wording of ${label} of ${qname} says ${bound} ${what}, but the rule's limit is ${limit.measure === 'percent' ? `${limit.value}%` : `${limit.value} ${NAMES[limit.measure]}`} (${keyName}: ${limit.value}): correct the wording or the limit.`,
            ...(limit.value !== undefined ? { related: [{ path: [...r.path, ...limit.key], message: `${keyName}: ${limit.value}` }] } : {}),
          });
        }
      }
    }
  },
};
