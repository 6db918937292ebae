/**
 * Diagnostics (findings in LSP form), code actions (the findings' fixes, and "Don't check <rule> here",
 * a disable comment), and code lenses above each qualification.
 */
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type CodeLens,
  type Diagnostic,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import { addWordEdit } from '../core/config/add-word.js';
import type { Finding } from '../core/index.js';
import { CATALOGUE } from '../core/rules/index.js';
import { docsUrl } from '../core/rules/types.js';
import { lineStartsOf, type Span } from '../core/text/line-index.js';
import { LineStarts, rangeIn, toRange, type ServiceHost, type SpecFile } from './host.js';
import { analyseQualification, lensTitle, lensTooltip } from './combination.js';
import { ShowCombinationPreviewCommand, type ShowCombinationPreviewArgs } from './protocol.js';
import { lineInfo, lineStartOf, nodeAt } from './yaml-nav.js';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** The ids with a doc page: every rule, and the pseudo-rules `config` and `internal-error` (the catalogue; its test checks each page is there). */
const DOCUMENTED = new Set(CATALOGUE.map((m) => m.id));

/** A finding as an LSP diagnostic. `docsBase`: URL of docs/rules/ ending in '/'. */
export function toDiagnostic(host: ServiceHost, f: Finding, docsBase: string | undefined): Diagnostic {
  const d: Diagnostic = {
    range: rangeIn(host, f.uri, f.span),
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Error,
    code: f.ruleId,
    source: 'qualspec',
    message: f.message,
  };
  if (docsBase && DOCUMENTED.has(f.ruleId)) d.codeDescription = { href: docsUrl(f.ruleId, docsBase) };
  if (f.related.length) d.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri, range: rangeIn(host, r.uri, r.span) }, message: r.message }));
  if (f.data !== undefined) d.data = f.data;
  return d;
}

const overlaps = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export interface CodeActionRequest {
  range: Range;
  /** The client's diagnostics at the range (matched to findings by code and range). */
  diagnostics: Diagnostic[];
  only?: string[];
}

