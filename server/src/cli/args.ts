/** A small, strict argument parser: --flag, --key value, --key=value, positionals. */
export class UsageError extends Error {}

export interface Parsed {
  positionals: string[];
  flags: Map<string, string | true>;
}

/**
 * `aliases` maps a short option to its long name (`o` -> `output-file`). A lone `-` is a positional
 * (standard input, by convention).
 */
export function parseArgs(argv: readonly string[], spec: { flags: string[]; options: string[]; aliases?: Record<string, string> }): Parsed {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      if (spec.flags.includes(name)) {
        if (eq !== -1) throw new UsageError(`--${name} takes no value`);
        flags.set(name, true);
      } else if (spec.options.includes(name)) {
        const v = eq === -1 ? argv[++i] : a.slice(eq + 1);
        if (v === undefined || (eq === -1 && v.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
        flags.set(name, v);
      } else throw new UsageError(`unknown option --${name}`);
    } else if (a.startsWith('-') && a.length > 1) {
      const long = a === '-h' ? 'help' : spec.aliases?.[a.slice(1)];
      if (long === undefined) throw new UsageError(`unknown option ${a}`);
      if (spec.options.includes(long)) {
        const v = argv[++i];
        if (v === undefined || (v.startsWith('-') && v !== '-')) throw new UsageError(`${a} (--${long}) needs a value`);
        flags.set(long, v);
      } else flags.set(long, true);
    } else positionals.push(a);
  }
  return { positionals, flags };
}
