/**
 * The published document, read back as text: it holds every qualification, unit, UAN, learning
 * outcome and criterion of the YAML (read here with `yaml`, independently of the model), in the
 * right places, with Markdown rendered and everything else escaped.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseFile } from '../../server/src/core/lint/engine';
import { lintTexts } from '../../server/src/core/lint/pipeline';
import { publishDocument } from '../../server/src/core/publish';
import { ISP, ISP_AS_PUBLISHED, htmlText, publishFile, readSpec } from './helpers';

const spec = readSpec(ISP);
const doc = publishFile(ISP);
const text = htmlText(doc.html);

/** The HTML of one unit's page. */
function unitPage(html: string, ref: string): string {
  const start = html.indexOf(`id="unit-${ref.toLowerCase()}"`);
  expect(start, `page of ${ref}`).toBeGreaterThan(-1);
  const next = html.indexOf('<section class="unit', start + 10);
  return html.slice(start, next === -1 ? undefined : next);
}

describe('the published ISP document', () => {
  it('is one self-contained page: inline style, no script, nothing fetched', () => {
    expect(doc.html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(doc.html).toMatch(/<html lang="en-GB">/);
    expect(doc.html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(doc.html).not.toMatch(/\ssrc=/i);
  });

  it('holds every qualification with its QAN, in a key-facts table', () => {
    expect(spec.qualifications.length).toBe(18);
    for (const q of spec.qualifications) {
      expect(text).toContain(`Qualification title ${q.title}`);
      expect(text).toContain(`Qualification number (QAN) ${q.qan}`);
    }
    expect(doc.counts.qualifications).toBe(spec.qualifications.length);
  });

  it('holds every unit on its own page, with its UAN, every learning outcome and criterion', () => {
    let los = 0;
    let acs = 0;
    expect(spec.units.length).toBe(32);
    for (const u of spec.units) {
      const page = htmlText(unitPage(doc.html, u.ref));
      expect(page).toContain(`${u.ref} ${u.title}`);
      if (u.uan) expect(page).toContain(`Ofqual unit reference number (UAN) ${u.uan}`);
      for (const lo of u.learningOutcomes ?? []) {
        los++;
        expect(page).toContain(`${lo.number}. ${lo.text}`);
        for (const c of lo.criteria) {
          acs++;
          expect(page).toContain(`${c.number} ${c.text}`);
        }
      }
    }
    expect(doc.counts).toMatchObject({ units: spec.units.length, learningOutcomes: los, criteria: acs });
    expect((doc.html.match(/<section class="unit/g) ?? []).length).toBe(spec.units.length);
  });

  it('states the rules of combination in words, with the smallest and largest totals and an example route', () => {
    // The Certificate's smallest valid selection is 16 credits (its change history: 13 cannot be reached).
    const cert = htmlText(
      doc.html.slice(doc.html.indexOf('Level 5 Certificate in Professional Sales</h3>'), doc.html.indexOf('Level 5 Diploma in Professional Sales</h3>')),
    );
    expect(cert).toMatch(/The smallest total credit a learner can achieve under these rules is 16, the largest 36/);
    expect(text).toMatch(/A minimum of 37 credits In other words: At least 37 credits in total\./);
    expect(text).toMatch(/An example route with the smallest total: 16 credits from 5 units/);
  });

  it('keeps the structure of each Award: its units, mandatory', () => {
    const award = doc.html.slice(doc.html.indexOf('Level 5 Award in Market Research and Sales Planning</h3>'));
    const structure = htmlText(award.slice(0, award.indexOf('</table>', award.indexOf('Structure'))));
    expect(structure).toMatch(/D\/651\/5976 L5B2 Organisational Sales Planning 5 25 50 5 Mandatory/);
  });

  it('has a contents list that links to every unit page, and headings that do not skip levels', () => {
    for (const u of spec.units) expect(doc.html).toContain(`<a href="#unit-${u.ref.toLowerCase()}">`);
    const levels = [...doc.html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!, `heading ${i}`).toBeLessThanOrEqual(1);
    expect(levels.filter((l) => l === 1).length).toBe(1);
  });

  it('gives every table header cell a scope', () => {
    const ths = [...doc.html.matchAll(/<th\b[^>]*>/g)].map((m) => m[0]);
    expect(ths.length).toBeGreaterThan(500);
    for (const th of ths) expect(th).toMatch(/scope="(col|row|colgroup|rowgroup)"/);
  });

  it('prints A4 with a running header (title and version) and page numbers', () => {
    expect(doc.css).toMatch(/@page \{\s*size: A4;/);
    expect(doc.css).toContain('@top-left { content: "ISP Level 5 Qualifications in Professional Sales · Version 1.2"');
    expect(doc.css).toContain('counter(page)');
    expect(doc.css).toMatch(/tr \{ break-inside: avoid/);
    expect(doc.css).toMatch(/\.unit \{ break-before: page/);
  });

  it('renders the same bytes for the same spec', () => {
    expect(publishFile(ISP).html).toBe(doc.html);
  });
});

describe('Markdown and escaping', () => {
  const base = `qualspec: 1
document:
  title: "Escapes <b>&amp;</b>"
  version: "1.0"
  changeHistory:
    - { version: "1.0", date: 2025-01-01, summary: First, author: AB }
sections:
  - id: intro
    title: Intro & <scope>
    body: |-
      # A heading

      Some **bold** text, <script>alert(1)</script>, [a link](javascript:alert(1)), [ok](https://example.org)
      and ![img](https://example.org/x.png) https://example.org/bare

      | a | b |
      | - | - |
      | 1 | 2 |
units: []
`;
  const uri = 'file:///t/specs/x.yaml';
  const { parsed, model } = analyseFile(uri, base);
  const html = publishDocument({ uri, parsed, model }).html;

  it('renders Markdown and escapes raw HTML', () => {
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<h1>Escapes &lt;b&gt;&amp;amp;&lt;/b&gt;</h1>');
    expect(html).toContain('Intro &amp; &lt;scope&gt;');
  });

  it('refuses javascript: links and images, and does not linkify bare URLs', () => {
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">ok</a>');
    expect(html).not.toMatch(/<img/);
    expect(html).not.toContain('href="https://example.org/bare"');
  });

  it('nests a section body heading under the section, and scopes Markdown table headers', () => {
    expect(html).toContain('<h4>A heading</h4>');
    expect(html).toContain('<th scope="col">a</th>');
  });
});

describe('the review copy', () => {
  const text = readFileSync(ISP_AS_PUBLISHED);
  const review = publishFile(ISP_AS_PUBLISHED, true);
  const uri = `file://${ISP_AS_PUBLISHED}`;
  const findings = lintTexts([{ uri, text: text.toString() }]).get(uri) ?? [];

  it('marks every finding of the linter, and indexes them at the start', () => {
    expect(findings.length).toBeGreaterThan(5);
    expect(review.counts.findings).toBe(findings.length);
    const notes = review.html.match(/<aside class="note note-(error|warning|info)" role="note"/g) ?? [];
    expect(notes.length).toBe(review.counts.notesPlaced);
    const index = review.html.slice(review.html.indexOf('id="findings"'), review.html.indexOf('id="change-control"'));
    expect((index.match(/<tr><td class="num">/g) ?? []).length).toBe(findings.length);
    for (const f of findings) expect(htmlText(index)).toContain(htmlText(f.message.replace(/&/g, '&amp;').replace(/</g, '&lt;')));
  });

  it('puts a note at the unit, learning outcome or criterion the finding is about', () => {
    // The as-published L4C7 numbers two criteria 1.4: the numbering finding sits at that criterion.
    const l4c7 = unitPage(review.html, 'L4C7');
    expect(l4c7).toMatch(/<td>[^<]*<aside class="note note-(error|warning)"[^>]*>.*ac-numbering/s);
    // The as-published L6S2 UAN H/651/601 is malformed: its note is on L6S2's page.
    expect(htmlText(unitPage(review.html, 'L6S2'))).toMatch(/(Error|Warning) \d+ .*H\/651\/601/);
  });

  it('says the severity in words and a symbol, not colour alone', () => {
    expect(review.html).toMatch(/<span class="sev"><span aria-hidden="true">✖<\/span> Error \d+<\/span>/);
    expect(review.html).toContain('Review copy');
  });
});
