import type { FileRule } from './types.js';

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

export const rule: FileRule = {
  meta: {
    id: 'change-history',
    severity: 'error',
    category: 'history',
    description: 'The change history lists versions oldest first: each version and date later than the one before.',
  },
  scope: 'file',
  check({ model, report }) {
    const ch = model.document.changes;
    for (let i = 1; i < ch.length; i++) {
      const prev = ch[i - 1]!;
      const cur = ch[i]!;
      if (
        typeof prev.version === 'string' &&
        typeof cur.version === 'string' &&
        /^\d+(\.\d+)*$/.test(prev.version) &&
        /^\d+(\.\d+)*$/.test(cur.version) &&
        compareVersions(cur.version, prev.version) <= 0
      )
        report({
          path: [...cur.path, 'version'],
          message: `Version ${cur.version} comes after version ${prev.version} in the change history, but is not later: list versions oldest first, each number higher than the last.`,
          related: [{ path: [...prev.path, 'version'], message: `version ${prev.version}` }],
        });
      if (prev.date?.trim() && cur.date?.trim() && cur.date < prev.date)
        report({
          path: [...cur.path, 'date'],
          message: `Version ${String(cur.version ?? i + 1)} is dated ${cur.date}, before the previous entry (${prev.date}): list changes oldest first.`,
          related: [{ path: [...prev.path, 'date'], message: `dated ${prev.date}` }],
        });
    }
  },
};
