/**
 * `node:crypto`'s randomBytes, as much of it as the preview's nonce uses (client/src/preview/html.ts),
 * over the Web Crypto API: the browser bundle (dist/browser-client.js) resolves `node:crypto` here
 * (scripts/build.mjs).
 */
declare const crypto: { getRandomValues<T extends Uint8Array>(a: T): T };
declare function btoa(s: string): string;

export function randomBytes(n: number): { toString(encoding: 'base64url'): string } {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return {
    toString: () =>
      btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, ''),
  };
}
