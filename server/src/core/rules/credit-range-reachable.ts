import { qualificationName } from '../model/describe.js';
import { lintProblem, assessCached } from '../combination/from-spec.js';
import type { QualificationModel, Size } from '../model/spec.js';
import type { ComboProblem } from '../combination/index.js';
import { creditForTqt } from '../model/sizes.js';
import type { FileRule, Severity } from './types.js';

const ex = (refs: string[]) => (refs.length === 0 ? 'no units at all' : refs.length > 8 ? `${refs.slice(0, 8).join(', ')} …` : refs.join(', '));

type Measure = 'credit' | 'glh' | 'tqt';
const amount = (m: Measure, n: number): string => (m === 'credit' ? `${n} credit${n === 1 ? '' : 's'}` : m === 'glh' ? `${n} GLH` : `${n} hours of TQT`);

interface Reached {
  min: number;
  max: number;
  minExample?: string[];
  maxExample?: string[];
}

type Kind = 'fixed-unreached' | 'fixed-exceeded' | 'fixed-loose' | 'min-above' | 'min-loose' | 'max-unreached' | 'max-loose';

/** One thing a stated size gets wrong, before it is put in words: the reached amounts it names and an example selection. */
interface Claim {
  path: (string | number)[];
  kind: Kind;
  stated: number;
  values: number[];
  example?: string[] | undefined;
}

/**
 * A stated size (a whole number or a range) against what the valid selections reach: a stated end
 * that no selection reaches ("no selection reaches 400 GLH; the most is 345"), and selections the rules
 * accept outside the stated size (the rules do not enforce it).
 */
function claims(m: Measure, stated: Size, got: Reached, at: (string | number)[], credited: boolean): Claim[] {
  if (stated.kind === 'fixed') {
    const n = stated.value;
    if (got.min === n && got.max === n) return [];
    if (got.max < n) return [{ path: at, kind: 'fixed-unreached', stated: n, values: [got.max], example: got.maxExample }];
    if (got.min > n) return [{ path: at, kind: 'fixed-exceeded', stated: n, values: [got.min], example: got.minExample }];
    return [{ path: at, kind: 'fixed-loose', stated: n, values: [got.min, got.max], example: got.min < n ? got.minExample : got.maxExample }];
  }
  // In a spec sized in credit, a TQT end states the credit it is worth: 369 hours is the top of 36
  // credits, so a largest selection of 360 hours reaches it (size-ranges checks TQT against credit).
  const same = (x: number, y: number) => x === y || (m === 'tqt' && credited && creditForTqt(x) === creditForTqt(y));
  const out: Claim[] = [];
  if (stated.min !== undefined && !same(stated.min, got.min))
    out.push({ path: [...at, 'min'], kind: stated.min < got.min ? 'min-above' : 'min-loose', stated: stated.min, values: [got.min], example: got.minExample });
  if (stated.max !== undefined && !same(stated.max, got.max))
    out.push({
      path: [...at, 'max'],
      kind: stated.max > got.max ? 'max-unreached' : 'max-loose',
      stated: stated.max,
      values: [got.max],
      example: got.maxExample,
    });
  return out;
}

/** The reached amounts of a claim: one each, or the least and most over the ways a unit in dispute may be corrected. */
interface Between {
  lo: number;
  hi: number;
}

/**
 * A claim in words. `values` are its reached amounts (a range where they depend on how a unit in
 * dispute is corrected, named in `depends`), `example` the selection to cite (none where it depends).
 */
function words(m: Measure, c: Claim, values: Between[], example: string[] | undefined, name: string, depends?: string): string {
  const a = (n: number) => amount(m, n);
  const v = (b: Between) => (b.lo === b.hi ? a(b.lo) : `${b.lo} to ${a(b.hi)}`);
  const eg = example?.length ? ` (e.g. ${ex(example)})` : '';
  const n = c.stated;
  const varies = values.some((b) => b.lo !== b.hi);
  const tail = varies && depends ? ` How many depends on whether the credit or the TQT of ${depends} is corrected.` : '';
  switch (c.kind) {
    case 'fixed-unreached':
      return `${name} states ${a(n)}, but no selection its rules allow reaches ${a(n)}: the most is ${v(values[0]!)}${eg}.${tail}`;
    case 'fixed-exceeded':
      return `${name} states ${a(n)}, but under its rules the smallest valid selection has ${v(values[0]!)}${eg}.${tail}`;
    case 'fixed-loose':
      return varies
        ? `${name} states ${a(n)}, but its rules accept selections of other sizes too: add a rule that fixes the total at ${n}.`
        : `${name} states ${a(n)}, but its rules accept selections of ${values[0]!.lo} to ${a(values[1]!.lo)}${eg}: add a rule that fixes the total at ${n}.`;
    case 'min-above':
      return `${name} states a minimum of ${a(n)}, but under its rules the smallest valid selection has ${v(values[0]!)}${eg}.${tail}`;
    case 'min-loose':
      return `${name} states a minimum of ${a(n)}, but its rules accept selections of only ${v(values[0]!)}${eg}: add a rule that enforces the minimum.${tail}`;
    case 'max-unreached':
      return `${name} states a maximum of ${a(n)}, but no selection its rules allow reaches it: the largest has ${v(values[0]!)}${eg}.${tail}`;
    case 'max-loose':
      return `${name} states a maximum of ${a(n)}, but its rules accept selections of up to ${v(values[0]!)}${eg}: add a rule that enforces the maximum.${tail}`;
  }
}

