import { ALL_RULES } from '../../core/rules/index.js';
import type { CliDiagnostic } from '../report.js';

/** SARIF 2.1.0 for GitHub code scanning: rules with descriptions and helpUri, stable partialFingerprints. */
export function sarif(diags: CliDiagnostic[], version: string, docsBase: string): string {
  const ids = [...ALL_RULES.map((r) => r.meta.id), 'config', 'internal-error'];
  const meta = new Map(ALL_RULES.map((r) => [r.meta.id, r.meta]));
  const rules = ids.map((id) => {
    const m = meta.get(id);
    const desc = m?.description ?? (id === 'config' ? 'The qualspec configuration file must be valid.' : 'A check failed unexpectedly.');
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_, _d: string, c: string) => c.toUpperCase()),
      shortDescription: { text: desc.split(/(?<=\.)\s/)[0] },
      fullDescription: { text: desc },
      helpUri: `${docsBase}${id}.md`,
      help: { text: `${desc} See ${docsBase}${id}.md`, markdown: `${desc}\n\n[Documentation](${docsBase}${id}.md)` },
      defaultConfiguration: { level: m?.severity === 'info' ? 'note' : (m?.severity ?? 'error') },
      properties: { tags: [m?.category ?? 'qualspec'] },
    };
  });
  const index = new Map(ids.map((id, i) => [id, i]));
  const results = diags.map((d) => ({
    ruleId: d.rule,
    ruleIndex: index.get(d.rule) ?? 0,
    level: d.severity === 'info' ? 'note' : d.severity,
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: d.file, uriBaseId: '%SRCROOT%' },
          region: {
            startLine: d.range.start.line + 1,
            startColumn: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: d.range.end.character + 1,
          },
        },
      },
    ],
    ...(d.related.length
      ? {
          relatedLocations: d.related.map((r, i) => ({
            id: i + 1,
            message: { text: r.message },
            physicalLocation: {
              artifactLocation: { uri: r.file, uriBaseId: '%SRCROOT%' },
              region: {
                startLine: r.range.start.line + 1,
                startColumn: r.range.start.character + 1,
                endLine: r.range.end.line + 1,
                endColumn: r.range.end.character + 1,
              },
            },
          })),
        }
      : {}),
    partialFingerprints: { 'qualspecFingerprint/v1': d.fingerprint },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'qualspec', informationUri: docsBase.replace(/docs\/rules\/$/, ''), semanticVersion: version, version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
