import { suggest } from '../text/similar.js';
import { qualificationName } from '../model/describe.js';
import type { FileRule, Fix } from './types.js';
import type { Path } from '../parse/parse.js';

export const rule: FileRule = {
  meta: {
    id: 'unknown-group',
    severity: 'error',
    category: 'references',
    description: 'Every group a unit belongs to, or a rule of combination or pool names, is declared under groups in the same file.',
    fixable: true,
  },
  scope: 'file',
  check({ parsed, model, report }) {
    const ids = [...model.groupsById.keys()].filter((g) => g.trim() !== '');
    const check = (path: Path, id: string | undefined, where: string) => {
      if (id === undefined || model.groupsById.has(id)) return;
      const sugg = suggest(id, ids);
      const fixes: Fix[] = sugg.map((s, i) => ({
        title: `Change to '${s}'`,
        edits: [{ span: parsed.locate(path), newText: s }],
        preferred: i === 0,
        safe: sugg.length === 1,
      }));
      report({
        path,
        message:
          id.trim() === ''
            ? `${where} names an empty group: give the id of a group declared under groups (${ids.length ? `declared: ${ids.join(', ')}` : 'none is declared'}).`
            : `${where} names group '${id}', which is not declared under groups${sugg.length ? ` — did you mean '${sugg[0]}'?` : ` (declared: ${ids.join(', ') || 'none'}).`}`,
        fixes,
      });
    };
    for (const u of model.units) check([...u.path, 'group'], u.group, `Unit ${u.ref ?? u.index + 1}`);
    for (const q of model.qualifications) {
      for (const r of q.rules) for (const it of r.groups?.items ?? []) check(it.path, it.value, `A rule of ${qualificationName(q)}`);
      for (const it of q.pool?.groups?.items ?? []) check(it.path, it.value, `The pool of ${qualificationName(q)}`);
    }
  },
};
