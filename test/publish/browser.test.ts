/**
 * The published ISP document in a real browser (Playwright + the machine's Chromium): the print
 * layout fits A4 (no table wider than the page), page screenshots saved to test-results/publish/,
 * and the PDF `qualspec publish --pdf` prints is A4, runs to a plausible page count, and holds
 * every qualification, unit, UAN, learning outcome and criterion of the YAML (read back with
 * pdftotext from poppler-utils), and its contents give the page each heading is on.
 *
 * Needs Chromium (or Chrome) and pdftotext/pdftoppm. In CI (CI=true) a missing one fails the test;
 * elsewhere the test is skipped with the reason printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { findBrowser, htmlToPagedPdf, type PagedPdf } from '../../server/src/publish/pdf';
import { ISP, ROOT, norm, publishFile, readSpec } from './helpers';

const OUT = path.join(ROOT, 'test-results/publish');
const CI = process.env.CI === 'true' || process.env.CI === '1';

function tool(name: string): string | undefined {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return name;
  } catch {
    return undefined;
  }
}
let browserPath: string | undefined;
let why = '';
try {
  browserPath = findBrowser(undefined);
} catch (e) {
  why = (e as Error).message;
}
const poppler = tool('pdftotext') && tool('pdftoppm');
if (!poppler) why ||= 'pdftotext/pdftoppm (poppler-utils) not installed';
const ready = !!browserPath && !!poppler;

if (!ready && CI) {
  describe('published document in a browser', () => {
    it('has a browser and poppler-utils in CI', () => {
      throw new Error(`CI needs Chromium and poppler-utils for the publish tests: ${why} (run bash test/publish/setup.sh)`);
    });
  });
} else if (!ready) {
  console.log(`[publish browser tests skipped] ${why}. Install chromium and poppler-utils (bash test/publish/setup.sh) to run them.`);
  describe.skip(`published document in a browser (skipped: ${why})`, () => it('needs a browser', () => {}));
} else {
  describe('published document in a browser', () => {
    const doc = publishFile(ISP);
    const spec = readSpec(ISP);
    let browser: Browser;
    let pdf: Uint8Array;
    let paged: PagedPdf;
    let pdfText: string;
    beforeAll(async () => {
      mkdirSync(OUT, { recursive: true });
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: browserPath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
      });
      // As `qualspec publish --pdf` prints it: twice, the contents' page numbers read from the first printing.
      paged = await htmlToPagedPdf((pageNumbers) => publishFile(ISP, false, pageNumbers).html, { browser: browserPath! });
      pdf = paged.pdf;
      const pdfFile = path.join(OUT, 'isp-level-5-professional-sales.pdf');
      writeFileSync(pdfFile, pdf);
      writeFileSync(path.join(OUT, 'isp-level-5-professional-sales.html'), doc.html);
      pdfText = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      // Page images of the printed document, for a person to look at (cover, contents, a qualification, a unit).
      execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '4', pdfFile, path.join(OUT, 'page')]);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
    });

    it('fits every table inside the A4 text width in the print layout, and fetches nothing', async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 1400 } });
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
      });
      await page.setContent(doc.html, { waitUntil: 'load' });
      await page.screenshot({ path: path.join(OUT, 'screen-top.png') });
      await page.emulateMedia({ media: 'print' });
      // A4 (210 mm) less the 16 mm left and right margins of @page, at 96 px per inch.
      const textWidth = ((210 - 32) / 25.4) * 96;
      await page.setViewportSize({ width: Math.floor(textWidth), height: 1100 });
      const wide = await page.evaluate(() => {
        const body = document.body.getBoundingClientRect();
        return [...document.querySelectorAll('table')]
          .map((t, i) => ({ i, w: t.getBoundingClientRect().width, sw: t.scrollWidth, caption: t.caption?.textContent ?? '' }))
          .filter((t) => t.w > body.width + 0.5 || t.sw > Math.ceil(t.w) + 1);
      });
      expect(await page.evaluate(() => document.querySelectorAll('table').length)).toBeGreaterThan(60);
      expect(wide).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.locator('#unit-l5b1').screenshot({ path: path.join(OUT, 'unit-l5b1-print-width.png') });
      expect(requests).toEqual([]);
      await page.close();
    });

    it('prints an A4 PDF of a plausible length', () => {
      const head = Buffer.from(pdf).toString('latin1');
      const boxes = [...head.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(boxes.length).toBeGreaterThan(0);
      // A4 is 210 x 297 mm = 595.28 x 841.89 points.
      for (const [w, h] of boxes) {
        expect(Math.abs(w! - 595.28)).toBeLessThan(1);
        expect(Math.abs(h! - 841.89)).toBeLessThan(1);
      }
      const pages = pdfText.split('\f').filter((p) => p.trim()).length;
      // The published v1.1 runs to about 92 pages; every unit starts a page of its own here.
      expect(pages).toBeGreaterThanOrEqual(spec.units.length + 10);
      expect(pages).toBeLessThan(300);
      expect(pdfText).toMatch(/Page 2 of \d+/);
      expect(pdfText).toContain('ISP Level 5 Qualifications in Professional Sales · Version 1.2');
    });

    it('holds every qualification, unit, UAN, learning outcome and criterion in the PDF text', () => {
      const t = norm(pdfText);
      for (const q of spec.qualifications) {
        expect(t).toContain(q.qan);
        expect(t).toContain(norm(q.title));
      }
      let criteria = 0;
      for (const u of spec.units) {
        expect(t).toContain(`${u.ref} ${u.title}`);
        if (u.uan) expect(t).toContain(u.uan);
        // Table cells wrap text over lines beside other cells: compare the words of each text in order, per page.
        for (const lo of u.learningOutcomes ?? []) {
          expect(wordsIn(t, lo.text), `${u.ref} LO ${lo.number}`).toBe(true);
          for (const c of lo.criteria) {
            criteria++;
            expect(t, `${u.ref} ${c.number}`).toMatch(new RegExp(`(^|\\s)${c.number.replace('.', '\\.')}\\s`));
            expect(wordsIn(t, c.text), `${u.ref} ${c.number}`).toBe(true);
          }
        }
      }
      expect(criteria).toBe(doc.counts.criteria);
    });

    it('gives in its contents the page each heading is on', () => {
      expect(paged.pageNumbers).toBe(true);
      expect(paged.printings).toBeGreaterThanOrEqual(2);
      const pages = pdfText.split('\f');
      // The contents pages: from "Contents" to the page before the first entry's page.
      const start = pages.findIndex((p) => /^\s*Contents\s*$/m.test(p));
      expect(start).toBeGreaterThan(0);
      const entries: { title: string; page: number }[] = [];
      for (const p of pages.slice(start, start + 4))
        for (const m of p.matchAll(/^ *(\S.*?\S) {2,}(\d+)$/gm))
          if (!/^Page \d+ of/.test(m[1]!) && !/Page \d+ of \d+$/.test(m[0])) entries.push({ title: m[1]!, page: Number(m[2]) });
      // Every entry of the contents has its number: the sections, the qualifications, the groups and every unit.
      expect(entries.length).toBe((doc.body.match(/<nav class="toc[\s\S]*?<\/nav>/)![0].match(/<li>/g) ?? []).length);
      for (const e of entries) expect(norm(pages[e.page - 1] ?? ''), `${e.title} on page ${e.page}`).toContain(norm(e.title));
      const numbers = entries.map((e) => e.page);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      // Each unit's number is the page its unit specification starts on (found independently, as below).
      for (const u of spec.units) {
        const first = pages.findIndex((p) => new RegExp(`Unit reference\\s+${u.ref}\\b`).test(p));
        const entry = entries.find((e) => e.title === `${u.ref} ${norm(u.title)}`);
        expect(entry?.page, u.ref).toBe(first + 1);
      }
    });

    it('keeps each unit on pages of its own', () => {
      const pages = pdfText.split('\f');
      for (const u of spec.units) {
        const first = pages.findIndex(
          (p) => /Unit details|Unit title/.test(p) && p.includes(`Unit reference`) && new RegExp(`Unit reference\\s+${u.ref}\\b`).test(p),
        );
        expect(first, u.ref).toBeGreaterThan(0);
        expect(norm(pages[first]!).startsWith(`ISP Level 5 Qualifications in Professional Sales · Version 1.2 ${u.ref} ${u.title}`), u.ref).toBe(true);
      }
    });
  });
}

/** Whether the words of `phrase` occur in `text` in order, each within a window (cells of a row interleave). */
function wordsIn(text: string, phrase: string): boolean {
  // A line may break after a hyphen ("go-to-" / "market"): each hyphenated part is a word of its own.
  const words = phrase.split(/\s+|(?<=-)/).filter(Boolean);
  let at = text.indexOf(words[0]!);
  while (at !== -1) {
    let pos = at + words[0]!.length;
    let ok = true;
    for (const w of words.slice(1)) {
      const next = text.indexOf(w, pos);
      if (next === -1 || next - pos > 400) {
        ok = false;
        break;
      }
      pos = next + w.length;
    }
    if (ok) return true;
    at = text.indexOf(words[0]!, at + 1);
  }
  return false;
}
