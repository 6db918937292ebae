import { qualificationName } from '../model/describe.js';
import { creditForTqt } from '../model/sizes.js';
import { replaceValue } from './util.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'credit-tqt',
    severity: 'error',
    category: 'sizes',
    description: 'Credit must be TQT / 10, rounded down (TQT 50 -> 5 credits; TQT 369 -> 36), for every unit and every fixed-size qualification.',
  },
  scope: 'file',
  check({ parsed, model, report }) {
    const items = [
      ...model.units.map((u) => ({ path: u.path, name: `Unit ${u.ref ?? u.index + 1}`, tqt: u.tqt, credit: u.credit })),
      ...model.qualifications.map((q) => ({
        path: q.path,
        name: qualificationName(q),
        tqt: q.tqt?.kind === 'fixed' ? q.tqt.value : undefined,
        credit: q.credit?.kind === 'fixed' ? q.credit.value : undefined,
      })),
    ];
    for (const it of items) {
      if (it.tqt === undefined || it.credit === undefined) continue;
      const expected = creditForTqt(it.tqt);
      if (expected === it.credit) continue;
      report({
        path: [...it.path, 'credit'],
        message: `${it.name} has ${it.credit} credits but a TQT of ${it.tqt} hours, which is worth ${expected} credits (one credit per 10 hours). Correct the credit or the TQT.`,
        related: [{ path: [...it.path, 'tqt'], message: `TQT ${it.tqt} hours` }],
        fixes: [
          replaceValue(parsed, [...it.path, 'credit'], String(expected), `Set credit to ${expected} (TQT ${it.tqt} / 10)`, { preferred: true }),
          replaceValue(parsed, [...it.path, 'tqt'], String(it.credit * 10), `Set TQT to ${it.credit * 10} (${it.credit} credits × 10)`),
        ],
      });
    }
  },
};
