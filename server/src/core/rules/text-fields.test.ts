import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseFile } from '../lint/engine';
import { getAt } from '../model/describe';
import { textFields } from './text-fields';

const ISP = join(dirname(fileURLToPath(import.meta.url)), '../../../../specs/isp-level-5-professional-sales.yaml');

describe('textFields', () => {
  const { model, parsed } = analyseFile('file:///specs/isp.yaml', readFileSync(ISP, 'utf8'));
  const fields = textFields(model);

  it('gives each field the path of its value in the data', () => {
    expect(fields.length).toBeGreaterThan(500);
    for (const f of fields) expect(getAt(parsed.data, f.path), f.path.join('.')).toBe(f.value);
  });

  it('names each field by its owner, for the messages', () => {
    // Owners with their numbers, refs and quoted titles written as '#'.
    const owners = new Set(fields.map((f) => f.owner.replace(/'[^']*'/g, "'#'").replace(/[\w.-]+/g, (w) => (/\d/.test(w) ? '#' : w))));
    expect([...owners].sort()).toEqual(
      [
        "a rule of '#'",
        'assessor guidance # of unit #',
        'criterion # of unit #',
        "group '#'",
        'indicative content # of unit #',
        'learning outcome # of unit #',
        'qualification #',
        'the purpose of unit #',
        'the document',
        'unit #',
      ].sort(),
    );
    const first = model.units[0]!;
    const lo = first.learningOutcomes[0]!;
    const criterion = lo.criteria[0]!;
    const byPath = (p: readonly (string | number)[]) => fields.find((f) => f.path.join('.') === p.join('.'));
    expect(byPath([...first.path, 'title'])).toMatchObject({ kind: 'title', owner: `unit ${first.ref}` });
    expect(byPath([...lo.path, 'text'])).toMatchObject({ kind: 'statement', owner: `learning outcome ${lo.number} of unit ${first.ref}` });
    expect(byPath([...criterion.path, 'text'])).toMatchObject({ kind: 'statement', owner: `criterion ${criterion.number} of unit ${first.ref}` });
  });
});
