import { Suggester } from '../text/similar.js';
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
    // Every ref defined anywhere (a file's own refs among them): made ready once for all the files.
    let refs: Suggester | undefined;
    for (const f of index.all()) {
      for (const use of f.uses) {
        if (use.kind !== 'unit' || byRef.has(use.ref)) continue;
        refs ??= new Suggester(byRef.keys());
        const sugg = refs.suggest(use.ref);
        report(f.uri, {
          span: use.span,
          message: `No unit ${use.ref} is defined in this file or elsewhere in the workspace${sugg.length ? ` — did you mean ${sugg.join(' or ')}?` : '.'}`,
          fixes: sugg.map((s, i) => ({ title: `Change to ${s}`, edits: [{ span: use.span, newText: s }], preferred: i === 0, safe: sugg.length === 1 })),
        });
      }
    }
  },
};
