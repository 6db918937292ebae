import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'unit-incomplete',
    severity: 'warning',
    category: 'completeness',
    description:
      'A unit specified in full has a UAN, GLH, TQT, purpose, learning outcomes, indicative content and assessor guidance for each outcome; a unit specified elsewhere says so with summary: true.',
  },
  scope: 'file',
  check({ model, report }) {
    // A UAN and a TQT are expected of a QCF unit, and of a unit whose file gives them for other units.
    // RQF units need neither (Ofqual no longer numbers units; BTEC units are sized in GLH only), so a
    // file that gives no unit a UAN (or a TQT or credit) is not asked for one.
    const qcf = model.document.framework === 'qcf';
    const uans = qcf || model.units.some((u) => u.raw.uan !== undefined);
    const tqts = qcf || model.units.some((u) => u.raw.tqt !== undefined || u.raw.credit !== undefined);
    for (const u of model.units) {
      if (u.summary) continue;
      const missing: string[] = [];
      if (uans && u.uan === undefined && u.raw.uan === undefined) missing.push('UAN');
      if (u.glh === undefined && u.raw.glh === undefined) missing.push('GLH');
      if (tqts && u.tqt === undefined && u.raw.tqt === undefined) missing.push('TQT');
      if (u.raw.purpose === undefined) missing.push('purpose');
      if (u.raw.learningOutcomes === undefined) missing.push('learning outcomes');
      if (missing.length)
        report({
          path: [...u.path, 'ref'],
          message: `Unit ${u.ref ?? u.index + 1} has no ${missing.join(', ')}. Add ${missing.length > 1 ? 'them' : 'it'}, or mark the unit 'summary: true' if it is specified in full elsewhere.`,
        });
      if (u.learningOutcomes.length) {
        for (const [list, label, key] of [
          [u.indicativeContent, 'indicative content', 'indicativeContent'],
          [u.assessorGuidance, 'assessor guidance', 'assessorGuidance'],
        ] as const) {
          // Assessor guidance given once for the whole unit covers every outcome.
          if (key === 'assessorGuidance' && u.unitGuidance) continue;
          const have = new Set(list.map((x) => x.lo));
          const lacking = u.learningOutcomes.map((lo, i) => lo.number ?? i + 1).filter((n) => !have.has(n));
          if (lacking.length && lacking.length < u.learningOutcomes.length + 1)
            report({
              path: list.length ? [...u.path, key] : [...u.path, 'ref'],
              part: 'key',
              message: `Unit ${u.ref ?? u.index + 1} has no ${label} for learning outcome${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')}.`,
            });
        }
      }
    }
  },
};
