import { describe, expect, it } from 'vitest';
import { certificateSpec, edit, findings, lint, only, spec, under } from '../../../../test/helpers/spec';

const ID = 'title-level-size';

describe(ID, () => {
  it('passes titles that name the right level and size', () => {
    expect(findings(lint(certificateSpec()), ID)).toEqual([]);
  });

  it('flags a title whose level disagrees with the level field', () => {
    const text = edit(spec(), 'title: Level 5 Award in Sales Planning', 'title: Level 4 Award in Sales Planning');
    const f = only(lint(text), ID);
    expect(f.severity).toBe('error');
    expect(under(text, f)).toBe('Level 4 Award in Sales Planning');
    expect(f.message).toBe("The title 'Level 4 Award in Sales Planning' says Level 4, but the qualification's level is 5: correct the title or the level.");
    expect(f.related.map((r) => under(text, r))).toEqual(['5']);
  });

  it('flags a title whose size word disagrees with the type', () => {
    const text = edit(spec(), 'title: Level 5 Award in Sales Planning', 'title: Level 5 Certificate in Sales Planning');
    const f = only(lint(text), ID);
    expect(under(text, f)).toBe('Level 5 Certificate in Sales Planning');
    expect(f.message).toContain("says Certificate, but the qualification's type is Award");
    expect(f.related.map((r) => under(text, r))).toEqual(['award']);
  });

  it('warns when the title names no level or no size', () => {
    const text = edit(spec(), 'title: Level 5 Award in Sales Planning', 'title: Sales Planning');
    const f = findings(lint(text), ID);
    expect(f.map((x) => x.severity)).toEqual(['warning', 'warning']);
    expect(f[0]!.message).toBe('The title \'Sales Planning\' does not name its level ("Level 5 …").');
    expect(f[1]!.message).toBe("The title 'Sales Planning' does not say whether it is an Award, a Certificate or a Diploma.");
  });
});
