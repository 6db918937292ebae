/**
 * document.words, language and unitRefs are settings of qualspec's own checks (the spelling check's
 * word list and language, how unit refs are read): they print nothing, so a diff reports them in a
 * section of their own, and change control asks for no new version or change-history entry for them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffSpecs, isContent, type DiffReport } from '../../server/src/core/diff/index';

const ISP = readFileSync('specs/isp-level-5-professional-sales.yaml', 'utf8');

function diff(after: string, before = ISP): DiffReport {
  return diffSpecs(
    { label: 'old', uri: 'file:///old/isp.yaml', text: before },
    { label: 'new', uri: 'file:///new/isp.yaml', text: after },
    { today: '2026-12-07' },
  );
}

// The three settings as the ISP spec has them (checked, so that the replacements below cannot miss).
expect(ISP).toContain('  unitRefs: isp\n');
expect(ISP).toContain('  words: [Qual] #');

const settingsOnly = ISP.replace('  words: [Qual] #', '  words: [Qual, Salesforce, upselling] #').replace(
  '  unitRefs: isp\n',
  '  unitRefs: { pattern: "L{level}{group}{number}" }\n  language: en-GB\n',
);

describe('checker settings in a diff', () => {
  it('are reported in their own section, the word list as words added and removed', () => {
    const r = diff(settingsOnly);
    const settings = r.changes.filter((c) => c.area === 'settings');
    expect(settings.map((c) => c.key).sort()).toEqual(['document language', 'document unitRefs', 'document words']);
    expect(new Set(settings.map((c) => c.subject))).toEqual(new Set(['Checker settings (not printed)']));
    const words = settings.find((c) => c.key === 'document words')!;
    expect(words.message).toBe('Words the spelling check accepts: added Salesforce, upselling');
    expect(ISP.split('\n')[words.old!.line - 1]).toContain('words: [Qual]');
    expect(settings.find((c) => c.key === 'document unitRefs')!.message).toBe('Unit-ref convention isp → pattern L{level}{group}{number}');
    expect(settings.find((c) => c.key === 'document language')!.message).toBe('Spelling language set: en-GB');
    expect(r.changes.every((c) => !isContent(c))).toBe(true);
  });

  it('need no new version and no change-history entry', () => {
    const r = diff(settingsOnly);
    expect(r.contentChanged).toBe(false);
    expect(r.problems).toEqual([]);
    expect(r.changelog.summary).toBe('No change to the content.');
  });

  it('a word removed is reported; the same words in another order are no change', () => {
    const removed = diff(ISP.replace('  words: [Qual] #', '  words: [] #'));
    expect(removed.changes.map((c) => c.message)).toEqual(['Words the spelling check accepts: removed Qual']);
    const twoWords = ISP.replace('  words: [Qual] #', '  words: [Qual, Kotter] #');
    expect(diff(twoWords.replace('[Qual, Kotter]', '[Kotter, Qual]'), twoWords).changes).toEqual([]);
  });

  it('beside a content change: change control counts the content only, and the drafted entry leaves the settings out', () => {
    const r = diff(settingsOnly.replace('Estimate the potential lifetime value of customer accounts', 'Estimate the lifetime value of key customer accounts'));
    expect(r.contentChanged).toBe(true);
    expect(r.problems.find((p) => p.code === 'version-not-changed')!.message).toMatch(/The content changed \(1 change\)/);
    expect(r.changelog.summary).toMatch(/L5B1/);
    expect(r.changelog.summary).not.toMatch(/spelling|Salesforce|convention/i);
  });
});
