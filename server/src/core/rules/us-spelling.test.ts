import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT, edit, findings, lint, spec, under } from '../../../../test/helpers/spec';
import { readDictionary, installSpellDictionaries } from '../../host/spell-dictionaries';
import { setDictionaryLoader } from '../spelling/dictionary';

const ID = 'us-spelling';
const purpose = (text: string, to: string) => edit(text, 'purpose: To enable learners to manage the work of unit L5B1.', `purpose: ${to}`);

describe(ID, () => {
  it('passes British spellings and words both countries use', () => {
    expect(findings(lint(spec()), ID)).toEqual([]);
    const text = purpose(spec(), 'The organisation, its behaviour, the centre, a licence to program a meter, seize the prize.');
    expect(findings(lint(text), ID)).toEqual([]);
  });

  it('reports American spellings with the British form, and not as misspellings too', () => {
    const text = purpose(spec(), 'The organization should analyze behavior at the center.');
    const all = lint(text);
    const f = findings(all, ID);
    expect(f.map((x) => under(text, x))).toEqual(['organization', 'analyze', 'behavior', 'center']);
    expect(f[0]!.message).toBe("'organization' is the American spelling: British English writes 'organisation'.");
    expect(f.map((x) => x.fixes[0]!.edits[0]!.newText)).toEqual(['organisation', 'analyse', 'behaviour', 'centre']);
    expect(f.every((x) => x.fixes.every((y) => y.safe !== true))).toBe(true);
    expect(findings(all, 'spelling')).toEqual([]);
  });

  it('keeps the capital of a title word', () => {
    const text = edit(spec(), 'title: Organisational Sales Planning', 'title: Organizational Sales Planning');
    const f = findings(lint(text), ID);
    expect(f.map((x) => x.fixes[0]!.edits[0]!.newText)).toEqual(['Organisational']);
  });

  it('is silent in an en-US document', () => {
    const text = purpose(spec({ document: `${DEFAULT_DOCUMENT}  language: en-US\n` }), 'The organization.');
    expect(findings(lint(text), ID)).toEqual([]);
  });

  describe('when a dictionary arrives after the first check (the web extension fetches them)', () => {
    afterEach(() => installSpellDictionaries());

    it('forgets what it read without the American dictionary', () => {
      // A text of its own, so no earlier test has its answers cached.
      const text = purpose(spec(), 'Each realization of the plan.');
      setDictionaryLoader((l) => (l === 'en-GB' ? readDictionary('en-GB') : undefined));
      expect(findings(lint(text), ID)).toEqual([]);
      expect(findings(lint(text), 'spelling')).toEqual([]);
      setDictionaryLoader((l) => readDictionary(l));
      expect(findings(lint(text), ID).map((x) => under(text, x))).toEqual(['realization']);
    });
  });
});
