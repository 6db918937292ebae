import type { UnitSummary } from '../workspace/index.js';
import type { WorkspaceRule } from './types.js';

export const rule: WorkspaceRule = {
  meta: {
    id: 'duplicate-uan',
    severity: 'error',
    category: 'uniqueness',
    description: 'A UAN identifies one unit everywhere: two different unit refs must not carry the same UAN, in one file or across the workspace.',
  },
  scope: 'workspace',
  check({ index, report }) {
    const byUan = new Map<string, UnitSummary[]>();
    for (const f of index.all())
      for (const u of f.units) {
        const uan = u.fields.uan;
        if (typeof uan !== 'string') continue;
        const l = byUan.get(uan);
        if (l) l.push(u);
        else byUan.set(uan, [u]);
      }
    for (const [uan, list] of byUan) {
      const refs = new Set(list.map((u) => u.ref));
      if (refs.size < 2) continue;
      for (const u of list) {
        const others = list.filter((x) => x.ref !== u.ref);
        if (!others.length) continue;
        report(u.uri, {
          span: u.fieldSpans.uan!,
          message: `UAN ${uan} is given to unit ${u.ref} and also to ${[...new Set(others.map((o) => o.ref))].map((r) => `unit ${r}`).join(', ')}: a UAN identifies exactly one unit.`,
          related: others.map((o) => ({ uri: o.uri, span: o.fieldSpans.uan!, message: `UAN ${uan} on unit ${o.ref}` })),
        });
      }
    }
  },
};
