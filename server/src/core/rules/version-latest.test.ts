import { describe, expect, it } from 'vitest';
import { edit, expectFixResolves, findings, lint, safeFixes, spec, under } from '../../../../test/helpers/spec';

const ID = 'version-latest';

describe(ID, () => {
  it("passes a document whose version and date are its history's latest", () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it("flags a version that is not the history's latest, and sets it safely", () => {
    const text = edit(spec(), 'version: "1.1"\n  published', 'version: "1.0"\n  published');
    const f = findings(lint(text), ID);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(under(text, f[0]!)).toBe('"1.0"');
    expect(f[0]!.message).toBe('The document is version 1.0, but its change history goes up to version 1.1: the current version must be the latest entry.');
    expect(f[0]!.related.map((r) => under(text, r))).toEqual(['"1.1"']);
    const [fix] = safeFixes(f[0]!);
    expect(fix!.title).toBe('Set the version to "1.1"');
    expect(expectFixResolves(text, f[0]!, fix)).toBe(spec());
  });

  it("warns when the publication date is not the latest entry's date", () => {
    const text = edit(spec(), 'published: 2025-05-02', 'published: 2025-06-01');
    const f = findings(lint(text), ID);
    expect(f.map((x) => [under(text, x), x.severity])).toEqual([['2025-06-01', 'warning']]);
    expect(f[0]!.message).toBe('Version 1.1 was published on 2025-05-02 according to the change history, but the document says 2025-06-01.');
    expect(f[0]!.related.map((r) => under(text, r))).toEqual(['2025-05-02']);
    expect(f[0]!.fixes[0]!.safe).toBeFalsy();
    expect(expectFixResolves(text, f[0]!, f[0]!.fixes[0])).toBe(spec());
  });
});
