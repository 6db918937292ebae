/**
 * The custom requests of the qualspec language server, as the client sees them.
 *
 * The shapes are the server's own (server/src/service/protocol.ts), imported type-only so that
 * nothing of the server is bundled into the client or the webview. The method names are repeated
 * here as constants, and checked against the server's at compile time.
 *
 * No `vscode` import: the webview bundle (browser) and unit tests import this file too.
 */
import type * as server from '../../server/src/service/protocol.js';

export type {
  CombinationAnalysisInfo,
  CombinationGroup,
  CombinationParams,
  CombinationResult,
  CombinationRule,
  CombinationUnit,
  LintWorkspaceParams,
  LintWorkspaceResult,
  LspRange,
  QualificationInfo,
  QualificationsParams,
  QualificationsResult,
  RangeWithExamples,
  SelectionCheckInfo,
  StatedSize,
} from '../../server/src/service/protocol.js';

export const QualificationsRequestMethod = 'qualspec/qualifications';
export const CombinationRequestMethod = 'qualspec/combination';
export const LintWorkspaceRequestMethod = 'qualspec/lintWorkspace';
export const ShowCombinationPreviewCommand = 'qualspec.showCombinationPreview';

// Compile-time checks that the names agree with the server's (a mismatch is a type error).
const sameNames: [
  typeof server.QualificationsRequestMethod,
  typeof server.CombinationRequestMethod,
  typeof server.LintWorkspaceRequestMethod,
  typeof server.ShowCombinationPreviewCommand,
] = [QualificationsRequestMethod, CombinationRequestMethod, LintWorkspaceRequestMethod, ShowCombinationPreviewCommand];
void sameNames;
