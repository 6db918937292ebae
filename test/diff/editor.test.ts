/**
 * The editor side of "Compare with previous version": the report page (CSP, escaping, links) and
 * the insertion of the drafted change-history entry (comments kept, the entry becomes the last).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commandUri, diffCsp, getDiffHtml, INSERT_ENTRY_COMMAND, REVEAL_COMMAND } from '../../client/src/diff/html';
import { diffSpecs } from '../../server/src/core/diff/index';
import { parseSpecText } from '../../server/src/core/parse/parse';
import { lintTexts } from '../../server/src/core/index';
import { entryInsertion } from '../../server/src/service/diff';

const ISP = readFileSync('specs/isp-level-5-professional-sales.yaml', 'utf8');
const EVIL = '<img src=x onerror=alert(1)> & "quotes"';
const OLD = ISP.replace('Estimate the potential lifetime value of customer accounts', EVIL);

describe('the report page', () => {
  const report = diffSpecs(
    { label: 'HEAD <b>', uri: 'file:///old.yaml', text: OLD },
    { label: 'this version', uri: 'file:///isp.yaml', text: ISP },
    { today: '2026-12-07' },
  );
  const html = getDiffHtml({ cspSource: 'vscode-resource:', styleUri: 'vscode-resource:/diff.css', uri: 'file:///isp.yaml', report, canInsert: true });

  it('runs no script, loads only its stylesheet, and escapes every text', () => {
    expect(diffCsp('vscode-resource:')).toBe("default-src 'none'; style-src vscode-resource:");
    expect(html).toContain(`content="default-src &#39;none&#39;; style-src vscode-resource:"`);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Changes since HEAD &lt;b&gt;');
  });

  it('links changes to their lines and offers the insertion', () => {
    const change = report.changes.find((c) => c.key === 'unit L5B1 ac 1.1')!;
    expect(html).toContain(commandUri(REVEAL_COMMAND, ['file:///isp.yaml', change.new!.line]));
    expect(ISP.split('\n')[change.new!.line - 1]).toContain('Estimate the potential lifetime value');
    expect(html).toContain(commandUri(INSERT_ENTRY_COMMAND, ['file:///isp.yaml']));
    expect(html).toContain('<ins>Estimate the potential lifetime value of customer accounts</ins>');
  });
});

describe('the report page of a recorded version', () => {
  // Version 1.2 of the ILM spec: one unit's credit changed, the version moved and an entry records it.
  const ILM = readFileSync('specs/ilm-l2-sales-management.yaml', 'utf8');
  const NEW = ILM.replace(
    'glh: 6\n    credit: 1\n    summary: true\n    specifiedIn: ILM unit specification 8750-213',
    'glh: 6\n    credit: 2\n    summary: true\n    specifiedIn: ILM unit specification 8750-213',
  )
    .replace('  version: "1.1"\n', '  version: "1.2"\n')
    .replace(
      '      author: qualspec\nfacts:',
      '      author: qualspec\n    - version: "1.2"\n      date: 2026-12-01\n      summary: Unit 8750-213 is worth 2 credits.\nfacts:',
    );
  const report = diffSpecs(
    { label: 'v1.1', uri: 'file:///old.yaml', text: ILM },
    { label: 'this version', uri: 'file:///ilm.yaml', text: NEW },
    { today: '2026-12-07' },
  );
  const html = getDiffHtml({ cspSource: 'vscode-resource:', styleUri: 'vscode-resource:/diff.css', uri: 'file:///ilm.yaml', report, canInsert: false });
  const item = (key: string) => {
    const c = report.changes.find((x) => x.key === key)!;
    const i = html.indexOf(c.message.replace(/"/g, '&quot;'));
    return html.slice(html.lastIndexOf('<li', i), html.indexOf('</li>', i));
  };

  it('gives an added item its new line only, and a changed one both', () => {
    expect(report.changes.map((c) => c.key)).toEqual(expect.arrayContaining(['history 1.2', 'unit 8750-213 credit']));
    expect(item('history 1.2')).toContain(`title="Go to line ${NEW.split('\n').findIndex((l) => l === '    - version: "1.2"') + 1}"`);
    expect(item('history 1.2')).not.toContain('was line');
    expect(item('unit 8750-213 credit')).toMatch(/line \d+<\/a> · was line \d+/);
  });

  it('prints a range that did not change once, and one that did as before → after', () => {
    const row = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
    const cells = [...row.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]);
    const q = report.impact[0]!;
    expect(q.credit.before).toEqual(q.credit.after);
    expect(cells[5]).toBe(`${q.credit.before!.min}–${q.credit.before!.max}`);
    expect(q.glh.before).not.toEqual(q.glh.after);
    expect(cells[6]).toBe(`${q.glh.before!.min}–${q.glh.before!.max} → ${q.glh.after!.min}–${q.glh.after!.max}`);
    expect(cells[7]).toBe('—');
  });

  it('offers no second entry for a version the change history records, and says why', () => {
    expect(report.problems.filter((p) => p.code === 'no-change-history-entry')).toEqual([]);
    expect(html).not.toContain(commandUri(INSERT_ENTRY_COMMAND, ['file:///ilm.yaml']));
    expect(html).toContain('The change history already has an entry for version 1.2');
  });
});

describe('inserting the drafted change-history entry', () => {
  const entry = '- version: "1.3"\n  date: 2026-12-07\n  summary: >-\n    Unit L5B1: criterion 1.1 reworded.\n';
  const apply = (text: string) => {
    const ins = entryInsertion(parseSpecText(text), text, entry)!;
    return text.slice(0, ins.offset) + ins.text + text.slice(ins.offset);
  };

  it('adds the entry after the last one, at its indentation, and changes nothing else', () => {
    const text = ISP.replace('  version: "1.2"\n', '  version: "1.3"\n').replace('  published: 2026-11-23\n', '  published: 2026-12-07\n');
    const out = apply(text);
    const data = parse(out) as { document: { changeHistory: { version: string; summary: string }[] } };
    expect(data.document.changeHistory.map((c) => c.version)).toEqual(['1.0', '1.1', '1.2', '1.3']);
    expect(data.document.changeHistory.at(-1)!.summary).toBe('Unit L5B1: criterion 1.1 reworded.');
    // An insertion only: removing the inserted text gives the file back, comments and all.
    const ins = entryInsertion(parseSpecText(text), text, entry)!;
    expect(out.slice(0, ins.offset) + out.slice(ins.offset + ins.text.length)).toBe(text);
    // The change-history checks accept the result.
    const findings = [...lintTexts([{ uri: 'file:///specs/isp.yaml', text: out }]).values()].flat();
    expect(findings.filter((f) => f.ruleId === 'change-history' || f.ruleId === 'version-latest' || f.ruleId === 'yaml-syntax')).toEqual([]);
  });

  it('keeps a comment after the last entry, and starts a change history where there is none', () => {
    const small =
      'qualspec: 1\ndocument:\n  title: T # the title\n  version: "1.1"\n  changeHistory:\n    - version: "1.1"\n      date: 2026-01-01\n      summary: First. # note\n# trailing comment\nunits: []\n';
    const out = apply(small);
    expect(out).toContain('summary: First. # note\n    - version: "1.3"');
    expect(out).toContain('# trailing comment');
    expect((parse(out) as { document: { changeHistory: unknown[] } }).document.changeHistory).toHaveLength(2);
    const none = 'qualspec: 1\ndocument:\n  title: T\n  version: "1.3"\nunits: []\n';
    const out2 = apply(none);
    expect((parse(out2) as { document: { changeHistory: { version: string }[]; title: string } }).document).toMatchObject({
      title: 'T',
      changeHistory: [{ version: '1.3' }],
    });
  });
});
