import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';

const ROOT = path.resolve(__dirname, '../..');
const ILM = path.join(ROOT, 'specs/ilm-l2-sales-management.yaml');
const ISP = path.join(ROOT, 'specs/isp-level-5-professional-sales.yaml');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qualspec-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], cwd = dir) {
  let out = '';
  let err = '';
  const code = await main(args, {
    cwd,
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    isTTY: false,
    version: '0.0.0-test',
    docsDir: path.join(ROOT, 'docs/rules'),
  });
  return { code, out, err };
}

function write(rel: string, text: string): string {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
}

const ilmText = () => readFileSync(ILM, 'utf8');
/** The ILM spec with one unit's credit broken and a misspelt key. */
const broken = () => ilmText().replace('    title: Effectively Selling to Customers\n', '    title: Effectively Selling to Customers\n    gl: 3\n');

describe('qualspec lint', () => {
  it('passes the clean specs with exit 0 and a closing summary', async () => {
    const r = await run(['lint', path.join(ROOT, 'specs')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/0 problems \(0 errors, 0 warnings\) in 4 files/);
  });

  it('reports file:line:col severity message rule-id and exits 1 on errors', async () => {
    write('specs/a.yaml', broken());
    const r = await run(['lint', 'specs']);
    expect(r.code).toBe(1);
    const line =
      broken()
        .split('\n')
        .findIndex((l) => l === '    gl: 3') + 1;
    expect(r.out).toContain(`specs/a.yaml:${line}:5 error Unknown key 'gl' in unit 8570-228 — did you mean 'glh'? unknown-key`);
    expect(r.out).toMatch(/1 problem \(1 error, 0 warnings\) in 1 file/);
  });

  it('emits the documented JSON shape, zero-based, with paths relative to the cwd', async () => {
    write('specs/a.yaml', broken());
    const r = await run(['lint', 'specs', '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.version).toBe(1);
    expect(j.files).toEqual(['specs/a.yaml']);
    expect(j.diagnostics).toHaveLength(1);
    const d = j.diagnostics[0];
    expect(d).toMatchObject({ file: 'specs/a.yaml', rule: 'unknown-key', severity: 'error' });
    const lineNo = broken()
      .split('\n')
      .findIndex((l) => l === '    gl: 3');
    expect(d.range).toEqual({ start: { line: lineNo, character: 4 }, end: { line: lineNo, character: 6 } });
  });

  it('writes SARIF 2.1.0 with rule metadata, helpUri and stable fingerprints', async () => {
    write('specs/a.yaml', broken());
    const a = JSON.parse((await run(['lint', 'specs', '--format', 'sarif', '--docs-url', 'https://example.invalid/docs/rules/'])).out);
    expect(a.version).toBe('2.1.0');
    const run0 = a.runs[0];
    const rule = run0.tool.driver.rules.find((r: { id: string }) => r.id === 'unknown-key');
    expect(rule.helpUri).toBe('https://example.invalid/docs/rules/unknown-key.md');
    expect(rule.shortDescription.text.length).toBeGreaterThan(10);
    expect(run0.results[0].ruleId).toBe('unknown-key');
    expect(run0.tool.driver.rules[run0.results[0].ruleIndex].id).toBe('unknown-key');
    const fp = run0.results[0].partialFingerprints['qualspecFingerprint/v1'];
    // Inserting lines above the finding does not change its fingerprint.
    write('specs/a.yaml', '# a new comment\n# another\n' + broken());
    const b = JSON.parse((await run(['lint', 'specs', '--format', 'sarif'])).out);
    expect(b.runs[0].results[0].partialFingerprints['qualspecFingerprint/v1']).toBe(fp);
    expect(b.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(a.runs[0].results[0].locations[0].physicalLocation.region.startLine + 2);
  });

  it('writes GitHub workflow annotations', async () => {
    write('specs/a.yaml', broken());
    const r = await run(['lint', 'specs', '--format', 'github']);
    expect(r.out).toMatch(/^::error file=specs\/a\.yaml,line=\d+,col=5,endLine=\d+,endColumn=7,title=qualspec unknown-key::Unknown key 'gl'/);
  });

  it('fails on warnings only past --max-warnings', async () => {
    write('specs/a.yaml', ilmText().replace('title: Meeting Customer Needs', 'title: Meeting  Customer Needs'));
    expect((await run(['lint', 'specs'])).code).toBe(0);
    expect((await run(['lint', 'specs', '--max-warnings', '0'])).code).toBe(1);
    expect((await run(['lint', 'specs', '--max-warnings', '1'])).code).toBe(0);
  });

  it('--baseline records findings, then reports only new ones', async () => {
    write('specs/a.yaml', broken());
    const rec = await run(['lint', 'specs', '--baseline', 'baseline.json', '--update-baseline']);
    expect(rec.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'baseline.json'), 'utf8')).fingerprints).toHaveLength(1);
    expect((await run(['lint', 'specs', '--baseline', 'baseline.json'])).code).toBe(0);
    write('specs/a.yaml', broken().replace('    title: Meeting Customer Needs\n', '    title: Meeting Customer Needs\n    crdit: 2\n'));
    const after = await run(['lint', 'specs', '--baseline', 'baseline.json', '--format', 'json']);
    expect(after.code).toBe(1);
    expect(JSON.parse(after.out).diagnostics.map((d: { message: string }) => d.message)).toEqual([expect.stringContaining("'crdit'")]);
  });

  it('--fix applies only safe fixes, keeps comments, and reports what it changed', async () => {
    const original = ilmText()
      .replace('title: Meeting Customer Needs', 'title: "Meeting  Customer Needs"  # keep this comment')
      .replace('    title: Effectively Selling to Customers\n', '    title: Effectively Selling to Customers\n    crdit: 2\n');
    const p = write('specs/a.yaml', original);
    const r = await run(['lint', 'specs', '--fix']);
    const fixed = readFileSync(p, 'utf8');
    expect(fixed).toContain('title: "Meeting Customer Needs"  # keep this comment');
    // The unit already has a credit, so renaming 'crdit' would duplicate the key: it is reported, not fixed.
    expect(fixed).toContain('    crdit: 2\n');
    expect(r.out).toContain("Unknown key 'crdit'");
    expect(r.out).toMatch(/Fixed \d+ problems? in specs\/a\.yaml/);
    // Outside the edited lines nothing changed.
    const a = original.split('\n');
    const b = fixed.split('\n');
    expect(b.length).toBe(a.length);
    const changed = a.map((l, i) => (l === b[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed.every((i) => /Meeting|crdit/.test(a[i]!))).toBe(true);
    expect(readdirSync(path.join(dir, 'specs'))).toEqual(['a.yaml']); // no temp files left behind
  });

  it('exits 2 with a one-line reason for a missing path or bad usage', async () => {
    const missing = await run(['lint', 'nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^qualspec: no such file or directory, or no file matches: nope\.yaml\n$/);
    const bad = await run(['lint', '--format', 'xml', ILM]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown --format 'xml'/);
    expect((await run(['frobnicate'])).code).toBe(2);
  });

  it('reports a bad .qualspec.yaml as findings in that file', async () => {
    write('.qualspec.yaml', 'rules:\n  credit-tq: off\n  doubled-word: loud\nspecz: []\n');
    copyFileSync(ILM, path.join(dir, 'a.qspec.yaml'));
    const r = await run(['lint', 'a.qspec.yaml', '--format', 'json']);
    const j = JSON.parse(r.out);
    const msgs = j.diagnostics.filter((d: { file: string }) => d.file === '.qualspec.yaml').map((d: { message: string }) => d.message);
    expect(msgs).toEqual([
      expect.stringContaining("Unknown rule 'credit-tq' — did you mean 'credit-tqt'?"),
      expect.stringContaining("'loud' is not a severity"),
      expect.stringContaining("Unknown key 'specz'"),
    ]);
    expect(r.code).toBe(1);
  });

  it('applies rule severities from .qualspec.yaml found upward', async () => {
    write('.qualspec.yaml', 'rules:\n  unknown-key: off\n');
    write('specs/sub/a.yaml', broken());
    expect((await run(['lint', 'specs'])).code).toBe(0);
  });
});

describe('qualspec combos', () => {
  it('explains the ILM certificate: range 13–17, exact count, and a selection check', async () => {
    const r = await run([
      'combos',
      ILM,
      '--qualification',
      '600/5929/1',
      '--format',
      'json',
      '--select',
      '8570-228,8570-229,8570-205,8750-300,8750-302,8750-307,8750-213',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.analysis.feasible).toBe(true);
    expect(j.analysis.credit.min).toBe(13);
    expect(j.analysis.credit.max).toBe(17);
    expect(j.selection.ok).toBe(true);
    expect(BigInt(j.analysis.count)).toBeGreaterThan(0n);
  });

  it('finds a qualification by part of its title and prints plain words', async () => {
    const r = await run(['combos', ISP, '--qualification', 'Diploma']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('At least 9 credits from Business');
    expect(r.out).toMatch(/Credit: 37–\d+ achievable/);
  });

  it('exits 1 for a selection that does not meet the rules, and says what is missing', async () => {
    const r = await run(['combos', ILM, '--select', '8570-228']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('add mandatory unit 8570-229');
  });

  it('exits 2 for an unknown qualification', async () => {
    const r = await run(['combos', ILM, '--qualification', 'Nothing like it']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("no qualification 'Nothing like it'");
  });

  it('draws on the units of the spec files of its project without --workspace, as the preview does', async () => {
    // The ILM spec split in two: the qualifications in one file (its pool naming the units by ref), the units in another.
    const [head, units] = ilmText().split('\nunits:\n');
    const refs = [...units!.matchAll(/^ {2}- ref: (\S+)$/gm)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(5);
    const pooled = head!.replace('    pool:\n      groups: [group-1, group-2, group-3]\n', `    pool:\n      units: [${refs.join(', ')}]\n`);
    expect(pooled).not.toBe(head);
    const quals = write('specs/quals.yaml', `${pooled}\n`);
    write('specs/units.yaml', `qualspec: 1\nunits:\n${units!}`);
    const r = await run(['combos', quals, '--qualification', '600/5929/1']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Credit: 13–17 achievable/);
    // --workspace still says exactly which files to draw on.
    const alone = await run(['combos', quals, '--qualification', '600/5929/1', '--workspace', quals]);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('names units that are not defined');
  });

  it('does not analyse a file with parts it cannot read: it lists them where lint does, and exits 2', async () => {
    // A misspelt limit (minCredit) would silently drop the rule's minimum; a credit that is not a
    // number would drop the unit from every selection.
    const text = ilmText()
      .replace('        minCredits: 13\n', '        minCredit: 13\n')
      .replace('    glh: 7\n    credit: 2\n', '    glh: 7\n    credit: two\n');
    expect(text).toContain('minCredit: 13');
    expect(text).toContain('credit: two');
    write('specs/a.yaml', text);
    const r = await run(['combos', 'specs/a.yaml', '--qualification', '600/5929/1']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lineOf = (s: string) => text.split('\n').findIndex((l) => l === s) + 1;
    expect(r.err).toMatch(/^qualspec: specs\/a\.yaml was not analysed: parts of it could not be read/);
    expect(r.err).toContain(`specs/a.yaml:${lineOf('        minCredit: 13')}:9 error Unknown key 'minCredit'`);
    expect(r.err).toMatch(new RegExp(`specs/a\\.yaml:${lineOf('    credit: two')}:13 error .* schema\\n`));
    // lint finds the same problems at the same places.
    const lint = await run(['lint', 'specs/a.yaml']);
    expect(lint.code).toBe(1);
    for (const l of r.err.split('\n').filter((x) => x.startsWith('  specs/'))) expect(lint.out).toContain(l.trim());
    // Once corrected, it is analysed.
    write('specs/a.yaml', ilmText());
    expect((await run(['combos', 'specs/a.yaml', '--qualification', '600/5929/1'])).code).toBe(0);
  });

  it('analyses every Certificate and Diploma of the clean specs, the examples of other awarding bodies among them', async () => {
    const files = [ILM, ISP, ...readdirSync(path.join(ROOT, 'specs/examples')).map((f) => path.join(ROOT, 'specs/examples', f))];
    let n = 0;
    for (const file of files) {
      const qans = [...readFileSync(file, 'utf8').matchAll(/^ {4}type: (?:certificate|diploma)\n(?: {4}\w+: .*\n)*? {4}qan: (\S+)$/gm)].map((m) => m[1]!);
      for (const qan of qans) {
        const r = await run(['combos', file, '--qualification', qan, '--format', 'json']);
        expect({ file, qan, code: r.code, err: r.err }).toEqual({ file, qan, code: 0, err: '' });
        expect(JSON.parse(r.out).analysis.feasible).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(7);
  });

  it('does not analyse a qualification one of whose units cannot be counted, and names the unit', async () => {
    // Credit is optional (a spec may size in GLH only), so a unit without it is not a schema error;
    // but these rules count credits, and leaving the unit out would be another qualification.
    const text = ilmText().replace('    glh: 7\n    credit: 2\n', '    glh: 7\n');
    expect(text).not.toBe(ilmText());
    write('specs/a.yaml', text);
    const r = await run(['combos', 'specs/a.yaml', '--qualification', '600/5929/1']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('was not analysed: one of its units lacks the size its rules count by (credit, GLH or TQT), a level or a group');
    expect(r.err).toContain('cannot be counted: 8570-228.');
  });

  it('reads files as lint does: a device or a missing workspace file is refused, bytes that are not UTF-8 are located', async () => {
    const device = await run(['combos', '/dev/zero']);
    expect(device.code).toBe(2);
    expect(device.err).toBe(`qualspec: cannot read ${path.relative(dir, '/dev/zero')}: it is a device, not a regular file\n`);
    const ws = await run(['combos', ILM, '--workspace', '/dev/null']);
    expect(ws.code).toBe(2);
    expect(ws.err).toContain('not a regular file');
    // One byte of Windows-1252 (é) in a title: said where, and the rules still explained.
    const [before, after] = ilmText().split('    title: Effectively Selling to Customers');
    const latin = path.join(dir, 'latin.yaml');
    writeFileSync(latin, Buffer.concat([Buffer.from(`${before!}    title: Effectively Selling to Customers`), Buffer.from([0xe9]), Buffer.from(after!)]));
    const r = await run(['combos', latin, '--qualification', '600/5929/1']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^qualspec: latin\.yaml: This file is not UTF-8 text: the byte 0xE9 at line \d+, column \d+ is not valid UTF-8/);
    expect(r.out).toMatch(/Credit: 13–17 achievable/);
  });
});
