/**
 * The semantic difference of two versions of one spec file: items matched by identity (unit ref,
 * then UAN, then title; QAN, then title; group and section ids, then titles; learning outcomes and
 * criteria by wording, then number), so that a renamed unit or a renumbered criterion is reported
 * as such rather than as a removal and an addition. Texts are compared word by word: whitespace and
 * comments are never a change (the data is compared, not the text).
 */
import type { ParsedFile, Path } from '../parse/parse.js';
import { LineIndex } from '../text/line-index.js';
import type { Change, ChangeArea, ChangeKind, Sensitivity, Where } from './types.js';
import { normalise, sameWords, similarity, wordDiff } from './words.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

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

/** The document's settings for qualspec's checks, not its content (see Differ.settings). */
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
const label = (k: string): string => LABELS[k] ?? k;

/** Keys whose value is prose: a word diff is shown. */
const PROSE = new Set(['title', 'purpose', 'description', 'body', 'text', 'assessmentNote', 'entryRequirements', 'summary', 'subtitle']);

interface Side {
  parsed: ParsedFile;
  lines: LineIndex;
}

interface Pairing<T> {
  pairs: [T, T][];
  removed: T[];
  added: T[];
}

/**
 * Pair items of two lists by a sequence of keys: each key pairs the items still unpaired whose key
 * is defined and occurs once on each side. What is left is removed (old) or added (new).
 */
export function pairBy<T>(olds: readonly T[], news: readonly T[], keys: ((x: T) => string | undefined)[]): Pairing<T> {
  const leftOld = new Set(olds);
  const leftNew = new Set(news);
  const pairs: [T, T][] = [];
  for (const key of keys) {
    const index = (items: Set<T>) => {
      const m = new Map<string, T | null>();
      for (const x of items) {
        const k = key(x);
        if (k === undefined) continue;
        m.set(k, m.has(k) ? null : x);
      }
      return m;
    };
    const a = index(leftOld);
    const b = index(leftNew);
    for (const [k, x] of a) {
      const y = b.get(k);
      if (x === null || y === null || y === undefined) continue;
      pairs.push([x, y]);
      leftOld.delete(x);
      leftNew.delete(y);
    }
  }
  return { pairs, removed: olds.filter((x) => leftOld.has(x)), added: news.filter((x) => leftNew.has(x)) };
}

interface Item {
  path: Path;
  o: Obj;
}
const items = (v: unknown, path: Path): Item[] => arr(v).map((x, i) => ({ path: [...path, i], o: obj(x) }));

export class Differ {
  readonly changes: Change[] = [];
  /** Old unit ref -> new unit ref, for units that kept their identity under a new ref. */
  readonly unitRename = new Map<string, string>();
  /** Old group id -> new group id. */
  readonly groupRename = new Map<string, string>();

  constructor(
    private readonly a: Side,
    private readonly b: Side,
  ) {}

  private where(side: Side, path: Path | undefined): Where | undefined {
    if (!path) return undefined;
    const span = side.parsed.locate(path);
    return { path, span, line: side.lines.positionAt(span.start).line + 1 };
  }

  add(c: {
    key: string;
    area: ChangeArea;
    kind: ChangeKind;
    subject: string;
    part?: string;
    message: string;
    before?: unknown;
    after?: unknown;
    words?: boolean;
    sensitive?: Sensitivity | undefined;
    oldPath?: Path | undefined;
    newPath?: Path | undefined;
  }): void {
    const change: Change = { key: c.key, area: c.area, kind: c.kind, subject: c.subject, part: c.part ?? '', message: c.message };
    if (c.before !== undefined) change.before = show(c.before);
    if (c.after !== undefined) change.after = show(c.after);
    if (c.words && typeof c.before === 'string' && typeof c.after === 'string') change.words = wordDiff(c.before, c.after);
    if (c.sensitive) change.sensitive = c.sensitive;
    const o = this.where(this.a, c.oldPath);
    const n = this.where(this.b, c.newPath);
    if (o) change.old = o;
    if (n) change.new = n;
    this.changes.push(change);
  }

