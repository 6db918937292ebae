/**
 * Extension-host tests: the real extension and the real language server in a real VS Code, on a
 * workspace with a seeded error (see ../fixtures.ts). They run in order: the quick fix test
 * repairs the error the diagnostic test found.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { QualspecApi } from '../../../client/src/extension.js';
import { BAD_REF, GOOD_REF, HOVER_REF, HOVER_TITLE, SEEDED_RULE, SPEC_PATH } from '../fixtures.js';
import { test, until } from './runner.js';

const workspace = process.env.QUALSPEC_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
const specUri = vscode.Uri.file(join(workspace, SPEC_PATH));

let api: QualspecApi;
let doc: vscode.TextDocument;

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? ''));
const seeded = () => vscode.languages.getDiagnostics(specUri).filter((d) => codeOf(d) === SEEDED_RULE && d.message.includes(BAD_REF));

function positionOf(text: string, offsetInMatch = 1): vscode.Position {
  const at = doc.getText().indexOf(text);
  assert.ok(at >= 0, `"${text}" is in the spec`);
  return doc.positionAt(at + offsetInMatch);
}

test('activates on a spec and starts the server', async () => {
  doc = await vscode.workspace.openTextDocument(specUri);
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'qualspec-yaml', 'a *.qspec.yaml file in specs/ opens as a qualification spec');
  const ext = vscode.extensions.getExtension<QualspecApi>('qualspec.qualspec');
  assert.ok(ext, 'the extension is installed');
  api = await ext.activate();
  await api.ready;
  assert.equal(api.client.isRunning(), true);
});

test('publishes the seeded error as a diagnostic with its rule id and doc link', async () => {
  const [d] = await until(() => (seeded().length ? seeded() : undefined), `a ${SEEDED_RULE} diagnostic for ${BAD_REF}`);
  assert.equal(d!.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(d!.source, 'qualspec');
  assert.equal(doc.getText(d!.range), BAD_REF, 'the diagnostic covers the unknown ref');
  const target = typeof d!.code === 'object' && d!.code !== null ? d!.code.target : undefined;
  assert.ok(target?.toString().includes(SEEDED_RULE), `codeDescription links to the rule's page (${target?.toString()})`);
});

test('hovers a unit ref with the unit it names', async () => {
  const pos = positionOf(`[${HOVER_REF}`, 2);
  const hovers = await until(async () => {
    const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', specUri, pos);
    return h?.length ? h : undefined;
  }, `a hover on ${HOVER_REF}`);
  const text = hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
  assert.ok(text.includes(HOVER_REF) && text.includes(HOVER_TITLE), `hover text names the unit:\n${text}`);
});

test('fixes the seeded error with a quick fix, and the diagnostic goes', async () => {
  const [d] = seeded();
  assert.ok(d, 'the seeded diagnostic is still there');
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    specUri,
    d.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const fix = actions.find((a) => a.title.includes(GOOD_REF));
  assert.ok(fix, `a quick fix offers ${GOOD_REF}; offered: ${actions.map((a) => a.title).join(' | ')}`);
  if (fix.edit) assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
  if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
  assert.ok(doc.getText().includes(`mandatory: [8570-228, 8570-229, ${GOOD_REF}]`), 'the edit replaced only the bad ref');
  await until(() => seeded().length === 0, 'the diagnostic to go after the fix');
  assert.equal(await doc.save(), true);
  assert.ok(readFileSync(specUri.fsPath, 'utf8').includes(`mandatory: [8570-228, 8570-229, ${GOOD_REF}]`), 'the saved file has the fix');
});

test('opens the combination preview and plans a valid selection', async () => {
  await vscode.commands.executeCommand('qualspec.showCombinationPreview', specUri.toString(), 0);
  const preview = await until(() => api.preview.current, 'the preview panel');
  assert.equal(preview.panel.viewType, 'qualspec.combinationPreview');
  const first = await until(() => preview.shown?.data, 'the combination data');
  assert.equal(first.title, 'ILM Level 2 Certificate in Sales Management');
  assert.equal(preview.panel.title, 'Combination Preview: ILM Level 2 Certificate in Sales Management');
  assert.equal(first.analysis.feasible, true);
  assert.deepEqual([first.analysis.credit?.min, first.analysis.credit?.max], [13, 17]);
  assert.equal(first.check.ok, false, 'nothing ticked meets no rule');
  assert.ok(first.fill && first.fill.length > 0, 'a smallest valid selection is suggested');

  preview.select(first.fill!);
  const planned = await until(
    () => (preview.shown?.data?.check.ok && preview.shown.selection.length === first.fill!.length ? preview.shown.data : undefined),
    'the planned selection to meet every rule',
  );
  assert.equal(planned.check.totals.credits, first.analysis.credit!.min);
});

test('the preview updates live when the YAML changes', async () => {
  const preview = api.preview.current!;
  const before = preview.shown!.data!.analysis.credit!.max;
  // Lower the maximum of the total rule (17 -> 15): the achievable range shrinks.
  const at = doc.getText().indexOf('maxCredits: 17');
  assert.ok(at >= 0);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(specUri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'maxCredits: 17'.length)), 'maxCredits: 15');
  assert.equal(await vscode.workspace.applyEdit(edit), true);
  await until(() => preview.shown?.data?.analysis.credit?.max === 15, `the achievable maximum to drop from ${before} to 15`);
  const back = new vscode.WorkspaceEdit();
  const at2 = doc.getText().indexOf('maxCredits: 15');
  back.replace(specUri, new vscode.Range(doc.positionAt(at2), doc.positionAt(at2 + 'maxCredits: 15'.length)), 'maxCredits: 17');
  assert.equal(await vscode.workspace.applyEdit(back), true);
  await until(() => preview.shown?.data?.analysis.credit?.max === before, 'the maximum to come back');
});

test('restarts the server on request, keeping the open document', async () => {
  await vscode.commands.executeCommand('qualspec.restartServer');
  await until(() => api.client.isRunning(), 'the server to run again');
  const pos = positionOf(`[${HOVER_REF}`, 2);
  await until(
    async () => (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', specUri, pos))?.length,
    'a hover after the restart',
  );
});
