// SARIF as the 2.1.0 standard's text says (not only its schema), and as GitHub code scanning reads it.
// No copy of the SARIF JSON Schema ships in an npm package here, so the points the schema cannot
// see are checked one by one, and the shape by the compiler (@types/sarif types the formatter).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../server/src/cli/main';
import { folderUri, markdownToText, relativeUri } from '../../server/src/cli/formatters/sarif';
import { ALL_RULES } from '../../server/src/core/rules/index';

const ROOT = path.resolve(__dirname, '../..');
const ILM = readFileSync(path.join(ROOT, 'specs/ilm-l2-sales-management.yaml'), 'utf8');
/** A misspelt key (unknown-key), and a unit's title whose first letter is lost (title-case, with the unit's non-ASCII text around). */
const broken = ILM.replace('    title: Effectively Selling to Customers\n', '    title: Effectively Selling to Customers\n    gl: 3\n');

let dir: string;
beforeEach(() => {
  // A folder name with a space and a non-ASCII letter, as a runner's checkout can have.
  dir = mkdtempSync(path.join(tmpdir(), 'qualspec sarif é-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string) {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
}

async function sarif(args: string[] = []) {
  let out = '';
  let err = '';
  const code = await main(['lint', '--format', 'sarif', ...args], {
    cwd: dir,
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    isTTY: false,
    version: '1.2.3',
    docsDir: path.join(ROOT, 'docs/rules'),
  });
  expect(err).toBe('');
  return { code, log: JSON.parse(out) };
}

describe('SARIF 2.1.0', () => {
  it('says columns are UTF-16 code units and gives an absolute base URI ending in /', async () => {
    write('my specs/Café ß.yaml', broken);
    const { log } = await sarif(['my specs']);
    const run = log.runs[0];
    expect(run.columnKind).toBe('utf16CodeUnits');
    const base = run.originalUriBaseIds['%SRCROOT%'].uri as string;
    expect(base).toMatch(/^file:\/\/\/.*\/$/);
    expect(fileURLToPath(base)).toBe(dir + '/');
    expect(base).not.toMatch(/[ é]/); // percent-encoded too
  });

  it('percent-encodes relative URIs (spaces, non-ASCII, #, %), which resolve against the base to the file', async () => {
    write('my specs/Café #1 100%.yaml', broken);
    const { log } = await sarif(['my specs']);
    const run = log.runs[0];
    const loc = run.results[0].locations[0].physicalLocation.artifactLocation;
    expect(loc).toEqual({ uri: 'my%20specs/Caf%C3%A9%20%231%20100%25.yaml', uriBaseId: '%SRCROOT%' });
    const resolved = new URL(loc.uri, run.originalUriBaseIds['%SRCROOT%'].uri);
    expect(fileURLToPath(resolved)).toBe(path.join(dir, 'my specs/Café #1 100%.yaml'));
    expect(relativeUri("a b/c'd(e).yaml")).toBe('a%20b/c%27d%28e%29.yaml');
    expect(folderUri('/tmp/x y')).toBe('file:///tmp/x%20y/');
    expect(folderUri('C:\\work\\a b')).toBe('file:///C:/work/a%20b/');
  });

  it('embeds each rule’s page as its help, and gives no helpUri without a public docs URL', async () => {
    write('specs/a.yaml', broken);
    const { log } = await sarif(['specs']);
    const rules = log.runs[0].tool.driver.rules as { id: string; helpUri?: string; help: { text: string; markdown: string } }[];
    expect(rules.map((r) => r.id)).toEqual([...ALL_RULES.map((r) => r.meta.id), 'config', 'internal-error']);
    for (const r of rules) {
      expect(r.helpUri, r.id).toBeUndefined();
      expect(r.help.text.length, r.id).toBeGreaterThan(40);
    }
    const uk = rules.find((r) => r.id === 'unknown-key')!;
    expect(uk.help.markdown).toBe(readFileSync(path.join(ROOT, 'docs/rules/unknown-key.md'), 'utf8'));
    expect(uk.help.text).toMatch(/^unknown-key\n/);
    expect(uk.help.text).not.toMatch(/\*\*|```|^#/m);
    // Nothing points into this machine: no file: URI but the base.
    const text = JSON.stringify(log);
    expect(text.match(/file:\/\//g)).toHaveLength(1);
    expect(log.runs[0].tool.driver.informationUri).toBeUndefined();
  });

  it('gives helpUri and informationUri for a public docs URL (--docs-url), which must be a web address', async () => {
    write('specs/a.yaml', broken);
    const { log } = await sarif(['specs', '--docs-url', 'https://docs.example.org/qualspec/rules']);
    const rules = log.runs[0].tool.driver.rules as { id: string; helpUri?: string }[];
    expect(rules.find((r) => r.id === 'credit-tqt')!.helpUri).toBe('https://docs.example.org/qualspec/rules/credit-tqt.md');
    // config and internal-error have no page: their help is in the log itself.
    expect(rules.find((r) => r.id === 'config')!.helpUri).toBeUndefined();
    expect(rules.find((r) => r.id === 'internal-error')!.helpUri).toBeUndefined();
    expect(log.runs[0].tool.driver.informationUri).toBe('https://docs.example.org/qualspec/rules/');
    let err = '';
    const bad = await main(['lint', 'specs', '--format', 'sarif', '--docs-url', 'file:///tmp/docs'], {
      cwd: dir,
      stdout: () => {},
      stderr: (s) => (err += s),
      isTTY: false,
      version: 't',
    });
    expect(bad).toBe(2);
    expect(err).toMatch(/--docs-url needs a web address/);
  });

  it('reports a bad configuration against the config rule, whose help says what the file may hold', async () => {
    write('.qualspec.yaml', 'rulez: {}\n');
    write('specs/a.yaml', ILM);
    const { log, code } = await sarif(['specs']);
    expect(code).toBe(1);
    const run = log.runs[0];
    const r = run.results.find((x: { ruleId: string }) => x.ruleId === 'config');
    expect(run.tool.driver.rules[r.ruleIndex].id).toBe('config');
    expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('.qualspec.yaml');
    expect(r.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 6 });
    expect(run.tool.driver.rules[r.ruleIndex].help.markdown).toMatch(/`rules`.*`specs`.*`exclude`/s);
  });

  it('keeps what GitHub code scanning needs: levels, 1-based regions, rule indexes, fingerprints', async () => {
    write('specs/a.yaml', broken);
    const { log } = await sarif(['specs']);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'qualspec', version: '1.2.3', semanticVersion: '1.2.3' });
    for (const res of run.results) {
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(run.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      const reg = res.locations[0].physicalLocation.region;
      expect(reg.startLine).toBeGreaterThanOrEqual(1);
      expect(reg.startColumn).toBeGreaterThanOrEqual(1);
      expect(res.partialFingerprints['qualspecFingerprint/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
    for (const rule of run.tool.driver.rules) expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
  });

  it('columns count UTF-16 code units, as columnKind says (a letter outside the BMP counts two)', async () => {
    write('specs/a.yaml', broken.replace('    gl: 3\n', '    "𝒢l": 3\n'));
    const { log } = await sarif(['specs']);
    const res = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'unknown-key');
    expect(res.locations[0].physicalLocation.region).toMatchObject({ startColumn: 5, endColumn: 5 + '"𝒢l"'.length });
    expect('"𝒢l"'.length).toBe(5);
  });
});

describe('markdownToText', () => {
  it('drops Markdown marks and keeps web links visible', () => {
    expect(markdownToText('# id\n\n**Severity:** error · `x`\n\nSee [the guide](https://example.org/g) or [a page](other.md).\n\n```yaml\na: 1\n```\n')).toBe(
      'id\n\nSeverity: error · x\n\nSee the guide (https://example.org/g) or a page.\n\na: 1',
    );
  });
});