  /**
   * Compare the fields of a matched pair. `skip` are keys compared elsewhere; every other key, known
   * or not, is compared as data, so that nothing a later format adds goes unreported.
   */
  fields(
    area: ChangeArea,
    keyBase: string,
    subject: string,
    a: Item,
    b: Item,
    skip: ReadonlySet<string>,
    opts: { sensitive?: (k: string) => Sensitivity | undefined; map?: (k: string, v: unknown) => unknown } = {},
  ): void {
    const keys = [...new Set([...Object.keys(a.o), ...Object.keys(b.o)])];
    for (const k of keys) {
      if (skip.has(k)) continue;
      const before = opts.map ? opts.map(k, a.o[k]) : a.o[k];
      const after = b.o[k];
      if (same(before, after)) continue;
      const prose = PROSE.has(k) && typeof before === 'string' && typeof after === 'string';
      const kind: ChangeKind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
      const message =
        kind === 'added'
          ? `${cap(label(k))} added: ${show(after)}`
          : kind === 'removed'
            ? `${cap(label(k))} removed (was ${show(before)})`
            : prose && k === 'title'
              ? `Title "${show(before)}" → "${show(after)}"`
              : prose
                ? `${cap(label(k))} ${k === 'text' ? 'changed' : 'reworded'}`
                : `${cap(label(k))} ${show(before)} → ${show(after)}`;
      this.add({
        key: `${keyBase} ${k}`,
        area,
        kind,
        subject,
        part: label(k),
        message,
        before,
        after,
        words: prose,
        sensitive: opts.sensitive?.(k),
        oldPath: a.o[k] !== undefined ? [...a.path, k] : a.path,
        newPath: b.o[k] !== undefined ? [...b.path, k] : b.path,
      });
    }
  }

  // ------------------------------------------------------------------ the whole file

  run(oldData: unknown, newData: unknown): Change[] {
    const A = obj(oldData);
    const B = obj(newData);
    this.document({ path: ['document'], o: obj(A.document) }, { path: ['document'], o: obj(B.document) });
    this.facts('Document facts', 'facts', { path: ['facts'], o: obj(A.facts) }, { path: ['facts'], o: obj(B.facts) });
    this.sections(items(A.sections, ['sections']), items(B.sections, ['sections']));
    this.groups(items(A.groups, ['groups']), items(B.groups, ['groups']));
    // Units before qualifications: a unit renamed is known before an Award's list or a rule is compared.
    this.units(items(A.units, ['units']), items(B.units, ['units']), A, B);
    this.qualifications(items(A.qualifications, ['qualifications']), items(B.qualifications, ['qualifications']), A, B);
    const known = new Set(['$schema', 'document', 'facts', 'sections', 'groups', 'units', 'qualifications']);
    this.fields('document', 'file', 'The file', { path: [], o: A }, { path: [], o: B }, known);
    return this.changes;
  }

  private document(a: Item, b: Item): void {
    const subject = 'The document';
    this.fields('document', 'document', subject, a, b, new Set(['changeHistory', ...SETTINGS]));
    this.settings(a, b);
    const ha = items(a.o.changeHistory, [...a.path, 'changeHistory']);
    const hb = items(b.o.changeHistory, [...b.path, 'changeHistory']);
    const p = pairBy(ha, hb, [(x) => str(x.o.version)]);
    for (const x of p.removed)
      this.add({
        key: `history ${str(x.o.version) ?? x.path.join('.')}`,
        area: 'document',
        kind: 'removed',
        subject: 'Change history',
        part: `entry ${show(x.o.version)}`,
        message: `Change-history entry ${show(x.o.version)} (${show(x.o.date)}) removed`,
        oldPath: x.path,
        newPath: [...b.path, 'changeHistory'],
      });
    for (const y of p.added)
      this.add({
        key: `history ${str(y.o.version) ?? y.path.join('.')}`,
        area: 'document',
        kind: 'added',
        subject: 'Change history',
        part: `entry ${show(y.o.version)}`,
        message: `Change-history entry ${show(y.o.version)} (${show(y.o.date)}) added: ${show(y.o.summary)}`,
        after: y.o.summary,
        oldPath: [...a.path, 'changeHistory'],
        newPath: y.path,
      });
    for (const [x, y] of p.pairs) this.fields('document', `history ${show(x.o.version)}`, `Change-history entry ${show(x.o.version)}`, x, y, new Set());
  }

