// The combination preview's HTML shell runs under a strict Content-Security-Policy: every script
// carries the page's nonce, nothing runs inline, nothing is loaded from the network.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeHtml, getNonce, getPreviewHtml, previewCsp } from '../../client/src/preview/html.js';

const CSP_SOURCE = 'vscode-webview://4f1c2a9e';
const SCRIPT = 'vscode-webview-resource://4f1c2a9e/file/ext/dist/preview.js';
const STYLE = 'vscode-webview-resource://4f1c2a9e/file/ext/client/media/preview.css';

function page(nonce = getNonce()) {
  return { nonce, html: getPreviewHtml(CSP_SOURCE, SCRIPT, STYLE, nonce) };
}

/** The content of the CSP meta tag, unescaped. */
function cspOf(html: string): string {
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  expect(m, 'a CSP meta tag').not.toBeNull();
  return m![1]!
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

describe('combination preview HTML', () => {
  it('declares the strict policy, with the nonce and the webview source only', () => {
    const { nonce, html } = page();
    const directives = Object.fromEntries(
      cspOf(html)
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [name, ...values] = d.split(/\s+/);
          return [name, values];
        }),
    );
    expect(directives).toEqual({
      'default-src': ["'none'"],
      'style-src': [CSP_SOURCE],
      'script-src': [`'nonce-${nonce}'`],
      'img-src': [CSP_SOURCE, 'data:'],
    });
    expect(previewCsp(CSP_SOURCE, nonce)).toBe(`default-src 'none'; style-src ${CSP_SOURCE}; script-src 'nonce-${nonce}'; img-src ${CSP_SOURCE} data:`);
  });

  it('puts the CSP before any script or stylesheet', () => {
    const { html } = page();
    const csp = html.search(/<meta\s+http-equiv="Content-Security-Policy"/i);
    expect(csp).toBeGreaterThan(-1);
    expect(csp).toBeLessThan(html.search(/<script/i));
    expect(csp).toBeLessThan(html.search(/<link/i));
  });

  it('gives every <script> the nonce and a src (no inline script)', () => {
    const { nonce, html } = page();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    expect(html.match(/<script\b/gi)!.length).toBe(scripts.length);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toContain(`nonce="${nonce}"`);
      expect(attrs).toMatch(/\ssrc="[^"]+"/);
      expect(body!.trim()).toBe('');
    }
    expect(html).toContain(`src="${SCRIPT}"`);
  });

  it('has no inline event handler, inline style or javascript: URL', () => {
    const { html } = page();
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('loads nothing from the network', () => {
    const { html } = page();
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/(?:src|href)="\/\//i);
    // The only resources are the two webview URIs it was given.
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]*)"/gi)].map((m) => m[1]);
    expect(urls.sort()).toEqual([SCRIPT, STYLE].sort());
  });

  it('uses a fresh, unguessable nonce each time and rejects a weak one', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => getNonce()));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(() => getPreviewHtml(CSP_SOURCE, SCRIPT, STYLE, 'abc')).toThrow(/nonce/);
    expect(() => getPreviewHtml(CSP_SOURCE, SCRIPT, STYLE, '" onload="x"aaaaaaaaaaaaaaa')).toThrow(/nonce/);
  });

  it('escapes the URIs it is given', () => {
    const html = getPreviewHtml(CSP_SOURCE, 'vscode-webview-resource://x/a"b<c>.js', STYLE, getNonce());
    expect(html).toContain('a&quot;b&lt;c&gt;.js');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('has a live region for status announcements and a language', () => {
    const { html } = page();
    expect(html).toMatch(/<html lang="en">/);
    expect(html).toMatch(/aria-live="polite"/);
  });
});

describe('preview script and stylesheet', () => {
  const script = readFileSync(new URL('../../client/src/preview/webview.ts', import.meta.url), 'utf8');
  const css = readFileSync(new URL('../../client/media/preview.css', import.meta.url), 'utf8');

  it('never parses strings as HTML or code, and attaches no inline handler', () => {
    expect(script).not.toMatch(/\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
    expect(script).not.toMatch(/setAttribute\(\s*['"]on/);
    expect(script).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket|import\(/);
  });

  it('takes its colours from the theme and loads nothing remote', () => {
    expect(css).not.toMatch(/url\(|@import|https?:\/\//i);
    expect(css).toMatch(/var\(--vscode-foreground\)/);
    expect(css).toMatch(/vscode-high-contrast/);
    expect(css).toMatch(/:focus-visible/);
  });
});
