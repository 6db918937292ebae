/** Helpers shared by the checks to build fixes. (Domain facts are in core/model/: identifiers.ts, sizes.ts.) */
import type { ParsedFile, Path } from '../parse/parse.js';
import type { Fix } from './types.js';

/** A fix that replaces the value at `path` with `newText` (the YAML source text). */
export function replaceValue(parsed: ParsedFile, path: Path, newText: string, title: string, opts: { preferred?: boolean; safe?: boolean } = {}): Fix {
  return { title, edits: [{ span: parsed.locate(path, 'value'), newText }], ...opts };
}

/** YAML text for a string scalar: plain where that reads back as the same string, else double-quoted. */
export function yamlString(s: string): string {
  const plainOk =
    /^[A-Za-z0-9(][^#:\n]*$/.test(s) &&
    !/\s$/.test(s) &&
    !/^(true|false|yes|no|on|off|y|n|null|~)$/i.test(s) &&
    !/^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s) &&
    !/^0[xo]/i.test(s) &&
    !s.includes(': ') &&
    !s.includes(' #');
  return plainOk ? s : JSON.stringify(s);
}
