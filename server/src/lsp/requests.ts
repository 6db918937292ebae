/**
 * The requests the server answers, each handed to the language service (server/src/service), and
 * `qualspec/lintWorkspace`. Methods of QualspecServer (server.ts), written over its state (state.ts).
 */
import { DocumentDiagnosticReportKind, type CancellationToken, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { checkFile, type Finding } from '../core/index.js';
import { LintWorkspaceRequestMethod, type LintWorkspaceParams, type LintWorkspaceResult } from '../service/protocol.js';
import { normaliseUri, uriToPath } from './files.js';
import { cancelled, countFile, emptyLintResult, folderPrefix, registerLanguageRequests } from './handlers.js';
import { readGuarded, utf8Text } from '../host/read.js';
import type { ServerState } from './state.js';

const now = () => performance.now();

/** Register every request handler (each guarded: see handlers.ts, requestHandler): the language requests, pulled diagnostics, `qualspec/lintWorkspace`. */
export function registerRequests(this: ServerState): void {
  const c = this.connection;
  registerLanguageRequests(this);
  const pullHandler = this.handler(
    'diagnostic',
    { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport,
    (p: { textDocument: { uri: string }; previousResultId?: string }) => this.pullDiagnostics(p.textDocument.uri, p.previousResultId),
  );
  c.languages.diagnostics.on(pullHandler as unknown as Parameters<typeof c.languages.diagnostics.on>[0]);
  c.onRequest(
    LintWorkspaceRequestMethod,
    this.handler<LintWorkspaceParams | undefined, LintWorkspaceResult | null>('qualspec/lintWorkspace', null, (p, token) => this.lintWorkspace(p ?? {}, token)),
  );
}

export async function lintWorkspace(this: ServerState, p: LintWorkspaceParams, token: CancellationToken): Promise<LintWorkspaceResult> {
  const t0 = now();
  await this.whenReady();
  // Edits still waiting for their validation (see scheduleValidation) count: the answer is about the texts as they are now.
  for (const u of [...this.dirty]) this.validate(u, true);
  const folder = p.folder ? folderPrefix(normaliseUri(p.folder)) : undefined;
  const uris = this.session.uris().filter((u) => !folder || u.startsWith(folder));
  const result = emptyLintResult();
  let last = now();
  for (const uri of uris) {
    if (token.isCancellationRequested) throw cancelled();
    let findings: Finding[];
    const st = this.open.get(uri);
    if (st) {
      this.fresh(st);
      findings = this.findingsOf(uri);
    } else {
      const p = uriToPath(uri);
      const read = p ? await readGuarded(p, { root: this.files.rootOf(p) }) : undefined;
      if (!read?.ok) continue;
      // The pipeline's step 2; the file may have changed since the scan read it, so its summary is made anew (null).
      this.pushClosed(uri, checkFile({ uri, text: utf8Text(read.bytes) }, this.session.indexFor(uri), this.files.configFor(uri), null));
      findings = this.findingsOf(uri);
    }
    countFile(result, uri, findings);
    if (now() - last > 20) {
      await this.pause();
      last = now();
    }
  }
  result.millis = Math.round(now() - t0);
  return result;
}
