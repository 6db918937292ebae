/** `qualspec` — the command-line front end of the same engine the editor uses. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { UsageError } from './args.js';
import { LINT_HELP, runLint, type Io } from './lint-command.js';
import { COMBOS_HELP, runCombos } from './combos-command.js';
import { PUBLISH_HELP, runPublish } from './publish-command.js';
import pkg from '../../../package.json';

const HELP = `qualspec ${pkg.version} — checks regulated qualification specifications written in YAML

Usage:
  qualspec lint [paths or globs…] [options]     check spec files (see qualspec lint --help)
  qualspec combos <spec> --qualification <q>    explain a qualification's rules of combination
  qualspec publish <spec> --out <dir>           generate the published document (HTML, --pdf, --review)
  qualspec --version | --help

${LINT_HELP.split('\n').slice(0, 1).join('')}
`;

export function docsBase(): string {
  // dist/cli.js -> ../docs/rules/ in an installed package or a checkout.
  const local = path.resolve(__dirname, '..', 'docs', 'rules');
  return existsSync(local) ? pathToFileURL(local).href + '/' : 'https://github.com/qualspec/qualspec/blob/main/docs/rules/';
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      io.stdout(cmd ? HELP : HELP);
      return cmd ? 0 : 2;
    }
    if (cmd === '--version' || cmd === '-v') {
      io.stdout(`${pkg.version}\n`);
      return 0;
    }
    if (cmd === 'lint') return await runLint(rest, io);
    if (cmd === 'combos') return runCombos(rest, io);
    if (cmd === 'publish') return await runPublish(rest, io);
    throw new UsageError(`unknown command '${cmd}': use lint, combos or publish`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`qualspec: ${e.message}\n${cmd === 'combos' ? COMBOS_HELP : cmd === 'publish' ? PUBLISH_HELP : 'Run qualspec --help for usage.'}\n`);
      return 2;
    }
    io.stderr(`qualspec: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  }
}
