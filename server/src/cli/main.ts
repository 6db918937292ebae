/** `qualspec` — the command-line front end of the same engine the editor uses. */
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { UsageError } from './args.js';
import { runLint, type Io } from './lint-command.js';
import { COMBOS_HELP, runCombos } from './combos-command.js';
import { DIFF_HELP, runDiff } from './diff-command.js';
import { PUBLISH_HELP, runPublish } from './publish-command.js';
import pkg from '../../../package.json';

const HELP = `qualspec ${pkg.version} — checks regulated qualification specifications written in YAML

Usage:
  qualspec lint [paths or globs…] [options]     check spec files (see qualspec lint --help)
  qualspec combos <spec> --qualification <q>    explain a qualification's rules of combination
  qualspec diff <old> <new> | <path> --against <rev>   what changed between two versions (see qualspec diff --help)
  qualspec publish <spec> --out <dir>           generate the published document (HTML, --pdf, --review)
  qualspec --version | --help

Run qualspec lint --help for the options of lint (output formats, --fix, --baseline, --cache …).
`;

/** The folder of the rule pages: ../docs/rules from dist/cli.js (installed or in a checkout), or from the sources. */
export function docsDir(): string | undefined {
  for (const d of [path.resolve(__dirname, '..', 'docs', 'rules'), path.resolve(__dirname, '..', '..', '..', 'docs', 'rules')]) {
    if (existsSync(path.join(d, 'README.md'))) return d;
  }
  return undefined;
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
    if (cmd === 'diff') return runDiff(rest, io);
    if (cmd === 'publish') return await runPublish(rest, io);
    throw new UsageError(`unknown command '${cmd}': use lint, combos, diff or publish`);
  } catch (e) {
    if (e instanceof UsageError) {
      const help = cmd === 'combos' ? COMBOS_HELP : cmd === 'diff' ? DIFF_HELP : cmd === 'publish' ? PUBLISH_HELP : 'Run qualspec --help for usage.';
      io.stderr(`qualspec: ${e.message}\n${help}\n`);
      return 2;
    }
    // A write error that reached here (the disk filled up mid-report, say) is one line, like every other.
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      io.stderr(`qualspec: ${String((e as Error).message).split('\n')[0]}\n`);
      return 2;
    }
    io.stderr(`qualspec: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  }
}
