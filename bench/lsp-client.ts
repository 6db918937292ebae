/**
 * A small LSP client over stdio for the editor benchmark: the same client drives every server.
 *
 * It frames JSON-RPC with Content-Length headers, answers the requests a server sends to its client
 * (workspace/configuration from the given settings, capability registration, progress creation,
 * workspace folders), and records every notification with the time it arrived, so a benchmark can
 * wait for "the diagnostics of version v of this document".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export interface Diagnostics {
  uri: string;
  version?: number;
  diagnostics: { message: string; code?: unknown; severity?: number }[];
  at: number;
}

type Waiter = { test: (d: Diagnostics) => boolean; resolve: (d: Diagnostics) => void };

export interface ClientOptions {
  command: string;
  args: string[];
  cwd: string;
  /** Settings by section, for workspace/configuration ({ yaml: {...}, qualspec: {...} }). */
  settings: Record<string, unknown>;
  workspaceFolders?: { uri: string; name: string }[];
  /** Called with every line the server writes to stderr. */
  onStderr?: (line: string) => void;
}

export class LspClient {
  readonly proc: ChildProcess;
  private buf: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }>();
  private diagWaiters: Waiter[] = [];
  /** Every publishDiagnostics, in order of arrival. */
  readonly published: Diagnostics[] = [];
  /** Every $/progress notification (token, value.kind), with its time. */
  readonly progress: { token: unknown; kind: string; at: number; title?: string }[] = [];
  readonly notifications: { method: string; at: number }[] = [];
  /** window/logMessage and window/showMessage texts, for error reports. */
  readonly logs: string[] = [];
  exited: { code: number | null; signal: string | null } | undefined;
  private exitWaiters: (() => void)[] = [];
  stderr = '';

  constructor(readonly opts: ClientOptions) {
    this.proc = spawn(opts.command, opts.args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout!.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr!.on('data', (d: Buffer) => {
      const s = d.toString();
      if (this.stderr.length < 20000) this.stderr += s;
      if (opts.onStderr) for (const l of s.split('\n')) if (l.trim()) opts.onStderr(l);
    });
    this.proc.on('exit', (code, signal) => {
      this.exited = { code, signal };
      for (const p of this.pending.values()) p.reject(new Error(`server exited (${code ?? signal}) during ${p.method}`));
      this.pending.clear();
      for (const w of this.exitWaiters) w();
    });
    this.proc.stdin!.on('error', () => undefined);
  }

  get pid(): number {
    return this.proc.pid!;
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buf.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) throw new Error(`bad LSP header: ${header}`);
      const len = Number(m[1]);
      if (this.buf.length < headerEnd + 4 + len) return;
      const body = this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      this.onMessage(JSON.parse(body) as Message, performance.now());
    }
  }

  private onMessage(msg: Message, at: number): void {
    if (msg.method !== undefined && msg.id !== undefined && msg.id !== null) {
      this.send({ jsonrpc: '2.0', id: msg.id, result: this.answer(msg.method, msg.params) });
      return;
    }
    if (msg.method !== undefined) {
      this.notifications.push({ method: msg.method, at });
      if (msg.method === 'textDocument/publishDiagnostics') {
        const p = msg.params as Omit<Diagnostics, 'at'>;
        const d: Diagnostics = { ...p, at };
        this.published.push(d);
        this.diagWaiters = this.diagWaiters.filter((w) => {
          if (!w.test(d)) return true;
          w.resolve(d);
          return false;
        });
      } else if (msg.method === 'window/logMessage' || msg.method === 'window/showMessage') {
        const m = (msg.params as { message?: string }).message ?? '';
        if (this.logs.length < 200) this.logs.push(m.slice(0, 2000));
      } else if (msg.method === '$/progress') {
        const p = msg.params as { token: unknown; value?: { kind?: string; title?: string } };
        this.progress.push({ token: p.token, kind: p.value?.kind ?? '?', at, ...(p.value?.title ? { title: p.value.title } : {}) });
      }
      return;
    }
    const p = this.pending.get(Number(msg.id));
    if (!p) return;
    this.pending.delete(Number(msg.id));
    if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
    else p.resolve(msg.result);
  }

  /** What this client answers to a request from the server. */
  private answer(method: string, params: unknown): unknown {
    switch (method) {
      case 'workspace/configuration': {
        const items = (params as { items: { section?: string }[] }).items;
        return items.map((i) => (i.section ? (this.opts.settings[i.section] ?? null) : this.opts.settings));
      }
      case 'workspace/workspaceFolders':
        return this.opts.workspaceFolders ?? null;
      default:
        // client/registerCapability, window/workDoneProgress/create, window/showMessageRequest, …
        return null;
    }
  }

  private send(msg: Message): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin!.write(body);
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = 60000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
        method,
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The next publishDiagnostics (from now on) that passes `test`. */
  waitForDiagnostics(test: (d: Diagnostics) => boolean, timeoutMs = 60000): Promise<Diagnostics> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.diagWaiters = this.diagWaiters.filter((w) => w !== waiter);
        reject(new Error(`no diagnostics within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        test,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      };
      this.diagWaiters.push(waiter);
    });
  }

  /** Peak resident set size of the server process so far, in bytes (VmHWM), or undefined. */
  peakRss(): number | undefined {
    return readVmHwm(this.pid);
  }

  async shutdown(timeoutMs = 5000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((r) => this.exitWaiters.push(r));
    try {
      await this.request('shutdown', null, timeoutMs);
      this.notify('exit', null);
    } catch {
      /* killed below */
    }
    const t = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(t);
  }
}

/** VmHWM (peak RSS) of a process, in bytes. */
export function readVmHwm(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) of a process so far, in milliseconds (from /proc/<pid>/stat). */
export function readCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** The client capabilities sent to every server: push diagnostics, incremental sync, hover, completion. */
export const CLIENT_CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true, willSave: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
  },
  window: { workDoneProgress: true },
  general: { positionEncodings: ['utf-16'] },
};
