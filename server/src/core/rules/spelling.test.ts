import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/config';
import { DEFAULT_DOCUMENT, edit, findings, lint, spec, under } from '../../../../test/helpers/spec';
import type { SpellingData } from './spelling';

const ID = 'spelling';
const withDoc = (extra: string) => spec({ document: DEFAULT_DOCUMENT + extra });
const purpose = (text: string, to: string) => edit(text, 'purpose: To enable learners to manage the work of unit L5B1.', `purpose: ${to}`);

describe(ID, () => {
  it('passes a clean spec', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
  });

  it('reports a misspelt word at its exact range, with suggestions in the message, the data and the fixes', () => {
    const text = purpose(spec(), 'To enable learners to recieve and manage orders.');
    const [f, ...rest] = findings(lint(text), ID);
    expect(rest).toEqual([]);
    expect(under(text, f!)).toBe('recieve');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toMatch(/^'recieve' is not in the British English dictionary — did you mean 'receive'/);
    const data = f!.data as SpellingData;
    expect(data.word).toBe('recieve');
    expect(data.suggestions[0]).toBe('receive');
    expect(f!.fixes[0]).toMatchObject({ title: "Change 'recieve' to 'receive'", preferred: true });
    expect(f!.fixes.every((x) => x.safe !== true)).toBe(true); // --fix never changes a spelling
  });

  it('searches no suggestions in a field that is mostly not words of the dictionary, the same way every time', () => {
    // 48 distinct misspellings in one field (damaged text): each is reported, none searched for suggestions;
    // the same words spread one a field, as typos are, would each get them (the corpus test).
    const words =
      'market sales buyer price order client profit budget target margin value offer change leader team coach goal plan skill role task staff trust brand story report review contract account revenue forecast pipeline channel product service quality agent partner supplier retail trade event meeting proposal pricing tender region advert'.split(
        ' ',
      );
    const junk = words.map((w) => w.replace(/[aeiou]/, (v) => v + v));
    const text = purpose(spec(), `To ${junk.join(' ')} orders.`);
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(junk);
    expect(f.some((x) => (x.data as SpellingData).suggestions.length > 0)).toBe(false);
    expect(f[45]!.message).toMatch(/check its spelling, or add it to the word list/);
    expect(findings(lint(text), ID)).toEqual(f);
  });

  it('keeps the case of the word in its suggestions and finds the right one of several occurrences', () => {
    const text = edit(spec(), 'title: Organisational Sales Planning', 'title: Organisational Sales Plannnig');
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['Plannnig']);
    expect((f[0]!.data as SpellingData).suggestions).toContain('Planning');
  });

  it('reads sections as Markdown: code, links and URLs are skipped, the prose is checked', () => {
    const text = spec().replace(
      /\ngroups:/,
      '\nsections:\n  - id: intro\n    title: Introduction\n    body: |-\n      See [the centre handbok](https://example.org/xqzv) and `xqzvw` or www.xqzv.org.\n      ```\n      qwxzv\n      ```\ngroups:',
    );
    const f = findings(lint(text), ID);
    expect(f.map((x) => under(text, x))).toEqual(['handbok']);
  });

  it('never reports acronyms, refs, numbers, the awarding body or the document word list', () => {
    let text = purpose(spec(), 'Covers GLH, TQT and KSBs of L5B1 and 3rd-party QANs for Xyzzo Ltd learners.');
    text = text.replace('awardingBody: Test Awarding Body', 'awardingBody: Xyzzo Ltd');
    expect(findings(lint(text), ID)).toEqual([]);
    const own = purpose(withDoc('  words: [Plinkety]\n'), 'Plinkety methods.');
    expect(findings(lint(own), ID)).toEqual([]);
    expect(findings(lint(purpose(spec(), 'Plinkety methods.')), ID)).toHaveLength(1);
  });

  it("takes the workspace's words from the configuration", () => {
    const text = purpose(spec(), 'Plinkety methods.');
    expect(findings(lint(text, { ...DEFAULT_CONFIG, words: ['plinkety'] }), ID)).toEqual([]);
  });

  it('checks an en-US document against the American dictionary', () => {
    const text = purpose(withDoc('  language: en-US\n'), 'The organization and its color scheme.');
    // (The default spec's British words, 'Organisational' and 'Analyse', are reported here.)
    const words = findings(lint(text), ID).map((x) => under(text, x));
    expect(words).toContain('Organisational');
    expect(words).not.toContain('organization');
    expect(words).not.toContain('color');
    expect(findings(lint(text), 'us-spelling')).toEqual([]);
    const gb = purpose(withDoc('  language: en-US\n'), 'The colour scheme.');
    const f = findings(lint(gb), ID).find((x) => under(gb, x) === 'colour')!;
    expect(f.message).toContain('American English dictionary');
    expect((f.data as SpellingData).suggestions).toContain('color');
  });

  it('leaves words of change summaries that quote the old text', () => {
    const text = spec().replace('summary: Updated units', 'summary: Corrected "recieve" to "receive" in L5B1.');
    expect(findings(lint(text), ID)).toEqual([]);
  });
});
