/**
 * The typed spec model: a tolerant view of the parsed data. Every element remembers its data path,
 * so a check can point at exactly the node it is about (ParsedFile.locate turns a path into a span).
 * Values of the wrong type are left undefined here; the schema check reports them.
 */
import type { Path } from '../parse/parse.js';

export type Size = { kind: 'fixed'; value: number } | { kind: 'range'; min?: number; max?: number };

/**
 * A level as a number that orders correctly: Entry 1, 2, 3 are -2, -1, 0; Levels 1–8 are 1–8
 * (so "Level 3 or above" is rank >= 3 and Entry 3 sits below Level 1).
 */
export type LevelRank = number;

/** The rank of a level as written (3, "entry-3", "3" from a ref), else undefined. */
export function levelRank(v: unknown): LevelRank | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= 8 ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const e = /^entry-([1-3])$/.exec(v);
  if (e) return Number(e[1]) - 3;
  return /^[1-8]$/.test(v) ? Number(v) : undefined;
}

/**
 * A level as people write it, for a label: "Level 3", "Entry Level 3" (never "Level 0" for Entry 3).
 * Takes a rank or the format's value (3, "3", "entry-3"); undefined for anything else.
 */
export function levelLabel(v: unknown): string | undefined {
  const rank = typeof v === 'number' && Number.isInteger(v) && v >= -2 && v <= 0 ? v : levelRank(v);
  if (rank === undefined) return undefined;
  return rank >= 1 ? `Level ${rank}` : `Entry Level ${rank + 3}`;
}

/** A level rank inside a sentence: "level 3" ("at level 3 or above"), "Entry Level 3". */
export function levelName(rank: LevelRank): string {
  return rank >= 1 ? `level ${rank}` : `Entry Level ${rank + 3}`;
}

/** A qualification's level as its title writes it: "Level 3", "Entry Level 3", "Level 1/2". */
export function qualLevelName(l: QualLevel): string {
  const one = (r: LevelRank) => levelLabel(r)!;
  if (l.from === l.to) return one(l.from);
  return l.from >= 1 ? `Level ${l.from}/${l.to}` : `${one(l.from)}/Level ${l.to}`;
}

/** A qualification's level for a label, read or as written ("Level 1/2", "Entry Level 3"); undefined when it has none. */
export function qualificationLevelLabel(q: { level?: unknown; levels?: QualLevel }): string | undefined {
  if (q.levels) return qualLevelName(q.levels);
  if (q.level === undefined) return undefined;
  return levelLabel(q.level) ?? `level ${String(q.level)}`;
}

/**
 * The level a qualification's title names, and the words that name it: "Level 3", "Entry Level 3"
 * (or "Entry 3"), "Level 1/2" and "Level 1/Level 2" (a span), "Entry Level 3/Level 1"; "Entry Level"
 * with no number is `entry` (some Entry level). Undefined when the title names no level.
 */
export function titleLevel(title: string): { words: string; level?: QualLevel; entry?: true } | undefined {
  const entry = '(?:Entry\\s+Level|Entry)\\s+([1-3])';
  const span = new RegExp(`\\b(?:${entry}|Level\\s+([1-8]))\\s*\\/\\s*(?:Level\\s+)?([1-8])\\b`, 'i').exec(title);
  if (span) {
    const from = span[1] !== undefined ? Number(span[1]) - 3 : Number(span[2]);
    return { words: span[0], level: { from, to: Number(span[3]) } };
  }
  const e = new RegExp(`\\b${entry}\\b`, 'i').exec(title);
  if (e) return { words: e[0], level: { from: Number(e[1]) - 3, to: Number(e[1]) - 3 } };
  const l = /\bLevel\s+([1-8])\b/i.exec(title);
  if (l) return { words: l[0], level: { from: Number(l[1]), to: Number(l[1]) } };
  const some = /\bEntry\s+Level\b/i.exec(title);
  if (some) return { words: some[0], entry: true };
  return undefined;
}

/** A level rank as the format writes it: 3, entry-3. */
export function levelValue(rank: LevelRank): string {
  return rank >= 1 ? String(rank) : `entry-${rank + 3}`;
}

/**
 * A qualification's level: one level, or a span of two ("Level 1/2": from 1 to 2). Ranks as in
 * levelRank.
 */
export interface QualLevel {
  from: LevelRank;
  to: LevelRank;
}

