/**
 * A `$schema` or `$ref` naming a remote URL is never fetched (issue 8, section 2): every way out of the
 * process (http, https, net, tls, dns, fetch) is stubbed to record and refuse, and a spec that points
 * at remote schemas is linted in-process through the engine and the CLI. Zero attempts are allowed.
 * Statically: ajv is never given a `loadSchema` and never compiles asynchronously.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintTexts } from '../../server/src/core/index.js';
import { main } from '../../server/src/cli/main.js';

const require = createRequire(import.meta.url);
const ROOT = join(__dirname, '../..');
const FIXTURE = readFileSync(join(ROOT, 'test/fixtures/fix-safety/commented-clean.yaml'), 'utf8');

const REMOTE = `# yaml-language-server: $schema=https://schemas.example.invalid/qualspec.json
$schema: https://schemas.example.invalid/qualspec.json
$ref: https://schemas.example.invalid/other.json#/definitions/spec
${FIXTURE.replace('# A small, valid spec', '# A spec')}`;

const attempts: string[] = [];
const restore: (() => void)[] = [];

function stub(mod: Record<string, unknown>, name: string, label: string): void {
  const original = mod[name];
  if (typeof original !== 'function') return;
  mod[name] = function (...args: unknown[]) {
    attempts.push(`${label}(${String(args[0]).slice(0, 80)})`);
    throw new Error(`network access attempted: ${label}`);
  };
  restore.push(() => {
    mod[name] = original;
  });
}

beforeAll(() => {
  const http = require('node:http') as Record<string, unknown>;
  const https = require('node:https') as Record<string, unknown>;
  const net = require('node:net') as Record<string, unknown> & { Socket: { prototype: Record<string, unknown> } };
  const tls = require('node:tls') as Record<string, unknown>;
  const dns = require('node:dns') as Record<string, unknown>;
  for (const [mod, label] of [
    [http, 'http'],
    [https, 'https'],
  ] as const) {
    stub(mod, 'request', `${label}.request`);
    stub(mod, 'get', `${label}.get`);
  }
  stub(net, 'connect', 'net.connect');
  stub(net, 'createConnection', 'net.createConnection');
  stub(net.Socket.prototype, 'connect', 'net.Socket.connect');
  stub(tls, 'connect', 'tls.connect');
  stub(dns, 'lookup', 'dns.lookup');
  stub(dns, 'resolve', 'dns.resolve');
  stub(globalThis as unknown as Record<string, unknown>, 'fetch', 'fetch');
  syncBuiltinESMExports(); // ESM `import { request } from 'node:http'` sees the stubs too
});

afterAll(() => {
  for (const r of restore.reverse()) r();
  syncBuiltinESMExports();
});

describe('remote $schema / $ref', () => {
  it('the stubs catch a real attempt (so zero below means zero)', async () => {
    const before = attempts.length;
    expect(() => (require('node:https') as { get: (u: string) => void }).get('https://example.invalid/')).toThrow(/network access attempted/);
    expect(() => (globalThis as unknown as { fetch: (u: string) => void }).fetch('https://example.invalid/')).toThrow(/network access attempted/);
    expect(attempts.length).toBe(before + 2);
    attempts.length = 0;
  });

  it('linting a spec that names remote schemas makes no network access, and flags the unknown $ref key', async () => {
    const findings = lintTexts([{ uri: 'file:///remote/spec.yaml', text: REMOTE }]).get('file:///remote/spec.yaml') ?? [];
    expect(attempts).toEqual([]);
    const ref = findings.find((f) => f.ruleId === 'unknown-key' && /'\$ref'/.test(f.message));
    expect(ref, findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n')).toBeDefined();
    expect(REMOTE.slice(ref!.span.start, ref!.span.end)).toBe('$ref');
    expect(findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
  });

  it('through the CLI, too (with a .qualspec.yaml beside it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qualspec-remote-'));
    try {
      writeFileSync(join(dir, 'spec.yaml'), REMOTE);
      writeFileSync(join(dir, '.qualspec.yaml'), 'rules:\n  unknown-key: warning\n');
      let out = '';
      const code = await main(['lint', join(dir, 'spec.yaml'), '--format', 'json'], {
        cwd: dir,
        stdout: (s) => void (out += s),
        stderr: () => undefined,
        isTTY: false,
        version: '0',
        docsBase: 'file:///docs/',
      });
      expect(code).toBe(0);
      expect(JSON.parse(out).diagnostics.map((d: { rule: string }) => d.rule)).toEqual(['unknown-key']);
      expect(attempts).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ajv is never given a way to load schemas: no loadSchema, no compileAsync, no http in the core', async () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(ROOT, 'server/src/core'));
    walk(join(ROOT, 'server/src/cli'));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) =>
      /\bloadSchema\s*:|compileAsync\s*\(|from ['"](node:)?(http|https|net|tls|dns)['"]|\bfetch\s*\(/.test(
        readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, ''),
      ),
    );
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
