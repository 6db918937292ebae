/** A language-service host over in-memory spec texts, for the service's unit tests (no server, no transport). */
import { analyseFile, LineIndex, WorkspaceIndex } from '../../server/src/core/index.js';
import { DEFAULT_FEATURES, type ServiceHost, type SpecFile } from '../../server/src/service/index.js';

export interface TestWorkspace {
  host: ServiceHost;
  files: Map<string, SpecFile>;
  /** (Re)analyse one file's text, as the server does after an edit. */
  set(uri: string, text: string): SpecFile;
}

export function workspace(texts: Record<string, string> = {}): TestWorkspace {
  const index = new WorkspaceIndex();
  const files = new Map<string, SpecFile>();
  const host: ServiceHost = {
    index,
    features: DEFAULT_FEATURES,
    file: (u) => files.get(u),
    lines: (u) => files.get(u)?.lines,
  };
  const set = (uri: string, text: string): SpecFile => {
    const analysis = analyseFile(uri, text, { index });
    const f: SpecFile = { uri, version: (files.get(uri)?.version ?? 0) + 1, text, analysis, lines: new LineIndex(text) };
    files.set(uri, f);
    return f;
  };
  for (const [u, t] of Object.entries(texts)) set(u, t);
  // Analyse again once every file is indexed, so cross-file lookups see them all.
  for (const [u, t] of Object.entries(texts)) set(u, t);
  return { host, files, set };
}
