/**
 * The thin PDF step outside the core: prints the published HTML with a Chromium or Chrome found on
 * the machine, through playwright-core (a library that downloads no browser of its own). The page
 * is loaded from a string with every network request refused: the document is self-contained.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';

export class NoBrowserError extends Error {}

const CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'msedge'];

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * The browser to print with: `explicit` (--browser) when given, else CHROME_PATH, QUALSPEC_CHROMIUM,
 * PUPPETEER_EXECUTABLE_PATH, then the usual install places and the PATH. Throws NoBrowserError
 * with what was tried.
 */
export function findBrowser(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit !== undefined) {
    if (isFile(explicit)) return explicit;
    throw new NoBrowserError(`--browser ${explicit}: no such program`);
  }
  const fromEnv = ['CHROME_PATH', 'QUALSPEC_CHROMIUM', 'PUPPETEER_EXECUTABLE_PATH'].map((k) => [k, env[k]] as const).filter((x) => !!x[1]);
  for (const [k, v] of fromEnv) {
    if (isFile(v!)) return v!;
    throw new NoBrowserError(`${k}=${v}: no such program`);
  }
  for (const c of CANDIDATES) if (existsSync(c) && isFile(c)) return c;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const n of NAMES) {
      for (const ext of process.platform === 'win32' ? ['.exe', ''] : ['']) {
        const p = path.join(dir, n + ext);
        if (isFile(p)) return p;
      }
    }
  }
  throw new NoBrowserError(
    'no Chromium or Chrome found for --pdf. Install one (Debian/Ubuntu: apt-get install chromium), or name it with --browser <path> or the CHROME_PATH environment variable.',
  );
}

export interface PdfOptions {
  browser: string;
  /** Milliseconds for the browser to start and print (default 60 s). */
  timeout?: number;
}

/** The HTML printed to an A4 PDF (the page size, margins, running header and page numbers come from the document's @page rules). */
export async function htmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  const { chromium } = await import('playwright-core');
  const timeout = options.timeout ?? 60_000;
  const browser = await chromium.launch({
    executablePath: options.browser,
    headless: true,
    timeout,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, displayHeaderFooter: false });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
