/**
 * The output channel for `qualspec.trace.server`.
 *
 * vscode-languageclient 10+ traces only when its trace channel's log level is Trace (a level the
 * user sets with "Developer: Set Log Level…"), and then reads `<id>.trace.server` for the detail.
 * So that the setting alone switches tracing on and off, as users expect, this channel reports
 * the log level the setting implies and writes to a plain output channel.
 */
import * as vscode from 'vscode';

const SETTING = 'qualspec.trace.server';

export class TraceChannel implements vscode.LogOutputChannel {
  readonly name: string;
  private readonly out: vscode.OutputChannel;
  private readonly emitter = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly sub: vscode.Disposable;
  private level: vscode.LogLevel;
  readonly onDidChangeLogLevel = this.emitter.event;

  constructor(name: string) {
    this.name = name;
    this.out = vscode.window.createOutputChannel(name);
    this.level = TraceChannel.levelFromSettings();
    this.sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SETTING)) return;
      const next = TraceChannel.levelFromSettings();
      if (next === this.level) return;
      this.level = next;
      this.emitter.fire(next);
    });
  }

  private static levelFromSettings(): vscode.LogLevel {
    const v = vscode.workspace.getConfiguration().get<string>(SETTING, 'off');
    return v === 'messages' || v === 'verbose' ? vscode.LogLevel.Trace : vscode.LogLevel.Off;
  }

  get logLevel(): vscode.LogLevel {
    return this.level;
  }

  private line(level: string, message: string | Error, args: unknown[]): void {
    const text = message instanceof Error ? (message.stack ?? message.message) : message;
    const extra = args.length ? ` ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}` : '';
    this.out.appendLine(`${new Date().toISOString()} [${level}] ${text}${extra}`);
  }

  trace(message: string, ...args: unknown[]): void {
    this.line('trace', message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.line('debug', message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.line('info', message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.line('warning', message, args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.line('error', error, args);
  }
  append(value: string): void {
    this.out.append(value);
  }
  appendLine(value: string): void {
    this.out.appendLine(value);
  }
  replace(value: string): void {
    this.out.replace(value);
  }
  clear(): void {
    this.out.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) this.out.show(columnOrPreserveFocus);
    else this.out.show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.out.hide();
  }
  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
    this.out.dispose();
  }
}
