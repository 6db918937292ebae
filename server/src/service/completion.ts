/**
 * Completion: schema keys and enum values, unit refs (title and credit in the detail, units already
 * used ranked lower), group ids, and snippets for a new unit (with a learning outcome and criteria
 * skeleton), learning outcome, assessment criterion and qualification, numbered from what is there.
 */
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import { getAt } from '../core/model/describe.js';
import type { SpecModel } from '../core/model/spec.js';
import { sizeFacts } from '../core/model/sizes.js';
import { baseName, toRange, type ServiceHost, type SpecFile } from './host.js';
import { propertiesAt, refKindAt, schemaAt, valuesAt, type PropertyInfo } from './schema-info.js';
import { completionContext, matches, type CompletionContext, type PathSeg } from './yaml-nav.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function completion(host: ServiceHost, uri: string, position: Position): CompletionList {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const file = host.file(uri);
  if (!file) return empty;
  const offset = file.lines.offsetAt(position);
  const ctx = completionContext(file.text, offset);
  if (!ctx) return empty;
  const items: CompletionItem[] = [];
  const builder = new Builder(host, file, ctx);
  if (ctx.kind === 'value') builder.values([...ctx.path, ctx.key!], items);
  else if (ctx.kind === 'item') builder.values([...ctx.path, 0], items, ctx.path);
  else {
    const view = schemaAt(ctx.path);
    const isList = view?.alternatives.some((a) => a.type === 'array' || a.items) ?? false;
    const isMap = view?.alternatives.some((a) => a.type === 'object' || a.properties) ?? false;
    const listPath = ctx.freshItem && typeof ctx.path[ctx.path.length - 1] === 'number' ? ctx.path.slice(0, -1) : undefined;
    if (isList && !isMap) {
      // On a blank line in a list: a new item.
      builder.snippets(ctx.path, true, items);
      builder.values([...ctx.path, 0], items, ctx.path, true);
    } else {
      if (listPath) {
        builder.snippets(listPath, false, items);
        // A list of unit refs (an Award's units) or group ids: the item is a value.
        builder.values(ctx.path, items, listPath);
      }
      if (isMap) builder.keys(ctx.path, items);
    }
  }
  return { isIncomplete: false, items };
}

const escapeSnippet = (s: string) => s.replace(/[$}\\]/g, (m) => `\\${m}`);