export const rule: FileRule = {
  meta: {
    id: 'credit-range-reachable',
    severity: 'error',
    category: 'combination',
    description:
      "A Certificate's or Diploma's stated size (credit, GLH, TQT; a whole number or a range) is what its rules of combination allow: every stated end is reached by a valid selection, and no valid selection falls outside it.",
  },
  scope: 'file',
  check({ uri, model, index, report }) {
    for (const q of model.qualifications) {
      if (!q.rules.length || !(q.credit || q.glh || q.tqt)) continue;
      const qp = lintProblem(model, q, index, uri);
      if (qp.missing.length || qp.unsized.length) continue;
      const name = qualificationName(q);
      const r = readingsOf(qp.problem);
      if (!r) continue;
      // A unit whose credit disagrees with its TQT (credit-tqt reports it) is sized one way or the
      // other once it is corrected, and which selections the rules accept, and their totals, follow
      // from it: what the qualification's sizes get wrong is reported only where it is wrong however
      // the unit is corrected (the one root cause is the unit's size, not the qualification's).
      const found = r.readings.map((p) => sizeClaims(q, p));
      if (found.some((f) => f === undefined)) continue;
      const [first, ...rest] = found as Found[];
      for (const c of first!.claims) {
        const same = rest.map((f) => f.claims.find((o) => o.kind === c.kind && o.path.join('.') === c.path.join('.')));
        if (same.some((o) => o === undefined)) continue;
        const all = [c, ...(same as Claim[])];
        const values = c.values.map((_, i) => ({ lo: Math.min(...all.map((o) => o.values[i]!)), hi: Math.max(...all.map((o) => o.values[i]!)) }));
        const example = all.every((o) => (o.example ?? []).join() === (c.example ?? []).join()) ? c.example : undefined;
        const m = c.path[q.path.length] as Measure;
        const severity: Severity = m === 'credit' || !first!.credited ? 'error' : 'warning';
        report({ path: c.path, severity, message: words(m, c, values, example, name, r.disputed) });
      }
    }
  },
};

/** At most this many units in dispute are read every way (2^n solves); with more, the qualification's sizes are not checked until they are settled. */
const MAX_DISPUTED = 2;

/**
 * The problem as the units' sizes may be once each unit whose credit disagrees with its TQT is
 * corrected: its credit set to its TQT's worth, or its TQT to its credit's (credit-tqt's two fixes),
 * every combination. The problem alone where no unit is in dispute; undefined with too many.
 */
function readingsOf(problem: ComboProblem): { readings: ComboProblem[]; disputed?: string } | undefined {
  const disputed = problem.units.flatMap((u, i) => (u.credit !== undefined && u.tqt !== undefined && creditForTqt(u.tqt) !== u.credit ? [i] : []));
  if (!disputed.length) return { readings: [problem] };
  if (disputed.length > MAX_DISPUTED) return undefined;
  const readings: ComboProblem[] = [];
  for (let mask = 0; mask < 1 << disputed.length; mask++) {
    const units = problem.units.slice();
    disputed.forEach((i, bit) => {
      const u = units[i]!;
      units[i] = mask & (1 << bit) ? { ...u, tqt: u.credit! * 10 } : { ...u, credit: creditForTqt(u.tqt!) };
    });
    readings.push({ ...problem, units });
  }
  const refs = disputed.map((i) => problem.units[i]!.ref);
  return { readings, disputed: refs.length === 1 ? `unit ${refs[0]}` : `units ${refs.join(' and ')}` };
}

interface Found {
  claims: Claim[];
  credited: boolean;
}

/** What the qualification's stated sizes get wrong against the valid selections of `problem`; undefined where the rules cannot be assessed or met. */
function sizeClaims(q: QualificationModel, problem: ComboProblem): Found | undefined {
  const a = assessCached(problem);
  if (a instanceof Error || !a.feasible) return undefined;
  // Credit where the units state it; GLH and TQT where every unit does.
  const credited = problem.units.some((u) => u.credit !== undefined);
  const out: Claim[] = [];
  if (credited && q.credit && a.credit && a.credit.max !== null)
    out.push(...claims('credit', q.credit, { ...a.credit, max: a.credit.max }, [...q.path, 'credit'], true));
  for (const f of ['glh', 'tqt'] as const) {
    const stated = q[f];
    const got = a[f];
    if (stated && got) out.push(...claims(f, stated, got, [...q.path, f], credited));
  }
  return { claims: out, credited };
}
