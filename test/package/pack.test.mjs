// The npm package as a user gets it: `npm pack` (which builds, by the prepack script), installed
// from the tarball in an empty folder with no network (the package has no runtime dependencies:
// everything is bundled), then `qualspec lint`, the library API and `qualspec-language-server
// --stdio` run there. Run by .ci/run:  npm run test:package  (about 20 s: it builds the bundles).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(fileURLToPath(import.meta.url), '../../..');
const ILM = path.join(REPO, 'specs/ilm-l2-sales-management.yaml');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const work = mkdtempSync(path.join(tmpdir(), 'qualspec-pack-'));
const app = path.join(work, 'app');
let tarball;
let packed;

test.after(() => rmSync(work, { recursive: true, force: true }));

test('npm pack gives the bundles, bins, docs and schemas, and no sources or tests', () => {
  const out = execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  // prepack's build logs go to stdout before the JSON.
  const json = JSON.parse(out.slice(out.indexOf('[\n')));
  packed = json[0];
  tarball = path.join(work, packed.filename);
  assert.ok(existsSync(tarball));
  const files = packed.files.map((f) => f.path);
  for (const f of [
    'dist/cli.js',
    'dist/server.js',
    'dist/api.js',
    'dist/api.d.ts',
    'bin/qualspec.js',
    'bin/qualspec-language-server.js',
    'schemas/qualspec.schema.json',
    'docs/rules/credit-tqt.md',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'package.json',
  ]) {
    assert.ok(files.includes(f), `${f} is in the package`);
  }
  assert.deepEqual(
    files.filter((f) => /^(server|test|bench|scripts|specs|\.ci)\//.test(f) || f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts'))),
    [],
  );
  const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  assert.equal(pkg.private, undefined);
  // Every library is bundled, but for playwright-core: `qualspec publish --pdf` loads it (it drives
  // a local Chromium and downloads no browser), and it is left out of the bundle (scripts/build.mjs).
  assert.deepEqual(Object.keys(pkg.dependencies ?? {}), ['playwright-core'], 'every other runtime library is bundled');
});

test('installs offline from the tarball in an empty folder', () => {
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'qualspec-user', version: '1.0.0', private: true }));
  execFileSync(npm, ['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] });
  assert.deepEqual(
    readdirSync(path.join(app, 'node_modules')).filter((d) => !d.startsWith('.')),
    ['playwright-core', 'qualspec'],
  );
});

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { cwd: app, encoding: 'utf8', ...opts });

