import { qualLevelName, titleLevel } from '../model/spec.js';
import type { FileRule } from './types.js';

const TYPE_WORD: Record<string, string> = { award: 'Award', certificate: 'Certificate', diploma: 'Diploma' };

export const rule: FileRule = {
  meta: {
    id: 'title-level-size',
    severity: 'error',
    category: 'sizes',
    description:
      'A qualification\'s title names its level and size ("Level 5 Award in …", "Entry Level 3 Certificate in …", "Level 1/2 Award in …"), and they must match its level and type.',
  },
  scope: 'file',
  check({ model, report }) {
    for (const q of model.qualifications) {
      if (!q.title) continue;
      const said = titleLevel(q.title);
      const tm = /\b(Award|Certificate|Diploma)\b/i.exec(q.title);
      const name = `'${q.title}'`;
      const levels = q.levels;
      if (!said)
        report({
          path: [...q.path, 'title'],
          message: `The title ${name} does not name its level ("${levels ? qualLevelName(levels) : 'Level N'} …").`,
          severity: 'warning',
        });
      else if (levels) {
        const agrees = said.entry ? levels.from <= 0 && levels.to <= 0 : said.level!.from === levels.from && said.level!.to === levels.to;
        if (!agrees)
          report({
            path: [...q.path, 'title'],
            message: `The title ${name} says ${said.entry ? 'Entry Level' : qualLevelName(said.level!)}, but the qualification is at ${qualLevelName(levels)}: correct the title or the level.`,
            related: [{ path: [...q.path, 'level'], message: `level: ${String(q.level)}` }],
          });
      }
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
