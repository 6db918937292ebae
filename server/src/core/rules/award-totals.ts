import { qualificationName } from '../model/describe.js';
import type { UnitModel } from '../model/spec.js';
import { replaceValue } from './util.js';
import { suggest } from '../text/similar.js';
import type { FileRule, Related } from './types.js';

type F = 'credit' | 'glh' | 'tqt';
const LABEL: Record<F, string> = { credit: 'credits', glh: 'GLH', tqt: 'TQT hours' };
const NAME: Record<F, string> = { credit: 'credit', glh: 'GLH', tqt: 'TQT' };

export const rule: FileRule = {
  meta: {
    id: 'award-totals',
    severity: 'error',
    category: 'sizes',
    description: 'An Award made of fixed units has credit, GLH and TQT equal to the sums over its units.',
  },
  scope: 'file',
  check({ uri, parsed, model, index, report }) {
    for (const q of model.qualifications) {
      if (q.type !== 'award' || q.units.length === 0) continue;
      const found: { ref: string; values: Partial<Record<F, number>>; local?: UnitModel; related: Related | { path: (string | number)[]; message: string } }[] =
        [];
      let complete = true;
      for (const m of q.units) {
        if (m.ref === undefined) {
          complete = false;
          continue;
        }
        const local = model.unitsByRef.get(m.ref)?.[0];
        if (local) {
          found.push({
            ref: m.ref,
            values: { credit: local.credit, glh: local.glh, tqt: local.tqt },
            local,
            related: { path: [...local.path, 'ref'], message: `${m.ref}: ${local.credit ?? '?'} credits, ${local.glh ?? '?'} GLH, ${local.tqt ?? '?'} TQT` },
          });
          continue;
        }
        const other = index.findUnit(m.ref).find((u) => u.uri !== uri);
        if (!other) {
          complete = false; // unknown-unit reports it
          continue;
        }
        const f = other.fields;
        found.push({
          ref: m.ref,
          values: {
            credit: typeof f.credit === 'number' ? f.credit : undefined,
            glh: typeof f.glh === 'number' ? f.glh : undefined,
            tqt: typeof f.tqt === 'number' ? f.tqt : undefined,
          },
          related: { uri: other.uri, span: other.refSpan, message: `${m.ref}: ${f.credit ?? '?'} credits, ${f.glh ?? '?'} GLH, ${f.tqt ?? '?'} TQT` },
        });
      }
      if (!complete) continue;
      const name = qualificationName(q);
      for (const f of ['credit', 'glh', 'tqt'] as F[]) {
        const stated = q[f];
        if (!stated || stated.kind !== 'fixed') continue;
        // A unit whose value is there but unreadable (text, a misspelt key) has its own finding, the root cause: not repeated here.
        const lacking = found.filter((x) => x.values[f] === undefined);
        const unreadable = lacking.some((x) => x.local && (x.local.raw[f] !== undefined || Object.keys(x.local.raw).some((k) => suggest(k, [f]).length > 0)));
        if (unreadable) continue;
        if (lacking.length) {
          // The sum cannot be checked: say so at the Award, naming the units, rather than stay silent.
          const refs = lacking.map((x) => x.ref).join(', ');
          const word = NAME[f];
          report({
            path: [...q.path, f],
            severity: 'warning',
            message: `${name} states ${stated.value} ${LABEL[f]}, but unit${lacking.length > 1 ? 's' : ''} ${refs} ${lacking.length > 1 ? 'have' : 'has'} no ${word}, so the Award's total cannot be checked against its units. Give ${lacking.length > 1 ? 'each unit its' : 'the unit its'} ${word}.`,
            related: lacking.map((x) => x.related),
          });
          continue;
        }
        const sum = found.reduce((s, x) => s + x.values[f]!, 0);
        if (sum === stated.value) continue;
        const parts = found.map((x) => `${x.ref} ${x.values[f]}`).join(' + ');
        report({
          path: [...q.path, f],
          message: `${name} states ${stated.value} ${LABEL[f]}, but its units add up to ${sum} (${parts}).`,
          related: found.map((x) => x.related),
          fixes: [
            replaceValue(parsed, [...q.path, f], String(sum), `Set ${f === 'credit' ? 'credit' : f.toUpperCase()} to ${sum}, the sum of its units`, {
              preferred: true,
            }),
          ],
        });
      }
    }
  },
};
