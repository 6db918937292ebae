/**
 * The requests the server answers, each handed to the language service (server/src/service), and
 * `qualspec/lintWorkspace`. Methods of QualspecServer.
 */
import { DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError, type CancellationToken, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { analyseFile, type Finding } from '../core/index.js';
import {
  codeActions,
  codeLenses,
  combination,
  completion,
  definition,
  documentSymbols,
  flattenSymbols,
  hover,
  prepareRename,
  qualifications,
  references,
  rename,
  RenameError,
  workspaceSymbols,
} from '../service/index.js';
import {
  CombinationRequestMethod,
  LintWorkspaceRequestMethod,
  QualificationsRequestMethod,
  type CombinationParams,
  type CombinationResult,
  type LintWorkspaceParams,
  type LintWorkspaceResult,
  type QualificationsParams,
  type QualificationsResult,
} from '../service/protocol.js';
import { normaliseUri, uriToPath } from './files.js';

import { readGuarded, utf8Text } from '../host/read.js';
import type { QualspecServer } from './server.js';

const now = () => performance.now();

/** Register every request handler (each guarded: see QualspecServer.handler). */
export function registerRequests(this: QualspecServer): void {
  const c = this.connection;
  c.onHover(this.handler('hover', null, (p) => hover(this.hostFor(p.textDocument.uri), p.textDocument.uri, p.position)));
  c.onCompletion(
    this.handler('completion', { isIncomplete: false, items: [] }, (p) => completion(this.hostFor(p.textDocument.uri), p.textDocument.uri, p.position)),
  );
  c.onDefinition(this.handler('definition', [], (p) => definition(this.hostFor(p.textDocument.uri), p.textDocument.uri, p.position)));
  c.onReferences(
    this.handler('references', [], (p) => references(this.hostFor(p.textDocument.uri), p.textDocument.uri, p.position, p.context?.includeDeclaration ?? true)),
  );
  c.onPrepareRename(this.handler('prepareRename', null, (p) => prepareRename(this.hostFor(p.textDocument.uri), p.textDocument.uri, p.position)));
  c.onRenameRequest(
    this.handler('rename', null, (p) => {
      try {
        return rename(this.hostFor(p.textDocument.uri), p.textDocument.uri, p.position, p.newName, (u) => this.files.readText(u));
      } catch (e) {
        if (e instanceof RenameError) throw new ResponseError(LSPErrorCodes.RequestFailed, e.message);
        throw e;
      }
    }),
  );
  c.onDocumentSymbol(
    this.handler('documentSymbol', [], (p) => {
      const f = this.specFile(p.textDocument.uri);
      if (!f) return [];
      const syms = documentSymbols(f);
      return this.features.hierarchicalSymbols ? syms : flattenSymbols(f.uri, syms);
    }),
  );
  c.onWorkspaceSymbol(
    this.handler('workspaceSymbol', [], (p, token) => {
      const out = [];
      for (const [key] of this.session.projects()) {
        const host = this.hosts.get(key) ?? this.hostFor(key || 'untitled:');
        out.push(...workspaceSymbols(host, p.query ?? '', 500 - out.length, () => token.isCancellationRequested));
        if (out.length >= 500) break;
      }
      return out;
    }),
  );
  c.onCodeAction(
    this.handler('codeAction', [], (p) => {
      const f = this.specFile(p.textDocument.uri);
      if (!f) return [];
      return codeActions(
        this.hostFor(f.uri),
        f,
        this.findingsOf(f.uri),
        { range: p.range, diagnostics: p.context?.diagnostics ?? [], ...(p.context?.only ? { only: p.context.only } : {}) },
        this.docsBase,
      );
    }),
  );
  c.onCodeLens(
    this.handler('codeLens', [], (p) => {
      const f = this.specFile(p.textDocument.uri);
      return f ? codeLenses(this.hostFor(f.uri), f) : [];
    }),
  );
  const pullHandler = this.handler(
    'diagnostic',
    { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport,
    (p: { textDocument: { uri: string }; previousResultId?: string }) => this.pullDiagnostics(p.textDocument.uri, p.previousResultId),
  );
  c.languages.diagnostics.on(pullHandler as unknown as Parameters<typeof c.languages.diagnostics.on>[0]);

  c.onRequest(
    QualificationsRequestMethod,
    this.handler<QualificationsParams, QualificationsResult>('qualspec/qualifications', [], (p) => {
      const f = this.specFile(p.uri);
      return f ? qualifications(f) : [];
    }),
  );
  c.onRequest(
    CombinationRequestMethod,
    this.handler<CombinationParams, CombinationResult | null>('qualspec/combination', null, (p) => {
      const f = this.specFile(p.uri);
      if (!f || typeof p.qualification !== 'number') return null;
      const sel = Array.isArray(p.selection) ? p.selection.filter((x): x is string => typeof x === 'string') : [];
      return combination(this.hostFor(f.uri), f, p.qualification, sel);
    }),
  );
  c.onRequest(
    LintWorkspaceRequestMethod,
    this.handler<LintWorkspaceParams | undefined, LintWorkspaceResult | null>('qualspec/lintWorkspace', null, (p, token) => this.lintWorkspace(p ?? {}, token)),
  );
}

export async function lintWorkspace(this: QualspecServer, p: LintWorkspaceParams, token: CancellationToken): Promise<LintWorkspaceResult> {
  const t0 = now();
  await this.whenReady();
  // Edits still waiting for their validation (see scheduleValidation) count: the answer is about the texts as they are now.
  for (const u of [...this.dirty]) this.validate(u, true);
  const folder = p.folder ? normaliseUri(p.folder) : undefined;
  const uris = this.session.uris().filter((u) => !folder || u.startsWith(folder.endsWith('/') ? folder : `${folder}/`));
  const result: LintWorkspaceResult = { files: 0, filesWithProblems: 0, errors: 0, warnings: 0, infos: 0, byFile: [], millis: 0 };
  let last = now();
  for (const uri of uris) {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    let findings: Finding[];
    const st = this.open.get(uri);
    if (st) {
      this.fresh(st);
      findings = this.findingsOf(uri);
    } else {
      const p = uriToPath(uri);
      const read = p ? await readGuarded(p, { root: this.files.rootOf(p) }) : undefined;
      if (!read?.ok) continue;
      const text = utf8Text(read.bytes);
      const a = analyseFile(uri, text, { index: this.session.indexFor(uri), config: this.files.configFor(uri), updateIndex: false });
      this.pushClosed(uri, a.findings);
      findings = this.findingsOf(uri);
    }
    result.files++;
    const c = { uri, errors: 0, warnings: 0, infos: 0 };
    for (const f of findings) {
      if (f.severity === 'error') c.errors++;
      else if (f.severity === 'warning') c.warnings++;
      else c.infos++;
    }
    if (c.errors + c.warnings + c.infos) {
      result.filesWithProblems++;
      result.byFile.push(c);
      result.errors += c.errors;
      result.warnings += c.warnings;
      result.infos += c.infos;
    }
    if (now() - last > 20) {
      await this.pause();
      last = now();
    }
  }
  result.millis = Math.round(now() - t0);
  return result;
}
