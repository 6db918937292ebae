/**
 * Reading a spec file from disk as the CLI does: the UTF-8 byte-order mark remembered, UTF-16 with
 * a byte-order mark decoded, invalid UTF-8 located and described, devices and huge files refused.
 */
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toPosix } from './files.js';
import { MAX_READ_BYTES, readGuardedSync } from './read.js';

export interface Loaded {
  abs: string;
  rel: string;
  uri: string;
  text: string;
  /** The file started with a UTF-8 byte-order mark (kept when --fix writes it back). */
  bom: boolean;
  /** Why the file could not be read as it is (not UTF-8 text, too large), as a finding; such a file is never fixed. */
  notice?: { offset: number; message: string };
}

/** Index of the first byte of the first invalid UTF-8 sequence in `buf`, and how many there are; undefined when valid. */
export function invalidUtf8(buf: Uint8Array): { at: number; count: number } | undefined {
  let at = -1;
  let count = 0;
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    }
    let ok = need > 0 && i + need < n;
    let cp = need === 1 ? b & 0x1f : need === 2 ? b & 0x0f : b & 0x07;
    if (ok) {
      for (let k = 1; k <= need; k++) {
        const c = buf[i + k];
        if (c === undefined || (c & 0xc0) !== 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (c & 0x3f);
      }
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either.
    if (ok && (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)) ok = false;
    if (ok) {
      i += need + 1;
      continue;
    }
    if (at === -1) at = i;
    count++;
    i++;
    while (i < n && (buf[i]! & 0xc0) === 0x80) i++; // skip the rest of the broken sequence
  }
  return at === -1 ? undefined : { at, count };
}

export function readSpec(abs: string, cwd: string): Loaded {
  const base = { abs, rel: toPosix(path.relative(cwd, abs)) || path.basename(abs), uri: pathToFileURL(abs).href };
  // A device or a pipe named on the command line (/dev/zero, /dev/stdin) would be read forever: the guarded read refuses it.
  const read = readGuardedSync(abs, { maxBytes: MAX_READ_BYTES });
  if (!read.ok && read.reason === 'too-large') {
    const mb = ((read.size ?? 0) / (1024 * 1024)).toFixed(0);
    return {
      ...base,
      text: '',
      bom: false,
      notice: {
        offset: 0,
        message: `This file is ${mb} MB; spec files are far smaller (the largest real spec is 0.3 MB), so it was not read or checked. Is it the right file?`,
      },
    };
  }
  if (!read.ok) throw Object.assign(new Error(read.message), { code: read.code && read.reason !== 'not-regular' ? read.code : read.message });
  const buf = read.bytes;
  // UTF-16 with a byte-order mark (Windows "Unicode"): read it, say so, never write it back.
  const le = buf[0] === 0xff && buf[1] === 0xfe;
  if (le || (buf[0] === 0xfe && buf[1] === 0xff)) {
    const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(buf);
    return {
      ...base,
      text,
      bom: false,
      notice: {
        offset: 0,
        message: `This file is UTF-16 text (${le ? 'little' : 'big'}-endian); spec files are UTF-8. It was checked as read, but --fix leaves it alone: save it as UTF-8.`,
      },
    };
  }
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  const text = body.toString('utf8');
  // Node's own validator is many times faster; ours says where the first bad byte is, when there is one.
  const bad = isUtf8(body) ? undefined : invalidUtf8(body);
  if (!bad) return { ...base, text, bom };
  // Not UTF-8: say where, rather than silently showing U+FFFD. The valid prefix decodes to the same characters.
  const offset = body.subarray(0, bad.at).toString('utf8').length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const hex = body[bad.at]!.toString(16).toUpperCase().padStart(2, '0');
  const more = bad.count > 1 ? ` (and ${bad.count - 1} more such byte sequence${bad.count === 2 ? '' : 's'})` : '';
  return {
    ...base,
    text,
    bom,
    notice: {
      offset: Math.min(offset, text.length),
      message: `This file is not UTF-8 text: the byte 0x${hex} at line ${line}, column ${column} is not valid UTF-8${more}. Was it saved as Windows-1252 or Latin-1? It was checked with each such byte read as U+FFFD (\uFFFD), and --fix leaves it alone: save it as UTF-8.`,
    },
  };
}

/** A file that could not be read (the CLI exits 2 naming it). */
export class ReadError extends Error {
  constructor(
    readonly abs: string,
    readonly code: string,
  ) {
    super(`cannot read ${abs}: ${code}`);
  }
}

/** readSpec, with a failure to read (missing, a device, no permission) as a ReadError. */
export function readSpecOrThrow(abs: string, cwd: string): Loaded {
  try {
    return readSpec(abs, cwd);
  } catch (e) {
    throw new ReadError(abs, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
}
