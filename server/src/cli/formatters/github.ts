import type { CliDiagnostic } from '../report.js';

const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escProp = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: ::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message */
export function github(diags: CliDiagnostic[]): string {
  return diags
    .map((d) => {
      const kind = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${escProp(d.file)}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${escProp(`qualspec ${d.rule}`)}`,
      ];
      return `::${kind} ${props.join(',')}::${esc(d.message)}\n`;
    })
    .join('');
}
