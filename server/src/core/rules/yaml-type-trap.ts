import { isScalar } from 'yaml';
import { validateSpecData } from '../schema/validate.js';
import { describePlace, fieldName } from '../model/describe.js';
import type { Path, PathSegment } from '../parse/parse.js';
import type { FileRule } from './types.js';

const YAML11_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** The strings of a data tree that YAML 1.1 reads as true/false, with their paths (one path stack, copied on a match: a spec has thousands of strings). */
function walkStrings(v: unknown, path: PathSegment[], out: { path: Path; value: string }[]): void {
  if (typeof v === 'string') {
    if (YAML11_BOOL.test(v)) out.push({ path: [...path], value: v });
  } else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      walkStrings(v[i], path, out);
      path.pop();
    }
  } else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      path.push(k);
      walkStrings((v as Record<string, unknown>)[k], path, out);
      path.pop();
    }
  }
}

export const rule: FileRule = {
  meta: {
    id: 'yaml-type-trap',
    severity: 'error',
    category: 'yaml',
    description: 'A version, criterion number, QAN or ref that YAML reads as a number or true/false (1.10 becomes 1.1, no becomes false) must be quoted.',
    fixable: true,
  },
  scope: 'file',
  check({ parsed, report }) {
    const data = parsed.data;
    if (data === undefined || typeof data !== 'object' || data === null || Array.isArray(data)) return;
    for (const i of validateSpecData(data)) {
      if (i.kind !== 'type-trap') continue;
      const at = parsed.nodeAt(i.path);
      const node = at?.node;
      const source = isScalar(node) && typeof node.source === 'string' ? node.source : String(i.value);
      const span = parsed.locate(i.path);
      const raw = parsed.text.slice(span.start, span.end);
      const text = raw.trim() || source;
      const read = typeof i.value === 'number' ? `the number ${String(i.value)}` : `${String(i.value)} (true/false)`;
      const what = `${fieldName(String(i.path[i.path.length - 1]))} in ${describePlace(data, i.path.slice(0, -1))}`;
      const changed = String(i.value) !== text;
      report({
        path: i.path,
        message: `YAML reads ${text} as ${read}${changed ? `, not the text '${text}'` : ''}: quote it ("${text}") so the ${what} stays exactly as written.`,
        fixes: [{ title: `Quote it: "${text}"`, edits: [{ span, newText: JSON.stringify(text) }], preferred: true, safe: true }],
      });
    }
    // Plain yes/no/on/off: YAML 1.2 (this tool) reads them as text, but YAML 1.1 tools read them as true/false.
    const strings: { path: Path; value: string }[] = [];
    walkStrings(data, [], strings);
    // Where the format wants true/false (summary: yes), quoting is the wrong advice: the schema check reports it.
    const wrongType = new Set(
      validateSpecData(data)
        .filter((i) => i.kind === 'schema')
        .map((i) => JSON.stringify(i.path)),
    );
    for (const s of strings) {
      if (wrongType.has(JSON.stringify(s.path))) continue;
      const at = parsed.nodeAt(s.path);
      if (!at || !isScalar(at.node) || at.node.type !== 'PLAIN') continue;
      const span = parsed.locate(s.path);
      report({
        path: s.path,
        severity: 'warning',
        message: `'${s.value}' is read as text here, but older YAML tools read it as ${/^(y|yes|on)$/i.test(s.value) ? 'true' : 'false'}: quote it ("${s.value}") so every tool agrees.`,
        fixes: [{ title: `Quote it: "${s.value}"`, edits: [{ span, newText: JSON.stringify(s.value) }], preferred: true, safe: true }],
      });
    }
  },
};
