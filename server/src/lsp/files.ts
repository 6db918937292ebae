/**
 * The file system side of the server: workspace folders, which files are specs (spec globs from the
 * nearest `.qualspec.yaml`, the `qualspec.specGlobs` setting, or the defaults; minus excludes and
 * the editor's `files.exclude`), and each file's configuration (found upward from the file).
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CONFIG_FILE_NAMES,
  DEFAULT_CONFIG,
  DEFAULT_EXCLUDE,
  DEFAULT_SPEC_GLOBS,
  globToRegExp,
  parseConfig,
  type QualspecConfig,
} from '../core/config/config.js';
import { RULES_BY_ID } from '../core/index.js';
import type { Finding } from '../core/index.js';
import type { QualspecSettings } from '../service/protocol.js';
import { configNotRead, existsOrLink, MAX_CONFIG_BYTES, notReadMessage } from '../host/files.js';
import { readGuardedSync, utf8Text, type ReadResult } from '../host/read.js';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** URIs as the client sends them may encode differently ('%3A' vs ':'): compare normalised. */
export function normaliseUri(uri: string): string {
  const p = uriToPath(uri);
  return p ? pathToUri(p) : uri;
}

export interface Folder {
  uri: string;
  path: string;
  name: string;
  settings: QualspecSettings;
  /** Globs of `files.exclude` that are on. */
  filesExclude: string[];
}

export interface LoadedConfig {
  uri: string;
  config: QualspecConfig;
  problems: Finding[];
  /** Directory the config's globs are relative to. */
  dir: string;
}

