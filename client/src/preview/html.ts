/**
 * The combination preview's HTML shell: a pure function of its inputs (no `vscode` import), so
 * that a unit test can check its Content-Security-Policy. Everything the page shows is built by
 * dist/preview.js with DOM calls; the shell holds no data, no inline script or style, and no
 * remote URL.
 */
import { randomBytes } from 'node:crypto';

/** A fresh nonce for the page's one script tag (base64url of 24 random bytes). */
export function getNonce(): string {
  return randomBytes(24).toString('base64url');
}

/** Escapes a value for an HTML attribute or text. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The Content-Security-Policy of the preview. */
export function previewCsp(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `style-src ${cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${cspSource} data:`].join('; ');
}

/**
 * The preview page.
 * @param cspSource `webview.cspSource`
 * @param scriptUri `webview.asWebviewUri(dist/preview.js)`, as a string
 * @param styleUri `webview.asWebviewUri(media/preview.css)`, as a string
 * @param nonce a fresh {@link getNonce} for this page
 */
export function getPreviewHtml(cspSource: string, scriptUri: string, styleUri: string, nonce: string): string {
  if (!/^[A-Za-z0-9+/_=-]{16,}$/.test(nonce)) throw new Error('getPreviewHtml: the nonce must be at least 16 base64 characters');
  const csp = escapeHtml(previewCsp(cspSource, nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
<title>Combination preview</title>
</head>
<body>
<main id="app" aria-busy="true">
<p class="placeholder">Loading the rules of combination…</p>
</main>
<div id="announce" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}