  /**
   * document.words, language and unitRefs: settings of qualspec's spelling and ref-style checks, which
   * nothing prints. Reported under their own subject (area `settings`), the word list as the words
   * added and removed; change control does not count them (docs/versions.md, "Checker settings").
   */
  private settings(a: Item, b: Item): void {
    for (const k of SETTINGS) {
      const before = a.o[k];
      const after = b.o[k];
      if (same(before, after)) continue;
      const common = { key: `document ${k}`, area: 'settings' as const, subject: SETTINGS_SUBJECT, part: label(k), before, after };
      const paths = { oldPath: before !== undefined ? [...a.path, k] : a.path, newPath: after !== undefined ? [...b.path, k] : b.path };
      if (k === 'words' && (Array.isArray(before) || before === undefined) && (Array.isArray(after) || after === undefined)) {
        const was = new Set(arr(before).map((w) => show(w)));
        const now = new Set(arr(after).map((w) => show(w)));
        const added = [...now].filter((w) => !was.has(w));
        const removed = [...was].filter((w) => !now.has(w));
        const parts = [added.length ? `added ${added.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : ''].filter(Boolean);
        // Only the order changed (or duplicates): the spelling check reads a set, so that is no change.
        if (!parts.length) continue;
        const kind: ChangeKind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
        this.add({ ...common, ...paths, kind, message: `Words the spelling check accepts: ${parts.join('; ')}` });
        continue;
      }
      const kind: ChangeKind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
      const message =
        kind === 'added'
          ? `${cap(label(k))} set: ${show(after)}`
          : kind === 'removed'
            ? `${cap(label(k))} no longer set (was ${show(before)})`
            : `${cap(label(k))} ${show(before)} → ${show(after)}`;
      this.add({ ...common, ...paths, kind, message });
    }
  }

  private facts(subject: string, keyBase: string, a: Item, b: Item): void {
    this.fields('facts', keyBase, subject, a, b, new Set());
  }

  private sections(a: Item[], b: Item[]): void {
    const p = pairBy(a, b, [
      (x) => str(x.o.id),
      (x) => (str(x.o.title) ? normalise(str(x.o.title)!).toLowerCase() : undefined),
      (x) => normalise(str(x.o.body) ?? '') || undefined,
    ]);
    const name = (x: Item) => `Section "${show(x.o.title ?? x.o.id)}"`;
    for (const x of p.removed)
      this.add({
        key: `section ${show(x.o.id)}`,
        area: 'section',
        kind: 'removed',
        subject: name(x),
        message: `${name(x)} removed`,
        oldPath: x.path,
        newPath: ['sections'],
      });
    for (const y of p.added)
      this.add({
        key: `section ${show(y.o.id)}`,
        area: 'section',
        kind: 'added',
        subject: name(y),
        message: `${name(y)} added`,
        oldPath: ['sections'],
        newPath: y.path,
      });
    for (const [x, y] of p.pairs) this.fields('section', `section ${show(y.o.id)}`, name(y), x, y, new Set());
  }

  private groups(a: Item[], b: Item[]): void {
    const p = pairBy(a, b, [(x) => str(x.o.id), (x) => (str(x.o.title) ? normalise(str(x.o.title)!).toLowerCase() : undefined), (x) => str(x.o.letter)]);
    const name = (x: Item) => `Group ${show(x.o.title ?? x.o.id)}`;
    for (const x of p.removed)
      this.add({
        key: `group ${show(x.o.id)}`,
        area: 'group',
        kind: 'removed',
        subject: name(x),
        message: `${name(x)} removed`,
        oldPath: x.path,
        newPath: ['groups'],
      });
    for (const y of p.added)
      this.add({
        key: `group ${show(y.o.id)}`,
        area: 'group',
        kind: 'added',
        subject: name(y),
        message: `${name(y)} added`,
        oldPath: ['groups'],
        newPath: y.path,
      });
    for (const [x, y] of p.pairs) {
      const ia = str(x.o.id);
      const ib = str(y.o.id);
      if (ia !== undefined && ib !== undefined && ia !== ib) this.groupRename.set(ia, ib);
      this.fields('group', `group ${show(y.o.id)}`, name(y), x, y, new Set());
    }
  }

  private mapGroup = (g: unknown): unknown => (typeof g === 'string' ? (this.groupRename.get(g) ?? g) : g);
  private mapRef = (r: unknown): unknown => (typeof r === 'string' ? (this.unitRename.get(r) ?? r) : r);

  // ------------------------------------------------------------------ units

  private units(a: Item[], b: Item[], A: Obj, B: Obj): void {
    const title = (x: Item) => (str(x.o.title) ? `${normalise(str(x.o.title)!).toLowerCase()}|${show(x.o.level)}` : undefined);
    const p = pairBy(a, b, [(x) => str(x.o.ref), (x) => str(x.o.uan), title]);
    void A;
    void B;
    const name = (x: Item) => unitName(x.o);
    for (const [x, y] of p.pairs) {
      const ra = str(x.o.ref);
      const rb = str(y.o.ref);
      if (ra !== undefined && rb !== undefined && ra !== rb) this.unitRename.set(ra, rb);
    }
    for (const x of p.removed)
      this.add({
        key: `unit ${show(x.o.ref)}`,
        area: 'unit',
        kind: 'removed',
        subject: name(x),
        message: `${name(x)} removed`,
        oldPath: x.path,
        newPath: ['units'],
      });
    for (const y of p.added)
      this.add({
        key: `unit ${show(y.o.ref)}`,
        area: 'unit',
        kind: 'added',
        subject: name(y),
        message: `${name(y)} added`,
        oldPath: ['units'],
        newPath: y.path,
      });
    for (const [x, y] of p.pairs) this.unit(x, y);
  }

  private unit(x: Item, y: Item): void {
    const key = `unit ${show(y.o.ref)}`;
    const subject = unitName(y.o);
    const ra = str(x.o.ref);
    const rb = str(y.o.ref);
    if (ra !== rb)
      this.add({
        key: `${key} ref`,
        area: 'unit',
        kind: 'renamed',
        subject,
        part: 'unit ref',
        message: `Unit ref ${show(ra)} → ${show(rb)} (the same unit: matched by ${x.o.uan !== undefined && same(x.o.uan, y.o.uan) ? 'its UAN' : 'its title and level'})`,
        before: ra,
        after: rb,
        oldPath: [...x.path, 'ref'],
        newPath: [...y.path, 'ref'],
      });
    const sameUan = typeof x.o.uan === 'string' && x.o.uan === y.o.uan;
    this.fields('unit', key, subject, x, y, new Set(['ref', 'learningOutcomes', 'indicativeContent', 'assessorGuidance', 'apprenticeshipLinks']), {
      map: (k, v) => (k === 'group' ? this.mapGroup(v) : v),
    });
    this.outcomes(key, subject, x, y, sameUan ? 'outcomes' : undefined);
    this.loTexts(key, subject, 'indicative content', x, y, 'indicativeContent');
    this.loTexts(key, subject, 'assessor guidance', x, y, 'assessorGuidance');
    this.ksbs(key, subject, x, y);
  }

  private outcomes(key: string, subject: string, x: Item, y: Item, sensitive: Sensitivity | undefined): void {
    const la = items(x.o.learningOutcomes, [...x.path, 'learningOutcomes']);
    const lb = items(y.o.learningOutcomes, [...y.path, 'learningOutcomes']);
    const lo = (i: Item) => `learning outcome ${show(i.o.number)}`;
    const p = matchWordings(la, lb);
    for (const i of p.removed)
      this.add({
        key: `${key} lo ${show(i.o.number)}`,
        area: 'unit',
        kind: 'removed',
        subject,
        part: lo(i),
        message: `${cap(lo(i))} removed: "${show(i.o.text)}"`,
        before: i.o.text,
        sensitive,
        oldPath: i.path,
        newPath: [...y.path, 'learningOutcomes'],
      });
    for (const i of p.added)
      this.add({
        key: `${key} lo ${show(i.o.number)}`,
        area: 'unit',
        kind: 'added',
        subject,
        part: lo(i),
        message: `${cap(lo(i))} added: "${show(i.o.text)}"`,
        after: i.o.text,
        sensitive,
        oldPath: [...x.path, 'learningOutcomes'],
        newPath: i.path,
      });
    for (const [i, j] of p.pairs) {
      this.wording(`${key} lo ${show(j.o.number)}`, subject, 'learning outcome', i, j, sensitive);
      const ca = items(i.o.criteria, [...i.path, 'criteria']);
      const cb = items(j.o.criteria, [...j.path, 'criteria']);
      const q = matchWordings(ca, cb);
      const ac = (c: Item) => `criterion ${show(c.o.number)}`;
      for (const c of q.removed)
        this.add({
          key: `${key} ac ${show(c.o.number)}`,
          area: 'unit',
          kind: 'removed',
          subject,
          part: ac(c),
          message: `Assessment ${ac(c)} removed: "${show(c.o.text)}"`,
          before: c.o.text,
          sensitive,
          oldPath: c.path,
          newPath: [...j.path, 'criteria'],
        });
      for (const c of q.added)
        this.add({
          key: `${key} ac ${show(c.o.number)}`,
          area: 'unit',
          kind: 'added',
          subject,
          part: ac(c),
          message: `Assessment ${ac(c)} added: "${show(c.o.text)}"`,
          after: c.o.text,
          sensitive,
          oldPath: [...i.path, 'criteria'],
          newPath: c.path,
        });
      for (const [c, d] of q.pairs) this.wording(`${key} ac ${show(d.o.number)}`, subject, 'assessment criterion', c, d, sensitive);
    }
  }

  /** A matched outcome or criterion: renumbered, reworded, or both (and any other field). */
  private wording(key: string, subject: string, what: string, i: Item, j: Item, sensitive: Sensitivity | undefined): void {
    const na = show(i.o.number);
    const nb = show(j.o.number);
    const renumbered = !same(i.o.number, j.o.number);
    const reworded = !same(i.o.text, j.o.text);
    if (renumbered || reworded) {
      const message = renumbered ? `${cap(what)} ${na} is now ${nb}${reworded ? ', and reworded' : ` ("${show(j.o.text)}")`}` : `${cap(what)} ${nb} reworded`;
      this.add({
        key,
        area: 'unit',
        kind: renumbered ? 'renumbered' : 'changed',
        subject,
        part: `${what} ${nb}`,
        message,
        before: reworded ? i.o.text : na,
        after: reworded ? j.o.text : nb,
        words: reworded,
        sensitive,
        oldPath: reworded && i.o.text !== undefined ? [...i.path, 'text'] : i.path,
        newPath: reworded && j.o.text !== undefined ? [...j.path, 'text'] : j.path,
      });
    }
    this.fields('unit', key, subject, i, j, new Set(['number', 'text', 'criteria']), { sensitive: () => sensitive });
  }

  /** Indicative content or assessor guidance: one text per outcome; text that moved to another outcome is a move. */
  private loTexts(key: string, subject: string, what: string, x: Item, y: Item, field: string): void {
    const ta = items(x.o[field], [...x.path, field]);
    const tb = items(y.o[field], [...y.path, field]);
    const text = (i: Item) => normalise(str(i.o.text) ?? '') || undefined;
    const p = pairBy(ta, tb, [(i) => (text(i) ? `${show(i.o.lo)}|${text(i)}` : undefined), text, (i) => str(i.o.lo)]);
    for (const [i, j] of p.pairs) {
      const moved = !same(i.o.lo, j.o.lo);
      const reworded = !same(i.o.text, j.o.text);
      if (!moved && !reworded) continue;
      this.add({
        key: `${key} ${field} ${show(j.o.lo)}`,
        area: 'unit',
        kind: moved ? 'moved' : 'changed',
        subject,
        part: `${what} for learning outcome ${show(j.o.lo)}`,
        message: moved
          ? `${cap(what)} for learning outcome ${show(i.o.lo)} now belongs to learning outcome ${show(j.o.lo)}${reworded ? ', and was reworded' : ''}`
          : `${cap(what)} for learning outcome ${show(j.o.lo)} changed`,
        before: i.o.text,
        after: j.o.text,
        words: reworded,
        oldPath: i.path,
        newPath: j.path,
      });
    }
    for (const i of p.removed) {
      const t = text(i);
      const into = t ? tb.find((j) => (text(j) ?? '').includes(t)) : undefined;
      this.add({
        key: `${key} ${field} ${show(i.o.lo)} (old)`,
        area: 'unit',
        kind: into ? 'moved' : 'removed',
        subject,
        part: `${what} for learning outcome ${show(i.o.lo)}`,
        message: into
          ? `${cap(what)} for learning outcome ${show(i.o.lo)} merged into that of learning outcome ${show(into.o.lo)}`
          : `${cap(what)} for learning outcome ${show(i.o.lo)} removed`,
        before: i.o.text,
        oldPath: i.path,
        newPath: into ? into.path : [...y.path, field],
      });
    }
    for (const j of p.added)
      this.add({
        key: `${key} ${field} ${show(j.o.lo)}`,
        area: 'unit',
        kind: 'added',
        subject,
        part: `${what} for learning outcome ${show(j.o.lo)}`,
        message: `${cap(what)} for learning outcome ${show(j.o.lo)} added`,
        after: j.o.text,
        oldPath: [...x.path, field],
        newPath: j.path,
      });
  }

  private ksbs(key: string, subject: string, x: Item, y: Item): void {
    const flat = (u: Item): Item[] =>
      items(u.o.apprenticeshipLinks, [...u.path, 'apprenticeshipLinks']).flatMap((link) =>
        items(link.o.ksbs, [...link.path, 'ksbs']).map((k) => ({ path: k.path, o: { ...k.o, standard: link.o.standard } })),
      );
    const ka = flat(x);
    const kb = flat(y);
    const id = (k: Item) => `${show(k.o.standard)}|${show(k.o.code)}`;
    const p = pairBy(ka, kb, [id]);
    const name = (k: Item) => `${show(k.o.code)} (${show(k.o.standard)})`;
    for (const k of p.removed)
      this.add({
        key: `${key} ksb ${id(k)}`,
        area: 'unit',
        kind: 'removed',
        subject,
        part: `apprenticeship link ${name(k)}`,
        message: `Apprenticeship link ${name(k)} removed`,
        before: k.o.text,
        oldPath: k.path,
        newPath: [...y.path, 'apprenticeshipLinks'],
      });
    for (const k of p.added)
      this.add({
        key: `${key} ksb ${id(k)}`,
        area: 'unit',
        kind: 'added',
        subject,
        part: `apprenticeship link ${name(k)}`,
        message: `Apprenticeship link ${name(k)} added: "${show(k.o.text)}"`,
        after: k.o.text,
        oldPath: [...x.path, 'apprenticeshipLinks'],
        newPath: k.path,
      });
    for (const [k, l] of p.pairs)
      if (!same(k.o.text, l.o.text))
        this.add({
          key: `${key} ksb ${id(l)}`,
          area: 'unit',
          kind: 'changed',
          subject,
          part: `apprenticeship link ${name(l)}`,
          message: `Wording of apprenticeship link ${name(l)} changed`,
          before: k.o.text,
          after: l.o.text,
          words: true,
          oldPath: [...k.path, 'text'],
          newPath: [...l.path, 'text'],
        });
  }

  // ------------------------------------------------------------------ qualifications

  private qualifications(a: Item[], b: Item[], A: Obj, B: Obj): void {
    const title = (x: Item) => (str(x.o.title) ? normalise(str(x.o.title)!).toLowerCase() : undefined);
    const p = pairBy(a, b, [(x) => str(x.o.qan), title]);
    for (const x of p.removed)
      this.add({
        key: `qualification ${show(x.o.qan ?? x.o.title)}`,
        area: 'qualification',
        kind: 'removed',
        subject: qualName(x.o),
        message: `${qualName(x.o)} removed`,
        oldPath: x.path,
        newPath: ['qualifications'],
      });
    for (const y of p.added)
      this.add({
        key: `qualification ${show(y.o.qan ?? y.o.title)}`,
        area: 'qualification',
        kind: 'added',
        subject: qualName(y.o),
        message: `${qualName(y.o)} added`,
        oldPath: ['qualifications'],
        newPath: y.path,
      });
    for (const [x, y] of p.pairs) this.qualification(x, y, A, B);
  }

  private qualification(x: Item, y: Item, A: Obj, B: Obj): void {
    const key = `qualification ${show(y.o.qan ?? y.o.title)}`;
    const subject = qualName(y.o);
    const sameQan = typeof x.o.qan === 'string' && x.o.qan === y.o.qan;
    const skip = new Set(['units', 'rules', 'pool', 'facts', 'printedTitles']);
    this.fields('qualification', key, subject, x, y, skip, {
      sensitive: (k) => (sameQan && (k === 'glh' || k === 'tqt' || k === 'credit') ? 'sizes' : undefined),
    });
    // Titles printed elsewhere record a document that disagrees with itself: they go with the title.
    if (!same(x.o.printedTitles, y.o.printedTitles)) {
      const titleChange = this.changes.find((c) => c.key === `${key} title`);
      if (titleChange)
        titleChange.message +=
          y.o.printedTitles === undefined
            ? ` (the title printed elsewhere as ${show(x.o.printedTitles)} is no longer recorded as a different printing)`
            : ` (titles printed elsewhere: ${show(x.o.printedTitles)} → ${show(y.o.printedTitles)})`;
      else this.fields('qualification', key, subject, x, y, new Set(Object.keys({ ...x.o, ...y.o }).filter((k) => k !== 'printedTitles')));
    }
    this.fields(
      'qualification',
      `${key} facts`,
      `${subject}: facts`,
      { path: [...x.path, 'facts'], o: obj(x.o.facts) },
      { path: [...y.path, 'facts'], o: obj(y.o.facts) },
      new Set(),
    );
    this.awardUnits(key, subject, x, y, A, B);
    this.pool(key, subject, x, y);
    this.rules(key, subject, x, y);
  }

  private awardUnits(key: string, subject: string, x: Item, y: Item, A: Obj, B: Obj): void {
    const ma = items(x.o.units, [...x.path, 'units']).map((m, i) => mention(arr(x.o.units)[i], m.path));
    const mb = items(y.o.units, [...y.path, 'units']).map((m, i) => mention(arr(y.o.units)[i], m.path));
    const refA = new Map(ma.map((m) => [str(this.mapRef(m.ref)) ?? '', m]));
    const refB = new Map(mb.map((m) => [m.ref ?? '', m]));
    const unitsA = unitIndex(A);
    const unitsB = unitIndex(B);
    for (const [r, m] of refA)
      if (r && !refB.has(r))
        this.add({
          key: `${key} unit ${r}`,
          area: 'qualification',
          kind: 'removed',
          subject,
          part: `unit ${r}`,
          message: `Unit ${m.ref ?? r} removed from the qualification`,
          oldPath: m.path,
          newPath: y.o.units !== undefined ? [...y.path, 'units'] : y.path,
        });
    for (const [r, m] of refB)
      if (r && !refA.has(r))
        this.add({
          key: `${key} unit ${r}`,
          area: 'qualification',
          kind: 'added',
          subject,
          part: `unit ${r}`,
          message: `Unit ${r} added to the qualification`,
          oldPath: x.o.units !== undefined ? [...x.path, 'units'] : x.path,
          newPath: m.path,
        });
    // The values printed beside a unit: what a reader of the table sees is the printed value, else the
    // unit's own. A change of the unit itself is reported with the unit, not again here.
    for (const [r, m] of refB) {
      const o = refA.get(r);
      if (!r || !o) continue;
      const ua = unitsA.get(o.ref ?? '') ?? {};
      const ub = unitsB.get(r) ?? {};
      for (const f of ['uan', 'title', 'level', 'glh', 'tqt', 'credit']) {
        const before = o.fields[f] ?? ua[f];
        const after = m.fields[f] ?? ub[f];
        if (same(before, after) || !same(ua[f], ub[f])) continue;
        this.add({
          key: `${key} unit ${r} ${f}`,
          area: 'qualification',
          kind: 'changed',
          subject,
          part: `${label(f)} printed beside unit ${r}`,
          message: `${cap(label(f))} printed beside unit ${r} ${show(before)} → ${show(after)}`,
          before,
          after,
          oldPath: o.fields[f] !== undefined ? [...o.path, f] : o.path,
          newPath: m.fields[f] !== undefined ? [...m.path, f] : m.path,
        });
      }
    }
  }

  private pool(key: string, subject: string, x: Item, y: Item): void {
    const pa = obj(x.o.pool);
    const pb = obj(y.o.pool);
    for (const [f, map] of [
      ['groups', this.mapGroup],
      ['units', this.mapRef],
    ] as const) {
      const la = arr(pa[f]).map(map).map(show);
      const lb = arr(pb[f]).map(show);
      const gone = la.filter((v) => !lb.includes(v));
      const come = lb.filter((v) => !la.includes(v));
      if (!gone.length && !come.length) continue;
      const what = f === 'groups' ? 'groups' : 'units';
      const parts = [
        ...(gone.length ? [`no longer from ${what} ${gone.join(', ')}`] : []),
        ...(come.length ? [`now also from ${what} ${come.join(', ')}`] : []),
      ];
      this.add({
        key: `${key} pool ${f}`,
        area: 'qualification',
        kind: 'changed',
        subject,
        part: `units to choose from (${what})`,
        message: `Units may be chosen ${parts.join('; ')}`,
        before: la,
        after: lb,
        oldPath: pa[f] !== undefined ? [...x.path, 'pool', f] : x.path,
        newPath: pb[f] !== undefined ? [...y.path, 'pool', f] : y.path,
      });
    }
  }

  private rules(key: string, subject: string, x: Item, y: Item): void {
    const ra = items(x.o.rules, [...x.path, 'rules']);
    const rb = items(y.o.rules, [...y.path, 'rules']);
    const text = (r: Item) => normalise(str(r.o.text) ?? '') || undefined;
    const shape = (r: Item, mapped: boolean) =>
      JSON.stringify(
        Object.fromEntries(
          Object.entries(r.o)
            .filter(([k]) => k !== 'id' && k !== 'text')
            .map(([k, v]) => [k, mapped ? this.mapRuleValue(k, v) : v]),
        ),
      );
    const index = (r: Item) => String(r.path[r.path.length - 1]);
    type Sided = Item & { side: 'a' | 'b' };
    const p = pairBy<Sided>(
      ra.map((r) => ({ ...r, side: 'a' })),
      rb.map((r) => ({ ...r, side: 'b' })),
      [(r) => str(r.o.id), text, (r) => shape(r, r.side === 'a'), index],
    );
    for (const r of p.removed)
      this.add({
        key: `${key} rule ${ruleName(r)}`,
        area: 'qualification',
        kind: 'removed',
        subject,
        part: ruleName(r),
        message: `Rule of combination ${ruleName(r)} removed`,
        before: r.o.text,
        oldPath: r.path,
        newPath: y.o.rules !== undefined ? [...y.path, 'rules'] : y.path,
      });
    for (const r of p.added)
      this.add({
        key: `${key} rule ${ruleName(r)}`,
        area: 'qualification',
        kind: 'added',
        subject,
        part: ruleName(r),
        message: `Rule of combination ${ruleName(r)} added`,
        after: r.o.text,
        oldPath: x.o.rules !== undefined ? [...x.path, 'rules'] : x.path,
        newPath: r.path,
      });
    for (const [r, s] of p.pairs)
      this.fields('qualification', `${key} rule ${ruleName(s)}`, `${subject}: rule ${ruleName(s)}`, r, s, new Set(), {
        map: (k, v) => this.mapRuleValue(k, v),
      });
  }

  /** A rule's value in the new version's names (groups and units renamed since). */
  private mapRuleValue(k: string, v: unknown): unknown {
    if (k === 'groups' && Array.isArray(v)) return v.map(this.mapGroup);
    if ((k === 'units' || k === 'mandatory' || k === 'barred') && Array.isArray(v)) return v.map(this.mapRef);
    return v;
  }
}

function mention(v: unknown, path: Path): { path: Path; ref?: string; fields: Obj } {
  if (isObj(v)) {
    const { ref, ...fields } = v;
    const r = str(ref);
    return r !== undefined ? { path, ref: r, fields } : { path, fields };
  }
  const r = str(v);
  return r !== undefined ? { path, ref: r, fields: {} } : { path, fields: {} };
}

function unitIndex(root: Obj): Map<string, Obj> {
  const m = new Map<string, Obj>();
  for (const u of arr(root.units)) {
    const o = obj(u);
    const r = str(o.ref);
    if (r !== undefined && !m.has(r)) m.set(r, o);
  }
  return m;
}

/**
 * Pair learning outcomes (or criteria) of two versions: the same wording first (renumbered when the
 * number moved), then alike wordings (at least half the words shared, in order), then the same
 * number (reworded). What is left was removed or added.
 */
function matchWordings(a: Item[], b: Item[]): Pairing<Item> {
  const text = (i: Item) => normalise(str(i.o.text) ?? '') || undefined;
  const num = (i: Item) => str(i.o.number);
  const first = pairBy(a, b, [(i) => (text(i) ? `${num(i)}|${text(i)}` : undefined), text]);
  const pairs = [...first.pairs];
  let ra = first.removed;
  let rb = first.added;
  const scored: { i: Item; j: Item; s: number }[] = [];
  for (const i of ra) for (const j of rb) scored.push({ i, j, s: similarity(str(i.o.text) ?? '', str(j.o.text) ?? '') + (num(i) === num(j) ? 0.01 : 0) });
  scored.sort((x, y) => y.s - x.s);
  const usedA = new Set<Item>();
  const usedB = new Set<Item>();
  for (const { i, j, s } of scored) {
    if (s < 0.5) break;
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    pairs.push([i, j]);
  }
  ra = ra.filter((i) => !usedA.has(i));
  rb = rb.filter((j) => !usedB.has(j));
  const last = pairBy(ra, rb, [num]);
  pairs.push(...last.pairs);
  return { pairs, removed: last.removed, added: last.added };
}

const cap = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export function unitName(o: Obj): string {
  const ref = str(o.ref);
  const title = str(o.title);
  return `Unit ${ref ?? '(no ref)'}${title ? ` ${normalise(title)}` : ''}`;
}

export function qualName(o: Obj): string {
  const title = str(o.title);
  const qan = str(o.qan);
  return `${title ? normalise(title) : 'Qualification'}${qan ? ` (${qan})` : ''}`;
}

function ruleName(r: Item): string {
  const id = str(r.o.id);
  if (id) return `'${id}'`;
  const t = str(r.o.text);
  return t ? `"${show(t)}"` : `${Number(r.path[r.path.length - 1]) + 1}`;
}

export function diffData(
  oldParsed: ParsedFile,
  newParsed: ParsedFile,
): { changes: Change[]; unitRename: Map<string, string>; groupRename: Map<string, string> } {
  const d = new Differ({ parsed: oldParsed, lines: new LineIndex(oldParsed.text) }, { parsed: newParsed, lines: new LineIndex(newParsed.text) });
  const changes = d.run(oldParsed.data, newParsed.data);
  return { changes, unitRename: d.unitRename, groupRename: d.groupRename };
}
