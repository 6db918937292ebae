/** The published specification document, generated from the YAML (pure: model -> HTML string). */
export { publishDocument, esc, slug, ukDate, type PublishInput, type PublishResult, type PublishedUnit } from './render.js';
export { markdown, type Markdown } from './markdown.js';
