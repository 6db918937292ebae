/** Entry point of dist/cli.js: runs the CLI on the process's arguments (or, in a worker thread it started, its share of a batch). */
import { docsBase, main } from './main.js';
import { isBatchWorker, runBatchWorker } from './batch.js';
import pkg from '../../../package.json';
import { installSpellDictionaries } from '../host/spell-dictionaries.js';

installSpellDictionaries();

if (isBatchWorker()) runBatchWorker();
else
  void main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    version: pkg.version,
    docsBase: docsBase(),
    workerScript: __filename,
  }).then((code) => {
    process.exitCode = code;
  });
