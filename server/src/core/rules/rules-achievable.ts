import { qualificationName } from '../model/describe.js';
import { lintProblem, ruleKey, assessCached } from '../combination/from-spec.js';
import type { ComboRule } from '../combination/index.js';
import { describeRule } from '../combination/index.js';
import type { FileRule } from './types.js';

function whyAlone(rule: ComboRule, units: { ref: string; group: string; credit?: number; glh?: number; level: number }[]): string {
  if (rule.kind === 'count') {
    const inScope = units.filter((u) => (!rule.scopeGroups && !rule.scopeUnits) || rule.scopeGroups?.includes(u.group) || rule.scopeUnits?.includes(u.ref));
    const credits = inScope.reduce((s, u) => s + (u.credit ?? 0), 0);
    const glh = inScope.reduce((s, u) => s + (u.glh ?? 0), 0);
    if (rule.minUnits !== undefined && inScope.length < rule.minUnits)
      return `it needs at least ${rule.minUnits} units, but only ${inScope.length} are available`;
    if (rule.minCredits !== undefined && credits < rule.minCredits)
      return `it needs at least ${rule.minCredits} credits, but the available units total only ${credits}`;
    if (rule.minGlh !== undefined && glh < rule.minGlh)
      return `it needs at least ${rule.minGlh} guided learning hours, but the available units total only ${glh}`;
  }
  if (rule.kind === 'mandatory') {
    const missing = rule.units.filter((r) => !units.some((u) => u.ref === r));
    if (missing.length) return `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not among the units the qualification may draw on`;
  }
  return 'no selection of the available units meets it';
}

export const rule: FileRule = {
  meta: {
    id: 'rules-achievable',
    severity: 'error',
    category: 'combination',
    description: 'Each rule of combination can be met with the units available, and all of them can be met together.',
  },
  scope: 'file',
  check({ uri, model, index, report }) {
    for (const q of model.qualifications) {
      if (!q.rules.length) continue;
      const qp = lintProblem(model, q, index, uri);
      // A unit defined nowhere is unknown-unit's to report, and a pool unit without a size (schema) cannot be
      // counted: either would make the analysis wrong. A unit that exists but lies outside the pool is this
      // rule's to report (a mandatory unit the learner cannot choose).
      const unknown = qp.missing.filter((ref) => !model.unitsByRef.has(ref) && index.findUnit(ref).length === 0);
      if (unknown.length || qp.unsized.length || !qp.problem.rules.length) continue;
      const a = assessCached(qp.problem);
      const name = qualificationName(q);
      if (a instanceof Error) {
        report({ path: [...q.path, 'rules'], part: 'key', severity: 'warning', message: `The rules of ${name} could not be analysed: ${a.message}.` });
        continue;
      }
      if (a.feasible) continue;
      const alone = a.perRule.filter((r) => !r.feasible);
      if (alone.length) {
        for (const r of alone) {
          const src = qp.source.get(r.id);
          const cr = qp.problem.rules.find((x) => x.id === r.id)!;
          if (!src) continue;
          report({
            path: src.path,
            message: `${name}: rule '${ruleKey(src)}' (${describeRule(cr, qp.problem.groupTitles)}) can never be met: ${whyAlone(cr, qp.problem.units)}.`,
          });
        }
        continue;
      }
      const conflict = a.conflict ?? [];
      const srcs = [...new Set(conflict.map((id) => qp.source.get(id)).filter((x) => x !== undefined))];
      report({
        path: [...q.path, 'rules'],
        part: 'key',
        message: `The rules of ${name} cannot all be met at once: no selection of units satisfies ${conflict.map((id) => `'${id}'`).join(' and ')} together (${conflict
          .map((id) =>
            describeRule(
              qp.problem.rules.find((r) => r.id === id)!,
              qp.problem.groupTitles,
            ),
          )
          .join('; ')}).`,
        related: srcs.map((s) => ({ path: s.path, message: `rule '${ruleKey(s)}'` })),
      });
    }
  },
};
