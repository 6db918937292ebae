import type { QualSummary } from '../workspace/index.js';
import type { WorkspaceRule } from './types.js';

export const rule: WorkspaceRule = {
  meta: {
    id: 'duplicate-qan',
    severity: 'error',
    category: 'uniqueness',
    description: 'A QAN identifies one qualification: no two qualifications, in one file or across the workspace, carry the same QAN.',
  },
  scope: 'workspace',
  check({ index, report }) {
    const byQan = new Map<string, QualSummary[]>();
    for (const f of index.all())
      for (const q of f.qualifications) {
        if (!q.qan) continue;
        const l = byQan.get(q.qan);
        if (l) l.push(q);
        else byQan.set(q.qan, [q]);
      }
    for (const [qan, list] of byQan) {
      if (list.length < 2) continue;
      const titles = new Set(list.map((q) => q.title ?? ''));
      for (const q of list) {
        const others = list.filter((x) => x !== q);
        const same = titles.size === 1;
        report(q.uri, {
          span: q.qanSpan!,
          message: same
            ? `QAN ${qan} ('${q.title ?? ''}') is specified ${list.length} times; specify each qualification once.`
            : `QAN ${qan} is given to '${q.title ?? ''}' and also to ${others.map((o) => `'${o.title ?? ''}'`).join(', ')}: a QAN identifies exactly one qualification.`,
          related: others.map((o) => ({ uri: o.uri, span: o.qanSpan!, message: `QAN ${qan}: '${o.title ?? ''}'` })),
        });
      }
    }
  },
};
