/**
 * What the desktop server (server.ts) and the web one (browser-server.ts) share of their wiring:
 * the guarded request and notification handlers, the client's features read from its
 * capabilities, the language requests handed to the service (one table for both), and the
 * counting of `qualspec/lintWorkspace`'s answer. Transport-free: it imports only the common API of
 * vscode-languageserver, so the web worker's bundle can hold it.
 */
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { CodeActionKind, TextDocumentSyncKind } from 'vscode-languageserver';
import type { Finding } from '../core/index.js';
import {
  codeActions,
  codeLenses,
  combination,
  completion,
  definition,
  documentSymbols,
  flattenSymbols,
  hover,
  inlayHints,
  prepareRename,
  qualifications,
  references,
  rename,
  RenameError,
  SEMANTIC_TOKENS_LEGEND,
  semanticTokens,
  semanticTokensInRange,
  workspaceSymbols,
  type ClientFeatures,
  type ServiceHost,
  type SpecFile,
} from '../service/index.js';
import {
  CombinationRequestMethod,
  QualificationsRequestMethod,
  type CombinationParams,
  type CombinationResult,
  type LintWorkspaceResult,
  type QualificationsParams,
  type QualificationsResult,
} from '../service/protocol.js';

/** What a handler needs of its server: whether it is shutting down, and where to log a failure. */
export interface HandlerContext {
  readonly shuttingDown: boolean;
  logError(where: string, e: unknown): void;
}

/** The error a request answers once the client has cancelled it. */
export const cancelled = (): ResponseError<void> => new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');

/** A request handler that answers `empty` instead of failing, and honours cancellation. */
export function requestHandler<P, R>(ctx: HandlerContext, name: string, empty: R, fn: (params: P, token: CancellationToken) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
    // LSP 3.17: after `shutdown`, every request but `exit` is refused.
    if (ctx.shuttingDown) return new ResponseError(ErrorCodes.InvalidRequest, 'The server is shutting down.');
    if (token?.isCancellationRequested) return cancelled();
    try {
      const r = await fn(params, token);
      if (token?.isCancellationRequested) return cancelled();
      return r;
    } catch (e) {
      if (e instanceof ResponseError) return e as ResponseError<void>;
      ctx.logError(name, e);
      return empty;
    }
  };
}

/** A notification handler that logs instead of failing. */
export function notificationHandler<A extends unknown[]>(ctx: HandlerContext, name: string, fn: (...args: A) => void | Promise<void>) {
  return (...args: A): void => {
    if (ctx.shuttingDown) return;
    try {
      const r = fn(...args);
      if (r instanceof Promise) r.catch((e) => ctx.logError(name, e));
    } catch (e) {
      ctx.logError(name, e);
    }
  };
}

/** Log a failure on the client's console; a connection already gone is ignored. */
export function logFailure(connection: Connection, where: string, e: unknown): void {
  const msg = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
  try {
    connection.console.error(`qualspec: ${where} failed: ${msg}`);
  } catch {
    /* the connection is gone */
  }
}

/** What the service may use of the client (snippets, markdown, symbol trees), from its capabilities. */
export function clientFeatures(caps: ClientCapabilities | undefined): ClientFeatures {
  const td = caps?.textDocument ?? {};
  return {
    snippets: !!td.completion?.completionItem?.snippetSupport,
    insertTextModeAsIs: !!td.completion?.completionItem?.insertTextModeSupport?.valueSet?.includes(1),
    markdown: (td.hover?.contentFormat ?? ['markdown']).includes('markdown'),
    hierarchicalSymbols: !!td.documentSymbol?.hierarchicalDocumentSymbolSupport,
    inlayHintRefresh: !!caps?.workspace?.inlayHint?.refreshSupport,
  };
}

/** The language features both servers offer (each adds its own: save, folders, pulled diagnostics). */
export function languageCapabilities(caps: ClientCapabilities | undefined): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    completionProvider: { triggerCharacters: [' ', '[', ','], resolveProvider: false },
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: caps?.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
    documentSymbolProvider: { label: 'Qualspec' },
    workspaceSymbolProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    codeLensProvider: { resolveProvider: false },
    semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
    inlayHintProvider: { resolveProvider: false },
  };
}

/** Ask the client for inlay hints again (the `qualspec.inlayHints.enabled` setting changed), where it can be asked. */
export function refreshInlayHints(s: { connection: Connection; features: ClientFeatures }): void {
  if (s.features.inlayHintRefresh) void s.connection.languages.inlayHint.refresh().catch(() => undefined);
}

/** What the language requests need of a server. */
export interface LanguageServerView extends HandlerContext {
  readonly connection: Connection;
  readonly features: ClientFeatures;
  readonly docsBase: string | undefined;
  /** The service's view for a file (its project's index). */
  hostFor(uri: string): ServiceHost;
  /** An open spec, analysed as it is now. */
  specFile(uri: string): SpecFile | undefined;
  /** A file's findings, cross-file ones included. */
  findingsOf(uri: string): Finding[];
  /** Whether inlay hints are shown for a file (`qualspec.inlayHints.enabled`, default true). */
  inlayHintsEnabled(uri: string): boolean;
  /** The text of a file a rename edits that is not open (the web server has none: undefined). */
  textOf(uri: string): string | undefined;
  /** Workspace symbols matching a query, at most `limit`, over every project. */
  workspaceSymbols(query: string, limit: number, isCancelled: () => boolean): ReturnType<typeof workspaceSymbols>;
}

