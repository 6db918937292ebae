/**
 * What a new version means for learners and centres, per Certificate and Diploma: the exact number
 * of valid selections before, after and under both versions, the achievable credit / GLH / TQT
 * ranges, the units withdrawn, and stated sizes that a rule change has put out of reach.
 */
import { buildProblem } from '../combination/from-spec.js';
import type { QualificationModel, Size, SpecModel } from '../model/spec.js';
import type { ParsedFile } from '../parse/parse.js';
import { LineIndex } from '../text/line-index.js';
import type { WorkspaceIndex } from '../workspace/index.js';
import { countAndRanges, countBoth, type Counted } from './both.js';
import { pairBy } from './pairing.js';
import type { QualificationImpact, SizeRange, Where } from './types.js';

export interface ImpactSide {
  model: SpecModel;
  parsed: ParsedFile;
  uri: string;
  /** Other spec files of the same version (units a pool names from elsewhere). */
  index?: WorkspaceIndex;
}

const combined = (q: QualificationModel): boolean => q.rules.length > 0 || q.type === 'certificate' || q.type === 'diploma';

function name(q: QualificationModel): string {
  return `${q.title ?? 'Qualification'}${q.qan ? ` (${q.qan})` : ''}`;
}

function where(side: ImpactSide, q: QualificationModel): Where {
  const span = side.parsed.locate(q.path);
  return { path: q.path, span, line: new LineIndex(side.parsed.text).positionAt(span.start).line + 1 };
}

const range = (r: { min: number; max: number | null } | null | undefined): SizeRange | null => (r && r.max !== null ? { min: r.min, max: r.max } : null);

/** The stated sizes no valid selection reaches, in words. */
function unreachable(q: QualificationModel, a: Counted): string[] {
  const out: string[] = [];
  const check = (size: Size | undefined, got: SizeRange | null, word: string) => {
    if (!size || size.kind !== 'range' || !got) return;
    if (size.min !== undefined && size.min < got.min) out.push(`the stated minimum of ${size.min} ${word}: the smallest valid selection has ${got.min}`);
    if (size.max !== undefined && size.max > got.max) out.push(`the stated maximum of ${size.max} ${word}: the largest valid selection has ${got.max}`);
  };
  if (!a.feasible) return ['every stated size: no selection meets all the rules of combination'];
  // Credit only, as credit-range-reachable reads it: a stated credit range is reached at both ends,
  // while stated GLH and TQT are limits a selection keeps within (TQT 369 is the top of 36 credits).
  check(q.credit, range(a.credit), 'credits');
  return out;
}

