/**
 * `-c/--config <file>`: one configuration file for every spec of the run, in place of the
 * `.qualspec.yaml` found upward from each. Its `specs` and `exclude` patterns are relative to its
 * own folder, as they are for a `.qualspec.yaml`. Any file name will do (`qualspec.ci.yaml`).
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CONFIG, parseConfig } from '../core/config/config.js';
import { RULES_BY_ID } from '../core/rules/index.js';
import { ConfigResolver, type LoadedConfig } from '../host/files.js';

/** Configuration files larger than this are refused unread (a real one is a few hundred bytes). */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The configuration file's text, refusing what is not a regular file of a sensible size (a FIFO or /dev/zero would block or never end). */
export function readConfigText(file: string): string {
  const st = statSync(file);
  if (!st.isFile()) throw Object.assign(new Error('it is not a regular file'), { code: 'EINVAL' });
  if (st.size > MAX_CONFIG_BYTES)
    throw Object.assign(new Error(`it is ${Math.round(st.size / 1024)} kB; a configuration file is far smaller`), { code: 'EFBIG' });
  return readFileSync(file, 'utf8');
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
      this.fixed = {
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