export function qualLevel(v: unknown): QualLevel | undefined {
  const one = levelRank(v);
  if (one !== undefined) return { from: one, to: one };
  if (typeof v !== 'string') return undefined;
  const m = /^(entry-[1-3]|[1-8])\/([1-8])$/.exec(v);
  if (!m) return undefined;
  const from = levelRank(m[1]);
  const to = levelRank(m[2]);
  return from !== undefined && to !== undefined && from < to ? { from, to } : undefined;
}

/** A learning outcome's number or a learning aim's letter. */
export type LoNumber = number | string;

export interface GroupModel {
  path: Path;
  id?: string;
  title?: string;
  letter?: string;
}

export interface CriterionModel {
  path: Path;
  /** As written: a string "1.1", or a number when YAML read it as one. */
  number?: string | number;
  text?: string;
}

export interface LearningOutcomeModel {
  path: Path;
  /** 1, 2, 3 … or a learning aim's letter, A, B, C … */
  number?: LoNumber;
  text?: string;
  criteria: CriterionModel[];
}

export interface LoTextModel {
  path: Path;
  lo?: LoNumber;
  text?: string;
}

export interface KsbModel {
  path: Path;
  standard?: string;
  code?: string;
  text?: string;
}

export interface UnitModel {
  path: Path;
  index: number;
  ref?: string;
  uan?: string;
  title?: string;
  /** The level's rank (levelRank: Entry 1–3 are -2..0). */
  level?: LevelRank;
  group?: string;
  glh?: number;
  tqt?: number;
  credit?: number;
  assessment?: 'internal' | 'external';
  summary: boolean;
  specifiedIn?: string;
  learningOutcomes: LearningOutcomeModel[];
  indicativeContent: LoTextModel[];
  assessorGuidance: LoTextModel[];
  /** Assessor guidance given once for the whole unit (a text rather than a list per outcome). */
  unitGuidance: boolean;
  ksbs: KsbModel[];
  raw: Record<string, unknown>;
}

/** A unit named by an Award (possibly with the table values printed beside it). */
export interface UnitMentionModel {
  path: Path;
  /** Path of the ref itself (the item for a bare ref, item.ref for an object). */
  refPath: Path;
  ref?: string;
  fields: Partial<Record<'uan' | 'title' | 'level' | 'glh' | 'tqt' | 'credit', string | number>>;
}

export interface RefListModel {
  path: Path;
  items: { path: Path; value?: string }[];
}

export interface RuleModel {
  path: Path;
  index: number;
  id?: string;
  text?: string;
  groups?: RefListModel;
  units?: RefListModel;
  minUnits?: number;
  maxUnits?: number;
  minCredits?: number;
  maxCredits?: number;
  minGlh?: number;
  maxGlh?: number;
  minTqt?: number;
  maxTqt?: number;
  mandatory?: RefListModel;
  barred?: RefListModel;
  levelShare?: LevelShareModel;
}

export interface LevelShareModel {
  level?: LevelRank;
  minPercent?: number;
  minCredits?: number;
  minGlh?: number;
}

export interface QualificationModel {
  path: Path;
  index: number;
  title?: string;
  type?: 'award' | 'certificate' | 'diploma';
  /** As written: 5, "entry-3", "1/2". */
  level?: number | string;
  /** The level read (undefined when not one the format allows). */
  levels?: QualLevel;
  qan?: string;
  code?: string;
  glh?: Size;
  tqt?: Size;
  credit?: Size;
  units: UnitMentionModel[];
  hasUnits: boolean;
  rules: RuleModel[];
  hasRules: boolean;
  pool?: { path: Path; groups?: RefListModel; units?: RefListModel };
}

export interface ChangeModel {
  path: Path;
  version?: string | number;
  date?: string;
}

export interface SpecModel {
  formatVersion?: unknown;
  document: {
    path: Path;
    title?: string;
    framework?: 'qcf' | 'rqf' | 'none';
    /** The unit-ref convention declared: a preset name or a pattern, as written. */
    unitRefs?: string | { pattern?: string };
    version?: string | number;
    published?: string;
    changes: ChangeModel[];
  };
  groups: GroupModel[];
  qualifications: QualificationModel[];
  units: UnitModel[];
  unitsByRef: Map<string, UnitModel[]>;
  groupsById: Map<string, GroupModel>;
  /** Top-level sections of the data that are present (for completeness checks). */
  present: Set<string>;
}

