// The web extension's language server (dist/browser-server.js) in a real browser: Debian's Chromium,
// driven by playwright-core, loads a page from a tiny HTTP server on 127.0.0.1 that starts the
// bundle in a Web Worker and speaks LSP to it over postMessage — as VS Code for the web does.
//
//   npm run test:web            (builds first; needs `bash test/e2e/setup.sh` for playwright-core)
//
// In CI (CI=true) a missing browser or playwright-core fails the test; elsewhere it skips with the
// reason. Every process started here (the HTTP server, Chromium) is stopped before it exits.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const e2eHome = process.env.QUALSPEC_E2E_HOME || join(homedir(), '.cache', 'qualspec-e2e');
const playwrightCore = process.env.QUALSPEC_PLAYWRIGHT_CORE || join(e2eHome, 'code-server/node_modules/playwright-core/index.js');
const chromiumPath = process.env.QUALSPEC_CHROMIUM || '/usr/bin/chromium';
const bundle = join(repo, 'dist/browser-server.js');
const TIMEOUT_MS = 60_000;

function missing(what) {
  if (process.env.CI === 'true') {
    console.error(`test:web FAILED: ${what} (CI=true: the browser test must run; run \`bash test/e2e/setup.sh\`)`);
    process.exit(1);
  }
  console.log(`test:web SKIPPED: ${what} (run \`bash test/e2e/setup.sh\` to install it)`);
  process.exit(0);
}
if (!existsSync(bundle)) {
  console.error(`test:web FAILED: ${bundle} is missing: run \`node scripts/build.mjs --dev\` first`);
  process.exit(1);
}
if (!existsSync(chromiumPath)) missing(`Chromium not found at ${chromiumPath}`);
if (!existsSync(playwrightCore)) missing(`playwright-core not found at ${playwrightCore}`);

// ------------------------------------------------------------------ the spec, with one seeded error

