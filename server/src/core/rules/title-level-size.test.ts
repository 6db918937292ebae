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
    expect(f.message).toBe("The title 'Level 4 Award in Sales Planning' says Level 4, but the qualification is at Level 5: correct the title or the level.");
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

  describe('Entry levels and spans', () => {
    const award = (title: string, level: string) =>
      edit(edit(spec(), 'title: Level 5 Award in Sales Planning', `title: ${title}`), '    level: 5\n    qan:', `    level: ${level}\n    qan:`);

    it.each([
      ['Entry Level 3 Award in Sales Planning', 'entry-3'],
      ['Entry 3 Award in Sales Planning', 'entry-3'],
      ['Level 1/2 Award in Sales Planning', '"1/2"'],
      ['Level 1/Level 2 Award in Sales Planning', '"1/2"'],
      ['Entry Level 3/Level 1 Award in Sales Planning', '"entry-3/1"'],
      ['Entry Level Award in Sales Planning', 'entry-2'],
    ])('passes %s at level %s', (title, level) => {
      expect(findings(lint(award(title, level)), ID)).toEqual([]);
    });

    it('flags a Level 3 title on an Entry 3 qualification, at the title', () => {
      const text = award('Level 3 Award in Sales Planning', 'entry-3');
      const f = only(lint(text), ID);
      expect(under(text, f)).toBe('Level 3 Award in Sales Planning');
      expect(f.message).toBe(
        "The title 'Level 3 Award in Sales Planning' says Level 3, but the qualification is at Entry Level 3: correct the title or the level.",
      );
      expect(f.related.map((r) => under(text, r))).toEqual(['entry-3']);
    });

    it('flags an Entry Level title on a Level 1 qualification, and a span that disagrees', () => {
      expect(only(lint(award('Entry Level 3 Award in Sales Planning', '1')), ID).message).toBe(
        "The title 'Entry Level 3 Award in Sales Planning' says Entry Level 3, but the qualification is at Level 1: correct the title or the level.",
      );
      expect(only(lint(award('Level 1/2 Award in Sales Planning', '2')), ID).message).toBe(
        "The title 'Level 1/2 Award in Sales Planning' says Level 1/2, but the qualification is at Level 2: correct the title or the level.",
      );
      expect(only(lint(award('Level 2 Award in Sales Planning', '"1/2"')), ID).message).toBe(
        "The title 'Level 2 Award in Sales Planning' says Level 2, but the qualification is at Level 1/2: correct the title or the level.",
      );
    });

    it('suggests the Entry level wording when the title names no level', () => {
      expect(only(lint(award('Award in Sales Planning', 'entry-3')), ID).message).toBe(
        'The title \'Award in Sales Planning\' does not name its level ("Entry Level 3 …").',
      );
    });
  });
});
