import { qualificationName } from '../model/describe.js';
/** The human-written text fields of a spec, for the text hygiene checks. */
import type { Path } from '../parse/parse.js';
import type {
  CriterionModel,
  GroupModel,
  LearningOutcomeModel,
  LoTextModel,
  QualificationModel,
  SpecModel,
  UnitMentionModel,
  UnitModel,
} from '../model/spec.js';
import { memoOn } from '../model/memo.js';

export interface TextField {
  readonly path: Path;
  readonly value: string;
  /** A title or a one-line statement (LO/AC), as opposed to Markdown prose. */
  readonly kind: 'title' | 'statement' | 'prose';
  /** Who the field belongs to, for messages ("criterion 1.2 of unit L5B1"). */
  readonly owner: string;
}

const FIELDS = Symbol('textFields');

/** The text fields of a model, with their paths and owners (memoised on the model: several checks read them; read-only). */
export function textFields(model: SpecModel): readonly TextField[] {
  return memoOn(model, FIELDS, () => collect(model));
}

/**
 * A text field whose path and owner are built when read: the checks read them only for the few
 * fields they report, and building them for every field (an array and a string each, thousands a
 * spec) was most of the cost of textFields. `name` names the owner from the model nodes `a` and `b`
 * the field was found under.
 */
class Field<A, B> implements TextField {
  constructor(
    readonly value: string,
    readonly kind: TextField['kind'],
    private readonly at: Path,
    private readonly key: string,
    private readonly name: (a: A, b: B) => string,
    private readonly a: A,
    private readonly b: B,
  ) {}
  get path(): Path {
    return [...this.at, this.key];
  }
  get owner(): string {
    return this.name(this.a, this.b);
  }
}

const unitName = (u: UnitModel): string => `unit ${u.ref ?? u.index + 1}`;
const ofUnit = (u: UnitModel): string => unitName(u);
const ofLo = (lo: LearningOutcomeModel, u: UnitModel): string => `learning outcome ${lo.number ?? ''} of ${unitName(u)}`;
const ofCriterion = (c: CriterionModel, u: UnitModel): string => `criterion ${String(c.number ?? '')} of ${unitName(u)}`;
const ofContent = (x: LoTextModel, u: UnitModel): string => `indicative content ${x.lo ?? ''} of ${unitName(u)}`;
const ofGuidance = (x: LoTextModel, u: UnitModel): string => `assessor guidance ${x.lo ?? ''} of ${unitName(u)}`;
const ofPurpose = (u: UnitModel): string => `the purpose of ${unitName(u)}`;
const ofQualification = (q: QualificationModel): string => `qualification ${q.index + 1}`;
const ofMention = (m: UnitMentionModel, q: QualificationModel): string => `${m.ref?.trim() ? `unit ${m.ref}` : 'a unit'} in ${qualificationName(q)}`;
const ofRule = (q: QualificationModel): string => `a rule of ${qualificationName(q)}`;
const ofGroup = (g: GroupModel): string => `group '${g.id ?? ''}'`;
const ofDocument = (): string => 'the document';
const DOCUMENT: Path = ['document'];

function collect(model: SpecModel): TextField[] {
  const out: TextField[] = [];
  for (const u of model.units) {
    if (u.title !== undefined) out.push(new Field(u.title, 'title', u.path, 'title', ofUnit, u, undefined));
    for (const lo of u.learningOutcomes) {
      if (lo.text !== undefined) out.push(new Field(lo.text, 'statement', lo.path, 'text', ofLo, lo, u));
      for (const c of lo.criteria) if (c.text !== undefined) out.push(new Field(c.text, 'statement', c.path, 'text', ofCriterion, c, u));
    }
    for (const x of u.indicativeContent) if (x.text !== undefined) out.push(new Field(x.text, 'prose', x.path, 'text', ofContent, x, u));
    for (const x of u.assessorGuidance) if (x.text !== undefined) out.push(new Field(x.text, 'prose', x.path, 'text', ofGuidance, x, u));
    if (typeof u.raw.purpose === 'string') out.push(new Field(u.raw.purpose, 'prose', u.path, 'purpose', ofPurpose, u, undefined));
  }
  for (const q of model.qualifications) {
    if (q.title !== undefined) out.push(new Field(q.title, 'title', q.path, 'title', ofQualification, q, undefined));
    for (const m of q.units) if (typeof m.fields.title === 'string') out.push(new Field(m.fields.title, 'title', m.path, 'title', ofMention, m, q));
    for (const r of q.rules) if (r.text !== undefined) out.push(new Field(r.text, 'prose', r.path, 'text', ofRule, q, undefined));
  }
  for (const g of model.groups) if (g.title !== undefined) out.push(new Field(g.title, 'title', g.path, 'title', ofGroup, g, undefined));
  if (model.document.title !== undefined) out.push(new Field(model.document.title, 'title', DOCUMENT, 'title', ofDocument, undefined, undefined));
  return out;
}
