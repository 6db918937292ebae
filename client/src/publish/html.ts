/**
 * The "Preview published document" page: a pure function of its inputs (no `vscode` import), so a
 * unit test can check its Content-Security-Policy. The document's own stylesheet and the page's one
 * small script carry a fresh nonce; nothing else may run or load (no remote URL, no inline
 * handler, no style attribute). Updates arrive by postMessage and replace the document's body.
 */
import { escapeHtml } from '../preview/html.js';

export const PUBLISH_VIEW_TYPE = 'qualspec.publishedPreview';

export function publishCsp(nonce: string): string {
  return ["default-src 'none'", `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, 'img-src data:'].join('; ');
}

/**
 * The page's script (runs in the webview): replaces the document on `update`, scrolls to a unit
 * on `scroll`, and asks the extension to reveal a unit's YAML when the reader clicks its page.
 */
const SCRIPT = `(() => {
  const vscode = acquireVsCodeApi();
  const doc = document.getElementById('doc');
  const style = document.getElementById('doc-style');
  let current = null;
  function mark(id) {
    if (current) current.classList.remove('current');
    current = id ? document.getElementById(id) : null;
    if (current) current.classList.add('current');
  }
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'update') {
      const y = window.scrollY;
      const was = current && current.id;
      if (typeof m.css === 'string' && style.textContent !== m.css) style.textContent = m.css;
      doc.innerHTML = m.body;
      document.title = m.title;
      mark(was);
      window.scrollTo(0, y);
    } else if (m.type === 'scroll' && typeof m.id === 'string') {
      const el = document.getElementById(m.id);
      if (el && el !== current) el.scrollIntoView({ block: 'start' });
      mark(m.id);
    }
  });
  doc.addEventListener('click', (e) => {
    if (e.target.closest('a')) return;
    const unit = e.target.closest('.unit');
    if (unit) vscode.postMessage({ type: 'reveal', unit: Number(unit.getAttribute('data-unit')) });
  });
  vscode.postMessage({ type: 'ready' });
})();`;

export function getPublishHtml(nonce: string, lang = 'en-GB'): string {
  if (!/^[A-Za-z0-9+/_=-]{16,}$/.test(nonce)) throw new Error('getPublishHtml: the nonce must be at least 16 base64 characters');
  const n = escapeHtml(nonce);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(publishCsp(nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${n}" id="doc-style"></style>
<title>Published document</title>
</head>
<body class="preview">
<div id="doc" aria-live="off"><p>Generating the published document…</p></div>
<script nonce="${n}">${SCRIPT}</script>
</body>
</html>
`;
}
