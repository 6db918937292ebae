/**
 * Diagnostics delivery: pushed (publishDiagnostics, only when they changed) or pulled (textDocument/diagnostic with result ids), and the problems of configuration files. Methods of QualspecServer (server.ts), written over its state (state.ts).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentDiagnosticReportKind, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { type Finding } from '../core/index.js';
import { toDiagnostic } from '../service/index.js';
import { normaliseUri } from './files.js';
import type { OpenState, ServerState } from './state.js';

/** Result ids of pulled diagnostics, unique in the process. */
let resultSeq = 0;

/** Push the document's diagnostics (always when `force`, else only when they changed); in pull mode, note a refresh. */
export function deliver(this: ServerState, st: OpenState, force: boolean): void {
  if (!st.file) return;
  const diagnostics = this.diagnosticsOf(st.uri);
  const key = JSON.stringify(diagnostics);
  if (this.pull) {
    if (st.pulledKey !== undefined && key !== st.pulledKey) this.needRefresh = true;
    return;
  }
  if (!force && key === st.pushedKey) return;
  st.pushedKey = key;
  this.connection.sendDiagnostics({ uri: st.clientUri, version: st.file.version, diagnostics });
}

export function pullDiagnostics(this: ServerState, uri: string, previousResultId: string | undefined): DocumentDiagnosticReport {
  const st = this.open.get(normaliseUri(uri));
  if (!st) {
    return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  }
  this.fresh(st);
  const items = this.diagnosticsOf(st.uri);
  const key = JSON.stringify(items);
  if (key !== st.pulledKey || !st.resultId) {
    st.pulledKey = key;
    st.resultId = `${++resultSeq}`;
  }
  if (previousResultId && previousResultId === st.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: st.resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId: st.resultId, items };
}

export function pushClosed(this: ServerState, uri: string, fileFindings: Finding[]): void {
  this.closedPushed.set(uri, fileFindings);
  const summary = this.session.get(uri);
  if (!summary) {
    this.closedPushed.delete(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  this.connection.sendDiagnostics({ uri, diagnostics: this.diagnosticsOf(uri) });
}

export function publishConfigProblems(this: ServerState): void {
  // Load the configurations that apply: each folder's, and each open document's.
  for (const f of this.files.folders) {
    const cu = this.files.configFileFor(pathToFileURL(path.join(f.path, '.qualspec-probe')).href);
    if (cu) this.files.loadConfig(cu);
  }
  for (const st of this.open.values()) this.files.configFor(st.uri);
  const seen = new Set<string>();
  for (const c of this.files.loadedConfigs()) {
    seen.add(c.uri);
    const diagnostics = c.problems.map((f) => toDiagnostic(this.hostFor(c.uri), f, this.docsBase));
    const key = JSON.stringify(diagnostics);
    if (this.configPushed.get(c.uri) === key) continue;
    this.configPushed.set(c.uri, key);
    this.connection.sendDiagnostics({ uri: c.uri, diagnostics });
  }
  for (const uri of [...this.configPushed.keys()]) {
    if (seen.has(uri)) continue;
    this.configPushed.delete(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
