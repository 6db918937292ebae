import { describe, expect, it } from 'vitest';
import { analyseFile, WorkspaceIndex } from '../../server/src/core/index';

const spec = (units: [string, string][]) =>
  `qualspec: 1\ndocument:\n  awardingBody: A\n  title: T\n  version: "1.0"\ngroups:\n  - id: g\n    title: G\nqualifications: []\nunits:\n${units.map(([ref, title]) => `  - ref: ${ref}\n    title: ${title}\n    level: 5\n    group: g\n    credit: 5\n    summary: true\n`).join('')}`;

describe('workspace index', () => {
  it('keeps units by ref up to date as files are added, replaced and removed', () => {
    const index = new WorkspaceIndex();
    analyseFile(
      'file:///a.yaml',
      spec([
        ['L5B1', 'One'],
        ['L5B2', 'Two'],
      ]),
      { index },
    );
    expect(index.findUnit('L5B1').map((u) => u.uri)).toEqual(['file:///a.yaml']);
    analyseFile('file:///b.yaml', spec([['L5B1', 'One again']]), { index });
    expect(
      index
        .findUnit('L5B1')
        .map((u) => u.uri)
        .sort(),
    ).toEqual(['file:///a.yaml', 'file:///b.yaml']);
    // Replacing a file drops the units it no longer defines.
    analyseFile('file:///a.yaml', spec([['L5B3', 'Three']]), { index });
    expect(index.findUnit('L5B1').map((u) => u.uri)).toEqual(['file:///b.yaml']);
    expect(index.findUnit('L5B2')).toEqual([]);
    expect(index.findUnit('L5B3').map((u) => u.fields.title)).toEqual(['Three']);
    index.delete('file:///b.yaml');
    expect(index.findUnit('L5B1')).toEqual([]);
    expect([...index.unitsByRef().keys()]).toEqual(['L5B3']);
    // A fresh index built from the same files agrees.
    const again = new WorkspaceIndex();
    for (const f of index.all()) again.set(f);
    expect([...again.unitsByRef().keys()]).toEqual(['L5B3']);
  });
});
