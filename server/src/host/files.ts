/**
 * Node file-system helpers of the CLI (and, for configuration files, the server): finding spec files and the `.qualspec.yaml` that applies to
 * each. Every read goes through read.ts's guarded read, and "is this a spec" is spec-files.ts's (the
 * server uses both too). The language core itself never touches the file system.
 */
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONFIG_FILE_NAMES, DEFAULT_CONFIG, matchesAny, parseConfig, type QualspecConfig } from '../core/config/config.js';
import { RULES_BY_ID } from '../core/rules/index.js';
import type { Finding } from '../core/rules/types.js';
import { isInside, readGuardedSync, utf8Text } from './read.js';
import { isSpecFile, SPEC_MARKER_HEAD } from './spec-files.js';

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
      if (existsOrLink(f)) {
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
    const uri = pathToFileURL(file).href;
    // A config inside the folder the CLI runs in may link only to files inside it; one above, only inside its own folder.
    const dir = path.dirname(file);
    const read = readGuardedSync(file, { root: isInside(dir, this.fallbackRoot) ? this.fallbackRoot : dir, maxBytes: MAX_CONFIG_BYTES });
    if (!read.ok) {
      const r = unreadConfig(file, configNotRead(uri, notReadMessage(file, read.message)));
      this.byFile.set(file, r);
      return r;
    }
    const text = utf8Text(read.bytes);
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

/** A `.qualspec.yaml` is a few lines; anything this large is not one. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** A file exists, or a link does (even a broken one: reading it then says what is wrong). Used by every config lookup. */
export function existsOrLink(f: string): boolean {
  if (existsSync(f)) return true;
  try {
    return lstatSync(f).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The finding that says a configuration file could not be used, at its start (rule `config`). */
export function configNotRead(uri: string, message: string): Finding {
  return { ruleId: 'config', severity: 'error', uri, span: { start: 0, end: 0 }, related: [], fixes: [], message };
}

/** The words of configNotRead for a `.qualspec.yaml` the guarded read refused. */
export const notReadMessage = (file: string, reason: string): string =>
  `The qualspec configuration ${path.basename(file)} was not read: ${reason}. The default settings were used.`;

/** A configuration that could not be read: the defaults, and the problem that says so. */
export function unreadConfig(file: string, problem: Finding): LoadedConfig {
  return { config: { ...DEFAULT_CONFIG, uri: problem.uri }, root: path.dirname(file), file, problems: [problem] };
}

/** Whether a file found by a walk or a glob is a spec by its name or its first lines (read through the guards). */
export function isSpecOnDisk(file: string): boolean {
  const head = readGuardedSync(file, { head: SPEC_MARKER_HEAD * 4 });
  return head.ok && isSpecFile(file, utf8Text(head.bytes));
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
      if (!matchesAny(rel, lc.config.exclude) && isSpecOnDisk(f)) files.add(f);
    }
  };
  if (args.length === 0) {
    const lc = configs.forDir(cwd);
    const all: string[] = [];
    walk(lc.root, all);
    for (const f of all) {
      const rel = toPosix(path.relative(lc.root, f));
      if (matchesAny(rel, lc.config.specs) && !matchesAny(rel, lc.config.exclude) && isSpecOnDisk(f)) files.add(f);
    }
  }
  for (const a of args) {
    const abs = path.resolve(cwd, a);
    if (/[*?{]/.test(a)) {
      const all: string[] = [];
      walk(cwd, all);
      const before = files.size;
      let matched = 0;
      for (const f of all) {
        if (!matchesAny(toPosix(path.relative(cwd, f)), [toPosix(a)])) continue;
        matched++;
        if (isSpecOnDisk(f)) files.add(f);
      }
      if (matched === 0 && files.size === before) missing.push(a);
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
    // A file named on its own is checked as given, marker or not (a device or a pipe is refused when it is read):
    // content decides only among the files a folder or a glob finds.
    else files.add(abs);
  }
  return { files: [...files].sort(), missing };
}
