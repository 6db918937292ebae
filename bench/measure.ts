/** Run a command and measure its wall time and peak memory (GNU time's %M, else sampled VmHWM). */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readVmHwm } from './lsp-client.js';

export interface ProcResult {
  wallMs: number;
  /** Peak RSS in bytes (of the largest process of the tree for GNU time), undefined if unknown. */
  peakRss?: number;
  code: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';
let gnuTimeOk: boolean | undefined;

export function hasGnuTime(): boolean {
  if (gnuTimeOk === undefined) gnuTimeOk = existsSync(GNU_TIME);
  return gnuTimeOk;
}

export interface RunOptions {
  cwd: string;
  timeoutMs?: number;
  /** Keep stdout (default: discarded, as CI output to a log would be cheap). */
  captureStdout?: boolean;
  env?: NodeJS.ProcessEnv;
}

let seq = 0;

export function runMeasured(cmd: string, args: readonly string[], opts: RunOptions): Promise<ProcResult> {
  const timeFile = path.join(os.tmpdir(), `qualspec-bench-time-${process.pid}-${seq++}.txt`);
  const useTime = hasGnuTime();
  const [c, a] = useTime ? [GNU_TIME, ['-f', '%e %M', '-o', timeFile, cmd, ...args]] : [cmd, [...args]];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(c, a, {
      cwd: opts.cwd,
      stdio: ['ignore', opts.captureStdout ? 'pipe' : 'ignore', 'pipe'],
      detached: true,
      env: opts.env ?? process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 100000) stderr += d.toString();
    });
    let sampled: number | undefined;
    // Without GNU time, sample the child's VmHWM (monotonic) until it exits.
    const sampler = useTime
      ? undefined
      : setInterval(() => {
          const v = readVmHwm(child.pid!);
          if (v !== undefined) sampled = Math.max(sampled ?? 0, v);
        }, 5);
    let timedOut = false;
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, opts.timeoutMs)
      : undefined;
    child.on('exit', (code) => {
      const wallMs = performance.now() - t0;
      if (timer) clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      // Let stdio drain.
      setImmediate(() => {
        let peakRss = sampled;
        let exit = code;
        if (useTime) {
          try {
            const txt = readFileSync(timeFile, 'utf8').trim().split('\n');
            const last = txt[txt.length - 1]!.split(' ');
            peakRss = Number(last[1]) * 1024;
            const m = /Command exited with non-zero status (\d+)/.exec(txt.join('\n'));
            if (m) exit = Number(m[1]);
            rmSync(timeFile, { force: true });
          } catch {
            /* killed before writing */
          }
        }
        resolve({ wallMs, ...(peakRss !== undefined && Number.isFinite(peakRss) ? { peakRss } : {}), code: exit, timedOut, stdout, stderr });
      });
    });
  });
}
