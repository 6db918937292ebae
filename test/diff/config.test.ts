/** The `diff` key of .qualspec.yaml: the severity of regulator-sensitive changes. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/src/core/config/config';

describe('.qualspec.yaml diff.regulatorSensitive', () => {
  const read = (text: string) => parseConfig(text, 'file:///p/.qualspec.yaml', ['glh-tqt']);

  it('reads a severity, and off', () => {
    expect(read('diff:\n  regulatorSensitive: error\n')).toMatchObject({ config: { diff: { regulatorSensitive: 'error' } }, problems: [] });
    expect(read('diff:\n  regulatorSensitive: off\n').config.diff).toEqual({ regulatorSensitive: 'off' });
    expect(read('rules: {}\n').config.diff).toBeUndefined();
  });

  it('says what is wrong with a bad value or key', () => {
    const bad = read('diff:\n  regulatorSensitive: loud\n');
    expect(bad.config.diff).toBeUndefined();
    expect(bad.problems.map((p) => p.message)).toEqual(["'loud' is not a severity for diff.regulatorSensitive: use error, warning, info or off."]);
    expect(read('diff:\n  sensitive: error\n').problems[0]!.message).toMatch(/'diff' takes one key, regulatorSensitive/);
    expect(read('dif: {}\n').problems[0]!.message).toMatch(/did you mean 'diff'\?/);
  });
});
