import type { CliDiagnostic } from '../report.js';

/** `{"version":1,"files":[…],"diagnostics":[{file, rule, severity, message, range}]}`, zero-based as in LSP. */
export function json(diags: CliDiagnostic[], files: string[]): string {
  return (
    JSON.stringify({
      version: 1,
      files,
      diagnostics: diags.map((d) => ({
        file: d.file,
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        range: d.range,
        ...(d.related.length ? { related: d.related } : {}),
        fingerprint: d.fingerprint,
      })),
    }) + '\n'
  );
}