const specPath = join(repo, 'specs/isp-level-5-professional-sales.yaml');
const original = readFileSync(specPath, 'utf8');
const GOOD_QAN = 'qan: 610/5663/7';
const BAD_QAN = 'qan: 610/5663/8';
assert.ok(original.includes(GOOD_QAN), `the ISP spec no longer has "${GOOD_QAN}": choose another seeded error`);
const seeded = original.replace(GOOD_QAN, BAD_QAN);
const lines = seeded.split('\n');
const badLine = lines.findIndex((l) => l.includes(BAD_QAN));
const badCol = lines[badLine].indexOf('610/5663/8');
// A unit's code, for the hover: the first `- ref: X` and the unit's title under it.
const unitLine = lines.findIndex((l) => /^\s*- ref: \S+/.test(l));
const unitRef = /ref: (\S+)/.exec(lines[unitLine])[1];
const unitTitle = lines
  .slice(unitLine + 1, unitLine + 10)
  .map((l) => /^\s+title: (.+)$/.exec(l)?.[1])
  .find(Boolean)
  ?.replace(/^["']|["']$/g, '');
assert.ok(unitTitle, `no title found under unit ${unitRef}`);
// Non-file URIs, as VS Code for the web sends them.
const SPEC_URI = 'vscode-test-web://mount/specs/isp-level-5-professional-sales.yaml';
const OTHER_URI = 'vscode-test-web://mount/specs/openapi.yaml';

// ------------------------------------------------------------------ the page and its server

const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>qualspec web server test</title></head><body><script>
  window.received = [];
  window.workerErrors = [];
  const worker = new Worker('/browser-server.js', { name: 'qualspec-language-server' });
  worker.onmessage = (e) => window.received.push(e.data);
  worker.onerror = (e) => window.workerErrors.push(String(e.message || e));
  window.send = (msg) => worker.postMessage(msg);
</script></body></html>`;

const dictionaryRequests = [];
const http = createServer((req, res) => {
  if (req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  } else if (req.url === '/browser-server.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    res.end(readFileSync(bundle));
  } else if (/^\/ext\/dist\/dict\/[\w-]+\.btrie\.br$/.test(req.url) && existsSync(join(repo, req.url.slice('/ext/'.length)))) {
    // The spelling dictionaries, where the client says the extension keeps them (initializationOptions.dictionaryBase).
    dictionaryRequests.push(req.url);
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(readFileSync(join(repo, req.url.slice('/ext/'.length))));
  } else {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => http.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${http.address().port}`;

const { chromium } = await import(pathToFileURL(playwrightCore).href).then((m) => m.default ?? m);
let browser;
const watchdog = setTimeout(() => {
  console.error(`test:web FAILED: no result within ${TIMEOUT_MS / 1000} s`);
  void stop().then(() => process.exit(1));
}, TIMEOUT_MS);

async function stop() {
  clearTimeout(watchdog);
  await browser?.close().catch(() => undefined);
  browser = undefined;
  await new Promise((r) => http.close(() => r()));
}

let passed = 0;
function ok(name) {
  passed++;
  console.log(`  ✓ ${name}`);
}

try {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(base + '/');

  let seq = 0;
  const send = (msg) => page.evaluate((m) => window.send(m), { jsonrpc: '2.0', ...msg });
  const notify = (method, params) => send({ method, params });
  /** Waits for the first message (after index `from`) that matches `want` ({ id } of an answer, or { method, uri } of a notification). */
  async function waitFor(want, from = 0, what = 'a message') {
    const handle = await page
      .waitForFunction(
        ([w, f]) => {
          const hit = (m) => (w.id !== undefined ? m.id === w.id && !m.method : m.method === w.method && m.params?.uri === w.uri);
          const i = window.received.findIndex((m, k) => k >= f && hit(m));
          return i >= 0 ? { i, m: window.received[i] } : window.workerErrors.length ? { error: window.workerErrors.join('\n') } : false;
        },
        [want, from],
        { timeout: 20_000, polling: 20 },
      )
      .catch((e) => {
        throw new Error(`waiting for ${what}: ${e.message}`);
      });
    const r = await handle.jsonValue();
    if (r.error) throw new Error(`the worker failed: ${r.error}`);
    return r;
  }
  async function request(method, params) {
    const id = ++seq;
    await send({ id, method, params });
    const r = await waitFor({ id }, 0, `the answer to ${method}`);
    assert.equal(r.m.error, undefined, `${method} failed: ${JSON.stringify(r.m.error)}`);
    return r;
  }
  const count = () => page.evaluate(() => window.received.length);
  const diagnosticsFor = (uri, from) => waitFor({ method: 'textDocument/publishDiagnostics', uri }, from, `diagnostics of ${uri}`);

  // initialize: the server runs in the worker and answers.
  const init = await request('initialize', {
    processId: null,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: {} } },
    initializationOptions: { settings: { rules: {} }, dictionaryBase: `${base}/ext/dist/dict/` },
  });
  const caps = init.m.result.capabilities;
  assert.equal(caps.hoverProvider, true);
  assert.ok(caps.completionProvider, 'completion is offered');
  assert.equal(caps.diagnosticProvider, undefined, 'diagnostics are pushed');
  assert.match(init.m.result.serverInfo.name, /qualspec/);
  ok(`initialize answered by ${init.m.result.serverInfo.name} in a Web Worker`);
  await notify('initialized', {});

  // didOpen of the ISP spec with one mistyped QAN: exactly that finding comes back.
  let from = await count();
  await notify('textDocument/didOpen', { textDocument: { uri: SPEC_URI, languageId: 'qualspec-yaml', version: 1, text: seeded } });
  const pub = (await diagnosticsFor(SPEC_URI, from)).m.params;
  assert.equal(pub.version, 1);
  assert.deepEqual(
    pub.diagnostics.map((d) => d.code),
    ['qan-check-digit'],
    `only the seeded error is reported (the spec is clean otherwise): ${JSON.stringify(pub.diagnostics.map((d) => d.message))}`,
  );
  const d = pub.diagnostics[0];
  assert.equal(d.severity, 1, 'an error');
  assert.equal(d.range.start.line, badLine);
  assert.equal(d.range.start.character, badCol);
  assert.match(d.message, /610\/5663\/8/);
  ok(`publishDiagnostics: ${d.code} at ${d.range.start.line + 1}:${d.range.start.character + 1} — ${d.message.slice(0, 60)}…`);

  // hover on a unit's code answers with the unit.
  const col = lines[unitLine].indexOf(unitRef) + 1;
  const hv = (await request('textDocument/hover', { textDocument: { uri: SPEC_URI }, position: { line: unitLine, character: col } })).m.result;
  assert.ok(hv, `a hover on ${unitRef}`);
  const text = typeof hv.contents === 'string' ? hv.contents : Array.isArray(hv.contents) ? hv.contents.map((c) => c.value ?? c).join('\n') : hv.contents.value;
  assert.ok(text.includes(unitTitle), `the hover on ${unitRef} names its title "${unitTitle}": ${text.slice(0, 200)}`);
  ok(`hover on ${unitRef}: names "${unitTitle}"`);

  // completion answers (the service runs in the worker as on the desktop).
  const comp = (await request('textDocument/completion', { textDocument: { uri: SPEC_URI }, position: { line: unitLine + 1, character: 4 } })).m.result;
  assert.ok(comp && Array.isArray(comp.items), 'a completion list');
  ok(`completion: ${comp.items.length} items`);

  // An edit that corrects the QAN: the finding goes.
  from = await count();
  const fixed = { start: { line: badLine, character: badCol }, end: { line: badLine, character: badCol + 10 } };
  await notify('textDocument/didChange', { textDocument: { uri: SPEC_URI, version: 2 }, contentChanges: [{ range: fixed, text: '610/5663/7' }] });
  const after = (await diagnosticsFor(SPEC_URI, from)).m.params;
  assert.equal(after.version, 2);
  assert.deepEqual(after.diagnostics, [], 'no finding once the QAN is corrected');
  ok('didChange: the corrected spec has no finding');

  // Spelling: the worker fetched the shipped dictionaries and decoded them in the browser (a brotli
  // decoder in JavaScript: Chromium has no brotli DecompressionStream), so a misspelling and an
  // American spelling are found, with the suggestion.
  assert.deepEqual([...dictionaryRequests].sort(), ['/ext/dist/dict/en-GB.btrie.br', '/ext/dist/dict/en-US.btrie.br']);
  const TYPO_URI = 'vscode-test-web://mount/specs/typos.yaml';
  const typos = original
    .replace('organisations wishing to operate', 'organizations wishing to operate')
    .replace('acceptable in business organisations', 'acceptable in busness organisations');
  assert.notEqual(typos, original, 'the ISP spec no longer has the sentences the spelling check seeds');
  from = await count();
  await notify('textDocument/didOpen', { textDocument: { uri: TYPO_URI, languageId: 'qualspec-yaml', version: 1, text: typos } });
  const sp = (await diagnosticsFor(TYPO_URI, from)).m.params;
  // The same spec is open twice, so its QANs are also reported as used by both files (duplicate-qan).
  assert.deepEqual(
    sp.diagnostics.map((x) => x.code).filter((c) => c !== 'duplicate-qan'),
    ['us-spelling', 'spelling'],
    JSON.stringify(sp.diagnostics.map((x) => x.message)),
  );
  const misspelt = sp.diagnostics.find((x) => x.code === 'spelling');
  assert.ok(misspelt, `a spelling finding: ${JSON.stringify(sp.diagnostics.map((x) => x.message))}`);
  assert.match(misspelt.message, /'busness' is not in the British English dictionary — did you mean 'business'/);
  assert.ok(
    sp.diagnostics.some((x) => x.code === 'us-spelling' && /'organizations'/.test(x.message)),
    'the American spelling is found',
  );
  const logs = (await page.evaluate(() => window.received)).filter((m) => m.method === 'window/logMessage').map((m) => m.params.message);
  assert.ok(
    logs.some((l) => /British English spelling dictionary is loaded/.test(l)),
    `the log says the dictionary is loaded: ${JSON.stringify(logs)}`,
  );
  await notify('textDocument/didClose', { textDocument: { uri: TYPO_URI } });
  ok(`spelling in the worker: ${misspelt.message.slice(0, 70)}…`);

  // Other YAML is left alone: no diagnostics for an OpenAPI file (checked by the time a later request is answered).
  from = await count();
  await notify('textDocument/didOpen', {
    textDocument: { uri: OTHER_URI, languageId: 'yaml', version: 1, text: 'openapi: 3.0.0\ninfo:\n  title: Not a spec\n' },
  });
  const sym = await request('textDocument/documentSymbol', { textDocument: { uri: OTHER_URI } });
  const later = await page.evaluate((f) => window.received.slice(f), from);
  assert.ok(
    !later.slice(0, sym.i - from).some((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === OTHER_URI),
    'no diagnostics for other YAML',
  );
  assert.deepEqual(sym.m.result, []);
  ok('an OpenAPI YAML file gets no finding');

  // shutdown is answered; nothing failed in the page or the worker.
  await request('shutdown', null);
  await notify('exit', null);
  assert.deepEqual(pageErrors, [], 'no page error');
  assert.deepEqual(await page.evaluate(() => window.workerErrors), [], 'no worker error');
  ok('shutdown answered, no page or worker error');
  console.log(`test:web: ${passed} passed`);
  await stop();
} catch (e) {
  console.error(`test:web FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  await stop();
  process.exit(1);
}
