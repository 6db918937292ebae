import type * as Sarif from 'sarif';
import { ALL_RULES } from '../../core/rules/index.js';
import type { CliDiagnostic } from '../report.js';

export interface SarifOptions {
  version: string;
  /** The folder the diagnostics' paths are relative to (absolute, a local path). */
  cwd: string;
  /** Public URL of the rule pages (docs/rules/), ending in '/': only then does a rule get a helpUri. */
  docsUrl?: string;
  /** The Markdown page of a rule (docs/rules/<id>.md), when at hand: embedded as the rule's help. */
  ruleDoc?: (id: string) => string | undefined;
}

/** Findings that are not a rule's: they have no page, so their help is written here. */
const NOT_RULES: Record<string, { description: string; help: string }> = {
  config: {
    description: 'The qualspec configuration file (.qualspec.yaml) must be valid.',
    help: [
      'A `.qualspec.yaml` (found upward from each spec file, or named with `--config`) is a mapping with three keys, each optional:',
      '',
      '- `rules`: rule ids mapped to a severity, `error`, `warning`, `info` or `off`;',
      '- `specs`: a list of file patterns naming the spec files, relative to the configuration file;',
      '- `exclude`: a list of file patterns to leave out.',
      '',
      'A key, rule id or severity qualspec does not know is reported here, with the nearest known one when there is one.',
    ].join('\n'),
  },
  'internal-error': {
    description: 'A check failed unexpectedly on this file.',
    help: 'A check stopped with an error on this file: the other checks ran, but this one reported nothing. This is a fault in qualspec, not in the spec; please report it with the file (or the smallest part of it that still fails).',
  },
};

/**
 * A path relative to the base as a URI reference (RFC 3986): each segment percent-encoded, so that
 * a space, `#`, `%` or a non-ASCII letter stays part of the path ("my specs/Café.yaml" ->
 * "my%20specs/Caf%C3%A9.yaml"). SARIF 2.1.0 §3.10.2 requires valid URIs.
 */
export function relativeUri(file: string): string {
  return file
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** An absolute path as a file: URI of a folder, ending in '/' (SARIF §3.14.14: a base URI must end with a slash). */
export function folderUri(abs: string): string {
  const posix = abs.replace(/\\/g, '/');
  const withRoot = posix.startsWith('/') ? posix : `/${posix}`;
  const encoded = withRoot
    .split('/')
    .map((seg, i) => (i === 1 && /^[A-Za-z]:$/.test(seg) ? seg : relativeUri(seg)))
    .join('/');
  return `file://${encoded}${encoded.endsWith('/') ? '' : '/'}`;
}

/** Markdown as plain text, for `help.text` (viewers that do not render Markdown show this). */
export function markdownToText(md: string): string {
  return md
    .replace(/^```[^\n]*\n/gm, '')
    .replace(/^```$/gm, '')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_all, label: string, url: string) => (/^[a-z]+:/i.test(url) ? `${label} (${url})` : label))
    .replace(/^>\s?/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const region = (r: CliDiagnostic['range']): Sarif.Region => ({
  startLine: r.start.line + 1,
  startColumn: r.start.character + 1,
  endLine: r.end.line + 1,
  endColumn: r.end.character + 1,
});

const level = (s: string): Sarif.ReportingConfiguration.level => (s === 'info' ? 'note' : s === 'warning' ? 'warning' : 'error');

/**
 * SARIF 2.1.0, as the standard's text says and GitHub code scanning reads it: columns in UTF-16
 * code units (`columnKind`, which is how qualspec counts them), file URIs relative to an absolute
 * `%SRCROOT%` and percent-encoded, each rule's page embedded as its help, `helpUri` only for a
 * public URL (a file:// link into the runner's node_modules is dead on GitHub and leaks its paths),
 * and stable partialFingerprints that survive unrelated edits.
 */
export function sarif(diags: CliDiagnostic[], options: SarifOptions): string {
  const docsUrl = options.docsUrl ? (options.docsUrl.endsWith('/') ? options.docsUrl : `${options.docsUrl}/`) : undefined;
  const ids = [...ALL_RULES.map((r) => r.meta.id), ...Object.keys(NOT_RULES)];
  const meta = new Map(ALL_RULES.map((r) => [r.meta.id, r.meta]));
  const rules: Sarif.ReportingDescriptor[] = ids.map((id) => {
    const m = meta.get(id);
    const other = NOT_RULES[id];
    const desc = m?.description ?? other?.description ?? id;
    const page = m ? options.ruleDoc?.(id) : other?.help;
    const helpMarkdown = page ?? desc;
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_, _d: string, c: string) => c.toUpperCase()),
      shortDescription: { text: desc.split(/(?<=\.)\s/)[0]! },
      fullDescription: { text: desc },
      ...(docsUrl && m ? { helpUri: `${docsUrl}${id}.md` } : {}),
      help: { text: markdownToText(helpMarkdown), markdown: helpMarkdown },
      defaultConfiguration: { level: level(m?.severity ?? 'error') },
      properties: { tags: [m?.category ?? 'qualspec'], ...(m ? {} : { 'qualspec/kind': id === 'config' ? 'configuration' : 'tool' }) },
    };
  });
  const index = new Map(ids.map((id, i) => [id, i]));
  const location = (file: string, range: CliDiagnostic['range']): Sarif.PhysicalLocation => ({
    // A file of the run has a path relative to the cwd; anything else is known by its URI alone.
    artifactLocation: /^[a-z][a-z0-9+.-]*:/i.test(file) ? { uri: file } : { uri: relativeUri(file), uriBaseId: '%SRCROOT%' },
    region: region(range),
  });
  const results: Sarif.Result[] = diags.map((d) => ({
    ruleId: d.rule,
    ...(index.has(d.rule) ? { ruleIndex: index.get(d.rule)! } : {}),
    level: level(d.severity),
    message: { text: d.message },
    locations: [{ physicalLocation: location(d.file, d.range) }],
    ...(d.related.length
      ? { relatedLocations: d.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, physicalLocation: location(r.file, r.range) })) }
      : {}),
    partialFingerprints: { 'qualspecFingerprint/v1': d.fingerprint },
  }));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'qualspec',
            ...(docsUrl ? { informationUri: docsUrl } : {}),
            semanticVersion: options.version,
            version: options.version,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: folderUri(options.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
