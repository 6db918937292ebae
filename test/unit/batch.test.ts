/**
 * The CLI's batch runner (server/src/cli/batch.ts: two passes, js-yaml fast path, no texts kept,
 * worker threads) finds exactly what the exact engine finds for the same files: the same findings
 * in the same order, each with the text under its span, and the same line starts. In this thread,
 * and spread over worker threads running the built CLI bundle (dist/cli.js, which `npm test` builds
 * before vitest runs).
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWorkspace } from '../../bench/generate';
import { analyseFile, analyseWorkspace, sortFindings } from '../../server/src/core/lint/engine';
import type { Finding } from '../../server/src/core/rules/types';
import { lineStartsOf } from '../../server/src/core/text/line-index';
import { WorkspaceIndex } from '../../server/src/core/workspace/index';
import { ConfigResolver } from '../../server/src/host/files';
import { readSpec } from '../../server/src/host/read-spec';
import { lintFiles, type BatchResult } from '../../server/src/cli/batch';
import { noticeFinding } from '../../server/src/core/lint/pipeline';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
let dir: string;
let files: string[];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qualspec-batch-'));
  // A small generated workspace with errors injected (duplicate identifiers across files, wrong sizes, …).
  writeWorkspace(path.join(dir, 'gen'), { files: 14, units: 6, seed: 7, errorRate: 0.25 });
  for (const f of readdirSync(path.join(ROOT, 'specs')).filter((n) => /\.ya?ml$/.test(n))) copyFileSync(path.join(ROOT, 'specs', f), path.join(dir, f));
  for (const f of readdirSync(path.join(ROOT, 'test/fixtures/invalid')))
    copyFileSync(path.join(ROOT, 'test/fixtures/invalid', f), path.join(dir, `invalid-${f}`));
  copyFileSync(path.join(ROOT, 'test/fixtures/as-published/isp-level-5-overview-of-units.yaml'), path.join(dir, 'as-published.yaml'));
  const gen = readdirSync(path.join(dir, 'gen')).sort();
  // Broken YAML, CRLF line ends, a lone CR, an alias, a BOM, and a file that is not UTF-8.
  const one = path.join(dir, 'gen', gen[0]!);
  const text = readFileSync(one, 'utf8');
  writeFileSync(path.join(dir, 'broken.yaml'), text.replace('units:\n', 'units:\n  - ref: [unclosed\n'));
  writeFileSync(path.join(dir, 'crlf.yaml'), text.replace(/\n/g, '\r\n'));
  writeFileSync(path.join(dir, 'lone-cr.yaml'), text.replace('\n  title:', '\r  title:'));
  writeFileSync(path.join(dir, 'alias.yaml'), text.replace(/\n {4}glh: (\d+)/, '\n    glh: &g $1').replace(/\n {4}tqt: (\d+)/, '\n    tqt: *g'));
  writeFileSync(path.join(dir, 'bom.yaml'), '\uFEFF' + text.replace('version:', 'version: 1.10\n  old:'));
  // A copy of a file (every unit a duplicate) whose first unit has numbers JSON would not carry as they are
  // (summaries cross threads as JSON): .inf credit (the model drops it) and -0 GLH.
  writeFileSync(path.join(dir, 'inf.yaml'), text.replace(/\n {4}credit: \d+/, '\n    credit: .inf').replace(/\n {4}glh: \d+/, '\n    glh: -0'));
  // Suppression comments: for one node (a unit's credit), the next node, and a whole file for one rule.
  writeFileSync(
    path.join(dir, 'suppressed.yaml'),
    text
      .replace(/\n {4}credit: (\d+)/, '\n    credit: 99 # qualspec-disable credit-tqt')
      .replace(/\n( {2}- ref: )/, '\n  # qualspec-disable-next\n$1')
      .replace('qualspec: 1', '# qualspec-disable-file doubled-word\nqualspec: 1'),
  );
  writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from(text.slice(0, 200)), Buffer.from([0xe9]), Buffer.from(text.slice(200))]));
  // A configuration that changes severities, so that workers must read it too.
  writeFileSync(path.join(dir, '.qualspec.yaml'), 'rules:\n  doubled-word: error\n  title-case: off\n');
  files = [
    ...gen.map((f) => path.join(dir, 'gen', f)),
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.yaml') && !f.startsWith('.'))
      .map((f) => path.join(dir, f)),
  ];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The exact engine on the same files: full parses with `yaml`, full summaries, then the file and workspace checks. */