type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A ref as written: YAML reads an unquoted `ref: 305` as a number, but it is the ref 305 (yaml-type-trap asks for the quotes; one finding, not an unknown unit 305 wherever it is named). */
const refOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' && Number.isInteger(v) && v >= 0 ? String(v) : undefined);
const loNo = (v: unknown): LoNumber | undefined =>
  typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^[A-Z]$/.test(v) ? v : undefined;

function size(v: unknown): Size | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return { kind: 'fixed', value: v };
  if (isObj(v)) {
    const r: Size = { kind: 'range' };
    const min = int(v.min);
    const max = int(v.max);
    if (min !== undefined) r.min = min;
    if (max !== undefined) r.max = max;
    return r;
  }
  return undefined;
}

function refList(v: unknown, path: Path): RefListModel | undefined {
  if (!Array.isArray(v)) return undefined;
  return {
    path,
    items: v.map((x, i) => ({ path: [...path, i], ...(typeof x === 'string' ? { value: x } : typeof x === 'number' ? { value: String(x) } : {}) })),
  };
}

function assign<T extends object>(target: T, values: Partial<T>): T {
  // (A for-in loop over the literal's own keys, in the order Object.entries gives: it builds no
  // array of pairs, and this runs for every node of a model.)
  const from = values as Obj;
  for (const k in from) {
    if (!Object.prototype.hasOwnProperty.call(from, k)) continue;
    const v = from[k];
    if (v !== undefined) (target as Obj)[k] = v;
  }
  return target;
}

function loTexts(v: unknown, path: Path): LoTextModel[] {
  return arr(v).map((x, i) => {
    const o = isObj(x) ? x : {};
    return assign<LoTextModel>({ path: [...path, i] }, { lo: loNo(o.lo), text: str(o.text) });
  });
}

function buildUnit(x: unknown, index: number): UnitModel {
  const o = isObj(x) ? x : {};
  const path: Path = ['units', index];
  const los = arr(o.learningOutcomes).map((lo, i): LearningOutcomeModel => {
    const lp: Path = [...path, 'learningOutcomes', i];
    const l = isObj(lo) ? lo : {};
    return assign<LearningOutcomeModel>(
      {
        path: lp,
        criteria: arr(l.criteria).map((c, j) => {
          const co = isObj(c) ? c : {};
          const n = co.number;
          return assign<CriterionModel>(
            { path: [...lp, 'criteria', j] },
            { number: typeof n === 'string' || typeof n === 'number' ? n : undefined, text: str(co.text) },
          );
        }),
      },
      { number: loNo(l.number), text: str(l.text) },
    );
  });
  const ksbs: KsbModel[] = [];
  arr(o.apprenticeshipLinks).forEach((link, i) => {
    const lo = isObj(link) ? link : {};
    arr(lo.ksbs).forEach((k, j) => {
      const ko = isObj(k) ? k : {};
      ksbs.push(
        assign<KsbModel>({ path: [...path, 'apprenticeshipLinks', i, 'ksbs', j] }, { standard: str(lo.standard), code: str(ko.code), text: str(ko.text) }),
      );
    });
  });
  return assign<UnitModel>(
    {
      path,
      index,
      summary: o.summary === true,
      learningOutcomes: los,
      indicativeContent: loTexts(o.indicativeContent, [...path, 'indicativeContent']),
      assessorGuidance: loTexts(o.assessorGuidance, [...path, 'assessorGuidance']),
      unitGuidance: typeof o.assessorGuidance === 'string',
      ksbs,
      raw: o,
    },
    {
      ref: refOf(o.ref),
      uan: str(o.uan),
      title: str(o.title),
      level: levelRank(o.level),
      group: str(o.group),
      glh: int(o.glh),
      tqt: int(o.tqt),
      credit: int(o.credit),
      assessment: o.assessment === 'internal' || o.assessment === 'external' ? o.assessment : undefined,
      specifiedIn: str(o.specifiedIn),
    },
  );
}

function buildRule(x: unknown, path: Path, index: number): RuleModel {
  const o = isObj(x) ? x : {};
  const ls = isObj(o.levelShare) ? o.levelShare : undefined;
  return assign<RuleModel>(
    { path, index },
    {
      id: str(o.id),
      text: str(o.text),
      groups: refList(o.groups, [...path, 'groups']),
      units: refList(o.units, [...path, 'units']),
      minUnits: int(o.minUnits),
      maxUnits: int(o.maxUnits),
      minCredits: int(o.minCredits),
      maxCredits: int(o.maxCredits),
      minGlh: int(o.minGlh),
      maxGlh: int(o.maxGlh),
      minTqt: int(o.minTqt),
      maxTqt: int(o.maxTqt),
      mandatory: refList(o.mandatory, [...path, 'mandatory']),
      barred: refList(o.barred, [...path, 'barred']),
      levelShare: ls
        ? assign<LevelShareModel>({}, { level: levelRank(ls.level), minPercent: num(ls.minPercent), minCredits: int(ls.minCredits), minGlh: int(ls.minGlh) })
        : undefined,
    },
  );
}

