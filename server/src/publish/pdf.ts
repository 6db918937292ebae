/**
 * The thin PDF step outside the core: prints the published HTML with a Chromium or Chrome found on
 * the machine, through playwright-core (a library that downloads no browser of its own). The page
 * is loaded from a string with every network request refused: the document is self-contained.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pdfDestinationPages, PdfStructureError } from './pdf-pages.js';

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

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type Page = import('playwright-core').Page;

async function withPage<T>(options: PdfOptions, fn: (page: Page, timeout: number) => Promise<T>): Promise<T> {
  const { chromium } = await import('playwright-core');
  const timeout = options.timeout ?? 60_000;
  const browser = await chromium.launch({ executablePath: options.browser, headless: true, timeout, args: LAUNCH_ARGS });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.emulateMedia({ media: 'print' });
    return await fn(page, timeout);
  } finally {
    await browser.close();
  }
}

async function print(page: Page, html: string, timeout: number): Promise<Uint8Array> {
  await page.setContent(html, { waitUntil: 'load', timeout });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, displayHeaderFooter: false });
  return new Uint8Array(pdf);
}

/** The HTML printed to an A4 PDF (the page size, margins, running header and page numbers come from the document's @page rules). */
export async function htmlToPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  return withPage(options, (page, timeout) => print(page, html, timeout));
}

/** The document as `render` makes it, given the contents' page numbers (or `reserve` for their places). */
export type RenderWithPages = (pageNumbers: ReadonlyMap<string, number> | 'reserve') => string;

export interface PagedPdf {
  pdf: Uint8Array;
  /** Whether the contents carry page numbers; when not, why (the PDF is printed without them). */
  pageNumbers: true | { missing: string };
  /** How many times the document was printed (2 when the numbers settled at once). */
  printings: number;
}

const MAX_PRINTINGS = 4;

/**
 * The PDF with page numbers in its contents. Chromium has no CSS `target-counter()`, so: print with
 * a place kept for each number, read the page of every heading the contents links to from the PDF's
 * named destinations (pdf-pages.ts), print again with the numbers, and check that the headings
 * stayed on those pages (the contents are laid out alike both times, so they do; should one move, it
 * prints again with the new numbers, up to four printings in all).
 */
export async function htmlToPagedPdf(render: RenderWithPages, options: PdfOptions): Promise<PagedPdf> {
  return withPage(options, async (page, timeout) => {
    let pdf = await print(page, render('reserve'), timeout);
    let printings = 1;
    let pages: Map<string, number>;
    try {
      pages = pdfDestinationPages(pdf);
    } catch (e) {
      if (!(e instanceof PdfStructureError)) throw e;
      return {
        pdf: await print(page, render(new Map()), timeout),
        pageNumbers: { missing: `the printed PDF could not be read for them (${e.message})` },
        printings: 2,
      };
    }
    for (;;) {
      pdf = await print(page, render(pages), timeout);
      printings++;
      const now = pdfDestinationPages(pdf);
      const moved = [...pages].some(([id, n]) => now.get(id) !== n);
      if (!moved) return { pdf, pageNumbers: true, printings };
      // Numbers that may be wrong are worse than none: print once more with the places left empty.
      if (printings >= MAX_PRINTINGS)
        return {
          pdf: await print(page, render(new Map()), timeout),
          pageNumbers: { missing: 'the headings kept moving between printings' },
          printings: printings + 1,
        };
      pages = now;
    }
  });
}
