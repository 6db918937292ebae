/** The sentence "Qualspec: Lint Workspace" ends with (no VS Code API here, so it is unit-tested directly). */
import type { LintWorkspaceResult } from './protocol.js';

export function lintSummary(r: Partial<LintWorkspaceResult>, folders = 1): string {
  const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const p = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (n(r.files) === 0) {
    // "No problems" about no files would read as a clean bill of health.
    if (folders === 0) return 'Qualspec: no folder is open, so there is no workspace to lint. Open the folder that holds your specs.';
    return 'Qualspec: no spec files were found, so nothing was linted. A spec is a YAML file with a top-level `qualspec: 1` line or a name ending in .qspec.yaml, in a folder the “qualspec.specGlobs” setting (or the project’s .qualspec.yaml) names.';
  }
  const files = p(n(r.files), 'spec file');
  const took = typeof r.millis === 'number' ? ` in ${r.millis < 1000 ? `${Math.round(r.millis)} ms` : `${(r.millis / 1000).toFixed(1)} s`}` : '';
  const errors = n(r.errors);
  const warnings = n(r.warnings);
  const infos = n(r.infos);
  if (errors + warnings + infos === 0) return `Qualspec: ${files} linted, no problems${took}.`;
  const inFiles = typeof r.filesWithProblems === 'number' ? ` in ${p(r.filesWithProblems, 'file')}` : '';
  return `Qualspec: ${files} linted${took}: ${p(errors, 'error')}, ${p(warnings, 'warning')}, ${infos} info${inFiles}.`;
}
