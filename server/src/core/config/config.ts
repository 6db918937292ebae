/**
 * Project configuration (`.qualspec.yaml`, found upward from a spec file): rule severities, and
 * which files are specs. Configuration is data only — nothing in it is ever executed — so an
 * untrusted workspace gets full validation.
 */
import { isMap, isScalar, isSeq, type Pair } from 'yaml';
import { MAX_NESTING, parseDocumentGuarded } from '../parse/parse.js';
import type { Finding, Severity, SeveritySetting } from '../lint/finding.js';
import { suggest } from '../text/similar.js';
import { REF_PRESETS, refConvention } from '../model/identifiers.js';

export const CONFIG_FILE_NAMES = ['.qualspec.yaml', '.qualspec.yml'];
export const DEFAULT_SPEC_GLOBS = ['**/*.qspec.yaml', '**/*.qspec.yml', '**/specs/**/*.yaml', '**/specs/**/*.yml'];
export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**'];

export interface QualspecConfig {
  /** The config file's URI, when one was found. */
  uri?: string;
  rules: Record<string, SeveritySetting>;
  specs: string[];
  exclude: string[];
  /** `qualspec diff` (docs/versions.md): severity of regulator-sensitive changes. Default warning. */
  diff?: { regulatorSensitive?: SeveritySetting };
  /** Words the spelling check accepts in every spec of the workspace (`words:`). */
  words?: string[];
  /** The language of the workspace's specs when a spec names none (`language:`, default en-GB). */
  language?: 'en-GB' | 'en-US';
  /** The unit-ref convention of every spec of the workspace that declares none (`unitRefs:`, as document.unitRefs). */
  unitRefs?: string | { pattern: string };
}

export const DEFAULT_CONFIG: QualspecConfig = { rules: {}, specs: DEFAULT_SPEC_GLOBS, exclude: DEFAULT_EXCLUDE };

/** A JSON Schema fragment (plain data), for the generated schemas/qualspec-config.schema.json. */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * The keys of `.qualspec.yaml`: the one typed list that parseConfig's suggestions and the generated
 * JSON Schema (scripts/catalogue.mjs) take them from. A new key is added here (with its schema, in
 * the words the editor shows on hover) and read in parseConfig. `rules`' schema lists no rule: the
 * generator adds one property per rule of the catalogue, with the severities below.
 */
export const CONFIG_KEYS: Readonly<Record<string, { description: string; schema: JsonSchema }>> = {
  rules: {
    description: "How serious each rule's findings are: error, warning, info, or off to not check it.",
    schema: { type: 'object' },
  },
  specs: {
    description: "Which files are spec files: glob patterns relative to this file's folder.",
    schema: { type: 'array', items: { type: 'string' }, default: DEFAULT_SPEC_GLOBS },
  },
  exclude: {
    description: 'Files that are never spec files, though a pattern of specs matches them (node_modules and .git always are).',
    schema: { type: 'array', items: { type: 'string' } },
  },
  words: {
    description: 'Words the spelling check accepts in every spec of the workspace (names, product words, terms of your sector).',
    schema: { type: 'array', items: { type: 'string' } },
  },
  language: {
    description: 'The language specs are spell-checked in when a spec names none: en-GB (British English, the default) or en-US.',
    schema: { enum: ['en-GB', 'en-US'], default: 'en-GB' },
  },
  unitRefs: {
    description:
      'How the unit refs of the workspace are built, for every spec that does not declare it under document.unitRefs: a preset (isp: L5B1; ilm: 8750-213; city-and-guilds: 201, 2xx = Level 2; btec: 1, 2, 3) or a pattern with named parts, e.g. { pattern: "L{level}{group}{number}" }.',
    schema: {
      anyOf: [
        { enum: Object.keys(REF_PRESETS) },
        {
          type: 'object',
          additionalProperties: false,
          required: ['pattern'],
          properties: {
            pattern: {
              type: 'string',
              description:
                'The ref with its parts in braces: {level}, {group}, {number} ({number:2} for exactly two digits), {scheme}; anything else as written.',
            },
          },
        },
      ],
    },
  },
  diff: {
    description:
      'qualspec diff (docs/versions.md): regulatorSensitive sets how learning-outcome and criterion changes under the same UAN, and size changes under the same QAN, are reported: error, warning (default), info or off.',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { regulatorSensitive: { enum: ['error', 'warning', 'info', 'off'], default: 'warning' } },
    },
  },
};

