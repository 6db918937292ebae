/** LSP wiring of `qualspec/publishedDocument` (service/publish.ts). */
import type { Connection } from 'vscode-languageserver/node';
import type { ServiceHost, SpecFile } from '../service/host.js';
import { publishedDocument } from '../service/publish.js';
import { PublishedDocumentRequestMethod, type PublishedDocumentParams, type PublishedDocumentResult } from '../service/protocol.js';

export function registerPublish(
  c: Connection,
  specFile: (uri: string) => SpecFile | undefined,
  hostFor: (uri: string) => ServiceHost,
  logError: (where: string, e: unknown) => void,
): void {
  c.onRequest(PublishedDocumentRequestMethod, (p: PublishedDocumentParams): PublishedDocumentResult | null => {
    try {
      const f = p && typeof p.uri === 'string' ? specFile(p.uri) : undefined;
      return f ? publishedDocument(hostFor(f.uri), f) : null;
    } catch (e) {
      logError(PublishedDocumentRequestMethod, e);
      return null;
    }
  });
}
