/**
 * The documents the editor has open: which are specs, their edits (validated once a burst of edits
 * has ended), closing (the disk's text replaces the editor's), and configuration files edited in
 * the editor. Methods of QualspecServer (server.ts), written over its state (state.ts).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkCache, summariseText } from '../core/index.js';
import { Files, normaliseUri } from './files.js';
import { isSpecFile, isYamlName } from '../host/spec-files.js';
import type { ServerState } from './state.js';

const now = () => performance.now();
/** The longest a validation waits for a flood of edits to pause. */
const COALESCE_MS = 100;
/** Edits closer together than this are a burst, not typing. */
const BURST_GAP_MS = 10;
/** In a burst, how long no edit must arrive before the validation runs. */
const QUIET_MS = 3;
const SPEC_LANGUAGES = new Set(['qualspec', 'qualspec-yaml']);

export function isSpecDoc(this: ServerState, doc: TextDocument): boolean {
  if (Files.isConfigFile(doc.uri)) return false;
  if (SPEC_LANGUAGES.has(doc.languageId) || /qualspec/i.test(doc.languageId)) return true;
  if (doc.languageId !== 'yaml' && !isYamlName(doc.uri)) return false;
  // The content decides, wherever the file is (host/spec-files.ts): other YAML is left alone.
  return isSpecFile(doc.uri, doc.getText());
}

export function didOpen(this: ServerState, doc: TextDocument): void {
  const uri = normaliseUri(doc.uri);
  if (Files.isConfigFile(doc.uri)) {
    this.files.openConfigText.set(uri, doc.getText());
    this.configChanged();
    return;
  }
  if (!this.isSpecDoc(doc)) return;
  this.open.set(uri, { uri, clientUri: doc.uri, doc, cache: new ChunkCache(), fileFindings: [], depsStale: false });
  if (this.closedPushed.delete(uri) && this.pull) this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
  // Validated at once: first diagnostics must not wait for the workspace scan.
  this.validate(uri, true);
}

export function didChange(this: ServerState, doc: TextDocument): void {
  const uri = normaliseUri(doc.uri);
  if (Files.isConfigFile(doc.uri)) {
    if (this.files.openConfigText.has(uri)) {
      this.files.openConfigText.set(uri, doc.getText());
      this.configChanged();
    }
    return;
  }
  const st = this.open.get(uri);
  if (!st || st.file?.version === doc.version) return; // didOpen validated it already
  this.dirty.add(uri);
  this.edits++;
  const t = now();
  // Edits closer together than a person types are a burst (a paste, a macro, a client replaying changes).
  this.inBurst = t - this.lastEditAt < BURST_GAP_MS;
  this.lastEditAt = t;
  this.scheduleValidation();
}

/**
 * Validate the dirty documents once the edits stop coming. The message queue hands the server one
 * message per turn of the event loop, so a turn in which no edit arrived means the queue holds no
 * more of them; during a burst (edits under BURST_GAP_MS apart) the server also waits until none
 * has arrived for QUIET_MS, as a client's messages reach the pipe a few at a time. A burst of a
 * thousand edits is then validated a few times, at its newest version, instead of once per
 * intermediate version; an edit typed on its own waits one turn. A flood that never pauses is
 * still validated every COALESCE_MS. `then` runs after the validation.
 */
export function scheduleValidation(this: ServerState, then?: () => void): void {
  if (then) this.afterValidation.push(then);
  if (this.validateScheduled || !this.dirty.size) return;
  this.validateScheduled = true;
  const since = now();
  // The first turn always waits: this callback runs before the message queue's next one.
  let seen = -1;
  const tick = this.guard('validating', () => {
    const t = now();
    if (t - since < COALESCE_MS) {
      if (this.edits !== seen) {
        seen = this.edits;
        setImmediate(tick);
        return;
      }
      if (this.inBurst && t - this.lastEditAt < QUIET_MS) {
        setTimeout(tick, 1);
        return;
      }
    }
    this.validateScheduled = false;
    const uris = [...this.dirty];
    this.dirty.clear();
    for (const u of uris) this.validate(u, true);
    for (const f of this.afterValidation.splice(0)) f();
  });
  setImmediate(tick);
}

export function didClose(this: ServerState, doc: TextDocument): void {
  const uri = normaliseUri(doc.uri);
  if (Files.isConfigFile(doc.uri)) {
    if (this.files.openConfigText.delete(uri)) this.configChanged();
    return;
  }
  const st = this.open.get(uri);
  if (!st) return;
  this.open.delete(uri);
  this.dirty.delete(uri);
  this.followUps.delete(uri);
  if (!this.pull) this.connection.sendDiagnostics({ uri: st.clientUri, diagnostics: [] });
  // The file on disk (if it is a workspace spec) replaces the editor's version in the index.
  const prev = this.session.get(uri);
  const kind = this.files.classify(uri);
  const text = kind !== 'no' ? this.files.readText(uri) : undefined;
  if (text !== undefined && isSpecFile(uri, text)) {
    const { summary } = summariseText(uri, text);
    this.session.set(summary);
    this.indexChanged([{ uri, prev, next: summary }]);
  } else if (prev) {
    this.session.delete(uri);
    this.indexChanged([{ uri, prev }]);
  }
}

export function didSave(this: ServerState, doc: TextDocument): void {
  // Saving changes nothing the server has not seen; a config file saved may change other files' checks.
  if (Files.isConfigFile(doc.uri)) this.configChanged();
}

export function configChanged(this: ServerState): void {
  this.files.invalidateConfigs();
  this.publishConfigProblems();
  this.revalidateAll();
  void this.rescan(true);
}

export function revalidateAll(this: ServerState): void {
  for (const st of this.open.values()) {
    st.file = undefined;
    st.semKey = undefined;
    this.dirty.add(st.uri);
  }
  this.scheduleValidation(() => {
    this.needRefresh = true;
    this.scheduleFollowUps();
  });
}
