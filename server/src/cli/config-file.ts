/**
 * `-c/--config <file>`: one configuration file for every spec of the run, in place of the
 * `.qualspec.yaml` found upward from each. Its `specs` and `exclude` patterns are relative to its
 * own folder, as they are for a `.qualspec.yaml`. Any file name will do (`qualspec.ci.yaml`).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../core/config/config.js';
import { RULES_BY_ID } from '../core/rules/index.js';
import { ConfigResolver, configNotRead, MAX_CONFIG_BYTES, unreadConfig, type LoadedConfig } from '../host/files.js';
import { readGuardedSync, utf8Text } from '../host/read.js';

/** The configuration file's text, through the one guarded read (a FIFO or /dev/zero would block or never end). */
export function readConfigText(file: string): string {
  const read = readGuardedSync(file, { maxBytes: MAX_CONFIG_BYTES });
  if (!read.ok) throw Object.assign(new Error(read.message), { code: read.code ?? 'EINVAL' });
  return utf8Text(read.bytes);
}

export class FixedConfigResolver extends ConfigResolver {
  readonly fixed: LoadedConfig;

  constructor(fallbackRoot: string, file: string) {
    super(fallbackRoot);
    const uri = pathToFileURL(file).href;
    let text: string;
    try {
      text = readConfigText(file);
    } catch (e) {
      this.fixed = unreadConfig(file, configNotRead(uri, `The qualspec configuration cannot be read: ${(e as Error).message}`));
      return;
    }
    const { config, problems } = parseConfig(text, uri, RULES_BY_ID.keys());
    this.fixed = { config, root: path.dirname(file), file, problems };
  }

  override forDir(_dir: string): LoadedConfig {
    return this.fixed;
  }

  override loaded(): LoadedConfig[] {
    return [this.fixed];
  }
}

/** The resolver for a run: the file named by --config, or the upward lookup. */
export function configResolver(cwd: string, configFile: string | undefined): ConfigResolver {
  return configFile ? new FixedConfigResolver(cwd, path.resolve(cwd, configFile)) : new ConfigResolver(cwd);
}
