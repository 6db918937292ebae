/**
 * JSON Schema validation of a spec's data (ajv, draft 2020-12, strict), with every ajv error
 * rewritten for people and mapped to the exact YAML node:
 * "Unknown key 'crdit' in unit L5B1 — did you mean 'credit'?" rather than
 * "must NOT have additional properties".
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import precompiled from './spec-validator.generated.js';
import schemaJson from '../../../../schemas/qualspec.schema.json';
import type { Path } from '../parse/parse.js';
import { describePlace, fieldName, getAt } from '../model/describe.js';
import { memoOn } from '../model/memo.js';
import { orList, suggest } from '../text/similar.js';

export const SPEC_SCHEMA = schemaJson as unknown as Record<string, unknown>;

/**
 * The schema's validator, compiled ahead of time by scripts/gen-validator.mjs (ajv standalone code,
 * options strict, allErrors, verbose): start-up pays nothing to compile it, and nothing is ever
 * fetched — the generated code has no loader for remote $refs.
 */
export function specValidator(): ValidateFunction {
  return precompiled as unknown as ValidateFunction;
}

export type SchemaIssueKind = 'unknown-key' | 'type-trap' | 'schema';

export interface SchemaIssue {
  kind: SchemaIssueKind;
  path: Path;
  part: 'key' | 'value' | 'entry';
  message: string;
  /** For unknown-key: the suggested replacement keys, best first. */
  suggestions?: string[];
  /** For unknown-key and enum: the offending key/value. */
  actual?: string;
  /** For type-trap: the value YAML read. */
  value?: unknown;
  /** For a missing required key: the key. */
  missingKey?: string;
}

function pointerToPath(p: string): (string | number)[] {
  if (p === '') return [];
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The schema node an ajv error's schemaPath points at. */
function schemaAt(schemaPath: string): Record<string, unknown> | undefined {
  const parts = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean);
  let cur: unknown = SPEC_SCHEMA;
  for (const raw of parts) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[k];
    else return undefined;
  }
  return cur as Record<string, unknown> | undefined;
}

/** The schema object holding the failing keyword (ajv's verbose mode gives it), following a $ref once. */
function parentSchema(e: ErrorObject): Record<string, unknown> | undefined {
  let s = e.parentSchema as Record<string, unknown> | undefined;
  const ref = s?.$ref;
  if (typeof ref === 'string') s = schemaAt(ref);
  return s;
}