test('npx qualspec lint checks a spec there: exit 0 when clean, 1 with the finding when not', () => {
  mkdirSync(path.join(app, 'specs'));
  copyFileSync(ILM, path.join(app, 'specs/ilm.yaml'));
  const ok = run('npx', ['--no-install', 'qualspec', 'lint', 'specs']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /0 problems \(0 errors, 0 warnings\) in 1 file/);
  writeFileSync(
    path.join(app, 'specs/ilm.yaml'),
    readFileSync(ILM, 'utf8').replace('    title: Effectively Selling to Customers\n', '    title: Effectively Selling to Customers\n    crdit: 3\n'),
  );
  const bad = run('npx', ['--no-install', 'qualspec', 'lint', 'specs', '--format', 'sarif']);
  assert.equal(bad.status, 1, bad.stderr);
  const sarif = JSON.parse(bad.stdout);
  assert.equal(sarif.runs[0].results[0].ruleId, 'unknown-key');
  // The rule's page ships in the package and is embedded as the rule's help.
  const rule = sarif.runs[0].tool.driver.rules.find((r) => r.id === 'unknown-key');
  assert.match(rule.help.markdown, /^# unknown-key\n[^]*## What it checks/);
  assert.equal(rule.helpUri, undefined);
  assert.equal(run('npx', ['--no-install', 'qualspec', '--version']).stdout.trim(), packed.version);
});

test("require('qualspec') and import 'qualspec' give the library API, with its types", () => {
  const cjs = run(process.execPath, [
    '-e',
    `const q = require('qualspec'); const fs = require('fs');
     const p = q.lintText(fs.readFileSync('specs/ilm.yaml', 'utf8'), { uri: 'file:///ilm.yaml' });
     q.lintFiles(['specs']).then((r) => console.log(JSON.stringify({ v: q.version, rules: q.rules.length, text: p.map((x) => x.rule), files: r.files, errors: r.errorCount })));`,
  ]);
  assert.equal(cjs.status, 0, cjs.stderr);
  const r = JSON.parse(cjs.stdout);
  assert.equal(r.v, packed.version);
  assert.ok(r.rules > 30);
  assert.deepEqual(r.text, ['unknown-key']);
  assert.deepEqual(r.files, ['specs/ilm.yaml']);
  assert.equal(r.errors, 1);
  const esm = run(process.execPath, [
    '--input-type=module',
    '-e',
    "import { analyseQualification } from 'qualspec'; import { readFileSync } from 'node:fs'; const t = readFileSync('specs/ilm.yaml', 'utf8'); " +
      // The misspelt key makes the text one the API refuses to analyse (issue 15), with the place named; without it, it answers.
      "try { analyseQualification(t, '600/5929/1'); console.log('analysed'); } catch (e) { console.log(e.message); } " +
      "const a = analyseQualification(t.replace('    crdit: 3\\n', ''), '600/5929/1'); console.log(a.credit.min, a.credit.max);",
  ]);
  assert.equal(esm.status, 0, esm.stderr);
  const [refused, credits] = esm.stdout.trim().split('\n');
  assert.match(refused, /not analysed.*166:5 Unknown key 'crdit'/);
  assert.equal(credits, '13 17');
  const pkg = JSON.parse(readFileSync(path.join(app, 'node_modules/qualspec/package.json'), 'utf8'));
  const types = readFileSync(path.join(app, 'node_modules/qualspec', pkg.exports['.'].types), 'utf8');
  assert.match(types, /export declare function lintText\(/);
  assert.match(types, /export declare function analyseQualification\(/);
});

/** A JSON-RPC peer over a child's stdio (LSP base protocol framing). */
function lsp(child) {
  let buf = Buffer.alloc(0);
  const waiting = [];
  const got = [];
  child.stdout.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const head = buf.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString())[1]);
      if (buf.length < head + 4 + len) return;
      const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString('utf8'));
      buf = buf.subarray(head + 4 + len);
      got.push(msg);
      for (const w of [...waiting]) {
        if (!w.match(msg)) continue;
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(msg);
      }
    }
  });
  const send = (m) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  const wait = (match, what) =>
    new Promise((resolve, reject) => {
      const hit = got.find(match);
      if (hit) return resolve(hit);
      const t = setTimeout(() => reject(new Error(`no ${what} from the language server in 20 s`)), 20_000);
      waiting.push({ match, resolve: (m) => (clearTimeout(t), resolve(m)) });
    });
  return { send, wait };
}

test('qualspec-language-server --stdio answers initialize, publishes diagnostics, and exits on shutdown + exit', async () => {
  const bin = path.join(app, 'node_modules/.bin/qualspec-language-server');
  const child = spawn(bin, ['--stdio'], { cwd: app, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const c = lsp(child);
    const rootUri = pathToFileURL(app).href;
    c.send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri, capabilities: {}, workspaceFolders: [{ uri: rootUri, name: 'app' }] } });
    const init = await c.wait((m) => m.id === 1, 'initialize result');
    assert.ok(init.result?.capabilities, JSON.stringify(init));
    assert.equal(init.result.serverInfo?.name?.toLowerCase().includes('qualspec'), true);
    c.send({ method: 'initialized', params: {} });
    const uri = pathToFileURL(path.join(app, 'specs/ilm.yaml')).href;
    c.send({
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'qualspec-yaml', version: 1, text: readFileSync(path.join(app, 'specs/ilm.yaml'), 'utf8') } },
    });
    const diags = await c.wait((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length > 0, 'diagnostics');
    assert.ok(
      diags.params.diagnostics.some((d) => d.code === 'unknown-key'),
      JSON.stringify(diags.params.diagnostics),
    );
    c.send({ id: 2, method: 'shutdown' });
    await c.wait((m) => m.id === 2, 'shutdown result');
    c.send({ method: 'exit' });
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
    assert.equal(code, 0, `exit code (stderr: ${stderr})`);
  } finally {
    child.kill();
  }
});
