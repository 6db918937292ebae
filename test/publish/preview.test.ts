/** The "Preview published document" page (CSP) and the service behind it (unit ranges for following the cursor). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getPublishHtml, publishCsp } from '../../client/src/publish/html';
import { analyseFile } from '../../server/src/core/lint/engine';
import { WorkspaceIndex } from '../../server/src/core/workspace/index';
import { LineIndex } from '../../server/src/core/text/line-index';
import { publishedDocument } from '../../server/src/service/publish';
import { ISP, readSpec } from './helpers';

describe('the published-document webview page', () => {
  const nonce = 'abcdefghijklmnopqrstuvwx';
  const html = getPublishHtml(nonce);

  it('allows only its own nonce-carrying style and script, and no remote load', () => {
    expect(publishCsp(nonce)).toBe(`default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:`);
    expect(html).toContain(`content="${publishCsp(nonce).replace(/'/g, '&#39;')}"`);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toEqual([`<script nonce="${nonce}">`]);
    expect(html.match(/<style\b[^>]*>/g)).toEqual([`<style nonce="${nonce}" id="doc-style">`]);
    expect(html).not.toMatch(/https?:|\ssrc=|\sstyle=|\son[a-z]+=/);
  });

  it('refuses a weak nonce', () => {
    expect(() => getPublishHtml('short')).toThrow(/nonce/);
  });
});

describe('qualspec/publishedDocument', () => {
  const text = readFileSync(ISP, 'utf8');
  const uri = 'file:///ws/specs/isp.yaml';
  const analysis = analyseFile(uri, text);
  const lines = new LineIndex(text);
  const file = {
    uri,
    version: 3,
    text,
    analysis,
    lines: { positionAt: (o: number) => lines.positionAt(o), offsetAt: (p: { line: number; character: number }) => lines.offsetAt(p) },
  };
  const r = publishedDocument({ index: new WorkspaceIndex(), features: {} as never, file: () => undefined, lines: () => undefined } as never, file as never);

  it('gives the body without script or style attributes, and every unit with its YAML range', () => {
    expect(r.version).toBe(3);
    expect(r.body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    const spec = readSpec(ISP);
    expect(r.units.map((u) => u.ref)).toEqual(spec.units.map((u) => u.ref));
    for (const u of r.units) {
      // The unit's range starts at its `ref:` line in the YAML, and its page carries the id.
      expect(text.split('\n')[u.range.start.line]).toContain(`ref: ${u.ref}`);
      expect(r.body).toContain(`id="${u.id}" data-unit="${u.index}"`);
    }
  });
});
