/**
 * Node file-system helpers shared by the CLI and the language server: finding spec files and the
 * `.qualspec.yaml` that applies to each. The language core itself never touches the file system.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONFIG_FILE_NAMES, DEFAULT_CONFIG, matchesAny, parseConfig, type QualspecConfig } from '../core/config/config.js';
import { RULES_BY_ID } from '../core/rules/index.js';
import type { Finding } from '../core/rules/types.js';

export const toPosix = (p: string): string => p.split(path.sep).join('/');

export interface LoadedConfig {
  config: QualspecConfig;
  /** Directory the config's globs are relative to (its folder, or the cwd without a config). */
  root: string;
  file?: string;
  problems: Finding[];
}

/** Finds and parses the nearest .qualspec.yaml at or above a directory; cached per directory. */
export class ConfigResolver {
  private byDir = new Map<string, LoadedConfig>();
  private byFile = new Map<string, LoadedConfig>();

  constructor(private readonly fallbackRoot: string) {}

  forFile(file: string): LoadedConfig {
    return this.forDir(path.dirname(path.resolve(file)));
  }

  forDir(dir: string): LoadedConfig {
    const hit = this.byDir.get(dir);
    if (hit) return hit;
    let found: LoadedConfig | undefined;
    for (const name of CONFIG_FILE_NAMES) {
      const f = path.join(dir, name);
      if (existsSync(f)) {
        found = this.load(f);
        break;
      }
    }
    if (!found) {
      const parent = path.dirname(dir);
      found = parent === dir ? { config: DEFAULT_CONFIG, root: this.fallbackRoot, problems: [] } : this.forDir(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }

  private load(file: string): LoadedConfig {
    const hit = this.byFile.get(file);
    if (hit) return hit;
    let text = '';
    const uri = pathToFileURL(file).href;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const r: LoadedConfig = {
        config: { ...DEFAULT_CONFIG, uri },
        root: path.dirname(file),
        file,
        problems: [
          {
            ruleId: 'config',
            severity: 'error',
            uri,
            span: { start: 0, end: 0 },
            related: [],
            fixes: [],
            message: `The qualspec configuration cannot be read: ${(e as Error).message}`,
          },
        ],
      };
      this.byFile.set(file, r);
      return r;
    }
    const { config, problems } = parseConfig(text, uri, RULES_BY_ID.keys());
    const r: LoadedConfig = { config, root: path.dirname(file), file, problems };
    this.byFile.set(file, r);
    return r;
  }

  /** Every config file loaded so far (to report their problems once). */
  loaded(): LoadedConfig[] {
    return [...this.byFile.values()];
  }
}

const YAML_FILE = /\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

function walk(dir: string, out: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(p, out);
    } else if (e.isFile() && YAML_FILE.test(e.name) && !CONFIG_FILE_NAMES.includes(e.name)) out.push(p);
  }
}

export interface Expanded {
  files: string[];
  missing: string[];
}

/**
 * Turns CLI arguments into spec files: a file is taken as given; a directory yields every YAML file
 * under it; a glob is matched against files under the cwd. No argument: the config's spec globs.
 */
export function expandPaths(args: readonly string[], cwd: string, configs: ConfigResolver): Expanded {
  const files = new Set<string>();
  const missing: string[] = [];
  const addDir = (dir: string) => {
    const all: string[] = [];
    walk(dir, all);
    for (const f of all) {
      const lc = configs.forFile(f);
      const rel = toPosix(path.relative(lc.root, f));
      if (!matchesAny(rel, lc.config.exclude)) files.add(f);
    }
  };
  if (args.length === 0) {
    const lc = configs.forDir(cwd);
    const all: string[] = [];
    walk(lc.root, all);
    for (const f of all) {
      const rel = toPosix(path.relative(lc.root, f));
      if (matchesAny(rel, lc.config.specs) && !matchesAny(rel, lc.config.exclude)) files.add(f);
    }
  }
  for (const a of args) {
    const abs = path.resolve(cwd, a);
    if (/[*?{]/.test(a)) {
      const all: string[] = [];
      walk(cwd, all);
      const before = files.size;
      for (const f of all) if (matchesAny(toPosix(path.relative(cwd, f)), [toPosix(a)])) files.add(f);
      if (files.size === before) missing.push(a);
      continue;
    }
    let st: import('node:fs').Stats;
    try {
      st = statSync(abs);
    } catch {
      missing.push(a);
      continue;
    }
    if (st.isDirectory()) addDir(abs);
    else files.add(abs);
  }
  return { files: [...files].sort(), missing };
}