/** Quick fixes for the findings at the range: each finding's fixes, then "Don't check <rule> here" (a disable comment). */
export function codeActions(host: ServiceHost, file: SpecFile, findings: readonly Finding[], req: CodeActionRequest, docsBase?: string): CodeAction[] {
  if (req.only && !req.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty)) return [];
  const span = { start: file.lines.offsetAt(req.range.start), end: file.lines.offsetAt(req.range.end) };
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  const disabled = new Set<string>();
  for (const f of findings) {
    if (f.uri !== file.uri || !overlaps(f.span, span)) continue;
    const ours = toDiagnostic(host, f, docsBase);
    const theirs =
      req.diagnostics.find((d) => d.code === f.ruleId && sameRange(d.range, ours.range) && d.message === f.message) ??
      req.diagnostics.find((d) => d.code === f.ruleId && sameRange(d.range, ours.range));
    const diag = theirs ?? ours;
    for (const fix of f.fixes) {
      const edits: TextEdit[] = fix.edits.map((e) => ({ range: toRange(file.lines, e.span), newText: e.newText }));
      const key = `${fix.title}|${JSON.stringify(fix.edits)}`;
      if (seen.has(key)) {
        out.find((a) => a.title === fix.title)?.diagnostics?.push(diag);
        continue;
      }
      seen.add(key);
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        ...(fix.preferred ? { isPreferred: true } : {}),
        edit: { changes: { [file.uri]: edits } },
      });
    }
    if (f.ruleId === 'spelling') {
      const add = addToDictionary(host, file.uri, f);
      if (add && !seen.has(add.title)) {
        seen.add(add.title);
        out.push({ ...add, diagnostics: [diag] });
      }
    }
    if (f.ruleId === 'internal-error' || f.ruleId === 'config') continue;
    const edit = disableEdit(file, f);
    if (!edit) continue;
    const key = `${f.ruleId}|${edit.range.start.line}`;
    if (disabled.has(key)) continue;
    disabled.add(key);
    out.push({
      title: `Don't check '${f.ruleId}' here (adds a comment above this entry)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diag],
      edit: { changes: { [file.uri]: [edit] } },
    });
  }
  // Fixes first (preferred ones first), then the "disable" actions.
  return out.sort((a, b) => rank(a) - rank(b));
}

/** "Add 'word' to the workspace dictionary": the word appended to `words:` of the `.qualspec.yaml` (created if need be). */
export function addToDictionary(host: ServiceHost, specUri: string, f: Finding): Omit<CodeAction, 'diagnostics'> | undefined {
  const word = (f.data as { word?: unknown } | undefined)?.word;
  if (typeof word !== 'string' || !host.workspaceConfig) return undefined;
  const cfg = host.workspaceConfig(specUri);
  if (!cfg) return undefined;
  const text = cfg.text ?? '';
  const e = addWordEdit(text, word);
  if (!e) return undefined;
  const lines = new LineStarts(lineStartsOf(text), text.length);
  const edit: TextEdit = { range: toRange(lines, e.span), newText: e.newText };
  const change: WorkspaceEdit =
    cfg.text === undefined
      ? {
          documentChanges: [
            { kind: 'create', uri: cfg.uri, options: { ignoreIfExists: true } },
            { textDocument: { uri: cfg.uri, version: null }, edits: [edit] },
          ],
        }
      : { changes: { [cfg.uri]: [edit] } };
  return { title: `Add '${word}' to the workspace dictionary`, kind: CodeActionKind.QuickFix, edit: change };
}

function rank(a: CodeAction): number {
  if (a.title.startsWith("Don't check ")) return 3;
  if (a.title.startsWith('Add ')) return 2;
  return a.isPreferred ? 0 : 1;
}

/**
 * The line a `# qualspec-disable-next` comment must go above for a finding: the line where the
 * entry or list item holding it starts (never inside a multi-line scalar).
 */
export function anchorOffset(file: SpecFile, offset: number): number {
  const parsed = file.analysis.parsed;
  const text = file.text;
  const path = nodeAt(parsed, offset)?.path ?? [];
  for (let k = path.length; k >= 1; k--) {
    const p = path.slice(0, k);
    if (!parsed.has(p)) continue;
    const last = p[p.length - 1];
    const at = typeof last === 'string' ? parsed.locate(p, 'key').start : parsed.locate(p).start;
    const ls = lineStartOf(text, at);
    if (/^[ -]*$/.test(text.slice(ls, at))) return ls;
  }
  return lineStartOf(text, offset);
}

/** The edit adding `# qualspec-disable-next <rule>` above the finding's node (or extending one already there). */
export function disableEdit(file: SpecFile, f: Finding): TextEdit | undefined {
  const text = file.text;
  const ls = anchorOffset(file, f.span.start);
  const line = lineInfo(text, ls);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // A disable-next comment right above: add the rule to it.
  if (ls > 0) {
    const prevStart = lineStartOf(text, ls - 1);
    const prev = text.slice(prevStart, ls).replace(/\r?\n$/, '');
    const m = /^(\s*)#\s*qualspec-disable-next\b([^#]*)$/.exec(prev);
    if (m && m[1]!.length === line.indent) {
      const ids = m[2]!.split(/[\s,]+/).filter(Boolean);
      if (ids.length === 0 || ids.includes(f.ruleId)) return undefined;
      const end = prevStart + prev.replace(/\s+$/, '').length;
      const pos = file.lines.positionAt(end);
      return { range: { start: pos, end: pos }, newText: ` ${f.ruleId}` };
    }
  }
  const pos = file.lines.positionAt(ls);
  return { range: { start: pos, end: pos }, newText: `${' '.repeat(line.indent)}# qualspec-disable-next ${f.ruleId}${eol}` };
}

/** A lens above each qualification: its credit range and whether its rules can be met. */
export function codeLenses(host: ServiceHost, file: SpecFile): CodeLens[] {
  const { model, parsed } = file.analysis;
  const out: CodeLens[] = [];
  for (const q of model.qualifications) {
    const span = parsed.locate(q.path);
    const start = file.lines.positionAt(span.start);
    const range = { start, end: start };
    let title: string;
    let tooltip: string | undefined;
    try {
      const a = analyseQualification(model, q, host.index, file.uri);
      title = lensTitle(a);
      tooltip = lensTooltip(a);
    } catch (e) {
      title = 'combination preview';
      tooltip = e instanceof Error ? e.message : String(e);
    }
    const args: ShowCombinationPreviewArgs = [file.uri, q.index];
    out.push({ range, command: { title, command: ShowCombinationPreviewCommand, arguments: args, ...(tooltip ? { tooltip } : {}) } });
  }
  return out;
}
