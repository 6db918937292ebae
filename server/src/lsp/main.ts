/**
 * Entry point of the qualspec language server (bundled to dist/server.js).
 *
 *   node dist/server.js --stdio          any LSP client (Neovim, Helix, …)
 *   node dist/server.js --node-ipc       the VS Code client (vscode-languageclient picks it)
 *   node dist/server.js --socket=<port>
 *
 * Without a transport flag and without an IPC channel, it speaks over stdio.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { QualspecServer } from './server.js';
import { installSpellDictionaries } from '../host/spell-dictionaries.js';

installSpellDictionaries();

const flags = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];
if (!process.argv.some((a) => flags.some((f) => a === f || a.startsWith(`${f}=`))) && typeof process.send !== 'function') process.argv.push('--stdio');

const connection = createConnection(ProposedFeatures.all);

// An exception that escapes a handler is logged; the server keeps serving.
process.on('uncaughtException', (e) => {
  try {
    connection.console.error(`qualspec: uncaught exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } catch {
    /* nothing more to do */
  }
});
process.on('unhandledRejection', (e) => {
  try {
    connection.console.error(`qualspec: unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  } catch {
    /* nothing more to do */
  }
});

new QualspecServer(connection).listen();
