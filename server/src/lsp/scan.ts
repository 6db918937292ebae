/**
 * The workspace scan (every spec of every folder indexed, through the guarded read: no FIFO, device or link out of the workspace is read) and files changed outside the editor. Methods of QualspecServer (server.ts), written over its state (state.ts).
 */
import { FileChangeType, type WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { checkFile, summariseText } from '../core/index.js';
import { type IndexChange } from '../core/workspace/session.js';
import { Files, normaliseUri } from './files.js';
import { readGuarded, utf8Text } from '../host/read.js';
import { isSpecFile, SPEC_MARKER_HEAD } from '../host/spec-files.js';
import type { ServerState } from './state.js';

const now = () => performance.now();

/** Index every spec file of every folder (again), then refresh every open document. */
export async function rescan(this: ServerState, refreshAll = false): Promise<void> {
  const gen = ++this.scanGeneration;
  const cancelled = () => gen !== this.scanGeneration || this.shuttingDown;
  let progress: WorkDoneProgressServerReporter | undefined;
  const t0 = now();
  if (this.workDoneProgress) {
    try {
      progress = await this.connection.window.createWorkDoneProgress();
      progress.begin('Qualspec: indexing specs', 0, undefined, false);
    } catch {
      progress = undefined;
    }
  }
  try {
    const candidates = await this.files.listYaml(() => this.pause(), cancelled);
    if (cancelled()) return;
    const found = new Set<string>();
    const changes: IndexChange[] = [];
    let last = now();
    let done = 0;
    for (const c of candidates) {
      if (cancelled()) return;
      done++;
      if (this.open.has(c.uri)) {
        if (this.open.get(c.uri)!.file) found.add(c.uri);
        continue;
      }
      // Through the guards: a FIFO, a device or a link out of the workspace is never opened for reading.
      const root = this.files.rootOf(c.path);
      const head = await readGuarded(c.path, { root, head: SPEC_MARKER_HEAD * 4 });
      if (!head.ok) {
        if (head.reason !== 'missing') this.log(`qualspec: skipped ${c.path}: ${head.message}`);
        continue;
      }
      if (!isSpecFile(c.path, utf8Text(head.bytes))) continue;
      const full = await readGuarded(c.path, { root });
      if (!full.ok) {
        this.log(`qualspec: skipped ${c.path}: ${full.message}`);
        continue;
      }
      const text = utf8Text(full.bytes);
      found.add(c.uri);
      const prev = this.session.get(c.uri);
      const { summary } = summariseText(c.uri, text);
      this.session.set(summary);
      if (this.session.ready) changes.push({ uri: c.uri, prev, next: summary });
      if (now() - last > 12) {
        progress?.report(Math.round((100 * done) / candidates.length), `${done} of ${candidates.length} files`);
        await this.pause();
        last = now();
      }
    }
    // Files that are no longer specs (deleted, excluded, or the globs changed).
    for (const uri of this.session.uris()) {
      if (found.has(uri) || this.open.has(uri)) continue;
      const prev = this.session.get(uri);
      this.session.delete(uri);
      if (this.session.ready) changes.push({ uri, prev });
    }
    this.publishConfigProblems();
    if (!this.session.ready) {
      this.session.ready = true;
      this.log(`qualspec: indexed ${found.size} spec files in ${Math.round(now() - t0)} ms`);
      for (const w of this.readyWaiters.splice(0)) w();
      this.fullRefresh();
    } else if (refreshAll) this.fullRefresh();
    else if (changes.length) this.indexChanged(changes);
  } finally {
    progress?.done();
  }
}

export function watched(this: ServerState, changes: { uri: string; type: number }[]): void {
  for (const c of changes) this.pendingFs.set(normaliseUri(c.uri), c.type);
  if (this.fsScheduled) return;
  this.fsScheduled = true;
  setImmediate(
    this.guard('file changes', () => {
      this.fsScheduled = false;
      const pending = [...this.pendingFs];
      this.pendingFs.clear();
      if (pending.some(([u]) => Files.isConfigFile(u))) {
        this.configChanged();
        return;
      }
      const out: IndexChange[] = [];
      for (const [uri, type] of pending) {
        if (this.open.has(uri)) continue; // the editor's text wins over the disk's
        const prev = this.session.get(uri);
        const kind = this.files.classify(uri);
        const text = type === FileChangeType.Deleted || kind === 'no' ? undefined : this.files.readText(uri);
        const isSpec = text !== undefined && isSpecFile(uri, text);
        if (!isSpec) {
          if (prev) {
            this.session.delete(uri);
            out.push({ uri, prev });
          }
          if (this.closedPushed.delete(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] });
          continue;
        }
        // The lint pipeline's steps 1 and 2 (core/lint/pipeline.ts); step 3 is the session's.
        const { summary } = summariseText(uri, text!);
        this.session.set(summary);
        out.push({ uri, prev, next: summary });
        if (this.closedPushed.has(uri)) {
          this.closedPushed.set(uri, checkFile({ uri, text: text! }, this.session.indexFor(uri), this.files.configFor(uri), summary));
          this.followUps.add(uri);
        }
      }
      if (out.length) this.indexChanged(out);
      else this.scheduleFollowUps();
    }),
  );
}
