/**
 * The spelling dictionaries of the web extension's server (a Web Worker has no file system): the
 * files the build writes to dist/dict/ (cspell's binary tries, brotli-compressed) fetched from the
 * extension's own location, decoded, and handed to the core through its loader.
 *
 * Decoding: no browser's DecompressionStream reads brotli today (Chromium 156 offers gzip and
 * deflate only; Node 20 the same), so the bytes go through a brotli decoder in JavaScript (the
 * `brotli` package's decompressor, bundled into dist/browser-server.js only; about 60 ms of CPU for
 * the British dictionary once warm). One compressed copy of each dictionary serves the desktop
 * server (node:zlib), the CLI and the web extension: a gzip copy for the browser would have added
 * about 1.1 MB to the VSIX.
 */
import { decompress } from 'brotli/decompress';
import { dictionaryFileName, LANGUAGE_NAMES, LANGUAGES, type Language } from '../core/spelling/dictionary.js';

/** The part of `fetch` used here (the project compiles without the DOM library). */
export type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; statusText?: string; arrayBuffer(): Promise<ArrayBuffer> }>;

/** A brotli stream decoded to its bytes (throws on damaged input). */
export function decodeDictionary(compressed: Uint8Array): Uint8Array {
  return decompress(compressed);
}

/** The URL of a language's dictionary under `base` (a folder URL; a missing trailing '/' is added). */
export function dictionaryUrl(base: string, language: Language): string {
  return new URL(dictionaryFileName(language), base.endsWith('/') ? base : `${base}/`).href;
}

export interface DictionaryLoaded {
  language: Language;
  url: string;
  /** The decoded dictionary, when it could be had. */
  bytes?: Uint8Array;
  /** Why not, in words (for the log). */
  error?: string;
  /** Fetch and decode, wall clock. */
  millis: number;
}

/** Fetch and decode one dictionary; never throws (a failure is described in `error`). */
export async function fetchDictionary(base: string, language: Language, get: FetchLike): Promise<DictionaryLoaded> {
  const url = dictionaryUrl(base, language);
  const t0 = performance.now();
  const done = (r: Omit<DictionaryLoaded, 'language' | 'url' | 'millis'>): DictionaryLoaded => ({
    language,
    url,
    ...r,
    millis: Math.round(performance.now() - t0),
  });
  let compressed: Uint8Array;
  try {
    const res = await get(url);
    if (!res.ok) return done({ error: `the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` });
    compressed = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    return done({ error: `it could not be fetched (${e instanceof Error ? e.message : String(e)})` });
  }
  try {
    const bytes = decodeDictionary(compressed);
    if (bytes.length === 0) return done({ error: 'the file is empty once decompressed' });
    return done({ bytes });
  } catch (e) {
    return done({ error: `the file is damaged: it is not brotli-compressed data (${e instanceof Error ? e.message : String(e)})` });
  }
}

/** The log line for one dictionary's arrival or failure. */
export function dictionaryLogLine(r: DictionaryLoaded): string {
  const name = LANGUAGE_NAMES[r.language];
  return r.bytes
    ? `qualspec: the ${name} spelling dictionary is loaded (${Math.round(r.bytes.length / 1024)} kB in ${r.millis} ms).`
    : `qualspec: spelling is not checked in ${name} documents: the ${name} dictionary could not be loaded from ${r.url}: ${r.error}.` +
        (r.language === 'en-US' ? ' American spellings in British documents are not reported either.' : '');
}

/** Every language's dictionary, fetched in parallel; `arrived` is called as each one settles. */
export function fetchDictionaries(base: string, get: FetchLike, arrived: (r: DictionaryLoaded) => void): Promise<DictionaryLoaded[]> {
  return Promise.all(
    LANGUAGES.map((l) =>
      fetchDictionary(base, l, get).then((r) => {
        arrived(r);
        return r;
      }),
    ),
  );
}
