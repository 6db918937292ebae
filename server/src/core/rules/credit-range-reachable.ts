import { qualificationName } from '../model/describe.js';
import { lintProblem, assessCached } from '../combination/from-spec.js';
import type { Size } from '../model/spec.js';
import { creditForTqt } from '../model/sizes.js';
import type { FileRule, Report, Severity } from './types.js';

const ex = (refs: string[]) => (refs.length === 0 ? 'no units at all' : refs.length > 8 ? `${refs.slice(0, 8).join(', ')} …` : refs.join(', '));

type Measure = 'credit' | 'glh' | 'tqt';
const amount = (m: Measure, n: number): string => (m === 'credit' ? `${n} credit${n === 1 ? '' : 's'}` : m === 'glh' ? `${n} GLH` : `${n} hours of TQT`);

interface Reached {
  min: number;
  max: number;
  minExample?: string[];
  maxExample?: string[];
}

/**
 * A stated size (a whole number or a range) against what the valid selections reach: a stated end
 * that no selection reaches ("no selection reaches 400 GLH; the most is 345"), and selections the rules
 * accept outside the stated size (the rules do not enforce it).
 */
function compare(m: Measure, stated: Size, got: Reached, at: (string | number)[], name: string, credited: boolean, report: (r: Report) => void): void {
  // In a spec sized without credit (GLH only, or GLH and TQT), GLH and TQT are the sizes: their findings are errors as credit's are.
  const severity: Severity = m === 'credit' || !credited ? 'error' : 'warning';
  const eg = (refs: string[] | undefined) => (refs?.length ? ` (e.g. ${ex(refs)})` : '');
  const a = (n: number) => amount(m, n);
  if (stated.kind === 'fixed') {
    const n = stated.value;
    if (got.min === n && got.max === n) return;
    const message =
      got.max < n
        ? `${name} states ${a(n)}, but no selection its rules allow reaches ${a(n)}: the most is ${a(got.max)}${eg(got.maxExample)}.`
        : got.min > n
          ? `${name} states ${a(n)}, but under its rules the smallest valid selection has ${a(got.min)}${eg(got.minExample)}.`
          : `${name} states ${a(n)}, but its rules accept selections of ${got.min} to ${a(got.max)}${got.min < n ? eg(got.minExample) : eg(got.maxExample)}: add a rule that fixes the total at ${n}.`;
    report({ path: at, severity, message });
    return;
  }
  // In a spec sized in credit, a TQT end states the credit it is worth: 369 hours is the top of 36
  // credits, so a largest selection of 360 hours reaches it (size-ranges checks TQT against credit).
  const same = (x: number, y: number) => x === y || (m === 'tqt' && credited && creditForTqt(x) === creditForTqt(y));
  if (stated.min !== undefined && !same(stated.min, got.min))
    report({
      path: [...at, 'min'],
      severity,
      message:
        stated.min < got.min
          ? `${name} states a minimum of ${a(stated.min)}, but under its rules the smallest valid selection has ${a(got.min)}${eg(got.minExample)}.`
          : `${name} states a minimum of ${a(stated.min)}, but its rules accept selections of only ${a(got.min)}${eg(got.minExample)}: add a rule that enforces the minimum.`,
    });
  if (stated.max !== undefined && !same(stated.max, got.max))
    report({
      path: [...at, 'max'],
      severity,
      message:
        stated.max > got.max
          ? `${name} states a maximum of ${a(stated.max)}, but no selection its rules allow reaches it: the largest has ${a(got.max)}${eg(got.maxExample)}.`
          : `${name} states a maximum of ${a(stated.max)}, but its rules accept selections of up to ${a(got.max)}${eg(got.maxExample)}: add a rule that enforces the maximum.`,
    });
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
      const a = assessCached(qp.problem);
      if (a instanceof Error || !a.feasible) continue;
      const name = qualificationName(q);
      // Credit where the units state it; GLH and TQT where every unit does.
      const credited = qp.problem.units.some((u) => u.credit !== undefined);
      if (credited && q.credit && a.credit && a.credit.max !== null)
        compare('credit', q.credit, { ...a.credit, max: a.credit.max }, [...q.path, 'credit'], name, true, report);
      for (const f of ['glh', 'tqt'] as const) {
        const stated = q[f];
        const got = a[f];
        if (stated && got) compare(f, stated, got, [...q.path, f], name, credited, report);
      }
    }
  },
};
