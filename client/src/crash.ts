/**
 * What the client does when the language server crashes: restart it (the client then re-opens
 * every synchronised document with its current, possibly unsaved, text — no edit is lost), tell
 * the user once, and stop restarting when the server keeps crashing, with one error and a way out.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type Message } from 'vscode-languageclient/node';

export interface CrashPolicy {
  /** Restarts allowed within `windowMs` before giving up. */
  maxRestarts: number;
  windowMs: number;
}

export const DEFAULT_CRASH_POLICY: CrashPolicy = { maxRestarts: 4, windowMs: 3 * 60_000 };

export class CrashHandler implements ErrorHandler {
  private crashes: number[] = [];
  private reported = false;
  private gaveUp = false;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly actions: { restart(): void; showOutput(): void },
    private readonly policy: CrashPolicy = DEFAULT_CRASH_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  /** An error reading or writing the connection: carry on; if the server died, closed() follows. */
  error(error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    this.log.error(`Connection to the Qualspec language server failed: ${error.message}`);
    return { action: count !== undefined && count > 3 ? ErrorAction.Shutdown : ErrorAction.Continue, handled: true };
  }

  /** The connection closed without the client asking: the server crashed or exited. */
  closed(): CloseHandlerResult {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.policy.windowMs);
    // A crash after a quiet period is news again.
    if (this.crashes.length === 0) this.reported = false;
    this.crashes.push(t);
    if (this.crashes.length > this.policy.maxRestarts) {
      this.gaveUp = true;
      const minutes = Math.round(this.policy.windowMs / 60_000);
      const message = `The Qualspec language server crashed ${this.crashes.length} times in ${minutes} minutes and was not restarted again.`;
      this.log.error(message);
      void vscode.window.showErrorMessage(message, 'Restart Server', 'Show Output').then((choice) => {
        if (choice === 'Restart Server') this.actions.restart();
        else if (choice === 'Show Output') this.actions.showOutput();
      });
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.log.warn(
      `The Qualspec language server stopped unexpectedly; restarting it (${this.crashes.length} in the last ${Math.round(this.policy.windowMs / 1000)} s).`,
    );
    if (!this.reported) {
      this.reported = true;
      void vscode.window
        .showWarningMessage('The Qualspec language server stopped unexpectedly and has been restarted. Unsaved edits are kept.', 'Show Output')
        .then((choice) => {
          if (choice === 'Show Output') this.actions.showOutput();
        });
    }
    return { action: CloseAction.Restart, handled: true };
  }

  /** Whether the handler stopped restarting the server. */
  get stopped(): boolean {
    return this.gaveUp;
  }

  /** After a restart asked for by the user: a clean slate. */
  reset(): void {
    this.crashes = [];
    this.reported = false;
    this.gaveUp = false;
  }
}
