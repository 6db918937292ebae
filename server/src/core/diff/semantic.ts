/**
 * The semantic difference of two versions of one spec file: items matched by identity (unit ref,
 * then UAN, then title; QAN, then title; group and section ids, then titles; learning outcomes and
 * criteria by wording, then number), so that a renamed unit or a renumbered criterion is reported
 * as such rather than as a removal and an addition. Texts are compared word by word: whitespace and
 * comments are never a change (the data is compared, not the text).
 *
 * The parts: values.ts (reading and showing values), pairing.ts (matching items), names.ts,
 * differ.ts (collecting changes), and one file per part of a spec — document.ts, units.ts,
 * qualifications.ts.
 */
import type { ParsedFile } from '../parse/parse.js';
import { LineIndex } from '../text/line-index.js';
import { Differ } from './differ.js';
import { diffDocument } from './document.js';
import { items } from './pairing.js';
import { diffQualifications } from './qualifications.js';
import type { Change } from './types.js';
import { diffUnits } from './units.js';
import { obj } from './values.js';

/** Keys of the file's top level compared part by part; any other is compared as data. */
const KNOWN = new Set(['$schema', 'document', 'facts', 'sections', 'groups', 'units', 'qualifications']);

export function diffData(
  oldParsed: ParsedFile,
  newParsed: ParsedFile,
): { changes: Change[]; unitRename: Map<string, string>; groupRename: Map<string, string> } {
  const d = new Differ({ parsed: oldParsed, lines: new LineIndex(oldParsed.text) }, { parsed: newParsed, lines: new LineIndex(newParsed.text) });
  const A = obj(oldParsed.data);
  const B = obj(newParsed.data);
  diffDocument(d, A, B);
  // Units before qualifications: a unit renamed is known before an Award's list or a rule is compared.
  diffUnits(d, items(A.units, ['units']), items(B.units, ['units']));
  diffQualifications(d, items(A.qualifications, ['qualifications']), items(B.qualifications, ['qualifications']), A, B);
  d.fields('document', 'file', 'The file', { path: [], o: A }, { path: [], o: B }, KNOWN);
  return { changes: d.changes, unitRename: d.unitRename, groupRename: d.groupRename };
}
