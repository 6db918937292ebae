import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lintTexts, applyEdits } from '../index';

const base = readFileSync(path.resolve(__dirname, '../../../../specs/ilm-l2-sales-management.yaml'), 'utf8');
const lint = (text: string) => (lintTexts([{ uri: 'file:///a.yaml', text }]).get('file:///a.yaml') ?? []).filter((f) => f.ruleId === 'qualification-title-mismatch');
const TITLE = '  - title: ILM Level 2 Certificate in Sales Management\n';

describe('qualification-title-mismatch', () => {
  it('passes when every printed title equals the title', () => {
    expect(base).toContain(TITLE);
    expect(lint(base.replace(TITLE, `${TITLE}    printedTitles:\n      - ILM Level 2 Certificate in Sales Management\n`))).toEqual([]);
  });

  it('flags a title printed another way, on the title, with the other wording as related', () => {
    const text = base.replace(TITLE, `${TITLE}    printedTitles:\n      - ILM Level 2 Certificate in Sales Managment\n`);
    const [f, ...rest] = lint(text);
    expect(rest).toEqual([]);
    expect(text.slice(f!.span.start, f!.span.end)).toBe('ILM Level 2 Certificate in Sales Management');
    expect(f!.message).toContain("'Management' vs 'Managment'");
    expect(f!.message).toContain('600/5929/1');
    expect(text.slice(f!.related[0]!.span.start, f!.related[0]!.span.end)).toBe('ILM Level 2 Certificate in Sales Managment');
    // The fix adopts the other wording, changes nothing else, and is not applied by --fix.
    const fix = f!.fixes[0]!;
    expect(fix.safe).toBeFalsy();
    const after = applyEdits(text, fix.edits).text;
    expect(after.replace('"ILM Level 2 Certificate in Sales Managment"', 'ILM Level 2 Certificate in Sales Management')).toBe(text);
    expect(lint(after)).toEqual([]);
  });
});
