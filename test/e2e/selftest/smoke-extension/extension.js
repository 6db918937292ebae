// Throwaway extension for the e2e harness self-test (see ../README in test/e2e).
// A diagnostic for every `badref`, a hover on unit ids `U<n>`, a quick fix
// replacing `badref` with `U1`, and a webview with a checkbox.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS extension, as VS Code loads it
const vscode = require('vscode');

const BAD = /\bbadref\b/g;

function activate(context) {
  const collection = vscode.languages.createDiagnosticCollection('qspec-smoke');
  context.subscriptions.push(collection);

  const lint = (doc) => {
    if (doc.languageId !== 'qspec-smoke') return;
    const text = doc.getText();
    const diags = [];
    for (const m of text.matchAll(BAD)) {
      const range = new vscode.Range(doc.positionAt(m.index), doc.positionAt(m.index + m[0].length));
      const d = new vscode.Diagnostic(range, "Unknown unit ref 'badref'", vscode.DiagnosticSeverity.Error);
      d.source = 'qspec-smoke';
      d.code = { value: 'QS001', target: vscode.Uri.parse('https://example.invalid/rules/QS001') };
      const def = text.search(/\bid: U1\b/);
      if (def >= 0) {
        d.relatedInformation = [
          new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, doc.positionAt(def + 4)), 'did you mean U1, defined here?'),
        ];
      }
      diags.push(d);
    }
    collection.set(doc.uri, diags);
  };
  vscode.workspace.textDocuments.forEach(lint);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(lint),
    vscode.workspace.onDidChangeTextDocument((e) => lint(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => collection.delete(doc.uri)),
  );

  context.subscriptions.push(
    vscode.languages.registerHoverProvider('qspec-smoke', {
      provideHover(doc, pos) {
        const range = doc.getWordRangeAtPosition(pos, /\bU\d+\b/);
        if (!range) return undefined;
        const id = doc.getText(range);
        return new vscode.Hover(new vscode.MarkdownString(`**Unit ${id}**: Smoke unit title\n\nLevel 5 · 15 credits`), range);
      },
    }),
  );

  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(
      'qspec-smoke',
      {
        provideCodeActions(doc, _range, ctx) {
          return ctx.diagnostics
            .filter((d) => (d.code?.value ?? d.code) === 'QS001')
            .map((d) => {
              const fix = new vscode.CodeAction("Replace 'badref' with 'U1'", vscode.CodeActionKind.QuickFix);
              fix.edit = new vscode.WorkspaceEdit();
              fix.edit.replace(doc.uri, d.range, 'U1');
              fix.diagnostics = [d];
              fix.isPreferred = true;
              return fix;
            });
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );

  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider('qspec-smoke', {
      provideCompletionItems() {
        const u1 = new vscode.CompletionItem('U1', vscode.CompletionItemKind.Reference);
        u1.detail = 'Smoke unit title · 15 credits';
        const u2 = new vscode.CompletionItem('U2', vscode.CompletionItemKind.Reference);
        u2.detail = 'Second unit · 10 credits';
        return [u1, u2];
      },
    }),
    vscode.languages.registerCodeLensProvider('qspec-smoke', {
      provideCodeLenses(doc) {
        const line = doc
          .getText()
          .split('\n')
          .findIndex((l) => l.startsWith('award:'));
        if (line < 0) return [];
        return [
          new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
            title: 'Smoke lens: 15–30 credits · achievable',
            command: 'qspecSmoke.showPreview',
          }),
        ];
      },
    }),
  );
  const status = vscode.languages.createLanguageStatusItem('qspecSmoke.status', 'qspec-smoke');
  status.name = 'Qspec Smoke';
  status.text = 'Smoke schema v1';
  status.detail = 'config: smoke.config.json';
  context.subscriptions.push(status);

  context.subscriptions.push(
    vscode.commands.registerCommand('qspecSmoke.showPreview', () => {
      const panel = vscode.window.createWebviewPanel('qspecSmokePreview', 'Smoke Preview', vscode.ViewColumn.Beside, { enableScripts: true });
      const nonce = String(Math.random()).slice(2);
      panel.webview.html = `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}';">
<style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)} .met{color:var(--vscode-testing-iconPassed)}</style>
</head><body>
<h1>Smoke Preview</h1>
<label><input type="checkbox" id="u1"> Unit U1 (15 credits)</label>
<p id="status" role="status">Rule: unmet (needs U1)</p>
<script nonce="${nonce}">
  const box = document.getElementById('u1');
  const status = document.getElementById('status');
  box.addEventListener('change', () => {
    status.textContent = box.checked ? 'Rule: met' : 'Rule: unmet (needs U1)';
    status.className = box.checked ? 'met' : '';
  });
</script>
</body></html>`;
    }),
  );
}

function deactivate() {}

module.exports = { activate, deactivate };
