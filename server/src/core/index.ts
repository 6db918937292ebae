/** The qualspec language core: spec model, checks, combination engine. No LSP, no VS Code. */
export { parseSpecText, ChunkCache, type ParsedFile, type Path } from './parse/parse.js';
export { buildModel, type SpecModel } from './model/spec.js';
export { analyseFile, analyseWorkspace, sortFindings, type FileAnalysis } from './lint/engine.js';
export {
  checkFile,
  checkWorkspace,
  indexOf,
  indexTexts,
  lintTexts,
  noticeFinding,
  summariseText,
  withWorkspace,
  type ReadNotice,
  type SourceText,
} from './lint/pipeline.js';
export { WorkspaceIndex, type FileSummary, type UnitSummary } from './workspace/index.js';
export { ALL_RULES, RULES_BY_ID } from './rules/index.js';
export type { Finding, Fix, Rule, RuleMeta, Severity, TextEdit } from './rules/types.js';
export { parseConfig, DEFAULT_CONFIG, CONFIG_FILE_NAMES, type QualspecConfig } from './config/config.js';
export { LineIndex, type Position, type Span } from './text/line-index.js';
export { applyEdits } from './fix/apply.js';
