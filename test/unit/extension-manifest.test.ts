// The VS Code extension's manifest (package.json), language configuration, grammar and packaging
// rules agree with each other and with the code.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../server/src/core/rules/index.js';
import { SPEC_EXTENSIONS, SPEC_MODELINE_SOURCE } from '../../server/src/host/spec-files.js';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');
const pkg = JSON.parse(read('package.json'));
const contributes = pkg.contributes;

describe('extension manifest', () => {
  it('starts from the client bundle, on the spec language or a workspace with specs', () => {
    expect(pkg.main).toBe('./dist/client.js');
    expect(pkg.activationEvents).toEqual(
      expect.arrayContaining([
        'onLanguage:qualspec-yaml',
        'workspaceContains:specs/**/*.yaml',
        'workspaceContains:**/*.qspec.yaml',
        'workspaceContains:.qualspec.yaml',
      ]),
    );
    expect(pkg.activationEvents).not.toContain('*');
    expect(pkg.activationEvents.filter((e: string) => !/^(onLanguage:qualspec-yaml|workspaceContains:|onWebviewPanel:qualspec\.)/.test(e))).toEqual([]);
  });

  it('targets a VS Code that vscode-languageclient supports, with @types/vscode no newer', () => {
    const client = JSON.parse(read('node_modules/vscode-languageclient/package.json'));
    const types = JSON.parse(read('node_modules/@types/vscode/package.json'));
    const min = (range: string) =>
      range
        .replace(/^[\^~>=]+/, '')
        .split('.')
        .map(Number);
    const cmp = (a: number[], b: number[]) => a[0]! - b[0]! || a[1]! - b[1]! || (a[2] ?? 0) - (b[2] ?? 0);
    expect(cmp(min(pkg.engines.vscode), min(client.engines.vscode))).toBeGreaterThanOrEqual(0);
    expect(cmp(min(types.version), min(pkg.engines.vscode))).toBeLessThanOrEqual(0);
  });

  it('lists every rule in the qualspec.rules setting (run `node scripts/manifest.mjs` after adding one)', () => {
    const setting = contributes.configuration.properties['qualspec.rules'];
    expect(Object.keys(setting.properties).sort()).toEqual(ALL_RULES.map((r) => r.meta.id).sort());
    for (const p of Object.values(setting.properties) as { enum: string[] }[]) expect(p.enum).toEqual(['error', 'warning', 'info', 'off']);
    expect(contributes.configuration.properties['qualspec.trace.server'].enum).toEqual(['off', 'messages', 'verbose']);
    expect(contributes.configuration.properties['qualspec.specGlobs'].type).toBe('array');
  });

  it('gives every command the Qualspec category, and the preview an editor title button', () => {
    const ids = contributes.commands.map((c: { command: string }) => c.command).sort();
    expect(ids).toEqual([
      'qualspec.compareWithPreviousVersion',
      'qualspec.diff.revealLine',
      'qualspec.insertChangeHistoryEntry',
      'qualspec.lintWorkspace',
      'qualspec.newSpecFromTemplate',
      'qualspec.previewPublishedDocument',
      'qualspec.restartServer',
      'qualspec.showCombinationPreview',
    ]);
    for (const c of contributes.commands) expect(c.category).toBe('Qualspec');
    const button = contributes.menus['editor/title'].find((m: { command: string }) => m.command === 'qualspec.showCombinationPreview');
    expect(button.when).toBe('editorLangId == qualspec-yaml');
    expect(contributes.commands.find((c: { command: string }) => c.command === 'qualspec.showCombinationPreview').icon).toBeTruthy();
    // Every command the code registers is contributed, and the other way round.
    const code = read('client/src/extension.ts') + read('client/src/diff/compare.ts');
    const registered = [...code.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    expect(registered).toEqual(ids);
  });

  it('registers the language, its grammar (reusing source.yaml) and Red Hat YAML validation', () => {
    const lang = contributes.languages.find((l: { id: string }) => l.id === 'qualspec-yaml');
    expect(lang.extensions).toEqual([...SPEC_EXTENSIONS]);
    // A folder name never makes a YAML file a spec (issue 20): the content does, through the client.
    expect(lang.filenamePatterns).toBeUndefined();
    expect(lang.firstLine).toBe(SPEC_MODELINE_SOURCE);
    expect(new RegExp(lang.firstLine).test('# yaml-language-server: $schema=../schemas/qualspec.schema.json')).toBe(true);
    expect(new RegExp(lang.firstLine).test('# yaml-language-server: $schema=https://json.schemastore.org/github-workflow.json')).toBe(false);
    const grammar = contributes.grammars.find((g: { language: string }) => g.language === 'qualspec-yaml');
    const tm = JSON.parse(read(grammar.path));
    expect(tm.scopeName).toBe(grammar.scopeName);
    expect(tm.patterns).toContainEqual({ include: 'source.yaml' });
    expect(contributes.yamlValidation).toEqual([
      { fileMatch: ['*.qspec.yaml', '*.qspec.yml'], url: './schemas/qualspec.schema.json' },
      // The generated .qualspec.yaml schema: completion and checks in Red Hat YAML.
      { fileMatch: ['.qualspec.yaml', '.qualspec.yml'], url: './schemas/qualspec-config.schema.json' },
    ]);
    expect(existsSync(new URL('schemas/qualspec.schema.json', root))).toBe(true);
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe(true);
    // VS Code for the web: the browser entry, and limited support (open specs only, no scan).
    expect(pkg.capabilities.virtualWorkspaces.supported).toBe('limited');
    expect(pkg.browser).toBe('./dist/browser-client.js');
  });

  it("packs only what the installed extension needs (the npm package's `files` list; scripts/package-vsix.mjs narrows it for the VSIX)", () => {
    // vsce refuses a .vscodeignore beside package.json `files`.
    expect(existsSync(new URL('.vscodeignore', root))).toBe(false);
    for (const keep of [
      'dist/*.js',
      'dist/api.d.ts',
      'bin/',
      'schemas/',
      'docs/',
      'syntaxes/',
      'images/icon.png',
      'client/media/',
      'language-configuration.json',
    ]) {
      expect(pkg.files).toContain(keep);
    }
    // No sources, tests, fixtures or bundle source maps.
    for (const f of pkg.files as string[]) expect(f).not.toMatch(/^(server|test|bench|scripts|specs)\b|\.map$|^dist\/?$/);
    expect(existsSync(new URL(pkg.icon, root))).toBe(true);
    const png = readFileSync(new URL(pkg.icon, root));
    expect(png.readUInt32BE(16)).toBe(128);
    expect(png.readUInt32BE(20)).toBe(128);
  });
});

describe('language configuration', () => {
  const conf = JSON.parse(read('language-configuration.json'));
  const onEnter = (line: string) => conf.onEnterRules.find((r: { beforeText: string }) => new RegExp(r.beforeText).test(line))?.action;

  it('comments with #, closes brackets and quotes', () => {
    expect(conf.comments.lineComment).toBe('#');
    expect(conf.brackets).toEqual(
      expect.arrayContaining([
        ['[', ']'],
        ['{', '}'],
      ]),
    );
    expect(conf.autoClosingPairs.map((p: { open: string }) => p.open)).toEqual(expect.arrayContaining(['"', "'", '[', '{']));
  });

  it('adds no "- " after a list item (typing "- " by habit doubled it), and indents under "- key: value"', () => {
    expect(onEnter('  - L5B1')).toBeUndefined();
    expect(onEnter('    - 8570-228  # mandatory')).toBeUndefined();
    expect(onEnter('  - id: total')).toEqual({ indent: 'indent' });
    expect(onEnter('  - text: >-')).toEqual({ indent: 'indent', appendText: '  ' });
    expect(onEnter('  - rules:')).toEqual({ indent: 'indent', appendText: '  ' });
    // An empty item ends the list rather than adding another dash.
    expect(onEnter('  -')).toEqual({ indent: 'none' });
    expect(onEnter('  - https://example.org/x')).toBeUndefined();
    for (const rule of conf.onEnterRules) expect(rule.action.appendText ?? '').not.toContain('-');
  });

  it('Enter after a key with no value (units:, learningOutcomes:) indents the next line', () => {
    expect(onEnter('units:')).toEqual({ indent: 'indent' });
    expect(onEnter('    learningOutcomes:  # the outcomes')).toEqual({ indent: 'indent' });
    expect(onEnter('"quoted key":')).toEqual({ indent: 'indent' });
    expect(onEnter('  title: Level 5 Award')).toBeUndefined();
    expect(onEnter('  # a comment:')).toBeUndefined();
  });

  it('indents after a key that opens a block', () => {
    const inc = new RegExp(conf.indentationRules.increaseIndentPattern);
    expect(inc.test('qualifications:')).toBe(true);
    expect(inc.test('  rules:  # the rules')).toBe(true);
    expect(inc.test('  title: Level 5 Award')).toBe(false);
  });
});
