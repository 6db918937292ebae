import type { FileRule } from './types.js';

const TYPE_WORD: Record<string, string> = { award: 'Award', certificate: 'Certificate', diploma: 'Diploma' };

export const rule: FileRule = {
  meta: {
    id: 'title-level-size',
    severity: 'error',
    category: 'sizes',
    description: 'A qualification\'s title names its level and size ("Level 5 Award in …"), and they must match its level and type.',
  },
  scope: 'file',
  check({ model, report }) {
    for (const q of model.qualifications) {
      if (!q.title) continue;
      const m = /\bLevel\s+(\d|Entry\s*\d?)\b/i.exec(q.title);
      const tm = /\b(Award|Certificate|Diploma)\b/i.exec(q.title);
      const name = `'${q.title}'`;
      if (!m) report({ path: [...q.path, 'title'], message: `The title ${name} does not name its level ("Level ${q.level ?? 'N'} …").`, severity: 'warning' });
      else if (typeof q.level === 'number' && /^\d$/.test(m[1]!) && Number(m[1]) !== q.level)
        report({
          path: [...q.path, 'title'],
          message: `The title ${name} says Level ${m[1]}, but the qualification's level is ${q.level}: correct the title or the level.`,
          related: [{ path: [...q.path, 'level'], message: `level: ${q.level}` }],
        });
      if (!tm)
        report({
          path: [...q.path, 'title'],
          message: `The title ${name} does not say whether it is an Award, a Certificate or a Diploma.`,
          severity: 'warning',
        });
      else if (q.type && tm[1]!.toLowerCase() !== q.type)
        report({
          path: [...q.path, 'title'],
          message: `The title ${name} says ${tm[1]}, but the qualification's type is ${TYPE_WORD[q.type]}: correct the title or the type.`,
          related: [{ path: [...q.path, 'type'], message: `type: ${q.type}` }],
        });
    }
  },
};
