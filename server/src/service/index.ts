/** The qualspec language features: plain functions over the language core, returning LSP-shaped data. */
export * from './host.js';
export * from './protocol.js';
export { completion } from './completion.js';
export { hover, uanVerdict, qanVerdict } from './hover.js';
export { definition, references, prepareRename, rename, RenameError, documentSymbols, flattenSymbols, workspaceSymbols, refAt } from './navigation.js';
export { toDiagnostic, codeActions, codeLenses, disableEdit } from './actions.js';
export { combination, qualifications, analyseQualification } from './combination.js';
export { nodeAt, completionContext } from './yaml-nav.js';
export { settingsFrom } from './settings.js';
export { semanticTokens, semanticTokensInRange, specTokens, decodeTokens, SEMANTIC_TOKENS_LEGEND } from './semantic-tokens.js';
export { inlayHints } from './inlay-hints.js';
