/**
 * Markdown of the prose fields (sections, purposes, indicative content …) to HTML, by markdown-it
 * (CommonMark, well kept, no dependencies of its own that do I/O).
 *
 * Safety: raw HTML in the source is not passed through (`html: false`: it is shown as text),
 * markdown-it's own link validation refuses `javascript:`, `vbscript:`, `file:` and most `data:`
 * URLs, bare URLs are not turned into links (`linkify: false`), and images are switched off — the
 * published document is self-contained and fetches nothing.
 */
import MarkdownIt from 'markdown-it';

export interface Markdown {
  /** Block Markdown (paragraphs, lists, tables); headings start at `headingLevel`. */
  block(src: string, headingLevel: number): string;
  /** One paragraph's worth of inline Markdown (no <p>). */
  inline(src: string): string;
}

function make(): MarkdownIt {
  const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false, breaks: false });
  md.disable(['image']);
  // Links open where the reader is, and say nothing to the linked site about this document.
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    tokens[idx]!.attrSet('rel', 'noopener noreferrer');
    return self.renderToken(tokens, idx, options);
  };
  // Tables from Markdown get the header cells' scope, as the document's own tables do (WCAG 1.3.1).
  md.renderer.rules.th_open = (tokens, idx, options, _env, self) => {
    tokens[idx]!.attrSet('scope', 'col');
    return self.renderToken(tokens, idx, options);
  };
  return md;
}

let shared: MarkdownIt | undefined;

/** A heading written `#` in a section body is a heading under that section, never a second <h1>. */
function shiftHeadings(md: MarkdownIt, src: string, level: number): string {
  const env = {};
  const tokens = md.parse(src, env);
  for (const t of tokens) {
    if ((t.type === 'heading_open' || t.type === 'heading_close') && /^h[1-6]$/.test(t.tag)) {
      const n = Math.min(6, Number(t.tag.slice(1)) + level - 1);
      t.tag = `h${n}`;
    }
  }
  return md.renderer.render(tokens, md.options, env);
}

export function markdown(): Markdown {
  const md = (shared ??= make());
  return {
    block: (src, headingLevel) => shiftHeadings(md, src, Math.max(1, Math.min(6, headingLevel))),
    inline: (src) => md.renderInline(src),
  };
}
