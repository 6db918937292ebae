import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'lo-numbering',
    severity: 'error',
    category: 'numbering',
    description: "A unit's learning outcomes are numbered 1, 2, 3 … in order, without gaps or repeats.",
  },
  scope: 'file',
  check({ parsed, model, report }) {
    for (const u of model.units) {
      u.learningOutcomes.forEach((lo, i) => {
        if (lo.number === undefined || lo.number === i + 1) return;
        const dup = u.learningOutcomes.slice(0, i).some((x) => x.number === lo.number);
        report({
          path: [...lo.path, 'number'],
          message: `Learning outcome ${i + 1} of unit ${u.ref ?? u.index + 1} is numbered ${lo.number}${dup ? ', a number already used' : ''}: outcomes run 1, 2, 3 … in order.`,
          fixes: [
            {
              title: `Renumber the learning outcomes of ${u.ref ?? 'this unit'} 1..${u.learningOutcomes.length}`,
              preferred: true,
              edits: u.learningOutcomes.flatMap((x, j) =>
                x.number !== undefined && x.number !== j + 1 ? [{ span: parsed.locate([...x.path, 'number']), newText: String(j + 1) }] : [],
              ),
            },
          ],
        });
      });
    }
  },
};
