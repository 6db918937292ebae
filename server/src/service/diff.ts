/**
 * "Compare with previous version" for the editor: the semantic diff of an open spec against an
 * older text, and the edit that inserts the drafted change-history entry.
 */
import { DiffInputError, diffSpecs } from '../core/diff/index.js';
import { indexOf } from '../core/lint/pipeline.js';
import type { ParsedFile } from '../core/parse/parse.js';
import type { WorkspaceIndex } from '../core/workspace/index.js';
import type { SeveritySetting } from '../core/rules/types.js';
import type { SpecFile } from './host.js';
import type { DiffParams, DiffResult, LspRange } from './protocol.js';

/**
 * Where and what to insert so that `entryYaml` (a list item at column 0) becomes the last entry of
 * document.changeHistory: after the last entry, at its indentation; a new changeHistory key at the
 * end of `document` when there is none. Null when there is no document mapping to put it in.
 */
export function entryInsertion(parsed: ParsedFile, text: string, entryYaml: string): { offset: number; text: string } | null {
  const lineStart = (o: number) => text.lastIndexOf('\n', o - 1) + 1;
  const lineEnd = (o: number) => {
    const i = text.indexOf('\n', o);
    return i === -1 ? text.length : i;
  };
  const indentOf = (o: number) => o - lineStart(o);
  const shift = (yaml: string, n: number) =>
    yaml
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => ' '.repeat(n) + l)
      .join('\n');
  const doc = parsed.data as { document?: { changeHistory?: unknown } } | undefined;
  const history = doc?.document?.changeHistory;
  if (Array.isArray(history) && history.length > 0) {
    const last = parsed.locate(['document', 'changeHistory', history.length - 1], 'entry');
    const first = parsed.locate(['document', 'changeHistory', 0], 'entry');
    // The dash of the first item: its column is the list's indentation.
    const dash = text.lastIndexOf('-', first.start);
    const indent = dash >= lineStart(first.start) ? indentOf(dash) : indentOf(first.start);
    const at = lineEnd(Math.max(last.start, last.end - 1));
    return { offset: at, text: `\n${shift(entryYaml, indent)}` };
  }
  if (doc?.document && typeof doc.document === 'object' && !Array.isArray(history)) {
    const span = parsed.locate(['document'], 'value');
    const keyIndent = indentOf(span.start);
    const at = lineEnd(Math.max(span.start, span.end - 1));
    return { offset: at, text: `\n${' '.repeat(keyIndent)}changeHistory:\n${shift(entryYaml, keyIndent + 2)}` };
  }
  return null;
}

/**
 * The open spec against an older text. `workspace`: the other spec files of the workspace, whose
 * units a pool may name; the editor has only this file's old text, so both versions are counted
 * with the other files as they are now (the CLI reads each version's own files).
 */
export function diffDocument(file: SpecFile, params: DiffParams, sensitive: SeveritySetting = 'warning', workspace?: WorkspaceIndex): DiffResult {
  try {
    const options = { sensitiveSeverity: sensitive, ...(params.today ? { today: params.today } : {}) };
    // Without this file: the old version must not borrow a unit from the new one.
    const others = workspace ? indexOf([...workspace.all()].filter((s) => s.uri !== file.uri)) : undefined;
    const index = others ? { index: others } : {};
    const report = diffSpecs(
      { label: params.oldLabel, uri: `${file.uri}#old`, text: params.oldText, ...index },
      { label: 'this version', uri: file.uri, text: file.text, ...index },
      options,
    );
    // Only where the new version lacks an entry of its own: a second entry for the same version is never right.
    const ins = report.problems.some((p) => p.code === 'no-change-history-entry')
      ? entryInsertion(file.analysis.parsed, file.text, report.changelog.yaml)
      : null;
    const insertEntry = ins
      ? { range: { start: file.lines.positionAt(ins.offset), end: file.lines.positionAt(ins.offset) } satisfies LspRange, newText: ins.text }
      : null;
    return { ok: true, report, insertEntry };
  } catch (e) {
    if (e instanceof DiffInputError) return { ok: false, message: e.message };
    throw e;
  }
}
