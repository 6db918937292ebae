/**
 * "Qualspec: New Specification from Template": asks how the qualifications are sized (templates.ts),
 * then where the spec goes — a new untitled editor, or a file the author chooses — and opens it in
 * the spec language, dated today. A file is written only through the save dialog, which asks
 * before replacing one; an open document is never overwritten.
 */
import * as vscode from 'vscode';
import { SPEC_LANGUAGE_ID } from './preview/panel.js';
import { instantiate, isoDate, SPEC_TEMPLATES, type SpecTemplate } from './templates.js';

const UNTITLED = 'Open in a new editor (save it later)';
const SAVE_AS = 'Save as a file…';

export async function newSpecFromTemplate(extensionUri: vscode.Uri): Promise<vscode.TextEditor | undefined> {
  const pick = await vscode.window.showQuickPick(
    SPEC_TEMPLATES.map((t) => ({ label: t.label, description: t.description, detail: t.detail, template: t })),
    { title: 'New Qualification Specification', placeHolder: 'How are the qualifications sized?', matchOnDetail: true },
  );
  if (!pick) return undefined;
  const text = await templateText(extensionUri, pick.template);
  if (text === undefined) return undefined;
  const where = await vscode.window.showQuickPick([UNTITLED, SAVE_AS], { title: 'New Qualification Specification', placeHolder: 'Where should it go?' });
  if (!where) return undefined;
  if (where === UNTITLED) {
    const doc = await vscode.workspace.openTextDocument({ language: SPEC_LANGUAGE_ID, content: text });
    return vscode.window.showTextDocument(doc);
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = pick.template.suggestedName;
  const target = await vscode.window.showSaveDialog({
    title: 'Save the new specification',
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    filters: { 'Qualification specification': ['yaml', 'yml'] },
  });
  if (!target) return undefined;
  // The document is open with edits of its own: do not replace them behind the author's back.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (open?.isDirty) {
    void vscode.window.showWarningMessage(`Qualspec: ${vscode.workspace.asRelativePath(target)} is open with unsaved changes; save or close it first.`);
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(target);
  // A spec saved outside the spec globs still opens as a spec (its `qualspec: 1` also says so).
  const spec = doc.languageId === SPEC_LANGUAGE_ID ? doc : await vscode.languages.setTextDocumentLanguage(doc, SPEC_LANGUAGE_ID);
  return vscode.window.showTextDocument(spec);
}

async function templateText(extensionUri: vscode.Uri, t: SpecTemplate): Promise<string | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'templates', t.file));
    return instantiate(new TextDecoder().decode(bytes), isoDate());
  } catch (e) {
    void vscode.window.showErrorMessage(
      `Qualspec: the template ${t.file} could not be read (${e instanceof Error ? e.message : String(e)}). Reinstall the extension.`,
    );
    return undefined;
  }
}
