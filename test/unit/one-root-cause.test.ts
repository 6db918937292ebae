/**
 * One root cause per YAML mistake (issue 21): a damaged file reports its syntax problem once, where
 * it was made, in plain words, and the findings the damage causes wait until it parses again.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseFile } from '../../server/src/core/lint/engine.js';
import { lintTexts } from '../../server/src/core/lint/pipeline.js';
import { firstSentence } from '../../server/src/core/schema/validate.js';

const ILM = readFileSync('specs/ilm-l2-sales-management.yaml', 'utf8');
const LINES = ILM.split('\n');
const lineNo = (needle: string, from = 0) => LINES.findIndex((l, i) => i >= from && l.includes(needle)) + 1;
const edit = (line: number, f: (s: string) => string) => LINES.map((l, i) => (i === line - 1 ? f(l) : l)).join('\n');
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

function lint(text: string) {
  return lintTexts([{ uri: 'file:///specs/ilm.yaml', text }]).get('file:///specs/ilm.yaml')!;
}

describe('one root cause per YAML mistake', () => {
  it('the seed spec is clean (the tests below start from it)', () => {
    expect(lint(ILM)).toEqual([]);
  });

  it('one space of indentation removed: one finding, on that line, that says so in plain words', () => {
    const line = lineNo('level: 2', lineNo('- ref: 8570-228'));
    const text = edit(line, (l) => l.replace(/^ {4}/, '   '));
    const f = lint(text);
    expect(f).toHaveLength(1);
    expect(f[0]!.ruleId).toBe('yaml-syntax');
    expect(lineOf(text, f[0]!.span.start)).toBe(line);
    expect(f[0]!.message).toMatch(/^This line is indented one space less than the keys around it/);
    expect(f[0]!.message).not.toMatch(/quote|bracket/);
  });

  it('one space too many under a key with a value: one finding, on that line', () => {
    const line = lineNo('level: 2', lineNo('- ref: 8570-229'));
    const text = edit(line, (l) => ` ${l}`);
    const f = lint(text);
    expect(f.map((x) => [x.ruleId, lineOf(text, x.span.start)])).toEqual([['yaml-syntax', line]]);
    expect(f[0]!.message).toMatch(/indented one space more than the key above it/);
  });

  it('a top-level key indented one space less inside document: one finding, and no unknown-key on the root', () => {
    const line = lineNo('  changeHistory:');
    const text = edit(line, (l) => l.slice(1));
    const f = lint(text);
    expect(f.map((x) => [x.ruleId, lineOf(text, x.span.start)])).toEqual([['yaml-syntax', line]]);
    expect(f[0]!.message).toMatch(/indented one space less than the keys around it: line it up with the keys above \(two spaces in\)/);
  });

  it('an unclosed quote: pointed at where the quote opens, not where YAML noticed', () => {
    const line = lineNo('title: Effectively Selling to Customers');
    const text = edit(line, (l) => l.replace('title: Effectively', 'title: "Effectively'));
    const f = lint(text);
    expect(f).toHaveLength(1);
    expect(lineOf(text, f[0]!.span.start)).toBe(line);
    expect(f[0]!.message).toMatch(/opens a quote \(".*never closed/);
  });

  it('the findings the damage causes wait, the others stay, and all return when it parses', () => {
    // A real mistake in another unit (a doubled word in its title), and a unit damaged by a key two spaces short.
    const para = 'title: Meeting Customer Needs';
    const withWord = ILM.replace(para, 'title: Meeting Meeting Customer Needs');
    expect(withWord).not.toBe(ILM);
    const before = lint(withWord);
    expect(before.map((x) => x.ruleId)).toEqual(['doubled-word']);
    const damagedLine = lineNo('credit: 1', lineNo('- ref: 8750-213'));
    const damaged = withWord
      .split('\n')
      .map((l, i) => (i === damagedLine - 1 ? l.replace(/^ {4}/, '  ') : l))
      .join('\n');
    const during = lint(damaged);
    expect(during.map((x) => [x.ruleId, lineOf(damaged, x.span.start)])).toEqual([
      ['doubled-word', lineNo(para)],
      ['yaml-syntax', damagedLine],
    ]);
    expect(during[1]!.message).toMatch(/indented two spaces less than the keys around it/);
    expect(lint(withWord)).toEqual(before);
  });

  it('two independent mistakes in two units: one finding each', () => {
    const a = lineNo('glh: 7', lineNo('- ref: 8570-228'));
    const b = lineNo('glh:', lineNo('level: 3'));
    const text = LINES.map((l, i) => (i === a - 1 || i === b - 1 ? l.replace(/^ {4}/, '   ') : l)).join('\n');
    const f = lint(text);
    expect(f.map((x) => [x.ruleId, lineOf(text, x.span.start)])).toEqual([
      ['yaml-syntax', a],
      ['yaml-syntax', b],
    ]);
  });

  it('a duplicate key still reports with the other checks (the data is readable)', () => {
    const line = lineNo('glh: 7', lineNo('- ref: 8570-228'));
    const text = edit(line, (l) => `${l}\n    glh: 70`).replace('Effectively Selling to Customers', 'Effectively  Selling to Customers');
    const f = analyseFile('file:///x.yaml', text).findings;
    expect(f.some((x) => x.ruleId === 'yaml-syntax' && /appears twice/.test(x.message))).toBe(true);
    expect(f.some((x) => x.ruleId === 'whitespace' && lineOf(text, x.span.start) === line - 3)).toBe(true);
  });
});

describe('field descriptions are never cut off mid-sentence', () => {
  it('does not stop at e.g. or i.e.', () => {
    expect(firstSentence('A calendar date written YYYY-MM-DD, e.g. 2025-05-02.')).toBe('A calendar date written YYYY-MM-DD, e.g. 2025-05-02.');
    expect(firstSentence('Criterion assessment (i.e. the learner must evidence each one) applies. Second.')).toBe(
      'Criterion assessment (i.e. the learner must evidence each one) applies.',
    );
    expect(firstSentence('Version 1.10 of it. Then more.')).toBe('Version 1.10 of it.');
    expect(firstSentence('No full stop')).toBe('No full stop');
  });

  it('a missing key whose description has an e.g. shows the whole sentence', () => {
    const line = lineNo('date: 2012-09-01');
    const text = LINES.filter((_, i) => i !== line - 1).join('\n');
    const f = lint(text).filter((x) => x.ruleId === 'schema');
    expect(f.length).toBeGreaterThan(0);
    for (const x of f) expect(x.message).not.toMatch(/e\.g\)|e\.g$|e\.g\.\)?\.?$/);
  });
});
