import { qualificationName } from '../model/describe.js';
import { BANDS, bandFor, sizeText } from '../model/sizes.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'size-band',
    severity: 'error',
    category: 'sizes',
    description:
      "Under the QCF credit rules (framework: qcf, or no framework given), a qualification's credit value must fit its type: Award 1–12 credits, Certificate 13–36, Diploma 37 or more.",
  },
  scope: 'file',
  check({ model, report }) {
    // The QCF credit bands are the QCF's: an RQF document's size words are rqf-size-band's to judge (by
    // TQT, as Ofqual does), and framework: none judges none. Without a framework they apply to a
    // qualification that states credit, as they always have.
    const fw = model.document.framework;
    if (fw === 'rqf' || fw === 'none') return;
    for (const q of model.qualifications) {
      if (!q.type || !q.credit) continue;
      const band = BANDS[q.type];
      const name = qualificationName(q);
      const c = q.credit;
      const lo = c.kind === 'fixed' ? c.value : c.min;
      const hi = c.kind === 'fixed' ? c.value : c.max;
      const outside =
        (lo !== undefined && (lo < band.min || (band.max !== undefined && lo > band.max))) ||
        (hi !== undefined && ((band.max !== undefined && hi > band.max) || hi < band.min));
      if (!outside) continue;
      const fits =
        c.kind === 'fixed'
          ? ` (${c.value} credits make ${bandFor(c.value) === 'award' ? 'an Award' : `a ${bandFor(c.value) === 'certificate' ? 'Certificate' : 'Diploma'}`})`
          : '';
      report({
        path: [...q.path, 'credit'],
        message: `${name} is ${q.type === 'award' ? 'an' : 'a'} ${band.label}, but its credit value is ${sizeText(c)}${fits}. Change its size or its type.`,
        related: [{ path: [...q.path, 'type'], message: `type: ${q.type}` }],
      });
    }
  },
};
