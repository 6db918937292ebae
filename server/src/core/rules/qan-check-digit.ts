import { QAN_FORM, qanCheckChar } from '../model/identifiers.js';
import { replaceValue } from './util.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'qan-check-digit',
    severity: 'error',
    category: 'identifiers',
    description: 'The last character of a QAN (NNN/NNNN/C) is a check digit computed from the other seven digits; it must hold.',
  },
  scope: 'file',
  check({ parsed, model, report }) {
    for (const q of model.qualifications) {
      if (!q.qan || !QAN_FORM.test(q.qan)) continue; // the schema reports a malformed QAN
      const expected = qanCheckChar(q.qan)!;
      const actual = q.qan.slice(-1);
      if (expected === actual) continue;
      report({
        path: [...q.path, 'qan'],
        message: `QAN ${q.qan} fails its check: its digits imply the check character ${expected}, not ${actual}. One of its digits, or the check character, is mistyped — compare it with the Ofqual register.`,
        // Not safe for --fix: a wrong digit is as likely as a wrong check character.
        // Offered, never preferred: the editor must not apply it as the one obvious fix.
        fixes: [
          replaceValue(
            parsed,
            [...q.path, 'qan'],
            q.qan.slice(0, -1) + expected,
            `Change the QAN to ${q.qan.slice(0, -1) + expected} (if its check character, not a digit, is the typo)`,
          ),
        ],
      });
    }
  },
};
