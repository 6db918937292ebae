import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: { id: 'duplicate-ref', severity: 'error', category: 'uniqueness', description: 'A unit ref is defined once per spec file; group ids are unique too.' },
  scope: 'file',
  check({ model, report }) {
    for (const [ref, list] of model.unitsByRef) {
      if (list.length < 2) continue;
      for (const u of list.slice(1))
        report({
          path: [...u.path, 'ref'],
          message: `Unit ${ref} is defined more than once in this file: give each unit its own ref, or remove the copy.`,
          related: list.filter((x) => x !== u).map((x) => ({ path: [...x.path, 'ref'], message: `${ref} also defined here` })),
        });
    }
    const seen = new Map<string, (string | number)[]>();
    for (const g of model.groups) {
      if (!g.id) continue;
      const first = seen.get(g.id);
      if (first)
        report({
          path: [...g.path, 'id'],
          message: `Group '${g.id}' is declared twice: give each group its own id, or remove the copy.`,
          related: [{ path: first, message: 'first declared here' }],
        });
      else seen.set(g.id, [...g.path, 'id']);
    }
  },
};
