/**
 * A minimal test runner for the extension host (no mocha): tests run one after another, in the
 * order they are declared, each with a time limit; every wait polls for a condition. The report
 * goes to the console (and to the file QUALSPEC_TEST_LOG names, when set).
 */
import { appendFileSync } from 'node:fs';

function report(line: string, error = false): void {
  (error ? console.error : console.log)(line);
  const file = process.env.QUALSPEC_TEST_LOG;
  if (file) appendFileSync(file, `${line}\n`);
}
export interface TestCase {
  name: string;
  fn: () => Promise<void>;
  timeout: number;
}

export const tests: TestCase[] = [];

export function test(name: string, fn: () => Promise<void>, timeout = 60_000): void {
  tests.push({ name, fn, timeout });
}

/** Polls `fn` until it returns a truthy value, which is returned; throws after `timeout` ms. */
export async function until<T>(fn: () => T | Promise<T>, message: string, timeout = 30_000, interval = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeout} ms waiting for ${message}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

async function withTimeout(p: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`"${name}" timed out after ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every declared test; rejects when one failed (the extension host then exits non-zero). */
export async function runAll(): Promise<void> {
  let passed = 0;
  const failed: string[] = [];
  for (const t of tests) {
    const start = Date.now();
    try {
      await withTimeout(t.fn(), t.timeout, t.name);
      passed++;
      report(`  ✓ ${t.name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed.push(t.name);
      report(`  ✗ ${t.name} (${Date.now() - start} ms)\n    ${e instanceof Error ? (e.stack ?? e.message).replace(/\n/g, '\n    ') : String(e)}`, true);
    }
  }
  report(`${passed} passed, ${failed.length} failed`);
  if (failed.length) throw new Error(`${failed.length} extension-host test(s) failed: ${failed.join('; ')}`);
}
