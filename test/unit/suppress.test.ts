/** Inline suppression comments and configured severities, once for a file rule and once for a workspace rule. */
import { describe, expect, it } from 'vitest';
import { configWith, DEFAULT_UNITS, edit, findings, lint, lintAll, OTHER_UNITS, otherSpec, spec, URI, URI_B } from '../helpers/spec';

const wrongCredit = () => edit(spec(), '    credit: 5  #', '    credit: 6  #');

describe('# qualspec-disable-next <id>', () => {
  it('silences that rule on the node of the next line only', () => {
    const text = edit(wrongCredit(), '    credit: 6  #', '    # qualspec-disable-next credit-tqt\n    credit: 6  #');
    const all = lint(text);
    expect(findings(all, 'credit-tqt')).toEqual([]);
    // other rules still see the node: the Award's credit no longer adds up
    expect(findings(all, 'award-totals')).toHaveLength(1);
  });

  it('silences nothing when it names another rule', () => {
    const text = edit(wrongCredit(), '    credit: 6  #', '    # qualspec-disable-next glh-tqt\n    credit: 6  #');
    expect(findings(lint(text), 'credit-tqt')).toHaveLength(1);
  });

  it('silences a workspace rule too', () => {
    const units = [DEFAULT_UNITS[0]!, DEFAULT_UNITS[1]!, { ...DEFAULT_UNITS[2]!, uan: 'A/651/5975' }];
    const text = spec({ units });
    expect(findings(lint(text), 'duplicate-uan')).toHaveLength(2);
    const quiet = edit(text, '    uan: A/651/5975\n', '    # qualspec-disable-next duplicate-uan\n    uan: A/651/5975\n', { after: 'ref: L5B3' });
    expect(findings(lint(quiet), 'duplicate-uan').map((f) => f.message)).toEqual([
      'UAN A/651/5975 is given to unit L5B1 and also to unit L5B3: a UAN identifies exactly one unit.',
    ]);
  });
});

describe('.qualspec.yaml rules: { <id>: severity }', () => {
  it('turns a rule off, or changes its severity', () => {
    expect(findings(lint(wrongCredit(), configWith({ 'credit-tqt': 'off' })), 'credit-tqt')).toEqual([]);
    expect(findings(lint(wrongCredit(), configWith({ 'credit-tqt': 'warning' })), 'credit-tqt').map((f) => f.severity)).toEqual(['warning']);
    // a per-finding severity (yaml-type-trap's yes/no warning) is overridden as well
    const yes = edit(spec(), 'title: Business', 'title: Yes');
    expect(findings(lint(yes), 'yaml-type-trap').map((f) => f.severity)).toEqual(['warning']);
    expect(findings(lint(yes, configWith({ 'yaml-type-trap': 'error' })), 'yaml-type-trap').map((f) => f.severity)).toEqual(['error']);
  });

  it('applies to workspace rules', () => {
    const files = [
      { uri: URI, text: spec() },
      { uri: URI_B, text: otherSpec({ units: [{ ...OTHER_UNITS[0]!, uan: 'A/651/5975' }, OTHER_UNITS[1]!] }) },
    ];
    expect([...lintAll(files).values()].flatMap((f) => findings(f, 'duplicate-uan'))).toHaveLength(2);
    expect([...lintAll(files, configWith({ 'duplicate-uan': 'off' })).values()].flatMap((f) => findings(f, 'duplicate-uan'))).toEqual([]);
    expect([...lintAll(files, configWith({ 'duplicate-uan': 'info' })).values()].flatMap((f) => findings(f, 'duplicate-uan')).map((f) => f.severity)).toEqual([
      'info',
      'info',
    ]);
  });
});
