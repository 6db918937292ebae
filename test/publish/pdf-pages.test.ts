/**
 * Reading the page of each named destination from a PDF's structure (server/src/publish/pdf-pages.ts),
 * on PDFs built here object by object: the /Dests dictionary Chromium writes, the /Names tree other
 * printers write, a page tree of several levels, and what it refuses.
 */
import { describe, expect, it } from 'vitest';
import { pdfDestinationPages, PdfStructureError } from '../../server/src/publish/pdf-pages';

/** A PDF of these objects (numbered from 1), with a correct cross-reference table; the catalog is object 1. */
function pdf(objects: string[]): Uint8Array {
  let s = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(s.length);
    s += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = s.length;
  s += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) s += `${String(off).padStart(10, '0')} 00000 n \n`;
  s += `trailer\n<</Size ${objects.length + 1}\n/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

const page = (parent: number) => `<</Type /Page\n/Parent ${parent} 0 R\n/MediaBox [0 0 595.28 841.89]\n/Contents 99 0 R>>`;

describe('pdfDestinationPages', () => {
  it('reads the catalog’s /Dests, through a page tree of two levels', () => {
    const bytes = pdf([
      '<</Type /Catalog\n/Pages 2 0 R\n/Dests 9 0 R>>',
      '<</Type /Pages\n/Count 4\n/Kids [3 0 R 4 0 R]>>',
      '<</Type /Pages\n/Count 2\n/Parent 2 0 R\n/Kids [5 0 R 6 0 R]>>',
      '<</Type /Pages\n/Count 2\n/Parent 2 0 R\n/Kids [7 0 R 8 0 R]>>',
      page(3),
      page(3),
      page(4),
      page(4),
      // A stream-like text with a lone ">>" inside a string must not end the dictionary early.
      '<</cover [5 0 R /XYZ 0 841 0]\n/unit-l5b1 [8 0 R /XYZ 0 700 0]\n/change#2Dcontrol [6 0 R /Fit]\n/odd (a >> b)\n/toc [7 0 R /XYZ 0 800 0]>>',
    ]);
    expect(Object.fromEntries(pdfDestinationPages(bytes))).toEqual({ cover: 1, 'unit-l5b1': 4, 'change-control': 2, toc: 3 });
  });

  it('reads the /Names tree (PDF 1.2), with its kids and destinations given as dictionaries', () => {
    const bytes = pdf([
      '<</Type /Catalog\n/Pages 2 0 R\n/Names <</Dests 5 0 R>>>>',
      '<</Type /Pages\n/Count 2\n/Kids [3 0 R 4 0 R]>>',
      page(2),
      page(2),
      '<</Kids [6 0 R 7 0 R]>>',
      '<</Limits [(a) (b)]\n/Names [(a) [3 0 R /XYZ 0 0 0] (b\\)) 8 0 R]>>',
      '<</Names [(c) <</D [4 0 R /Fit]>>]>>',
      '[4 0 R /XYZ 0 10 0]',
    ]);
    expect(Object.fromEntries(pdfDestinationPages(bytes))).toEqual({ a: 1, 'b)': 2, c: 2 });
  });

  it('has no destinations in a PDF without links', () => {
    expect(pdfDestinationPages(pdf(['<</Type /Catalog\n/Pages 2 0 R>>', '<</Type /Pages\n/Count 1\n/Kids [3 0 R]>>', page(2)])).size).toBe(0);
  });

  it('refuses what it cannot read, with a PdfStructureError (the PDF is then printed without numbers)', () => {
    expect(() => pdfDestinationPages(new Uint8Array(Buffer.from('not a pdf')))).toThrow(PdfStructureError);
    // An xref stream (PDF 1.5 compressed cross-reference), which Chromium does not write.
    const s = '%PDF-1.5\n1 0 obj\n<</Type /XRef>>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n';
    expect(() => pdfDestinationPages(new Uint8Array(Buffer.from(s)))).toThrow(/not a table/);
  });
});