function exact(): Map<string, Finding[]> {
  const configs = new ConfigResolver(dir);
  const configFor = (uri: string) => configs.forFile(fileURLToPath(uri)).config;
  const loaded = files.map((f) => readSpec(f, dir));
  const index = new WorkspaceIndex();
  for (const l of loaded) index.set(analyseFile(l.uri, l.text).summary);
  const ws = analyseWorkspace(index, configFor);
  const out = new Map<string, Finding[]>();
  for (const l of loaded) {
    const own = analyseFile(l.uri, l.text, { index, updateIndex: false, config: configFor(l.uri) }).findings;
    const notice = noticeFinding(l, l.text.length, configFor(l.uri));
    out.set(l.uri, sortFindings([...(notice ? [notice] : []), ...own, ...(ws.get(l.uri) ?? [])]));
  }
  return out;
}

function withoutUnder(r: BatchResult): Map<string, Finding[]> {
  return new Map([...r.findings].map(([uri, fs]) => [uri, fs.map(({ under: _u, ...f }) => f)]));
}

describe('batch runner', () => {
  let inThread: BatchResult;

  it('finds what the exact engine finds, in this thread', async () => {
    inThread = await lintFiles(files, { cwd: dir, jobs: 1 });
    const want = exact();
    expect([...inThread.findings.keys()].sort()).toEqual([...want.keys()].sort());
    expect(withoutUnder(inThread)).toEqual(want);
    const all = [...want.values()].flat();
    // The workspace is not trivially clean: every kind of finding the comparison should cover is there.
    expect(all.length).toBeGreaterThan(40);
    for (const rule of ['yaml-syntax', 'duplicate-qan', 'unit-copy-mismatch', 'credit-tqt', 'credit-range-reachable', 'yaml-type-trap', 'doubled-word'])
      expect(all.map((f) => f.ruleId)).toContain(rule);
    expect(all.some((f) => f.related.some((r) => r.uri !== f.uri))).toBe(true); // related locations in other files
    expect(all.some((f) => f.ruleId === 'title-case')).toBe(false); // the config turned it off
  });

  it('carries the text under each finding and the line starts of each file', () => {
    for (const f of files) {
      const l = readSpec(f, dir);
      const lines = inThread.lines.get(l.uri)!;
      expect(lines.length).toBe(l.text.length);
      expect([...lines.starts]).toEqual([...lineStartsOf(l.text)]);
      for (const x of inThread.findings.get(l.uri)!) expect(x.under).toBe(l.text.slice(x.span.start, x.span.end));
    }
    // LF, CRLF and a lone CR each end a line, as LineIndex counts them.
    expect([...lineStartsOf('a\nb\r\nc\rd')]).toEqual([0, 2, 5, 7]);
  });

  it('finds the same over worker threads (dist/cli.js)', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test builds it first)`);
    const spread = await lintFiles(files, { cwd: dir, jobs: 2, workerScript: CLI });
    expect(spread.files).toEqual(inThread.files);
    expect(spread.findings).toEqual(inThread.findings);
    expect(spread.lines).toEqual(inThread.lines);
  });

  it('stops with the file named when one cannot be read, in a worker too', async () => {
    const missing = path.join(dir, 'gen', 'gone.yaml');
    await expect(lintFiles([...files, missing], { cwd: dir, jobs: 1 })).rejects.toMatchObject({ abs: missing, code: 'ENOENT' });
    await expect(lintFiles([...files, missing], { cwd: dir, jobs: 2, workerScript: CLI })).rejects.toMatchObject({ abs: missing, code: 'ENOENT' });
  });
});