/** The severities a rule may be set to in `rules`. */
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];
const SEVERITIES: readonly string[] = SEVERITY_SETTINGS;

export function parseConfig(text: string, uri: string, knownRules: Iterable<string>): { config: QualspecConfig; problems: Finding[] } {
  const problems: Finding[] = [];
  const known = [...knownRules];
  const bad = (start: number, end: number, message: string, severity: Severity = 'error') =>
    problems.push({ ruleId: 'config', severity, message, uri, span: { start, end }, related: [], fixes: [] });
  const config: QualspecConfig = { uri, rules: {}, specs: DEFAULT_SPEC_GLOBS, exclude: DEFAULT_EXCLUDE };
  // Guarded like a spec: deep nesting would otherwise overflow the stack inside `yaml` (docs/robustness.md).
  const { doc, tooDeep } = parseDocumentGuarded(text, { uniqueKeys: true });
  if (tooDeep !== undefined) {
    bad(
      tooDeep,
      Math.min(text.length, tooDeep + 1),
      `The qualspec configuration nests more than ${MAX_NESTING} levels deep here, so it was not read: it needs only 'rules', 'specs' and 'exclude'.`,
    );
    return { config, problems };
  }
  for (const e of doc.errors) bad(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1), `The qualspec configuration is not valid YAML: ${e.message.split('\n')[0]}`);
  if (doc.errors.length) return { config, problems };
  const root = doc.contents;
  if (root === null) return { config, problems };
  if (!isMap(root)) {
    const r = (root as { range?: number[] }).range ?? [0, 1];
    bad(r[0]!, r[1]!, 'The qualspec configuration must be a mapping with the keys rules, specs and exclude.');
    return { config, problems };
  }
  for (const pair of root.items as Pair[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const kr = (pair.key as { range?: number[] } | null)?.range ?? [0, 1];
    const v = pair.value;
    const vr = (v as { range?: number[] } | null)?.range ?? kr;
    if (key === 'rules') {
      if (!isMap(v)) {
        bad(vr[0]!, vr[1]!, "'rules' must map rule ids to a severity: error, warning, info or off.");
        continue;
      }
      for (const rp of v.items as Pair[]) {
        const id = isScalar(rp.key) ? String(rp.key.value) : '';
        const rr = (rp.key as { range?: number[] } | null)?.range ?? [0, 1];
        const sv = isScalar(rp.value) ? rp.value.value : undefined;
        const svr = (rp.value as { range?: number[] } | null)?.range ?? rr;
        if (!known.includes(id)) {
          const s = suggest(id, known);
          bad(rr[0]!, rr[1]!, `Unknown rule '${id}'${s.length ? ` — did you mean '${s[0]}'?` : '.'}`);
          continue;
        }
        const sev = sv === false ? 'off' : String(sv);
        if (!SEVERITIES.includes(sev)) {
          bad(svr[0]!, svr[1]!, `'${String(sv)}' is not a severity for rule '${id}': use error, warning, info or off.`);
          continue;
        }
        config.rules[id] = sev as SeveritySetting;
      }
    } else if (key === 'specs' || key === 'exclude') {
      if (!isSeq(v) || !v.items.every((i) => isScalar(i) && typeof i.value === 'string')) {
        bad(vr[0]!, vr[1]!, `'${key}' must be a list of file patterns, e.g. - "specs/**/*.yaml".`);
        continue;
      }
      const globs = v.items.map((i) => String((i as { value: unknown }).value));
      if (key === 'specs') config.specs = globs;
      else config.exclude = [...DEFAULT_EXCLUDE, ...globs];
    } else if (key === 'diff') {
      const rs = isMap(v) ? (v.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === 'regulatorSensitive') : undefined;
      const other = isMap(v) ? (v.items as Pair[]).find((p) => !(isScalar(p.key) && p.key.value === 'regulatorSensitive')) : undefined;
      if (!isMap(v) || other) {
        const r = (other?.key as { range?: number[] } | null)?.range ?? vr;
        bad(
          r[0]!,
          r[1]!,
          "'diff' takes one key, regulatorSensitive: error, warning, info or off (how qualspec diff reports outcome and size changes under the same UAN or QAN).",
        );
        continue;
      }
      if (rs) {
        const sv = isScalar(rs.value) ? rs.value.value : undefined;
        const svr = (rs.value as { range?: number[] } | null)?.range ?? vr;
        const sev = sv === false ? 'off' : String(sv);
        if (!SEVERITIES.includes(sev)) bad(svr[0]!, svr[1]!, `'${String(sv)}' is not a severity for diff.regulatorSensitive: use error, warning, info or off.`);
        else config.diff = { regulatorSensitive: sev as SeveritySetting };
      }
    } else if (key === 'words') {
      if (v === null) continue;
      if (!isSeq(v) || !v.items.every((i) => isScalar(i) && (typeof i.value === 'string' || typeof i.value === 'number'))) {
        bad(vr[0]!, vr[1]!, "'words' must be a list of words the spelling check accepts, e.g. - Salesforce.");
        continue;
      }
      config.words = v.items.map((i) => String((i as { value: unknown }).value));
    } else if (key === 'unitRefs') {
      const presets = Object.keys(REF_PRESETS).join(', ');
      if (isScalar(v) && typeof v.value === 'string' && v.value in REF_PRESETS) config.unitRefs = v.value;
      else if (isMap(v) && v.items.length === 1 && isScalar(v.items[0]!.key) && v.items[0]!.key.value === 'pattern') {
        const pv = v.items[0]!.value;
        const pattern = isScalar(pv) && typeof pv.value === 'string' ? pv.value : undefined;
        if (pattern !== undefined && refConvention({ pattern })) config.unitRefs = { pattern };
        else {
          const pr = (pv as { range?: number[] } | null)?.range ?? vr;
          bad(pr[0]!, pr[1]!, `'${String(pattern ?? '')}' is not a unit-ref pattern: write the ref with its parts in braces, e.g. "L{level}{group}{number}".`);
        }
      } else bad(vr[0]!, vr[1]!, `'unitRefs' is a preset (${presets}) or { pattern: "L{level}{group}{number}" }.`);
    } else if (key === 'language') {
      const lang = isScalar(v) ? v.value : undefined;
      if (lang !== 'en-GB' && lang !== 'en-US') {
        bad(vr[0]!, vr[1]!, `'${String(lang)}' is not a language qualspec spell-checks: use en-GB (British English) or en-US (American English).`);
        continue;
      }
      config.language = lang;
    } else {
      const s = suggest(key, Object.keys(CONFIG_KEYS));
      bad(
        kr[0]!,
        kr[1]!,
        `Unknown key '${key}' in the qualspec configuration${s.length ? ` — did you mean '${s[0]}'?` : `: use ${Object.keys(CONFIG_KEYS).join(', ')}.`}`,
      );
    }
  }
  return { config, problems };
}

/** A glob (`**`, `*`, `?`, `{a,b}`) as a RegExp over '/'-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end === -1) re += '\\{';
      else {
        re += `(?:${glob
          .slice(i + 1, end)
          .split(',')
          .map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
          .join('|')})`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function matchesAny(relPath: string, globs: readonly string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(relPath));
}
