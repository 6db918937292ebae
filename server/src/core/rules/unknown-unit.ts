import { suggest } from '../text/similar.js';
import type { WorkspaceRule } from './types.js';

export const rule: WorkspaceRule = {
  meta: {
    id: 'unknown-unit',
    severity: 'error',
    category: 'references',
    description: 'Every unit an Award, a rule of combination or a pool names exists: defined in this file or in another spec file of the workspace.',
    fixable: true,
  },
  scope: 'workspace',
  check({ index, report }) {
    const byRef = index.unitsByRef();
    const all = [...byRef.keys()];
    for (const f of index.all()) {
      const local = f.units.map((u) => u.ref);
      for (const use of f.uses) {
        if (use.kind !== 'unit' || byRef.has(use.ref)) continue;
        const sugg = suggest(use.ref, [...local, ...all]);
        report(f.uri, {
          span: use.span,
          message: `No unit ${use.ref} is defined in this file or elsewhere in the workspace${sugg.length ? ` — did you mean ${sugg.join(' or ')}?` : '.'}`,
          fixes: sugg.map((s, i) => ({ title: `Change to ${s}`, edits: [{ span: use.span, newText: s }], preferred: i === 0, safe: sugg.length === 1 })),
        });
      }
    }
  },
};
