import { UNIT_FIELDS } from '../workspace/index.js';
import type { WorkspaceRule } from './types.js';

const LABEL: Record<string, string> = { uan: 'UAN', title: 'title', level: 'level', group: 'group', glh: 'GLH', tqt: 'TQT', credit: 'credit' };

export const rule: WorkspaceRule = {
  meta: {
    id: 'unit-copy-mismatch',
    severity: 'error',
    category: 'uniqueness',
    description: 'A unit reproduced in two spec files agrees field by field (UAN, title, level, GLH, TQT, credit); one unit ref never carries two UANs.',
  },
  scope: 'workspace',
  check({ index, report }) {
    for (const [ref, list] of index.unitsByRef()) {
      const uris = new Set(list.map((u) => u.uri));
      if (uris.size < 2) continue; // duplicates within a file: duplicate-ref
      for (const u of list) {
        for (const o of list) {
          if (o.uri === u.uri) continue;
          for (const f of UNIT_FIELDS) {
            if (f === 'group') continue; // group ids are local to each file
            const a = u.fields[f];
            const b = o.fields[f];
            if (a === undefined || b === undefined || a === b) continue;
            report(u.uri, {
              span: u.fieldSpans[f]!,
              message: `Unit ${ref} has the ${LABEL[f]} ${JSON.stringify(a)} here but ${JSON.stringify(b)} in ${o.uri.split('/').pop()}: a unit reproduced in two specs must agree.`,
              related: [{ uri: o.uri, span: o.fieldSpans[f]!, message: `${ref} ${LABEL[f]}: ${String(b)}` }],
            });
          }
        }
      }
    }
  },
};
