// The library API of the npm package (server/src/api.ts, dist/api.js): the same findings as the
// CLI, in plain data; bad input is a clear error, never a crash deeper in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyseQualification, lintFiles, lintText, rules, version } from '../../server/src/api';
import { ALL_RULES } from '../../server/src/core/rules/index';
import { marketplaceReadme } from '../../scripts/marketplace-readme.mjs';

const ROOT = path.resolve(__dirname, '../..');
const ILM = readFileSync(path.join(ROOT, 'specs/ilm-l2-sales-management.yaml'), 'utf8');
const broken = ILM.replace('    title: Effectively Selling to Customers\n', '    title: Effectively Selling to Customers\n    gl: 3\n');
const glLine = broken.split('\n').indexOf('    gl: 3');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qualspec-api-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('lintText', () => {
  it('gives each finding with rule, severity, plain message and zero-based range', () => {
    expect(lintText(ILM)).toEqual([]);
    const p = lintText(broken, { uri: 'file:///x/a.yaml' });
    expect(p).toEqual([
      {
        rule: 'unknown-key',
        severity: 'error',
        message: expect.stringContaining("Unknown key 'gl'"),
        uri: 'file:///x/a.yaml',
        range: { start: { line: glLine, character: 4 }, end: { line: glLine, character: 6 } },
        related: [],
        fixable: expect.any(Boolean),
      },
    ]);
  });

  it('takes rule severities as .qualspec.yaml does, and refuses unknown rules and severities', () => {
    expect(lintText(broken, { rules: { 'unknown-key': 'warning' } })[0]!.severity).toBe('warning');
    expect(lintText(broken, { rules: { 'unknown-key': 'off' } })).toEqual([]);
    expect(() => lintText(broken, { rules: { 'unknown-kee': 'off' } })).toThrow("qualspec: unknown rule 'unknown-kee'");
    // @ts-expect-error a severity that is not one
    expect(() => lintText(broken, { rules: { 'unknown-key': 'loud' } })).toThrow("'loud' is not a severity");
    // @ts-expect-error not a string
    expect(() => lintText(undefined)).toThrow(/needs the text of a spec/);
  });

  it('lists every rule, and the version', () => {
    expect(rules.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.meta.id));
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('lintFiles', () => {
  it('checks folders as qualspec lint does, with paths relative to cwd and the config’s problems', async () => {
    mkdirSync(path.join(dir, 'specs'));
    writeFileSync(path.join(dir, 'specs/a.yaml'), broken);
    writeFileSync(path.join(dir, '.qualspec.yaml'), 'rules:\n  doubled-wrd: off\n');
    const r = await lintFiles(['specs'], { cwd: dir, jobs: 1 });
    expect(r.files).toEqual(['specs/a.yaml']);
    expect(r.problems.map((p) => `${p.file} ${p.rule} ${p.range.start.line}`)).toEqual(['.qualspec.yaml config 1', `specs/a.yaml unknown-key ${glLine}`]);
    expect(r.errorCount).toBe(2);
    expect(r.warningCount).toBe(0);
  });

  it('rejects with a one-line message for a missing path or a device', async () => {
    await expect(lintFiles(['nope'], { cwd: dir })).rejects.toThrow('qualspec: no such file or directory, or no file matches: nope');
    await expect(lintFiles(['/dev/zero'], { cwd: dir })).rejects.toThrow(/^qualspec: cannot read .*dev\/zero: .*not a regular file$/);
  });
});

describe('analyseQualification', () => {
  it('analyses a certificate by QAN or title, with a selection', () => {
    const a = analyseQualification(ILM, '600/5929/1', { select: ['8570-228'] });
    expect(a).toMatchObject({ qan: '600/5929/1', feasible: true, credit: { min: 13, max: 17 } });
    expect(a.count).toBeGreaterThan(0n);
    expect(a.selection!.ok).toBe(false);
    expect(a.selection!.missing.join(' ')).toContain('8570-229');
    expect(analyseQualification(ILM, 'Certificate').qan).toBe('600/5929/1');
  });

  it('does not analyse a text with parts it cannot read, nor a qualification with a unit it cannot count', () => {
    const misspelt = ILM.replace('        minCredits: 13\n', '        minCredit: 13\n');
    expect(misspelt).not.toBe(ILM);
    const line = misspelt.split('\n').indexOf('        minCredit: 13') + 1;
    expect(() => analyseQualification(misspelt, '600/5929/1')).toThrow(new RegExp(`not analysed: .*${line}:9 Unknown key 'minCredit'.*\\(unknown-key\\)`));
    const noCredit = ILM.replace('    glh: 7\n    credit: 2\n', '    glh: 7\n');
    expect(noCredit).not.toBe(ILM);
    expect(() => analyseQualification(noCredit, '600/5929/1')).toThrow(/not analysed: .*cannot be counted: 8570-228$/);
  });

  it('says which qualifications there are when the one asked for is not found', () => {
    expect(() => analyseQualification(ILM, 'Nothing like it')).toThrow(/no qualification 'Nothing like it'; qualifications with rules: .*600\/5929\/1/);
  });
});

describe('the Marketplace README', () => {
  it('has no repository-relative image or link (the Marketplace cannot show them), and keeps web links and code', () => {
    const md = marketplaceReadme(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    const outsideCode = md.replace(/```[^]*?```/g, '');
    for (const m of outsideCode.matchAll(/!?\[[^\]]*\]\(([^)\s]+)/g)) expect(m[1], m[0]).toMatch(/^(https?:|#)/);
    expect(md).toContain('*Screenshot: qualspec in VS Code');
    expect(md).toContain('npx qualspec lint specs');
    expect(marketplaceReadme('See [the rules](docs/rules/README.md) and [web](https://example.org).\n')).toBe(
      'See the rules (`docs/rules/README.md`) and [web](https://example.org).\n',
    );
  });
});
