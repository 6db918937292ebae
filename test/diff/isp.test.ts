/**
 * The ISP spec in specs/ against its as-published fixture: the diff lists exactly the corrections its
 * v1.2 change-history entry records (the corrections it makes in the Overview of units tables live
 * in the third fixture, isp-level-5-overview-of-units.yaml, and are not in this file).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../server/src/core/combination/index';
import { buildProblem } from '../../server/src/core/combination/from-spec';
import { buildModel } from '../../server/src/core/model/spec';
import { parseSpecText } from '../../server/src/core/parse/parse';
import { diffSpecs, isContent } from '../../server/src/core/diff/index';

const OLD = readFileSync('test/fixtures/as-published/isp-level-5-professional-sales.yaml', 'utf8');
const NEW = readFileSync('specs/isp-level-5-professional-sales.yaml', 'utf8');
const report = diffSpecs(
  { label: 'v1.1', uri: 'file:///old/isp.yaml', text: OLD },
  { label: 'v1.2', uri: 'file:///new/isp.yaml', text: NEW },
  { today: '2026-12-07' },
);

describe('ISP v1.2 against the published v1.1', () => {
  it('lists exactly the corrections the change history records', () => {
    const data = parseSpecText(NEW).data as { document: { changeHistory: { version: string; summary: string }[] } };
    const entry = data.document.changeHistory.at(-1)!;
    expect(entry.version).toBe('1.2');
    const history = entry.summary;
    // Each correction of the entry, with the words of the entry that record it.
    const recorded: Record<string, string> = {
      'qualification 610/5663/7 title': 'Analysis Financial Performance',
      'qualification 610/5683/2 glh': 'GLH "130 to 369" -> 80-180',
      'qualification 610/5683/2 tqt': 'TQT\n"260 to 739" -> 160-369',
      'qualification 610/5683/2 credit': 'minimum credit 13 -> 16',
      'qualification 610/5684/4 glh': 'GLH "370 hours +" -> 185',
      'qualification 610/5684/4 tqt': 'TQT "740 hours +" -> 370',
      'unit L5L4 tqt': 'L5L4: TQT 40 -> 60',
      'qualification 610/5679/0 unit L5L5 uan': 'L5L5: UAN Y/650/7928 (Awards table) -> T/651/5991',
      'unit L6S2 uan': 'malformed UAN H/651/601 -> H/651/6010',
      'unit L6S2 tqt': 'TQT 30',
      'unit L4L5 glh': 'L4L5: GLH 60',
      'unit L4C7 ac 1.5': 'the second criterion numbered 1.4 -> 1.5',
      'unit L5B5 indicativeContent 1': 'sections 1 and 2 -> LO 1',
      'unit L5B5 indicativeContent 2 (old)': 'sections 1 and 2 -> LO 1',
      'unit L5B5 indicativeContent 2': '3 -> LO 2',
      'unit L5B5 indicativeContent 3': '4 -> LO 3',
      'unit L5B5 assessorGuidance 1': 'indicative\ncontent and assessor guidance',
      'unit L5B5 assessorGuidance 2 (old)': 'indicative\ncontent and assessor guidance',
      'unit L5B5 assessorGuidance 2': 'indicative\ncontent and assessor guidance',
      'unit L5B5 assessorGuidance 3': 'indicative\ncontent and assessor guidance',
      'unit L5B1 ksb Level 5 Operations Manager Apprenticeship|K7': 'K7 and S21',
      'unit L5B2 ksb Level 5 Operations Manager Apprenticeship|S21': 'K7 and S21',
      'unit L5C3 ksb Level 5 Operations Manager Apprenticeship|B1': 'B1 in L5C3',
      'unit L4C8 indicativeContent 2': 'L4C8 "nonverbal" -> "non-verbal"',
      'unit L5L1 indicativeContent 2': 'L5L1 "compressed workweeks" -> "compressed working weeks"',
      'unit L5S1 indicativeContent 3': 'L5S1 "inhouse" -> "in-house"',
      'section assessment body': '"Learning Outcomes" and\n"Learning Outcome" (Qualification Assessment, Appendix 1)',
      'section appendix-qualification-content body': '"Learning Outcome" (Qualification Assessment, Appendix 1)',
      'unit L4B3 assessorGuidance 2': 'L4B3 "their training provider" -> "Training Provider"',
    };
    const squash = (s: string) => s.replace(/\s+/g, ' ');
    for (const words of Object.values(recorded)) expect(squash(history)).toContain(squash(words));
    // document.words (the spell checker's word list) and document.unitRefs (how refs are read) are
    // qualspec's own settings, added in this version, not published content: reported apart.
    expect(
      report.changes
        .filter((c) => c.area === 'settings')
        .map((c) => c.key)
        .sort(),
    ).toEqual(['document unitRefs', 'document words']);
    const content = report.changes.filter(isContent).map((c) => c.key);
    expect(new Set(content)).toEqual(new Set(Object.keys(recorded)));
    expect(content).toHaveLength(Object.keys(recorded).length);
    expect(report.changes.map((c) => c.key)).toEqual(expect.arrayContaining(['document version', 'document published', 'history 1.2']));
  });

  it('says what changed in words, with lines in both versions', () => {
    const by = (key: string) => report.changes.find((c) => c.key === key)!;
    expect(by('unit L5L4 tqt').message).toBe('TQT 40 → 60');
    expect(OLD.split('\n')[by('unit L5L4 tqt').old!.line - 1]).toMatch(/^ {4}tqt: 40$/);
    expect(NEW.split('\n')[by('unit L5L4 tqt').new!.line - 1]).toMatch(/tqt: 60/);
    expect(by('unit L4C7 ac 1.5')).toMatchObject({ kind: 'renumbered', sensitive: 'outcomes' });
    expect(by('unit L5B5 indicativeContent 3')).toMatchObject({ kind: 'moved' });
    expect(by('unit L5B5 indicativeContent 2 (old)').message).toMatch(/merged into that of learning outcome 1/);
    expect(by('unit L5C3 ksb Level 5 Operations Manager Apprenticeship|B1').words).toContainEqual({ op: 'added', text: 'Acts professionally, ethically' });
    expect(by('qualification 610/5683/2 credit')).toMatchObject({ before: '13–36', after: '16–36', sensitive: 'sizes' });
  });

  it('counts valid selections exactly, as the engine counts each version alone', () => {
    for (const [text, side] of [
      [OLD, 'before'],
      [NEW, 'after'],
    ] as const) {
      const model = buildModel(parseSpecText(text).data);
      for (const q of model.qualifications.filter((x) => x.rules.length > 0)) {
        const count = analyse(buildProblem(model, q, undefined, 'file:///x.yaml').problem).count.toString();
        expect(report.impact.find((i) => i.qan === q.qan)![side]).toBe(count);
      }
    }
    // The rules did not change and no unit's credit or level did: every plan stays valid.
    for (const q of report.impact) expect(q).toMatchObject({ both: q.before, lost: '0', gained: '0', withdrawn: [], unreachable: [] });
    expect(report.impact.map((q) => q.qan)).toEqual(['610/5683/2', '610/5684/4']);
  });

  it('passes change control: the version moved and a new entry records it', () => {
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.problems.filter((p) => p.code === 'regulator-sensitive')).toHaveLength(3);
  });
});
