import type { LearningOutcomeModel, UnitModel } from '../model/spec.js';
import type { FileRule, Fix } from './types.js';
import type { ParsedFile } from '../parse/parse.js';

/** The n-th (from 0) label of a unit's outcomes: 1, 2, 3 … or, for learning aims, A, B, C … */
const label = (lettered: boolean, i: number): number | string => (lettered ? String.fromCharCode(65 + i) : i + 1);

function renumber(parsed: ParsedFile, u: UnitModel, lettered: boolean): Fix {
  const los = u.learningOutcomes;
  return {
    title: lettered
      ? `Reletter the learning aims of ${u.ref ?? 'this unit'} A..${String(label(true, los.length - 1))}`
      : `Renumber the learning outcomes of ${u.ref ?? 'this unit'} 1..${los.length}`,
    preferred: true,
    edits: los.flatMap((x: LearningOutcomeModel, j) =>
      x.number !== undefined && x.number !== label(lettered, j) ? [{ span: parsed.locate([...x.path, 'number']), newText: String(label(lettered, j)) }] : [],
    ),
  };
}

export const rule: FileRule = {
  meta: {
    id: 'lo-numbering',
    severity: 'error',
    category: 'numbering',
    description: "A unit's learning outcomes are numbered 1, 2, 3 … (or its learning aims lettered A, B, C …) in order, without gaps or repeats.",
  },
  scope: 'file',
  check({ parsed, model, report }) {
    for (const u of model.units) {
      const los = u.learningOutcomes;
      // The unit's style is its first outcome's: numbered outcomes (1, 2 …) or lettered learning aims (A, B … as BTEC writes them).
      const first = los.find((lo) => lo.number !== undefined)?.number;
      if (first === undefined) continue;
      const lettered = typeof first === 'string';
      const unitName = `unit ${u.ref ?? u.index + 1}`;
      los.forEach((lo, i) => {
        const n = lo.number;
        if (n === undefined || n === label(lettered, i)) return;
        if ((typeof n === 'string') !== lettered) {
          report({
            path: [...lo.path, 'number'],
            message: `Learning outcome ${i + 1} of ${unitName} is numbered ${n}, but the unit's first outcome is ${lettered ? `lettered ${first}` : `numbered ${first}`}: a unit numbers its outcomes 1, 2, 3 … or letters its learning aims A, B, C …, not both.`,
          });
          return;
        }
        const dup = los.slice(0, i).some((x) => x.number === n);
        report({
          path: [...lo.path, 'number'],
          message: lettered
            ? `Learning aim ${i + 1} of ${unitName} is lettered ${n}${dup ? ', a letter already used' : ''}: learning aims run A, B, C … in order, so it should be ${label(true, i)}.`
            : `Learning outcome ${i + 1} of ${unitName} is numbered ${n}${dup ? ', a number already used' : ''}: outcomes run 1, 2, 3 … in order.`,
          fixes: [renumber(parsed, u, lettered)],
        });
      });
    }
  },
};