const globCache = new Map<string, RegExp>();
function globRe(g: string): RegExp {
  let re = globCache.get(g);
  if (!re) {
    const norm = g.replace(/^\.\//, '').replace(/\/$/, '');
    re = globToRegExp(norm);
    globCache.set(g, re);
  }
  return re;
}

/** A relative path (with '/') matches a glob, or lies under a directory that does (`**\/node_modules`). */
export function matchesGlob(rel: string, glob: string): boolean {
  const re = globRe(glob);
  if (re.test(rel)) return true;
  // `files.exclude` style directory globs: any ancestor directory matching excludes the file.
  let i = rel.indexOf('/');
  while (i !== -1) {
    if (re.test(rel.slice(0, i))) return true;
    i = rel.indexOf('/', i + 1);
  }
  return false;
}

export class Files {
  folders: Folder[] = [];
  /** Global settings (no folder), e.g. from initializationOptions or didChangeConfiguration. */
  globalSettings: QualspecSettings = {};
  private dirConfig = new Map<string, string | null>();
  private configs = new Map<string, LoadedConfig>();
  /** Text of open config documents (the editor's version wins over the disk's). */
  openConfigText = new Map<string, string>();

  static isConfigFile(uri: string): boolean {
    return CONFIG_FILE_NAMES.some((n) => uri.endsWith(`/${n}`));
  }

  folderOf(uri: string): Folder | undefined {
    const p = uriToPath(uri);
    if (!p) return undefined;
    let best: Folder | undefined;
    for (const f of this.folders)
      if ((p === f.path || p.startsWith(f.path.endsWith(path.sep) ? f.path : f.path + path.sep)) && (!best || f.path.length > best.path.length)) best = f;
    return best;
  }

  invalidateConfigs(): void {
    this.dirConfig.clear();
    this.configs.clear();
  }

  /** The `.qualspec.yaml` that applies to a file: the nearest one upward from its directory. */
  configFileFor(uri: string): string | undefined {
    const p = uriToPath(uri);
    if (!p) return undefined;
    let dir = path.dirname(p);
    const visited: string[] = [];
    let found: string | null = null;
    for (;;) {
      const cached = this.dirConfig.get(dir);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(dir);
      for (const n of CONFIG_FILE_NAMES) {
        const c = path.join(dir, n);
        const cu = pathToUri(c);
        if (this.openConfigText.has(cu) || existsOrLink(c)) {
          found = cu;
          break;
        }
      }
      if (found) break;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    for (const d of visited) this.dirConfig.set(d, found);
    return found ?? undefined;
  }

  loadConfig(configUri: string): LoadedConfig {
    const hit = this.configs.get(configUri);
    if (hit) return hit;
    const p = uriToPath(configUri)!;
    let text = this.openConfigText.get(configUri);
    let refused: string | undefined;
    if (text === undefined) {
      const read = this.read(p, MAX_CONFIG_BYTES);
      text = read.ok ? utf8Text(read.bytes) : '';
      if (!read.ok && read.reason !== 'missing') refused = read.message;
    }
    const { config, problems } = parseConfig(text, configUri, RULES_BY_ID.keys());
    if (refused !== undefined) problems.unshift(configNotRead(configUri, notReadMessage(p, refused)));
    const loaded: LoadedConfig = { uri: configUri, config, problems, dir: path.dirname(p) };
    this.configs.set(configUri, loaded);
    return loaded;
  }

  loadedConfigs(): LoadedConfig[] {
    return [...this.configs.values()];
  }

  /** The `qualspec.*` settings of a file: its folder's over the global ones. */
  settingsFor(uri: string): QualspecSettings {
    const f = this.folderOf(uri);
    return { ...this.globalSettings, ...(f?.settings ?? {}) };
  }

  /** The configuration checks of a file use: the project's `.qualspec.yaml` over the `qualspec.*` settings. */
  configFor(uri: string): QualspecConfig {
    const settings = this.settingsFor(uri);
    const cu = this.configFileFor(uri);
    const base = cu ? this.loadConfig(cu).config : DEFAULT_CONFIG;
    const rules = { ...(settings.rules ?? {}), ...base.rules };
    const specs =
      base.specs !== DEFAULT_SPEC_GLOBS ? base.specs : settings.specGlobs?.length ? [...DEFAULT_SPEC_GLOBS, ...settings.specGlobs] : DEFAULT_SPEC_GLOBS;
    return { ...base, rules, specs };
  }

  /**
   * Whether a file on disk is a spec of the workspace: 'spec' when the spec globs match it,
   * 'candidate' when it is a YAML file of a folder that is a spec if its content says so (a top-level
   * `qualspec:` key; only when no `.qualspec.yaml` lists the specs explicitly), else 'no'.
   */
  classify(uri: string): 'spec' | 'candidate' | 'no' {
    const p = uriToPath(uri);
    if (!p || !/\.ya?ml$/i.test(p) || Files.isConfigFile(uri)) return 'no';
    const folder = this.folderOf(uri);
    if (!folder) return 'no';
    const cfg = this.configFor(uri);
    const cu = this.configFileFor(uri);
    const root = cu ? path.dirname(uriToPath(cu)!) : folder.path;
    const relFolder = path.relative(folder.path, p).split(path.sep).join('/');
    const rel = path.relative(root, p).split(path.sep).join('/');
    if (rel.startsWith('../')) return 'no';
    if (folder.filesExclude.some((g) => matchesGlob(relFolder, g))) return 'no';
    if (cfg.exclude.some((g) => matchesGlob(rel, g))) return 'no';
    if (cfg.specs.some((g) => globRe(g).test(rel))) return 'spec';
    const explicit = cu !== undefined && this.loadConfig(cu).config.specs !== DEFAULT_SPEC_GLOBS;
    return explicit ? 'no' : 'candidate';
  }

  isWorkspaceSpec(uri: string): boolean {
    return this.classify(uri) === 'spec';
  }

  /** Every YAML file of every folder that is or may be a spec. Yields to the event loop as it goes (`pause`). */
  async listYaml(pause: () => Promise<void>, cancelled: () => boolean = () => false): Promise<{ uri: string; path: string; matched: boolean }[]> {
    const out: { uri: string; path: string; matched: boolean }[] = [];
    const seen = new Set<string>();
    for (const folder of this.folders) {
      const stack = [folder.path];
      let n = 0;
      while (stack.length) {
        if (cancelled()) return out;
        const dir = stack.pop()!;
        let entries: import('node:fs').Dirent[];
        try {
          entries = await fsp.readdir(dir, { withFileTypes: true });
        } catch {
          continue;
        }
        entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
        const dirs: string[] = [];
        for (const e of entries) {
          const full = path.join(dir, e.name);
          const rel = path.relative(folder.path, full).split(path.sep).join('/');
          if (e.isDirectory()) {
            if (DEFAULT_EXCLUDE.some((g) => matchesGlob(rel + '/x', g)) || folder.filesExclude.some((g) => matchesGlob(rel, g))) continue;
            dirs.push(full);
          } else if (e.isFile() || e.isSymbolicLink()) {
            if (!/\.ya?ml$/i.test(e.name)) continue;
            const uri = pathToUri(full);
            if (seen.has(uri)) continue;
            const kind = this.classify(uri);
            if (kind === 'no') continue;
            seen.add(uri);
            out.push({ uri, path: full, matched: kind === 'spec' });
          }
        }
        stack.push(...dirs.reverse());
        if (++n % 50 === 0) await pause();
      }
    }
    return out;
  }

  /**
   * The directory links may lead into when reading `p`: its workspace folder, else (a file outside
   * every folder, such as a config above one) its own directory.
   */
  rootOf(p: string): string {
    return this.folderOf(pathToUri(p))?.path ?? path.dirname(p);
  }

  /** Read a file through the guards (host/read.ts): regular files only, links only within the workspace, a size limit. */
  read(p: string, maxBytes?: number): ReadResult {
    return readGuardedSync(p, { root: this.rootOf(p), ...(maxBytes !== undefined ? { maxBytes } : {}) });
  }

  /** A file's text, or undefined when it is missing or was refused (a FIFO, a device, a link out of the workspace). */
  readText(uri: string): string | undefined {
    const p = uriToPath(uri);
    if (!p) return undefined;
    const r = this.read(p);
    return r.ok ? utf8Text(r.bytes) : undefined;
  }
}

/** `files.exclude` settings ({ glob: true }) as a list of globs. */
export function excludeGlobs(v: unknown): string[] {
  if (!v || typeof v !== 'object') return [];
  return Object.entries(v as Record<string, unknown>)
    .filter(([, on]) => on === true)
    .map(([g]) => g);
}
