import type { CliDiagnostic } from '../report.js';

const c = (on: boolean) => ({
  red: (s: string) => (on ? `\x1b[31m${s}\x1b[39m` : s),
  yellow: (s: string) => (on ? `\x1b[33m${s}\x1b[39m` : s),
  blue: (s: string) => (on ? `\x1b[34m${s}\x1b[39m` : s),
  dim: (s: string) => (on ? `\x1b[2m${s}\x1b[22m` : s),
  bold: (s: string) => (on ? `\x1b[1m${s}\x1b[22m` : s),
  underline: (s: string) => (on ? `\x1b[4m${s}\x1b[24m` : s),
});

/** Grouped by file; each line `file:line:col severity message rule-id`; a closing count. */
export function stylish(diags: CliDiagnostic[], files: string[], color: boolean): string {
  const k = c(color);
  const out: string[] = [];
  const byFile = new Map<string, CliDiagnostic[]>();
  for (const d of diags) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  for (const [file, list] of byFile) {
    out.push(k.underline(file));
    for (const d of list) {
      const loc = `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const sev = d.severity === 'error' ? k.red('error') : d.severity === 'warning' ? k.yellow('warning') : k.blue('info');
      out.push(`  ${loc} ${sev} ${d.message} ${k.dim(d.rule)}`);
    }
    out.push('');
  }
  const e = diags.filter((d) => d.severity === 'error').length;
  const w = diags.filter((d) => d.severity === 'warning').length;
  const i = diags.length - e - w;
  const fixable = diags.filter((d) => d.fixable).length;
  const n = diags.length;
  const summary = `${n} problem${n === 1 ? '' : 's'} (${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}${i ? `, ${i} info` : ''}) in ${files.length} file${files.length === 1 ? '' : 's'}`;
  out.push(n === 0 ? `✔ ${summary}` : e ? k.bold(k.red(`✖ ${summary}`)) : k.bold(k.yellow(`✖ ${summary}`)));
  if (fixable) out.push(k.dim(`  ${fixable} of them can be fixed with --fix.`));
  return out.join('\n') + '\n';
}
