/**
 * 10,000 random edits replayed against a running server: the diagnostics it ends with equal a
 * fresh server's for the final text (issue: no stale or lost diagnostics, whatever the edits).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { fixtureWorkspace, ILM, read, TestClient } from './helpers';
import { prng } from '../helpers/prng';

const key = (d: Diagnostic) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${d.severity} ${d.message}`;

describe('random edits', () => {
  const ws = fixtureWorkspace();
  const clients: TestClient[] = [];
  afterAll(async () => {
    for (const c of clients) await c.stop();
    ws.cleanup();
  });

  it('ends with the same diagnostics as a fresh server after 10,000 random edits', async () => {
    const seed = Number(process.env.QUALSPEC_EDIT_SEED ?? 20261123);
    const rnd = prng(seed);
    const c = await TestClient.start({ folders: [ws.dir] });
    clients.push(c);
    const uri = ws.uri(ILM);
    const original = read(ws.file(ILM));
    c.open(uri, original);
    await c.diagnosticsFor(uri, (_d, p) => p.version === 1);
    const pieces = ['a', 'Z', '1', '0', ' ', '  ', '\n', ': ', '- ', '"', "'", '#', '[', ']', '{', '}', ',', '.', 'é', '\t', 'credit: 3', '  - ref: L5B1\n'];
    const EDITS = 10_000;
    let version = 1;
    for (let i = 0; i < EDITS; i++) {
      const text = c.texts.get(uri)!;
      const r = rnd();
      const at = Math.floor(rnd() * (text.length + 1));
      if (r < 0.45 || text.length < 200) version = c.edit(uri, at, at, pieces[Math.floor(rnd() * pieces.length)]!);
      else if (r < 0.85) version = c.edit(uri, at, Math.min(text.length, at + 1 + Math.floor(rnd() * 6)), '');
      else if (r < 0.97) {
        // replace a stretch with a stretch of the original (keeps the text spec-like)
        const from = Math.floor(rnd() * original.length);
        version = c.edit(uri, at, Math.min(text.length, at + Math.floor(rnd() * 40)), original.slice(from, from + Math.floor(rnd() * 80)));
      } else version = c.edit(uri, 0, text.length, original); // back to the start now and then
      // Let the server catch up now and then, so the queue of unread messages stays bounded.
      if (i % 500 === 499) await c.diagnosticsFor(uri, (_d, p) => p.version === version, 60_000);
    }
    const final = await c.diagnosticsFor(uri, (_d, p) => p.version === version, 60_000);
    const finalText = c.texts.get(uri)!;
    // Versions were published in order.
    const versions = (c.diagnostics.get(uri) ?? []).map((p) => p.version!);
    for (let i = 1; i < versions.length; i++) expect(versions[i]!).toBeGreaterThanOrEqual(versions[i - 1]!);

    const fresh = await TestClient.start({ folders: [ws.dir] });
    clients.push(fresh);
    fresh.open(uri, finalText);
    const expected = await fresh.diagnosticsFor(uri, (_d, p) => p.version === 1, 60_000);
    expect(final.map(key).sort(), `seed ${seed}`).toEqual(expected.map(key).sort());
    console.log(
      `random edits: seed ${seed}, ${EDITS} edits, ${versions.length} publications, final text ${finalText.length} chars, ${final.length} diagnostics`,
    );
  }, 240_000);
});
