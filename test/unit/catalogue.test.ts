/**
 * What scripts/catalogue.mjs generates from the rule catalogue is current: the rules table of
 * docs/rules/README.md and schemas/qualspec-config.schema.json.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, PSEUDO_RULES, ALL_RULES } from '../../server/src/core/rules/index';
import { CONFIG_KEYS, SEVERITY_SETTINGS } from '../../server/src/core/config/config';

const ROOT = path.resolve(__dirname, '../..');

describe('generated from the catalogue', () => {
  it('docs/rules/README.md and the configuration schema are up to date (npm run catalogue)', () => {
    let out = '';
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts/catalogue.mjs'), '--check'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
    } catch (e) {
      out = String((e as { stderr?: string }).stderr ?? e);
    }
    expect(out).toBe('');
  }, 60_000);

  it('the schema lists every rule with its severities, every configuration key, and no pseudo-rule', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/qualspec-config.schema.json'), 'utf8'));
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
    const rules = schema.properties.rules.properties;
    expect(Object.keys(rules).sort()).toEqual(ALL_RULES.map((r) => r.meta.id).sort());
    for (const r of ALL_RULES) expect(rules[r.meta.id].enum, r.meta.id).toEqual([...SEVERITY_SETTINGS]);
    for (const p of PSEUDO_RULES) expect(rules[p.id]).toBeUndefined();
    expect(schema.properties.rules.additionalProperties).toBe(false);
  });

  it('the catalogue holds the rules and the pseudo-rules config and internal-error, once each', () => {
    const ids = CATALOGUE.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['config', 'internal-error', ...ALL_RULES.map((r) => r.meta.id)]));
  });
});