/** Register the language requests, each handed to the service and guarded (see requestHandler). */
export function registerLanguageRequests(s: LanguageServerView): void {
  const c = s.connection;
  const handler = <P, R>(name: string, empty: R, fn: (params: P, token: CancellationToken) => R | Promise<R>) => requestHandler(s, name, empty, fn);
  const at = (p: { textDocument: { uri: string } }) => s.hostFor(p.textDocument.uri);
  c.onHover(handler('hover', null, (p) => hover(at(p), p.textDocument.uri, p.position)));
  c.onCompletion(handler('completion', { isIncomplete: false, items: [] }, (p) => completion(at(p), p.textDocument.uri, p.position)));
  c.onDefinition(handler('definition', [], (p) => definition(at(p), p.textDocument.uri, p.position)));
  c.onReferences(handler('references', [], (p) => references(at(p), p.textDocument.uri, p.position, p.context?.includeDeclaration ?? true)));
  c.onPrepareRename(handler('prepareRename', null, (p) => prepareRename(at(p), p.textDocument.uri, p.position)));
  c.onRenameRequest(
    handler('rename', null, (p) => {
      try {
        return rename(at(p), p.textDocument.uri, p.position, p.newName, (u) => s.textOf(u));
      } catch (e) {
        if (e instanceof RenameError) throw new ResponseError(LSPErrorCodes.RequestFailed, e.message);
        throw e;
      }
    }),
  );
  c.onDocumentSymbol(
    handler('documentSymbol', [], (p) => {
      const f = s.specFile(p.textDocument.uri);
      if (!f) return [];
      const syms = documentSymbols(f);
      return s.features.hierarchicalSymbols ? syms : flattenSymbols(f.uri, syms);
    }),
  );
  c.onWorkspaceSymbol(handler('workspaceSymbol', [], (p, token) => s.workspaceSymbols(p.query ?? '', 500, () => token.isCancellationRequested)));
  c.onCodeAction(
    handler('codeAction', [], (p) => {
      const f = s.specFile(p.textDocument.uri);
      if (!f) return [];
      const context = { range: p.range, diagnostics: p.context?.diagnostics ?? [], ...(p.context?.only ? { only: p.context.only } : {}) };
      return codeActions(s.hostFor(f.uri), f, s.findingsOf(f.uri), context, s.docsBase);
    }),
  );
  c.onCodeLens(
    handler('codeLens', [], (p) => {
      const f = s.specFile(p.textDocument.uri);
      return f ? codeLenses(s.hostFor(f.uri), f) : [];
    }),
  );
  c.languages.semanticTokens.on(
    handler('semanticTokens', { data: [] }, (p) => {
      const f = s.specFile(p.textDocument.uri);
      return f ? semanticTokens(f) : { data: [] };
    }),
  );
  c.languages.semanticTokens.onRange(
    handler('semanticTokens/range', { data: [] }, (p) => {
      const f = s.specFile(p.textDocument.uri);
      return f ? semanticTokensInRange(f, p.range) : { data: [] };
    }),
  );
  c.languages.inlayHint.on(
    handler('inlayHint', [], (p) => {
      if (!s.inlayHintsEnabled(p.textDocument.uri)) return [];
      const f = s.specFile(p.textDocument.uri);
      return f ? inlayHints(s.hostFor(f.uri), f, p.range) : [];
    }),
  );
  c.onRequest(
    QualificationsRequestMethod,
    handler<QualificationsParams, QualificationsResult>('qualspec/qualifications', [], (p) => {
      const f = s.specFile(p.uri);
      return f ? qualifications(f) : [];
    }),
  );
  c.onRequest(
    CombinationRequestMethod,
    handler<CombinationParams, CombinationResult | null>('qualspec/combination', null, (p) => {
      const f = s.specFile(p.uri);
      if (!f || typeof p.qualification !== 'number') return null;
      const sel = Array.isArray(p.selection) ? p.selection.filter((x): x is string => typeof x === 'string') : [];
      return combination(s.hostFor(f.uri), f, p.qualification, sel);
    }),
  );
}

/** An empty answer to `qualspec/lintWorkspace`, for `countFile` to fill. */
export const emptyLintResult = (): LintWorkspaceResult => ({ files: 0, filesWithProblems: 0, errors: 0, warnings: 0, infos: 0, byFile: [], millis: 0 });

/** Count one linted file's findings into a `qualspec/lintWorkspace` answer. */
export function countFile(result: LintWorkspaceResult, uri: string, findings: readonly Finding[]): void {
  const c = { uri, errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  result.files++;
  if (c.errors + c.warnings + c.infos) {
    result.filesWithProblems++;
    result.byFile.push(c);
    result.errors += c.errors;
    result.warnings += c.warnings;
    result.infos += c.infos;
  }
}

/** `folder` as a prefix that matches only the URIs inside it. */
export const folderPrefix = (folder: string): string => (folder.endsWith('/') ? folder : `${folder}/`);
