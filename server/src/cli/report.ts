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

/** What the report needs of a file: its path for people, positions of offsets, and (when at hand) its text. */
export interface FileLines {
  file: string; // relative, '/'-separated
  positionAt(offset: number): Position;
  /** The text of a span; absent when the text is no longer held (then each finding carries `under`). */
  slice?(start: number, end: number): string;
}

export function fileText(file: string, text: string): FileLines {
  const lines = new LineIndex(text);
  return { file, positionAt: (o) => lines.positionAt(o), slice: (a, b) => text.slice(a, b) };
}

/** A finding with the text under its span already taken (by whoever held the file's text). */
export type LocatedFinding = Finding & { under?: string };

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

export function toCli(findings: readonly LocatedFinding[], texts: ReadonlyMap<string, FileLines>): CliDiagnostic[] {
  const out: CliDiagnostic[] = [];
  const seen = new Map<string, number>();
  const range = (t: FileLines | undefined, s: { start: number; end: number }) =>
    t ? { start: t.positionAt(s.start), end: t.positionAt(s.end) } : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const f of findings) {
    const t = texts.get(f.uri);
    const file = t?.file ?? f.uri;
    const under = f.under ?? t?.slice?.(f.span.start, f.span.end) ?? '';
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