export function impact(before: ImpactSide, after: ImpactSide, rename: ReadonlyMap<string, string>, maxMillis = 2000): QualificationImpact[] {
  const qa = before.model.qualifications.filter(combined);
  const qb = after.model.qualifications.filter(combined);
  const p = pairBy(qa, qb, [(q) => q.qan, (q) => q.title?.toLowerCase()]);
  const out: QualificationImpact[] = [];
  const one = (q: QualificationModel, side: ImpactSide) => {
    const qp = buildProblem(side.model, q, side.index, side.uri);
    let analysis: Counted | Error;
    try {
      analysis = countAndRanges(qp.problem, maxMillis);
    } catch (e) {
      analysis = e instanceof Error ? e : new Error(String(e));
    }
    return { qp, analysis };
  };
  /** Units a pool names that no spec file of the version defines: the counts leave them out, and say so. */
  const undefinedUnits = (x: ReturnType<typeof one>, version: string): string[] =>
    x.qp.missing.length
      ? [
          `${x.qp.missing.length === 1 ? 'Unit' : 'Units'} ${x.qp.missing.join(', ')} ${x.qp.missing.length === 1 ? 'is' : 'are'} named but defined in no spec file of the ${version} version, so the ${version} figures leave ${x.qp.missing.length === 1 ? 'it' : 'them'} out.`,
        ]
      : [];
  for (const q of p.removed) {
    const x = one(q, before);
    const a = x.analysis instanceof Error ? null : x.analysis;
    out.push({
      subject: name(q),
      ...(q.qan ? { qan: q.qan } : {}),
      before: a ? a.count.toString() : null,
      after: null,
      both: '0',
      lost: a ? a.count.toString() : null,
      gained: '0',
      credit: { before: range(a?.credit), after: null },
      glh: { before: a?.glh ?? null, after: null },
      tqt: { before: a?.tqt ?? null, after: null },
      withdrawn: x.qp.problem.units.map((u) => u.ref),
      introduced: [],
      unreachable: [],
      note: ['The qualification is not in the new version.', ...undefinedUnits(x, 'old')].join(' '),
      old: where(before, q),
    });
  }
  for (const q of p.added) {
    const y = one(q, after);
    const b = y.analysis instanceof Error ? null : y.analysis;
    out.push({
      subject: name(q),
      ...(q.qan ? { qan: q.qan } : {}),
      before: null,
      after: b ? b.count.toString() : null,
      both: '0',
      lost: '0',
      gained: b ? b.count.toString() : null,
      credit: { before: null, after: range(b?.credit) },
      glh: { before: null, after: b?.glh ?? null },
      tqt: { before: null, after: b?.tqt ?? null },
      withdrawn: [],
      introduced: y.qp.problem.units.map((u) => u.ref),
      unreachable: [],
      note: ['The qualification is new in this version.', ...undefinedUnits(y, 'new')].join(' '),
      new: where(after, q),
    });
  }
  for (const [qo, qn] of p.pairs) {
    const x = one(qo, before);
    const y = one(qn, after);
    const notes: string[] = [...undefinedUnits(x, 'old'), ...undefinedUnits(y, 'new')];
    const a = x.analysis instanceof Error ? (notes.push(`The old rules could not be analysed: ${x.analysis.message}`), null) : x.analysis;
    const b = y.analysis instanceof Error ? (notes.push(`The new rules could not be analysed: ${y.analysis.message}`), null) : y.analysis;
    let both: bigint | null = null;
    if (a && b) {
      try {
        const r = countBoth(x.qp.problem, y.qp.problem, rename, maxMillis);
        if (r.count === null) notes.push(`Plans valid under both versions were not counted: ${r.reason}.`);
        else both = r.count;
      } catch (e) {
        notes.push(`Plans valid under both versions were not counted: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const oldRefs = x.qp.problem.units.map((u) => rename.get(u.ref) ?? u.ref);
    const newRefs = new Set(y.qp.problem.units.map((u) => u.ref));
    const oldSet = new Set(oldRefs);
    const reachBefore = a ? new Set(unreachable(qo, a)) : new Set<string>();
    const item: QualificationImpact = {
      subject: name(qn),
      ...(qn.qan ? { qan: qn.qan } : {}),
      before: a ? a.count.toString() : null,
      after: b ? b.count.toString() : null,
      both: both === null ? null : both.toString(),
      lost: a && both !== null ? (a.count - both).toString() : null,
      gained: b && both !== null ? (b.count - both).toString() : null,
      credit: { before: range(a?.credit), after: range(b?.credit) },
      glh: { before: a?.glh ?? null, after: b?.glh ?? null },
      tqt: { before: a?.tqt ?? null, after: b?.tqt ?? null },
      withdrawn: oldRefs.filter((r) => !newRefs.has(r)),
      introduced: [...newRefs].filter((r) => !oldSet.has(r)),
      // Newly out of reach: unreachable now, and not already (in the same words) before.
      unreachable: b ? unreachable(qn, b).filter((u) => !reachBefore.has(u)) : [],
      old: where(before, qo),
      new: where(after, qn),
    };
    if (notes.length) item.note = notes.join(' ');
    out.push(item);
  }
  return out;
}
