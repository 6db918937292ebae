#!/usr/bin/env node
// Writes dist/README.md, the README the VSIX carries for the Marketplace and VS Code's extension
// page (`vsce package --readme-path dist/README.md`). README.md is written for the repository: its
// screenshots and links are relative paths, which a Marketplace page cannot show (vsce accepts
// only https images, and the project has no public repository to point them at). Here each image
// becomes its caption, and each relative link its text with the file named, so nothing on the page
// is a broken link. Links to web pages and to headings of the README are kept.
//   node scripts/marketplace-readme.mjs [README.md] [dist/README.md]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const isRelative = (link) => !/^[a-z][a-z0-9+.-]*:/i.test(link) && !link.startsWith('#');

/** README.md's text with relative images and links made plain text. */
export function marketplaceReadme(text) {
  let inFence = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      if (inFence) return line;
      return line
        .replace(/!\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (all, alt, link) => (isRelative(link) ? `*Screenshot: ${alt}.*` : all))
        .replace(/(?<!!)\[([^\]]+)\]\(([^)\s]+)\)/g, (all, label, link) =>
          isRelative(link) ? (label.includes('`') || label === link ? label : `${label} (\`${link.replace(/\/$/, '')}\`)`) : all,
        );
    })
    .join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [from = 'README.md', to = 'dist/README.md'] = process.argv.slice(2);
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, marketplaceReadme(readFileSync(from, 'utf8')));
  console.log(`  ${to} (the Marketplace README)`);
}
