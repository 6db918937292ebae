/**
 * `qualspec/lintWorkspace`. Methods of QualspecServer.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import { analyseFile, type Finding } from '../core/index.js';
import { type LintWorkspaceParams, type LintWorkspaceResult } from '../service/protocol.js';
import { normaliseUri, uriToPath } from './files.js';
import { readGuarded, utf8Text } from '../host/read.js';
import type { QualspecServer } from './server.js';

const now = () => performance.now();

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
