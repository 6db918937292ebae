/** The CLI's view of a finding: file path relative to the cwd, zero-based line/character range. */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../core/rules/types.js';
import { LineIndex, type Position } from '../core/text/line-index.js';

export interface CliDiagnostic {
  file: string;
  rule: string;
  severity: Severity;
  message: string;
  range: { start: Position; end: Position };
  related: { file: string; message: string; range: { start: Position; end: Position } }[];
  fingerprint: string;
  fixable: boolean;
}

export interface FileText {
  file: string; // relative, '/'-separated
  text: string;
  lines: LineIndex;
}

/**
 * A fingerprint that survives unrelated edits: rule, file, the text under the finding and its
 * message, plus an occurrence number among identical ones — but not line numbers.
 */
export function fingerprint(rule: string, file: string, message: string, under: string, occurrence: number): string {
  return createHash('sha256')
    .update([rule, file, message, under.trim(), String(occurrence)].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

export function toCli(findings: Finding[], texts: Map<string, FileText>): CliDiagnostic[] {
  const out: CliDiagnostic[] = [];
  const seen = new Map<string, number>();
  const range = (t: FileText | undefined, s: { start: number; end: number }) =>
    t ? { start: t.lines.positionAt(s.start), end: t.lines.positionAt(s.end) } : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const f of findings) {
    const t = texts.get(f.uri);
    const file = t?.file ?? f.uri;
    const under = t ? t.text.slice(f.span.start, f.span.end) : '';
    const key = [f.ruleId, file, f.message, under.trim()].join('\u0000');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    out.push({
      file,
      rule: f.ruleId,
      severity: f.severity,
      message: f.message,
      range: range(t, f.span),
      related: f.related.map((r) => {
        const rt = texts.get(r.uri);
        return { file: rt?.file ?? r.uri, message: r.message, range: range(rt, r.span) };
      }),
      fingerprint: fingerprint(f.ruleId, file, f.message, under, n),
      fixable: f.fixes.some((x) => x.safe),
    });
  }
  return out;
}
