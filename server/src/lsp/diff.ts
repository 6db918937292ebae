/** LSP wiring of qualspec/diff (service/diff.ts): one request, registered by the server with one line. */
import type { Connection } from 'vscode-languageserver';
import type { QualspecConfig } from '../core/config/config.js';
import type { WorkspaceIndex } from '../core/workspace/index.js';
import type { SpecFile } from '../service/host.js';
import { diffDocument } from '../service/diff.js';
import { DiffRequestMethod, type DiffParams, type DiffResult } from '../service/protocol.js';

export function registerDiff(
  c: Connection,
  specFile: (uri: string) => SpecFile | undefined,
  configFor: (uri: string) => QualspecConfig,
  log: (name: string, e: unknown) => void,
  /** The workspace index of the folder a spec is in (units a pool names from other files). */
  indexFor?: (uri: string) => WorkspaceIndex,
): void {
  c.onRequest<DiffResult, void>(DiffRequestMethod, (p: DiffParams): DiffResult => {
    try {
      if (typeof p?.uri !== 'string' || typeof p.oldText !== 'string')
        return { ok: false, message: 'The comparison needs an open spec and the text of the version to compare it with.' };
      const f = specFile(p.uri);
      if (!f) return { ok: false, message: 'This file is not a qualification spec that qualspec has open.' };
      return diffDocument(
        f,
        { ...p, oldLabel: typeof p.oldLabel === 'string' ? p.oldLabel : 'the previous version' },
        configFor(p.uri).diff?.regulatorSensitive ?? 'warning',
        indexFor?.(p.uri),
      );
    } catch (e) {
      log('qualspec/diff', e);
      return { ok: false, message: `The comparison failed: ${e instanceof Error ? e.message : String(e)}` };
    }
  });
}
