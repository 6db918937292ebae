/**
 * The published document of an open spec, for the editor's "Preview published document": the same
 * renderer as `qualspec publish` (core/publish), with each unit's range in the YAML so that the
 * preview can follow the cursor and a click can jump to the unit.
 */
import { publishDocument } from '../core/publish/index.js';
import { toRange, type ServiceHost, type SpecFile } from './host.js';
import type { PublishedDocumentResult } from './protocol.js';

export function publishedDocument(host: ServiceHost, file: SpecFile, generator?: string): PublishedDocumentResult {
  const { parsed, model } = file.analysis;
  const r = publishDocument({ uri: file.uri, parsed, model, index: host.index, ...(generator ? { generator } : {}) });
  return {
    uri: file.uri,
    version: file.version,
    title: r.title,
    lang: r.lang,
    css: r.css,
    body: r.body,
    units: r.units.map((u) => ({ index: u.index, id: u.id, ref: u.ref ?? null, range: toRange(file.lines, u.span) })),
  };
}