/** Abbreviations whose full stop does not end a sentence ("e.g. 2025-05-02", "i.e. the learner"). */
const ABBREVIATIONS = /(?:^|[\s(])(?:e\.g|i\.e|etc|cf|vs|approx|incl|no|nos|St|Dr|Mr|Mrs|Ms)\.$/i;

/**
 * The first sentence of a description: up to a `.`, `!` or `?` followed by a space and a capital
 * letter, or by the end; never inside "e.g." or "i.e.", so a message is never cut off mid-sentence.
 */
export function firstSentence(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  const re = /[.!?](?=\s+[A-Z"'(`]|\s*$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const head = s.slice(0, m.index + 1);
    if (m[0] === '.' && ABBREVIATIONS.test(head)) continue;
    return head.trim();
  }
  return s.trim();
}

function show(v: unknown): string {
  if (typeof v === 'string' && v.trim() === '') return v === '' ? 'an empty value' : 'a value of only spaces';
  if (typeof v === 'string') return `'${v.length > 60 ? v.slice(0, 57) + '…' : v}'`;
  if (v === null) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping of keys';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a whole number' : 'a number';
  if (typeof v === 'boolean') return `true/false (${String(v)})`;
  return 'text';
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping of keys',
  array: 'a list',
  null: 'nothing',
};

function keyLabel(path: Path): string {
  const last = path[path.length - 1];
  return typeof last === 'string' ? `'${last}'` : `item ${Number(last) + 1}`;
}

function where(data: unknown, path: Path): string {
  return describePlace(data, path);
}

const ISSUES = Symbol('schemaIssues');

/** Schema issues of a data tree (memoised on the tree, a non-enumerable symbol property: several checks read them). */
export function validateSpecData(data: unknown): SchemaIssue[] {
  if (data && typeof data === 'object') return memoOn(data, ISSUES, () => computeIssues(data));
  return computeIssues(data);
}

function computeIssues(data: unknown): SchemaIssue[] {
  const validate = specValidator();
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // anyOf: keep the most specific branch's errors when the value is an object/array, else one summary.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  const push = (i: SchemaIssue) => {
    const k = `${i.kind}|${i.path.join('/')}|${i.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      issues.push(i);
    }
  };
  for (const e of errors) {
    const path = pointerToPath(e.instancePath);
    const value = getAt(data, path);
    const inAnyOf = e.keyword !== 'anyOf' && anyOfPaths.has(e.instancePath);
    if (inAnyOf && !(value && typeof value === 'object')) continue; // summarised by the anyOf error
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        const ps = parentSchema(e);
        const allowed = Object.keys((ps?.properties as Record<string, unknown>) ?? {});
        const sugg = suggest(key, allowed);
        const place = where(data, path);
        push({
          kind: 'unknown-key',
          path: [...path, key],
          part: 'key',
          actual: key,
          suggestions: sugg,
          message: `Unknown key '${key}' in ${place}${sugg.length ? ` — did you mean '${sugg[0]}'?` : `. Allowed keys here: ${allowed.join(', ')}.`}`,
        });
        break;
      }
      case 'required': {
        const key = String((e.params as { missingProperty: string }).missingProperty);
        const ps = parentSchema(e);
        const desc = firstSentence(((ps?.properties as Record<string, Record<string, unknown>>)?.[key] ?? {}).description);
        push({
          kind: 'schema',
          path,
          part: path.length ? 'key' : 'value',
          missingKey: key,
          message: `${capital(where(data, path))} has no '${key}'${desc ? ` (${desc.replace(/\.$/, '')})` : ''}.`,
        });
        break;
      }
      case 'type': {
        const want = String((e.params as { type: string }).type).split(',');
        if (want.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) {
          push({ kind: 'type-trap', path, part: 'value', value, message: '' });
          break;
        }
        push({
          kind: 'schema',
          path,
          part: 'value',
          message: `${keyLabel(path)} in ${where(data, path.slice(0, -1))} should be ${orList(want.map((w) => TYPE_WORDS[w] ?? w))}, not ${kindOf(value)}${typeof value === 'string' || typeof value === 'number' ? ` (${show(value)})` : ''}.`,
        });
        break;
      }
      case 'pattern': {
        const s = (e.parentSchema as Record<string, unknown> | undefined) ?? {};
        const ps = typeof s.$ref === 'string' ? schemaAt(s.$ref) : s;
        const examples = (ps?.examples ?? s.examples) as unknown[] | undefined;
        const desc = firstSentence(ps?.description ?? s.description);
        push({
          kind: 'schema',
          path,
          part: 'value',
          message: `${capitalise(show(value))} is not a valid ${fieldName(String(path[path.length - 1] ?? 'value'))}${examples?.length ? `: write it like ${examples.slice(0, 2).map(String).join(' or ')}` : ''}.${desc && !examples ? ` ${desc}` : ''}`,
        });
        break;
      }
      case 'enum': {
        const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
        const sugg = typeof value === 'string' ? suggest(value, allowed) : [];
        push({
          kind: 'schema',
          path,
          part: 'value',
          actual: typeof value === 'string' ? value : undefined,
          suggestions: sugg,
          message: `${show(value)} is not allowed for ${keyLabel(path)}: use ${orList(allowed.map((a) => `'${a}'`))}${sugg.length ? ` — did you mean '${sugg[0]}'?` : '.'}`,
        } as SchemaIssue);
        break;
      }
      case 'const': {
        const allowed = (e.params as { allowedValue: unknown }).allowedValue;
        push({ kind: 'schema', path, part: 'value', message: `${keyLabel(path)} must be ${show(allowed)}, not ${show(value)}.` });
        break;
      }
      case 'minimum':
      case 'exclusiveMinimum':
      case 'maximum':
      case 'exclusiveMaximum': {
        const limit = (e.params as { limit: number }).limit;
        const words = { minimum: 'at least', exclusiveMinimum: 'more than', maximum: 'at most', exclusiveMaximum: 'less than' }[e.keyword];
        push({
          kind: 'schema',
          path,
          part: 'value',
          message: `${fieldName(String(path[path.length - 1]))} in ${where(data, path.slice(0, -1))} must be ${words} ${limit}, not ${show(value)}.`,
        });
        break;
      }
      case 'minItems': {
        const limit = (e.params as { limit: number }).limit;
        const key = String(path[path.length - 1]);
        if (key === 'criteria')
          push({
            kind: 'schema',
            path,
            part: 'key',
            message: `${capital(where(data, path))} has no assessment criteria: every learning outcome needs at least one.`,
          });
        else
          push({
            kind: 'schema',
            path,
            part: 'key',
            message: `${capital(fieldName(key))} in ${where(data, path.slice(0, -1))} needs at least ${limit} ${limit === 1 ? 'entry' : 'entries'}.`,
          });
        break;
      }
      case 'minLength':
        push({ kind: 'schema', path, part: 'value', message: `${keyLabel(path)} in ${where(data, path.slice(0, -1))} is empty: give it some text.` });
        break;
      case 'minProperties':
        push({ kind: 'schema', path, part: 'key', message: `${capital(where(data, path))} is empty: give it at least one key.` });
        break;
      case 'anyOf': {
        if (value && typeof value === 'object') break; // the branch errors say more
        const ps = e.parentSchema as Record<string, unknown> | undefined;
        const desc = firstSentence(ps?.description);
        push({
          kind: 'schema',
          path,
          part: 'value',
          message: `${keyLabel(path)} in ${where(data, path.slice(0, -1))} has the wrong form (${show(value)}).${desc ? ` ${desc}` : ''}`,
        });
        break;
      }
      default:
        push({ kind: 'schema', path, part: 'value', message: `${capital(where(data, path))}: ${e.message ?? 'does not match the spec format'}.` });
    }
  }
  // "has no 'credit'" next to "Unknown key 'crdit' — did you mean 'credit'?" says the same thing twice.
  const misspelt = new Set(
    issues.filter((i) => i.kind === 'unknown-key' && i.suggestions?.length).map((i) => `${i.path.slice(0, -1).join('/')}|${i.suggestions![0]}`),
  );
  return issues.filter((i) => !(i.kind === 'schema' && i.missingKey !== undefined && misspelt.has(`${i.path.join('/')}|${i.missingKey}`)));
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
