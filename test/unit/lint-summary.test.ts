import { describe, expect, it } from 'vitest';
import { lintSummary } from '../../client/src/lint-summary';

describe('the Lint Workspace summary', () => {
  it('says when no spec file was found instead of "no problems in 0 ms"', () => {
    const s = lintSummary({ files: 0, filesWithProblems: 0, errors: 0, warnings: 0, infos: 0, byFile: [], millis: 0 });
    expect(s).toMatch(/^Qualspec: no spec files were found, so nothing was linted\./);
    expect(s).not.toContain('no problems');
    expect(s).toContain('qualspec.specGlobs');
  });

  it('says when no folder is open', () => {
    expect(lintSummary({ files: 0 }, 0)).toMatch(/^Qualspec: no folder is open/);
  });

  it('counts files and problems', () => {
    expect(lintSummary({ files: 2, errors: 0, warnings: 0, infos: 0, millis: 12 })).toBe('Qualspec: 2 spec files linted, no problems in 12 ms.');
    expect(lintSummary({ files: 3, filesWithProblems: 1, errors: 1, warnings: 2, infos: 0, millis: 1500 })).toBe(
      'Qualspec: 3 spec files linted in 1.5 s: 1 error, 2 warnings, 0 info in 1 file.',
    );
  });
});
