/** A small, strict argument parser: --flag, --key value, --key=value, positionals. */
export class UsageError extends Error {}

export interface Parsed {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[], spec: { flags: string[]; options: string[] }): Parsed {
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
      if (a === '-h') flags.set('help', true);
      else throw new UsageError(`unknown option ${a}`);
    } else positionals.push(a);
  }
  return { positionals, flags };
}