/** Snippet text to plain text (for clients without snippet support). */
function unsnippet(s: string): string {
  return s
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

class Builder {
  private readonly model: SpecModel;
  private readonly data: unknown;
  constructor(
    private readonly host: ServiceHost,
    private readonly file: SpecFile,
    private readonly ctx: CompletionContext,
  ) {
    this.model = file.analysis.model;
    this.data = file.analysis.parsed.data;
  }

  private range() {
    return toRange(this.file.lines, this.ctx.replace);
  }

  /** A completion inserting `text` (a snippet) over the typed word. Multi-line text is given with absolute indentation. */
  private item(label: string, text: string, extra: Partial<CompletionItem>): CompletionItem {
    const snippets = this.host.features.snippets;
    const multiline = text.includes('\n');
    return {
      label,
      textEdit: { range: this.range(), newText: snippets ? text : unsnippet(text) },
      insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      ...(multiline ? { insertTextMode: InsertTextMode.asIs } : {}),
      ...extra,
    };
  }

  keys(path: PathSeg[], out: CompletionItem[]): void {
    const existing = getAt(this.data, path);
    const present = new Set(isObj(existing) ? Object.keys(existing) : []);
    const props = propertiesAt(path);
    const onlyKey = /^\s*:/.test(this.ctx.after);
    props.forEach((p, i) => {
      if (present.has(p.name) && p.name !== this.ctx.prefix) return;
      const text = onlyKey ? p.name : this.keySnippet(path, p);
      out.push(
        this.item(p.name, text, {
          kind: CompletionItemKind.Property,
          ...(p.description ? { documentation: { kind: 'markdown', value: p.description } } : {}),
          detail: p.required ? 'required' : undefined,
          sortText: `${p.required ? '0' : '1'}${String(i).padStart(3, '0')}`,
          filterText: p.name,
        }),
      );
    });
  }

  private keySnippet(path: PathSeg[], p: PropertyInfo): string {
    const child = ' '.repeat(this.ctx.column + 2);
    const values = valuesAt([...path, p.name]);
    if (values.length > 1 && values.length <= 12 && !values.some((v) => /[,|]/.test(v.value)))
      return `${p.name}: \${1|${values.map((v) => v.value).join(',')}|}`;
    if (p.shape === 'mapping') return `${p.name}:\n${child}$0`;
    if (p.shape === 'list') {
      const itemShape = schemaAt([...path, p.name, 0])?.alternatives.some((a) => a.type === 'object' || a.properties);
      return itemShape ? `${p.name}:\n${child}- $0` : `${p.name}: [$0]`;
    }
    return `${p.name}: $0`;
  }

  /** Values for a scalar at `path`: enum values, unit refs, group ids. `listPath`: the list the value is an item of. */
  values(path: PathSeg[], out: CompletionItem[], listPath?: PathSeg[], withDash = false): void {
    const kind = refKindAt(path);
    const dash = withDash ? '- ' : '';
    if (kind === 'unit') this.unitRefs(out, listPath, dash);
    else if (kind === 'group') this.groupIds(out, listPath, dash);
    else if (!withDash) {
      const doc = schemaAt(path)?.description;
      for (const v of valuesAt(path))
        out.push(
          this.item(v.value, escapeSnippet(v.value), {
            kind: CompletionItemKind.EnumMember,
            sortText: `0${v.value}`,
            ...(doc ? { documentation: { kind: 'markdown', value: doc } } : {}),
          }),
        );
    }
  }

  private listValues(listPath: PathSeg[] | undefined): Set<string> {
    const v = listPath ? getAt(this.data, listPath) : undefined;
    const out = new Set<string>();
    if (Array.isArray(v)) for (const x of v) out.add(isObj(x) ? String(x.ref) : String(x));
    return out;
  }

  private unitRefs(out: CompletionItem[], listPath: PathSeg[] | undefined, dash: string): void {
    const inList = this.listValues(listPath);
    const used = new Set(this.file.analysis.summary.uses.filter((u) => u.kind === 'unit').map((u) => u.ref));
    // The qualification the list belongs to: its units and rules count as "used here".
    const qi = listPath && listPath[0] === 'qualifications' && typeof listPath[1] === 'number' ? listPath[1] : undefined;
    const inQual = new Set<string>();
    if (qi !== undefined) {
      const q = this.model.qualifications[qi];
      for (const m of q?.units ?? []) if (m.ref) inQual.add(m.ref);
      for (const r of q?.rules ?? []) for (const l of [r.units, r.mandatory, r.barred]) for (const it of l?.items ?? []) if (it.value) inQual.add(it.value);
    }
    for (const [ref, defs] of this.host.index.unitsByRef()) {
      const d = defs.find((x) => x.uri === this.file.uri) ?? defs[0]!;
      const f = d.fields;
      // Units not used yet first; then those used by this file, by this qualification, in this very list.
      const rank = inList.has(ref) ? 3 : inQual.has(ref) ? 2 : used.has(ref) ? 1 : 0;
      const title = typeof f.title === 'string' ? f.title : '';
      const doc = [
        `**Unit ${ref}**${title ? ` — ${title}` : ''}`,
        [...sizeFacts(f), typeof f.group === 'string' ? `group ${f.group}` : ''].filter(Boolean).join(' · '),
        typeof f.uan === 'string' ? `UAN ${f.uan}` : '',
        d.uri === this.file.uri ? '' : `Defined in ${baseName(d.uri)}`,
        rank === 3
          ? '_Already in this list._'
          : rank === 2
            ? '_Already used in this qualification._'
            : rank === 1
              ? '_Already used by a qualification in this file._'
              : '',
      ]
        .filter(Boolean)
        .join('\n\n');
      out.push(
        this.item(ref, `${dash}${escapeSnippet(ref)}`, {
          kind: CompletionItemKind.Reference,
          detail: [title, f.credit !== undefined ? `${f.credit} credits` : ''].filter(Boolean).join(' · '),
          // Shown beside every ref in the list (detail is shown only for the focused item): authors pick by title.
          labelDetails: { description: [title, f.credit !== undefined ? `${f.credit} cr` : ''].filter(Boolean).join(' · ') },
          documentation: { kind: 'markdown', value: doc },
          sortText: `${rank}${d.uri === this.file.uri ? '0' : '1'}${ref}`,
          filterText: `${dash}${ref}`,
        }),
      );
    }
  }

  private groupIds(out: CompletionItem[], listPath: PathSeg[] | undefined, dash: string): void {
    const inList = this.listValues(listPath);
    const seen = new Set<string>();
    const add = (id: string, title: string | undefined, rank: number, where?: string) => {
      if (seen.has(id)) return;
      if (inList.has(id)) rank = 9;
      seen.add(id);
      out.push(
        this.item(id, `${dash}${escapeSnippet(id)}`, {
          kind: CompletionItemKind.EnumMember,
          ...(title ? { detail: title } : {}),
          ...(where ? { documentation: `Declared in ${where}` } : {}),
          sortText: `${rank}${id}`,
          filterText: `${dash}${id}`,
        }),
      );
    };
    // Group ids are local to the file that declares them.
    for (const g of this.model.groups) if (g.id) add(g.id, g.title, 0);
  }

  /** Snippets for a new item of the list at `listPath` (with its `- ` when `withDash`). */
  snippets(listPath: PathSeg[], withDash: boolean, out: CompletionItem[]): void {
    const col = withDash ? this.ctx.column : this.ctx.column - 2;
    const body = (lines: string[]) => {
      const pad = ' '.repeat(col + 2);
      const text = lines.map((l, i) => (i === 0 ? l : pad + l)).join('\n');
      return withDash ? `- ${text}` : text;
    };
    const add = (label: string, detail: string, lines: string[], doc: string) =>
      out.push(
        this.item(label, body(lines), {
          kind: CompletionItemKind.Snippet,
          detail,
          documentation: { kind: 'markdown', value: doc },
          sortText: `!${label}`,
          filterText: `${withDash ? '- ' : ''}${label}`,
        }),
      );
    if (matches(listPath, ['units'])) {
      const next = this.nextUnit();
      add(
        'new unit',
        `unit ${next.ref} with a learning outcome and criteria`,
        unitLines(next),
        `A new unit ${next.ref} with its sizes and a first learning outcome (1) with criteria 1.1 and 1.2.`,
      );
    } else if (matches(listPath, ['qualifications'])) {
      const level = this.model.qualifications.find((q) => q.level !== undefined)?.level ?? this.model.units.find((u) => u.level !== undefined)?.level ?? 5;
      add('new award', 'qualification of fixed units', awardLines(level, this.model.units[0]?.ref ?? 'L5B1'), 'A new Award made of fixed units.');
      add('new certificate', 'qualification with rules of combination', certificateLines(level), 'A new Certificate built by rules of combination.');
    } else if (matches(listPath, ['units', '#', 'learningOutcomes'])) {
      const u = this.model.units[listPath[1] as number];
      const n = Math.max(0, ...(u?.learningOutcomes ?? []).map((lo, i) => (typeof lo.number === 'number' ? lo.number : i + 1))) + 1;
      add(
        `new learning outcome ${n}`,
        `learning outcome ${n} with criteria ${n}.1 and ${n}.2`,
        loLines(n, 1),
        `Learning outcome ${n}, numbered after the unit's last outcome, with criteria ${n}.1 and ${n}.2.`,
      );
    } else if (matches(listPath, ['units', '#', 'learningOutcomes', '#', 'criteria'])) {
      const u = this.model.units[listPath[1] as number];
      const lo = u?.learningOutcomes[listPath[3] as number];
      const loNo = lo?.number ?? (listPath[3] as number) + 1;
      const k =
        Math.max(
          0,
          ...(lo?.criteria ?? []).map((c, j) => {
            const m = /^\d+\.(\d+)$/.exec(String(c.number ?? ''));
            return m ? Number(m[1]) : j + 1;
          }),
        ) + 1;
      add(
        `new criterion ${loNo}.${k}`,
        `assessment criterion ${loNo}.${k}`,
        [`number: "${loNo}.${k}"`, 'text: ${1:Assessment criterion}'],
        `Assessment criterion ${loNo}.${k}, numbered after the outcome's last criterion.`,
      );
    } else if (matches(listPath, ['qualifications', '#', 'rules'])) {
      add(
        'new rule',
        'rule of combination',
        ['id: ${1:rule-id}', 'text: ${2:The rule as published}', 'groups: [${3}]', 'minCredits: ${4:0}'],
        'A rule of combination: a scope (groups or units) and a limit.',
      );
    } else if (matches(listPath, ['groups'])) {
      add('new group', 'group of units', ['id: ${1:group-id}', 'title: ${2:Group title}'], 'A group of units.');
    }
  }

  /** The ref, level, group and sizes a new unit most likely has: after the file's last unit. */
  private nextUnit(): { ref: string; level: number; group: string; glh: number; tqt: number; credit: number } {
    const units = this.model.units.filter((u) => u.ref !== undefined);
    const last = units[units.length - 1];
    let ref = 'L5B1';
    if (last?.ref) {
      const m = /^(.*?)(\d+)$/.exec(last.ref);
      if (m) {
        const prefix = m[1]!;
        const width = m[2]!.length;
        const max = Math.max(
          ...units
            .map((u) => (u.ref!.startsWith(prefix) ? Number(/(\d+)$/.exec(u.ref!.slice(prefix.length))?.[1] ?? NaN) : NaN))
            .filter((x) => !Number.isNaN(x)),
        );
        ref = `${prefix}${String(max + 1).padStart(width, '0')}`;
      } else ref = `${last.ref}-new`;
    }
    return {
      ref,
      level: last?.level ?? 5,
      group: last?.group ?? this.model.groups[0]?.id ?? 'group-id',
      glh: last?.glh ?? 25,
      tqt: last?.tqt ?? 50,
      credit: last?.credit ?? 5,
    };
  }
}

function loLines(n: number, first: number): string[] {
  return [
    `number: ${n}`,
    `text: \${${first}:Understand …}`,
    'criteria:',
    `  - number: "${n}.1"`,
    `    text: \${${first + 1}:…}`,
    `  - number: "${n}.2"`,
    `    text: \${${first + 2}:…}`,
  ];
}

function unitLines(u: { ref: string; level: number; group: string; glh: number; tqt: number; credit: number }): string[] {
  return [
    `ref: \${1:${escapeSnippet(u.ref)}}`,
    'title: ${2:Unit title}',
    `level: \${3:${u.level}}`,
    `group: \${4:${escapeSnippet(u.group)}}`,
    `glh: \${5:${u.glh}}`,
    `tqt: \${6:${u.tqt}}`,
    `credit: \${7:${u.credit}}`,
    'learningOutcomes:',
    ...[
      '- ' + loLines(1, 8)[0]!,
      ...loLines(1, 8)
        .slice(1)
        .map((l) => '  ' + l),
    ].map((l) => '  ' + l),
  ];
}

function awardLines(level: number | string, ref: string): string[] {
  return [
    `title: Level ${level} Award in \${1:Subject}`,
    'type: award',
    `level: ${level}`,
    'qan: ${2:000/0000/0}',
    'glh: ${3:25}',
    'tqt: ${4:50}',
    'credit: ${5:5}',
    'units:',
    `  - \${6:${escapeSnippet(ref)}}`,
  ];
}

function certificateLines(level: number | string): string[] {
  return [
    `title: Level ${level} Certificate in \${1:Subject}`,
    'type: certificate',
    `level: ${level}`,
    'qan: ${2:000/0000/0}',
    'credit:',
    '  min: ${3:13}',
    '  max: ${4:36}',
    'rules:',
    '  - id: total',
    '    text: ${5:A minimum of 13 credits, maximum 36 credits}',
    '    minCredits: ${3:13}',
    '    maxCredits: ${4:36}',
  ];
}
