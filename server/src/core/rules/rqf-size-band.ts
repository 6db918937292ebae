import { RQF_BANDS, qualifiedSizeWord, rqfBandFor, sizeText } from '../model/sizes.js';
import type { FileRule } from './types.js';

const WORD: Record<string, string> = { award: 'an Award', certificate: 'a Certificate', diploma: 'a Diploma' };

export const rule: FileRule = {
  meta: {
    id: 'rqf-size-band',
    severity: 'warning',
    category: 'sizes',
    description:
      "Under the RQF (framework: rqf), the size word of a qualification's title fits its total qualification time as Ofqual defines the words: Award 120 hours or less, Certificate 121–369, Diploma 370 or more.",
  },
  scope: 'file',
  check({ model, report }) {
    if (model.document.framework !== 'rqf') return;
    for (const q of model.qualifications) {
      const t = q.tqt;
      if (!q.type || !t || !q.title) continue;
      // "Extended Certificate", "Foundation Diploma": a qualified size word is a type name of its own
      // (BTEC Nationals' Extended Certificate is 480 hours), which Ofqual's three words do not define.
      if (qualifiedSizeWord(q.title)) continue;
      // The size word the title uses, else the type.
      const word = /\b(Award|Certificate|Diploma)\b/i.exec(q.title)?.[1]?.toLowerCase() ?? q.type;
      const type = word === 'award' || word === 'certificate' || word === 'diploma' ? word : q.type;
      const band = RQF_BANDS[type];
      const lo = t.kind === 'fixed' ? t.value : t.min;
      const hi = t.kind === 'fixed' ? t.value : t.max;
      const outside =
        (lo !== undefined && (lo < band.min || (band.max !== undefined && lo > band.max))) ||
        (hi !== undefined && ((band.max !== undefined && hi > band.max) || hi < band.min));
      if (!outside) continue;
      const fits = t.kind === 'fixed' ? ` (${t.value} hours make ${WORD[rqfBandFor(t.value)]})` : '';
      report({
        path: [...q.path, 'tqt'],
        message: `'${q.title}' is called ${WORD[type]}, which on the RQF means a total qualification time of ${band.label} (Ofqual), but its TQT is ${sizeText(t)} hours${fits}. Change its size or its title.`,
        related: [{ path: [...q.path, 'title'], message: `title: ${q.title}` }],
      });
    }
  },
};
