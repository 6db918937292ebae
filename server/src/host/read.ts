/**
 * The one guarded read every file the tools read goes through (specs, `.qualspec.yaml`, baselines,
 * whatever a workspace scan finds), in the CLI and in the language server (issue 22):
 *
 * - regular files only: a FIFO, a socket or a device (`/dev/zero`, `/dev/urandom`) is refused before a
 *   byte is read; the file is opened with O_NONBLOCK, so even a FIFO swapped in after the check cannot
 *   block the thread, and the open descriptor is checked again (fstat) before reading;
 * - a symbolic link is followed only when its target lies inside `root` (the workspace, or the
 *   project), as a repository can commit a link to anywhere;
 * - a size limit, checked on the open file, and never more than that many bytes read.
 *
 * Every refusal is a `ReadRefusal` whose `message` names no path (callers name the file they asked
 * for) and says in plain words why the file was not read.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fsp, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';

/** Spec files are far smaller (the largest real spec is 0.3 MB); the core refuses texts over 5 M characters anyway. */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

export interface ReadOptions {
  /** Links are followed only to targets inside this directory; without it, any regular file a link names is read. */
  root?: string;
  /** The most bytes read (default MAX_READ_BYTES); a larger file is refused with reason 'too-large'. */
  maxBytes?: number;
}

export type ReadReason = 'missing' | 'not-regular' | 'outside' | 'too-large' | 'unreadable';

export interface ReadRefusal {
  ok: false;
  reason: ReadReason;
  /** Why, in plain words, without the file's name: "it is a link to /dev/zero, which is a device, not a file". */
  message: string;
  /** The system's error code, when there was one (ENOENT, EACCES, …). */
  code?: string;
  /** The size in bytes, for 'too-large'. */
  size?: number;
}

export interface ReadSuccess {
  ok: true;
  bytes: Buffer;
  /** The file's real path (links resolved). */
  real: string;
}

export type ReadResult = ReadSuccess | ReadRefusal;

const O_NONBLOCK = (constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;
const OPEN_FLAGS = constants.O_RDONLY | O_NONBLOCK;

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a folder';
  return 'not a regular file';
}

function refuse(reason: ReadReason, message: string, extra: Partial<ReadRefusal> = {}): ReadRefusal {
  return { ok: false, reason, message, ...extra };
}

function fromError(e: unknown): ReadRefusal {
  const err = e as NodeJS.ErrnoException;
  const code = err.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return refuse('missing', 'it does not exist', { code });
  if (code === 'ELOOP') return refuse('unreadable', 'it is a link that leads round in a loop', { code });
  if (code === 'EACCES' || code === 'EPERM') return refuse('unreadable', 'permission to read it was denied', { code });
  if (code === 'EISDIR') return refuse('not-regular', 'it is a folder, not a regular file', { code });
  return refuse('unreadable', `it could not be read (${code ?? err.message})`, code ? { code } : {});
}

/** Whether `p` is `root` or inside it (both real paths). */
export function isInside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  let r = realRoots.get(root);
  if (r === undefined) {
    try {
      r = realpathSync(root);
    } catch {
      r = path.resolve(root);
    }
    if (realRoots.size > 1000) realRoots.clear();
    realRoots.set(root, r);
  }
  return r;
}

/**
 * The checks before opening, shared by the two reads: the real path to open, or why not. A link
 * outside `root` is refused; the target must be a regular file no larger than `maxBytes`.
 */
function precheck(file: string, opts: ReadOptions): { real: string; size: number } | ReadRefusal {
  const max = opts.maxBytes ?? MAX_READ_BYTES;
  let real = file;
  try {
    const l = lstatSync(file);
    if (l.isSymbolicLink() || opts.root !== undefined) real = realpathSync(file);
    const st = l.isSymbolicLink() ? statSync(real) : l;
    // What the target is comes first (a device or a pipe is refused wherever it is), then where it is.
    if (!st.isFile()) {
      const what = kindOf(st);
      return refuse('not-regular', l.isSymbolicLink() ? `it is a link to ${real}, which is ${what}, not a regular file` : `it is ${what}, not a regular file`);
    }
    if (opts.root !== undefined && !isInside(real, realRoot(opts.root)))
      return refuse(
        'outside',
        l.isSymbolicLink()
          ? `it is a link to ${real}, outside the workspace, so it was not followed`
          : // A parent folder may itself be a link out of the workspace.
            `it lies outside the workspace (at ${real}), so it was not read`,
      );
    if (st.size > max) return tooLarge(st.size, max);
    return { real, size: st.size };
  } catch (e) {
    return fromError(e);
  }
}

