import { qualificationName } from '../model/describe.js';
import { UAN_FORM, uanCheckLetter } from '../model/identifiers.js';
import { replaceValue } from './util.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'uan-check-character',
    severity: 'warning',
    category: 'identifiers',
    description:
      'The first letter of a UAN (L/NNN/NNNN) is a check character implied by its seven digits ("ADFHJKLMRTY"[(sum of digits − 5) mod 11]); it must hold. Inferred from published UANs, so its severity is configurable.',
  },
  scope: 'file',
  check({ parsed, model, report }) {
    const check = (path: (string | number)[], uan: string | number | undefined, owner: string) => {
      if (typeof uan !== 'string' || !UAN_FORM.test(uan)) return;
      const expected = uanCheckLetter(uan)!;
      if (expected === uan[0]) return;
      report({
        path,
        message: `UAN ${uan} of ${owner} fails its check: its digits imply the letter ${expected}, not ${uan[0]}. A digit or the letter is mistyped — compare it with the Ofqual register.`,
        // Offered, never preferred: a digit may be the typo.
        fixes: [replaceValue(parsed, path, expected + uan.slice(1), `Change the UAN to ${expected + uan.slice(1)} (if its letter, not a digit, is the typo)`)],
      });
    };
    for (const u of model.units) check([...u.path, 'uan'], u.uan, `unit ${u.ref ?? u.index + 1}`);
    for (const q of model.qualifications) for (const m of q.units) check([...m.path, 'uan'], m.fields.uan, `unit ${m.ref ?? '?'} in ${qualificationName(q)}`);
  },
};
