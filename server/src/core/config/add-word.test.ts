import { describe, expect, it } from 'vitest';
import { addWordEdit } from './add-word';
import { parseConfig } from './config';

function apply(text: string, word: string): string {
  const e = addWordEdit(text, word)!;
  return text.slice(0, e.span.start) + e.newText + text.slice(e.span.end);
}
const words = (text: string) => parseConfig(text, 'file:///ws/.qualspec.yaml', ['spelling']).config.words;

describe('addWordEdit', () => {
  it('adds a words list to an empty or wordless configuration, keeping its comments', () => {
    expect(apply('', 'Salesforce')).toBe('words:\n  - Salesforce\n');
    const text = '# our settings\nrules:\n  spelling: warning # keep\n';
    const out = apply(text, 'Salesforce');
    expect(out.startsWith(text)).toBe(true);
    expect(words(out)).toEqual(['Salesforce']);
    expect(words(apply('rules: {}', 'x'))).toEqual(['x']);
  });

  it('appends to a block list at its indentation, and to a flow list', () => {
    const block = 'words:\n    - Belbin # a name\n    - Ansoff\nrules: {}\n';
    const out = apply(block, 'Kotter');
    expect(out).toBe('words:\n    - Belbin # a name\n    - Ansoff\n    - Kotter\nrules: {}\n');
    expect(words(apply('words: [Belbin]\n', 'Kotter'))).toEqual(['Belbin', 'Kotter']);
    expect(words(apply('words: []\n', 'Kotter'))).toEqual(['Kotter']);
    expect(words(apply('words:\n', 'Kotter'))).toEqual(['Kotter']);
    expect(words(apply('words:\n  - Belbin', 'Kotter'))).toEqual(['Belbin', 'Kotter']);
  });

  it('quotes a word YAML would read as something else, and adds nothing twice', () => {
    expect(words(apply('words: [a]\n', 'no'))).toEqual(['a', 'no']);
    expect(addWordEdit('words: [Belbin]\n', 'Belbin')).toBeUndefined();
    expect(addWordEdit('- a list\n', 'Belbin')).toBeUndefined();
  });
});