function tooLarge(size: number, max: number): ReadRefusal {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(n < 1024 * 1024 ? 2 : 0);
  return refuse('too-large', `it is ${mb(size)} MB, more than the ${mb(max)} MB a qualspec file may be, so it was not read`, { size });
}

/** Read a file through the guards (synchronously; never blocks on a pipe or reads a device). `head`: only its first bytes. */
export function readGuardedSync(file: string, opts: ReadOptions & { head?: number } = {}): ReadResult {
  const pre = precheck(file, opts);
  if ('ok' in pre) return pre;
  const max = opts.maxBytes ?? MAX_READ_BYTES;
  let fd: number;
  try {
    fd = openSync(pre.real, OPEN_FLAGS);
  } catch (e) {
    return fromError(e);
  }
  try {
    // The file may have been swapped between the check and the open: check what was opened.
    const st = fstatSync(fd);
    if (!st.isFile()) return refuse('not-regular', `it is ${kindOf(st)}, not a regular file`);
    if (st.size > max) return tooLarge(st.size, max);
    return readAll(st.size, max, opts.head, (buf) => readSync(fd, buf, 0, buf.length, null), pre.real);
  } catch (e) {
    return fromError(e);
  } finally {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
  }
}

/** The same read, asynchronously (the server's scan). */
export async function readGuarded(file: string, opts: ReadOptions & { head?: number } = {}): Promise<ReadResult> {
  const pre = precheck(file, opts);
  if ('ok' in pre) return pre;
  const max = opts.maxBytes ?? MAX_READ_BYTES;
  let fh: import('node:fs/promises').FileHandle;
  try {
    fh = await fsp.open(pre.real, OPEN_FLAGS);
  } catch (e) {
    return fromError(e);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) return refuse('not-regular', `it is ${kindOf(st)}, not a regular file`);
    if (st.size > max) return tooLarge(st.size, max);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const room = readRoom(st.size, max, opts.head, total);
      if (room <= 0) break;
      const buf = Buffer.allocUnsafe(room);
      const { bytesRead } = await fh.read(buf, 0, room, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === room ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
      if (opts.head === undefined && total > max) return tooLarge(total, max);
    }
    return { ok: true, bytes: Buffer.concat(chunks, total), real: pre.real };
  } catch (e) {
    return fromError(e);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/**
 * How many bytes to ask for next: the rest of the file as stat saw it plus one (to see the end, or
 * that it grew), never past one byte over the limit, at most 1 MB at a time; `head` caps it.
 */
function readRoom(size: number, max: number, head: number | undefined, total: number): number {
  if (head !== undefined) return Math.min(head - total, 1 << 20);
  return Math.min(Math.max(size - total, 0) + 1, max + 1 - total, 1 << 20);
}

function readAll(size: number, max: number, head: number | undefined, read: (buf: Buffer) => number, real: string): ReadResult {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const room = readRoom(size, max, head, total);
    if (room <= 0) break;
    const buf = Buffer.allocUnsafe(room);
    const n = read(buf);
    if (n === 0) break;
    chunks.push(n === room ? buf : buf.subarray(0, n));
    total += n;
    if (head === undefined && total > max) return tooLarge(total, max);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total), real };
}

/** Bytes as text: UTF-8, without a leading byte-order mark. */
export function utf8Text(bytes: Buffer): string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return (bom ? bytes.subarray(3) : bytes).toString('utf8');
}

/** A refusal as an exception, for callers whose errors are exceptions (the CLI's ReadError keeps `code`). */
export class GuardedReadError extends Error {
  constructor(
    readonly refusal: ReadRefusal,
    readonly file: string,
  ) {
    super(refusal.message);
  }
}
