/** Entry point of dist/cli.js: runs the CLI on the process's arguments. */
import { docsBase, main } from './main.js';
import pkg from '../../../package.json';

process.exitCode = main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  version: pkg.version,
  docsBase: docsBase(),
});
