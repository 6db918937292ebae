import { readRef, refConvention } from '../model/identifiers.js';
import type { FileRule } from './types.js';

export const rule: FileRule = {
  meta: {
    id: 'ref-group',
    severity: 'error',
    category: 'identifiers',
    description:
      "A unit belongs to the group whose letter its ref carries (ISP L5B1: B = Business), when groups declare letters and the document's unit-ref convention has a group part.",
  },
  scope: 'file',
  check({ parsed, model, report, config }) {
    const conv = refConvention(model.document.unitRefs ?? config?.unitRefs);
    const byLetter = new Map(model.groups.filter((g) => g.letter?.trim() && g.id?.trim()).map((g) => [g.letter!, g]));
    if (byLetter.size === 0 || !conv?.hasGroup) return;
    for (const u of model.units) {
      if (u.ref === undefined || u.group === undefined) continue;
      const letter = readRef(conv, u.ref)?.group;
      if (!letter) continue;
      const expected = byLetter.get(letter);
      const actual = model.groupsById.get(u.group);
      if (!expected) {
        report({
          path: [...u.path, 'ref'],
          message: `Unit ${u.ref} carries the group letter ${letter}, but no group declares that letter (${[...byLetter.keys()].join(', ')}).`,
        });
        continue;
      }
      if (expected.id === u.group || !actual) continue;
      report({
        path: [...u.path, 'group'],
        message: `Unit ${u.ref} is in group '${u.group}', but the letter ${letter} in its ref stands for '${expected.id}' (${expected.title ?? expected.id}).`,
        related: [{ path: [...expected.path, 'letter'], message: `${expected.id} has letter ${letter}` }],
        fixes: [{ title: `Move it to group '${expected.id}'`, edits: [{ span: parsed.locate([...u.path, 'group']), newText: expected.id! }], preferred: true }],
      });
    }
  },
};
