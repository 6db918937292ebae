/**
 * What the desktop extension (extension.ts) and the web one (browser/extension.ts) share of their
 * set-up: switching a YAML document that declares itself a spec to the spec language, and the
 * `qualspec.*` settings sent to the server at start.
 */
import * as vscode from 'vscode';
import { SPEC_LANGUAGE_ID } from './preview/panel.js';
// "Is this a spec" is the server's definition, compiled in (it imports nothing).
import { declaresSpec, SPEC_MARKER_HEAD } from '../../server/src/host/spec-files.js';

/** Only the first lines can declare a spec (host/spec-files.ts reads the first SPEC_MARKER_HEAD characters). */
const HEAD_LINES = 400;

/**
 * A YAML file whose content says it is a spec (a top-level `qualspec:` key, or the schema modeline
 * on a line VS Code's `firstLine` does not look at) opens as plain YAML: switch it to the spec
 * language, once per file. Any other YAML file keeps its YAML mode, wherever it lives. A new YAML
 * file becomes a spec when `qualspec: 1` is typed into it (only edits near the top can).
 */
export function adoptSpecDocuments(context: vscode.ExtensionContext): void {
  const switched = new Set<string>();
  const adopt = (doc: vscode.TextDocument) => {
    if (doc.languageId !== 'yaml' || switched.has(doc.uri.toString())) return;
    if (!declaresSpec(doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, HEAD_LINES), 0)).slice(0, SPEC_MARKER_HEAD))) return;
    switched.add(doc.uri.toString());
    void vscode.languages.setTextDocumentLanguage(doc, SPEC_LANGUAGE_ID).then(undefined, () => undefined);
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(adopt),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.languageId === 'yaml' && e.contentChanges.some((c) => c.range.start.line < HEAD_LINES)) adopt(e.document);
    }),
  );
  vscode.workspace.textDocuments.forEach(adopt);
}

/** `qualspec.*` settings, as sent to the server at start. */
export function settingsSnapshot(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('qualspec');
  return { rules: c.get('rules') ?? {}, specGlobs: c.get('specGlobs') ?? [], inlayHints: { enabled: c.get('inlayHints.enabled') ?? true } };
}
