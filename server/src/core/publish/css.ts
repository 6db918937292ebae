/**
 * The published document's stylesheet: screen and A4 print. Inline in the document (it fetches
 * nothing). Colours meet WCAG 2.2 AA contrast on their backgrounds (text >= 4.5:1, the darkest pairs
 * well above 7:1); severity is never shown by colour alone (each note carries a word and a symbol).
 */

/** A CSS string literal of any text (for @page margin boxes). */
export function cssString(s: string): string {
  return `"${s
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/[\r\n\f]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')}"`;
}

/**
 * @param runningHeader the text of the running header on every page but the cover ("ISP Level 5
 *   Qualifications in Professional Sales · Version 1.2")
 * @param footerLeft the text at the foot of each page, beside the page number
 */
export function documentCss(runningHeader: string, footerLeft: string): string {
  return `
:root {
  --ink: #1b1b1b; --muted: #4a4a4a; --accent: #00456b; --rule: #9aa7b0; --head-bg: #e3ecf2; --band: #f4f7f9;
  --err: #9b0012; --err-bg: #fdecee; --warn: #6b4400; --warn-bg: #fff3dc; --info: #0a4a8a; --info-bg: #e8f0fb;
}
* { box-sizing: border-box; }
html { color: var(--ink); background: #fff; font: 11pt/1.45 "Liberation Sans", Arial, Helvetica, sans-serif; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 4rem; }
h1, h2, h3, h4, h5, h6 { color: var(--accent); line-height: 1.2; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 1.9rem; } h2 { font-size: 1.45rem; margin-top: 2rem; } h3 { font-size: 1.15rem; margin-top: 1.5rem; }
h4 { font-size: 1rem; margin: 1rem 0 .35rem; } h5, h6 { font-size: .95rem; }
p, li { overflow-wrap: break-word; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; table-layout: fixed; }
th, td { border: 1px solid var(--rule); padding: .3rem .45rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th, th[scope="col"] { background: var(--head-bg); }
th[scope="row"] { background: var(--band); font-weight: 600; }
th[scope="rowgroup"] { background: #fff; font-weight: normal; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
td.num, th.num { text-align: right; white-space: nowrap; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; color: var(--ink); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.cover { min-height: 85vh; display: flex; flex-direction: column; justify-content: center; border-left: .6rem solid var(--accent); padding-left: 1.5rem; }
.cover .body-name { font-size: 1.2rem; font-weight: 600; margin: 0; color: var(--muted); }
.cover h1 { font-size: 2.3rem; margin: .75rem 0; }
.cover .subtitle { font-size: 1.25rem; margin: 0 0 1.5rem; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
.cover dt { font-weight: 600; } .cover dd { margin: 0; }
.cover .review-banner { margin-top: 2rem; padding: .6rem .8rem; border: 2px solid var(--err); color: var(--err); font-weight: 600; }
nav.toc ol { list-style: none; padding-left: 0; } nav.toc ol ol { padding-left: 1.25rem; }
nav.toc li { margin: .15rem 0; }
nav.toc a.paged { display: flex; align-items: baseline; gap: .35rem; }
nav.toc .toc-fill { flex: 1 1 auto; min-width: 1rem; border-bottom: 1px dotted var(--muted); }
nav.toc .toc-page { flex: 0 0 auto; min-width: 2.2em; text-align: right; font-variant-numeric: tabular-nums; }
.facts th[scope="row"] { width: 34%; }
.col-ref { width: 11%; } .col-uan { width: 15%; } .col-level, .col-num { width: 8%; } .col-status { width: 13%; }
.col-lo { width: 38%; } .col-acnum { width: 7%; }
.rules li { margin: .3rem 0; }
.rules .words { color: var(--muted); display: block; font-size: .95em; }
.route { background: var(--band); border: 1px solid var(--rule); padding: .5rem .8rem; margin: .5rem 0 1rem; break-inside: avoid; }
.route h4 { margin-top: .2rem; }
.unit { border-top: 3px solid var(--accent); margin-top: 3rem; }
.unit > h3 { font-size: 1.4rem; margin-top: .8rem; }
.unit .ref { display: inline-block; margin-right: .4rem; }
.summary-unit { border-top: 1px solid var(--rule); }
.ksb dt { font-weight: 600; } .ksb dd { margin: 0 0 .3rem 0; }
.ksb-code { font-weight: 600; margin-right: .35rem; }
.lo-text h4 .lo-num { margin-right: .3rem; }
.note { border: 1px solid; border-left-width: 6px; padding: .35rem .55rem; margin: .35rem 0; font-size: .92em; break-inside: avoid; }
.note .sev { font-weight: 700; margin-right: .35rem; }
.note .rule { font-family: "Liberation Mono", Consolas, monospace; font-size: .9em; }
.note .where { color: var(--muted); }
.note-error { border-color: var(--err); background: var(--err-bg); } .note-error .sev { color: var(--err); }
.note-warning { border-color: var(--warn); background: var(--warn-bg); } .note-warning .sev { color: var(--warn); }
.note-info { border-color: var(--info); background: var(--info-bg); } .note-info .sev { color: var(--info); }
.findings-index .counts { font-weight: 600; }
.findings-index td.sev-error { color: var(--err); font-weight: 700; }
.findings-index td.sev-warning { color: var(--warn); font-weight: 700; }
.findings-index td.sev-info { color: var(--info); font-weight: 700; }
.colophon { margin-top: 3rem; color: var(--muted); font-size: .9em; border-top: 1px solid var(--rule); padding-top: .5rem; }
.part { break-before: page; page-break-before: always; }
@media screen {
  .unit:target, section:target { outline: 2px dashed var(--accent); outline-offset: 6px; }
  body.preview .unit.current { outline: 2px solid var(--accent); outline-offset: 6px; }
  body.preview .unit { cursor: pointer; }
}
@page {
  size: A4;
  margin: 20mm 16mm 18mm 16mm;
  @top-left { content: ${cssString(runningHeader)}; font: 8.5pt "Liberation Sans", Arial, sans-serif; color: #4a4a4a; vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-left { content: ${cssString(footerLeft)}; font: 8.5pt "Liberation Sans", Arial, sans-serif; color: #4a4a4a; vertical-align: top; padding-top: 3mm; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8.5pt "Liberation Sans", Arial, sans-serif; color: #4a4a4a; vertical-align: top; padding-top: 3mm; }
}
@page :first {
  @top-left { content: none; } @bottom-left { content: none; } @bottom-right { content: none; }
}
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .cover { min-height: 240mm; break-after: page; page-break-after: always; }
  nav.toc { break-after: page; page-break-after: always; }
  .unit { break-before: page; page-break-before: always; border-top: none; margin-top: 0; }
  .unit > h3 { margin-top: 0; }
  .summary-unit { break-before: auto; page-break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  .facts, .route, .note { break-inside: avoid; }
}
`;
}
