/**
 * Entry point of the web extension's language server (bundled to dist/browser-server.js): runs in a
 * Web Worker and speaks LSP over postMessage (BrowserMessageReader/Writer). The server is
 * browser-server.ts: the open documents are its workspace, as a worker has no file system.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { BrowserQualspecServer } from './browser-server.js';

/** The worker's global scope (the project compiles without the DOM library: only what is used here). */
interface WorkerScope {
  addEventListener(type: 'error', listener: (e: { error: unknown; message: string; preventDefault(): void }) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (e: { reason: unknown; preventDefault(): void }) => void): void;
  readonly location: { readonly href: string };
}
declare const self: WorkerScope;
const port = self as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port));

// An exception that escapes a handler is logged; the server keeps serving.
self.addEventListener('error', (e) => {
  try {
    connection.console.error(`qualspec: uncaught exception: ${e.error instanceof Error ? (e.error.stack ?? e.error.message) : String(e.message)}`);
  } catch {
    /* nothing more to do */
  }
  e.preventDefault();
});
self.addEventListener('unhandledrejection', (e) => {
  try {
    connection.console.error(`qualspec: unhandled rejection: ${e.reason instanceof Error ? (e.reason.stack ?? e.reason.message) : String(e.reason)}`);
  } catch {
    /* nothing more to do */
  }
  e.preventDefault();
});

/** dist/dict/ beside this script, when the client does not name the dictionaries' folder (a blob: worker URL has none). */
function dictionariesBesideScript(): string | undefined {
  try {
    const u = new URL('dict/', self.location.href);
    return /^https?:$/.test(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

new BrowserQualspecServer(connection, { fetch: (url) => fetch(url), dictionaryBase: dictionariesBesideScript() }).listen();
