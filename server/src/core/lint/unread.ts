/**
 * The findings that mean part of a file was not read as it is written: a YAML syntax error, a value
 * of the wrong type or form, a key the format does not know (a misspelt `minCredit` is a limit that is
 * silently not there), a value YAML turns into another type. An analysis of such a file answers a
 * different question from the one the file asks, so a front end that analyses (`qualspec combos`)
 * reports these first instead of answering. A required key that is absent is not among them: nothing
 * was misread, and what its absence means for an analysis (a unit without a level cannot be counted,
 * a unit named but not defined) is said by the analysis itself.
 */
import { RULES_BY_ID } from '../rules/index.js';
import type { Finding, RuleCategory } from '../rules/types.js';
import { validateSpecData } from '../schema/validate.js';

const UNREAD: ReadonlySet<RuleCategory> = new Set<RuleCategory>(['syntax', 'schema', 'yaml']);

/** The errors among a file's `findings` that say something in it could not be read as written (`data` is the file's parsed data). */
export function unreadFindings(findings: readonly Finding[], data: unknown): Finding[] {
  let absent: Set<string> | undefined;
  const isAbsentKey = (f: Finding): boolean => {
    if (f.ruleId !== 'schema' || !data || typeof data !== 'object' || Array.isArray(data)) return false;
    absent ??= new Set(
      validateSpecData(data)
        .filter((i) => i.kind === 'schema' && i.missingKey !== undefined)
        .map((i) => i.message),
    );
    return absent.has(f.message);
  };
  return findings.filter((f) => {
    const category = RULES_BY_ID.get(f.ruleId)?.meta.category;
    return f.severity === 'error' && category !== undefined && UNREAD.has(category) && !isAbsentKey(f);
  });
}
