/** Entry point of dist/cli.js: runs the CLI on the process's arguments (or, in a worker thread it started, its share of a batch). */
import { docsDir, main } from './main.js';
import { isBatchWorker, runBatchWorker } from './batch.js';
import { colorByDefault, MAX_STDIN_BYTES } from './lint-command.js';
import pkg from '../../../package.json';
import { installSpellDictionaries } from '../host/spell-dictionaries.js';

installSpellDictionaries();

/**
 * A reader that closed the pipe (`qualspec lint … | head -1`) wants no more: stop writing and end
 * quietly, as other command-line tools do, instead of an unhandled EPIPE with a stack trace.
 */
function guarded(stream: NodeJS.WriteStream): (s: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
      closed = true;
      return;
    }
    closed = true;
    process.exitCode = 2;
  });
  return (s) => {
    if (!closed) stream.write(s);
  };
}

/** Standard input's text, refused past MAX_STDIN_BYTES (a pipe from /dev/zero would never end). */
function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_STDIN_BYTES) {
        process.stdin.destroy();
        reject(new Error(`standard input is more than ${MAX_STDIN_BYTES / (1024 * 1024)} MB; spec files are far smaller`));
        return;
      }
      chunks.push(c);
    });
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

if (isBatchWorker()) runBatchWorker();
else {
  const stdout = guarded(process.stdout);
  const stderr = guarded(process.stderr);
  void main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout,
    stderr,
    isTTY: colorByDefault(process.env, Boolean(process.stdout.isTTY)),
    version: pkg.version,
    docsDir: docsDir(),
    workerScript: __filename,
    readStdin,
  }).then((code) => {
    process.exitCode = code;
  });
}
