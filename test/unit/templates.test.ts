/**
 * The starter specs of "Qualspec: New Specification from Template" (templates/, client/src/templates.ts)
 * and the getting-started walkthrough that offers them: every template lints with no finding, as
 * shipped and as written on the day it is made; each is recognised as a spec wherever it is saved;
 * they ship in the extension; the walkthrough's pages and command links exist.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../server/src/core/lint/pipeline';
import { buildModel, parseSpecText } from '../../server/src/core/index.js';
import { declaresSpec } from '../../server/src/host/spec-files.js';
import { instantiate, isoDate, SPEC_TEMPLATES, TEMPLATE_DATE } from '../../client/src/templates.js';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');
const pkg = JSON.parse(read('package.json'));

const lintOne = (name: string, text: string) => {
  const uri = `file:///ws/specs/${name}`;
  return (lintTexts([{ uri, text }]).get(uri) ?? []).map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);
};

describe('spec templates', () => {
  it('offers every file of templates/, and only those', () => {
    const files = readdirSync(new URL('templates/', root)).sort();
    expect(SPEC_TEMPLATES.map((t) => t.file).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  for (const t of SPEC_TEMPLATES) {
    describe(t.file, () => {
      const text = read(`templates/${t.file}`);

      it('lints with 0 errors and 0 warnings (and no information either)', () => {
        expect(lintOne(t.file, text)).toEqual([]);
      });

      it('lints clean as written on the day it is made, dated that day', () => {
        const today = isoDate(new Date(2031, 6, 9));
        expect(today).toBe('2031-07-09');
        expect(text).toContain(TEMPLATE_DATE);
        const made = instantiate(text, today);
        expect(made).not.toContain(TEMPLATE_DATE);
        const doc = buildModel(parseSpecText(made).data).document;
        expect(String(doc.published)).toContain('2031-07-09');
        expect(lintOne(t.file, made)).toEqual([]);
      });

      it('is a spec wherever it is saved (its content says so), with units and a qualification', () => {
        expect(declaresSpec(text)).toBe(true);
        const model = buildModel(parseSpecText(text).data);
        expect(model.qualifications.length).toBeGreaterThan(0);
        expect(model.units.length).toBeGreaterThan(1);
        // At least one unit written in full, to copy: learning outcomes with their criteria.
        expect(model.units.some((u) => u.learningOutcomes.length > 0 && u.learningOutcomes.every((lo) => lo.criteria.length > 0))).toBe(true);
      });
    });
  }

  it('the three ways of sizing are there: credits under the RQF, GLH only, credits under the QCF', () => {
    const models = SPEC_TEMPLATES.map((t) => buildModel(parseSpecText(read(`templates/${t.file}`)).data));
    const credit = (m: (typeof models)[number]) => m.units.some((u) => u.credit !== undefined);
    expect(models.map((m) => [m.document.framework, credit(m)])).toEqual([
      ['rqf', true],
      ['rqf', false],
      ['qcf', true],
    ]);
  });

  it('linted together (two templates in one workspace) they do not clash', () => {
    const files = SPEC_TEMPLATES.map((t) => ({ uri: `file:///ws/specs/${t.file}`, text: read(`templates/${t.file}`) }));
    const all = [...lintTexts(files).values()].flat();
    expect(all.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
  });

  it('ship in the extension, and stay small (the VSIX has a 2 MB budget)', () => {
    expect(pkg.files).toContain('templates/');
    const bytes = SPEC_TEMPLATES.reduce((s, t) => s + statSync(new URL(`templates/${t.file}`, root)).size, 0);
    expect(bytes).toBeLessThan(24_000);
  });
});

describe('getting-started walkthrough', () => {
  const [w] = pkg.contributes.walkthroughs as {
    id: string;
    steps: { id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[];
  }[];
  const commands = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));

  it('starts with the template command, and every page it shows is shipped', () => {
    expect(w!.steps[0]!.description).toContain('(command:qualspec.newSpecFromTemplate)');
    for (const s of w!.steps) {
      expect(s.media.markdown, s.id).toBeTruthy();
      expect(existsSync(new URL(s.media.markdown!, root)), s.media.markdown).toBe(true);
      expect((pkg.files as string[]).some((f) => s.media.markdown!.startsWith(f))).toBe(true);
    }
  });

  it('links and waits for commands the extension contributes', () => {
    for (const s of w!.steps) {
      for (const m of s.description.matchAll(/\(command:([\w.]+)\)/g)) expect(commands.has(m[1]!), m[1]).toBe(true);
      for (const e of s.completionEvents ?? []) {
        const cmd = /^onCommand:(.+)$/.exec(e)?.[1];
        if (cmd) expect(commands.has(cmd), cmd).toBe(true);
        else expect(e).toBe('onLanguage:qualspec-yaml');
      }
    }
  });

  it('names only snippets and commands that exist', () => {
    const pages = w!.steps.map((s) => read(s.media.markdown!)).join('\n');
    const completion = read('server/src/service/completion.ts');
    for (const m of pages.matchAll(/\*\*(new [a-z ]+?)\*\*/g)) expect(completion, m[1]).toMatch(new RegExp(`['\`]${m[1]}['\` ]`));
    const titles = new Set((pkg.contributes.commands as { title: string }[]).map((c) => `Qualspec: ${c.title}`));
    for (const m of pages.matchAll(/\*\*(Qualspec: [^*]+)\*\*/g)) expect(titles.has(m[1]!), m[1]).toBe(true);
  });
});