function buildQualification(x: unknown, index: number): QualificationModel {
  const o = isObj(x) ? x : {};
  const path: Path = ['qualifications', index];
  const t = str(o.type);
  const units = arr(o.units).map((u, i): UnitMentionModel => {
    const up: Path = [...path, 'units', i];
    if (isObj(u)) {
      const fields: UnitMentionModel['fields'] = {};
      for (const k of ['uan', 'title', 'level', 'glh', 'tqt', 'credit'] as const) {
        const v = u[k];
        if (typeof v === 'string' || typeof v === 'number') fields[k] = v;
      }
      return assign<UnitMentionModel>({ path: up, refPath: [...up, 'ref'], fields }, { ref: refOf(u.ref) });
    }
    return assign<UnitMentionModel>({ path: up, refPath: up, fields: {} }, { ref: typeof u === 'string' ? u : typeof u === 'number' ? String(u) : undefined });
  });
  const pool = isObj(o.pool)
    ? assign<{ path: Path; groups?: RefListModel; units?: RefListModel }>(
        { path: [...path, 'pool'] },
        { groups: refList(o.pool.groups, [...path, 'pool', 'groups']), units: refList(o.pool.units, [...path, 'pool', 'units']) },
      )
    : undefined;
  const level = o.level;
  return assign<QualificationModel>(
    {
      path,
      index,
      units,
      hasUnits: Array.isArray(o.units),
      rules: arr(o.rules).map((r, i) => buildRule(r, [...path, 'rules', i], i)),
      hasRules: Array.isArray(o.rules),
    },
    {
      title: str(o.title),
      type: t === 'award' || t === 'certificate' || t === 'diploma' ? t : undefined,
      level: typeof level === 'number' || typeof level === 'string' ? level : undefined,
      levels: qualLevel(level),
      qan: str(o.qan),
      code: str(o.code),
      glh: size(o.glh),
      tqt: size(o.tqt),
      credit: size(o.credit),
      pool,
    },
  );
}

export function buildModel(data: unknown): SpecModel {
  const root = isObj(data) ? data : {};
  const doc = isObj(root.document) ? root.document : {};
  const groups = arr(root.groups).map((g, i) => {
    const o = isObj(g) ? g : {};
    return assign<GroupModel>({ path: ['groups', i] }, { id: str(o.id), title: str(o.title), letter: str(o.letter) });
  });
  const units = arr(root.units).map(buildUnit);
  const unitsByRef = new Map<string, UnitModel[]>();
  for (const u of units) if (u.ref !== undefined) unitsByRef.set(u.ref, [...(unitsByRef.get(u.ref) ?? []), u]);
  const groupsById = new Map<string, GroupModel>();
  for (const g of groups) if (g.id !== undefined && !groupsById.has(g.id)) groupsById.set(g.id, g);
  const dv = doc.version;
  return {
    formatVersion: root.qualspec,
    document: assign<SpecModel['document']>(
      {
        path: ['document'],
        changes: arr(doc.changeHistory).map((c, i) => {
          const o = isObj(c) ? c : {};
          const v = o.version;
          return assign<ChangeModel>(
            { path: ['document', 'changeHistory', i] },
            { version: typeof v === 'string' || typeof v === 'number' ? v : undefined, date: str(o.date) },
          );
        }),
      },
      {
        title: str(doc.title),
        version: typeof dv === 'string' || typeof dv === 'number' ? dv : undefined,
        published: str(doc.published),
        framework: doc.framework === 'qcf' || doc.framework === 'rqf' || doc.framework === 'none' ? doc.framework : undefined,
        unitRefs:
          typeof doc.unitRefs === 'string'
            ? doc.unitRefs
            : isObj(doc.unitRefs)
              ? { ...(typeof doc.unitRefs.pattern === 'string' ? { pattern: doc.unitRefs.pattern } : {}) }
              : undefined,
      },
    ),
    groups,
    qualifications: arr(root.qualifications).map(buildQualification),
    units,
    unitsByRef,
    groupsById,
    present: new Set(Object.keys(root)),
  };
}
