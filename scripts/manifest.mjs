#!/usr/bin/env node
// Sets the VS Code extension's keys of package.json in place (main, activationEvents, contributes,
// capabilities, engines.vscode, icon, the package scripts) and leaves every other key as it is.
// The `qualspec.rules` setting lists every rule of server/src/core/rules/index.ts, so run this
// after adding a rule:
//   node scripts/manifest.mjs           update package.json
//   node scripts/manifest.mjs --check   exit 1 when package.json is not up to date
import * as esbuild from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const manifestPath = join(root, 'package.json');
const check = process.argv.includes('--check');

/** The rules' ids, default severities and descriptions, from the rule registry. */
async function loadRules() {
  const dir = mkdtempSync(join(tmpdir(), 'qualspec-manifest-'));
  try {
    const out = join(dir, 'rules.cjs');
    await esbuild.build({
      entryPoints: [join(root, 'server/src/core/rules/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: out,
      logLevel: 'error',
    });
    const { ALL_RULES } = createRequire(import.meta.url)(out);
    return ALL_RULES.map((r) => r.meta);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SEVERITIES = ['error', 'warning', 'info', 'off'];
const SEVERITY_WORDS = ['Report as an error', 'Report as a warning', 'Report as information', 'Do not report'];
const DEFAULT_SPEC_GLOBS = ['**/*.qspec.yaml', '**/*.qspec.yml', '**/specs/**/*.yaml', '**/specs/**/*.yml'];
const LANG = 'qualspec-yaml';
const PREVIEW_VIEW_TYPE = 'qualspec.combinationPreview';

function extensionKeys(rules) {
  const ruleProps = Object.fromEntries(
    [...rules]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((m) => [
        m.id,
        {
          type: 'string',
          enum: SEVERITIES,
          enumDescriptions: SEVERITY_WORDS,
          markdownDescription: `${m.description} Default: \`${m.severity}\`.`,
        },
      ]),
  );
  return {
    main: './dist/client.js',
    // VS Code for the web (vscode.dev, github.dev): the client, with the server in a Web Worker.
    browser: './dist/browser-client.js',
    icon: 'images/icon.png',
    categories: ['Linters', 'Programming Languages', 'Visualization'],
    activationEvents: [
      `onLanguage:${LANG}`,
      'workspaceContains:specs/**/*.yaml',
      'workspaceContains:**/*.qspec.yaml',
      'workspaceContains:.qualspec.yaml',
      // A combination preview restored after a reload needs its serializer.
      `onWebviewPanel:${PREVIEW_VIEW_TYPE}`,
    ],
    contributes: {
      languages: [
        {
          id: LANG,
          aliases: ['Qualification spec (YAML)'],
          extensions: ['.qspec.yaml', '.qspec.yml'],
          // No filenamePatterns: a folder name does not make a YAML file a spec (an OpenAPI file in
          // specs/ keeps its YAML mode). The client switches a plain YAML document whose content
          // declares it a spec (server/src/host/spec-files.ts; this line is its SPEC_MODELINE_SOURCE).
          firstLine: '^#\\s*yaml-language-server:\\s*\\$schema=\\S*qualspec',
          configuration: './language-configuration.json',
        },
      ],
      grammars: [
        {
          language: LANG,
          scopeName: 'source.qualspec-yaml',
          path: './syntaxes/qualspec-yaml.tmLanguage.json',
        },
      ],
      configurationDefaults: {
        [`[${LANG}]`]: {
          'editor.insertSpaces': true,
          'editor.tabSize': 2,
          'editor.autoIndent': 'advanced',
          'editor.quickSuggestions': { strings: 'on' },
          // Words from elsewhere in the file are noise while typing a value: the server's completions are the suggestions.
          'editor.wordBasedSuggestions': 'off',
          'diffEditor.ignoreTrimWhitespace': false,
        },
      },
      configuration: {
        title: 'Qualspec',
        properties: {
          'qualspec.rules': {
            type: 'object',
            scope: 'resource',
            default: {},
            markdownDescription:
              "Severity of each rule, by rule id: `error`, `warning`, `info` or `off`. Overrides the rule's default; a project's `.qualspec.yaml` `rules` take precedence over this setting.",
            properties: ruleProps,
            additionalProperties: { type: 'string', enum: SEVERITIES, enumDescriptions: SEVERITY_WORDS },
          },
          'qualspec.specGlobs': {
            type: 'array',
            scope: 'resource',
            items: { type: 'string' },
            default: DEFAULT_SPEC_GLOBS,
            markdownDescription:
              "Glob patterns of the spec files, relative to each workspace folder. A project's `.qualspec.yaml` `specs` list takes precedence. YAML files matching them open as qualification specs.",
          },
          'qualspec.inlayHints.enabled': {
            type: 'boolean',
            scope: 'resource',
            default: true,
            markdownDescription:
              'Show numbers the spec implies but does not write, beside the line they come from: the credit a unit’s TQT gives when it states none, what a qualification’s rules allow, the totals of an Award’s units. VS Code’s `editor.inlayHints.enabled` also applies.',
          },
          'qualspec.trace.server': {
            type: 'string',
            scope: 'window',
            enum: ['off', 'messages', 'verbose'],
            enumDescriptions: ['No tracing', 'Trace the messages, without their contents', 'Trace the messages with their contents'],
            default: 'off',
            description: 'Traces the communication between VS Code and the Qualspec language server (in the "Qualspec Language Server" output).',
          },
        },
      },
      commands: [
        {
          command: 'qualspec.showCombinationPreview',
          title: 'Show Combination Preview',
          category: 'Qualspec',
          icon: '$(open-preview)',
        },
        { command: 'qualspec.previewPublishedDocument', title: 'Preview Published Document', category: 'Qualspec', icon: '$(book)' },
        { command: 'qualspec.lintWorkspace', title: 'Lint Workspace', category: 'Qualspec' },
        { command: 'qualspec.compareWithPreviousVersion', title: 'Compare with Previous Version', category: 'Qualspec', icon: '$(git-compare)' },
        { command: 'qualspec.insertChangeHistoryEntry', title: 'Insert Drafted Change-History Entry', category: 'Qualspec' },
        { command: 'qualspec.diff.revealLine', title: 'Go to Line of a Change', category: 'Qualspec' },
        { command: 'qualspec.restartServer', title: 'Restart Server', category: 'Qualspec' },
        { command: 'qualspec.newSpecFromTemplate', title: 'New Specification from Template', category: 'Qualspec', icon: '$(new-file)' },
      ],
      walkthroughs: [
        {
          id: 'qualspec.gettingStarted',
          title: 'Get Started with Qualspec',
          description: 'Write a qualification specification that checks itself: from a template to the published document.',
          steps: [
            {
              id: 'newSpec',
              title: 'Start from a template',
              description:
                'Choose how your qualifications are sized (credits under the RQF, GLH only as BTEC Nationals, or credits under the QCF) and get a starter specification with no problems to begin with.\n[New Specification from Template](command:qualspec.newSpecFromTemplate)',
              media: { markdown: 'client/media/walkthrough/new-spec.md' },
              completionEvents: ['onCommand:qualspec.newSpecFromTemplate'],
            },
            {
              id: 'write',
              title: 'Write with completion',
              description:
                'Completion offers the keys, the unit refs with their titles, and snippets for a new unit, learning outcome, criterion, Award, Certificate or rule, each numbered after the last.',
              media: { markdown: 'client/media/walkthrough/write.md' },
              completionEvents: [`onLanguage:${LANG}`],
            },
            {
              id: 'checks',
              title: 'Read the checks',
              description:
                'Each problem is underlined where it is, explained in plain words, and linked to its rule; the light bulb offers a fix where one is safe.\n[Lint Workspace](command:qualspec.lintWorkspace)',
              media: { markdown: 'client/media/walkthrough/checks.md' },
              completionEvents: ['onCommand:qualspec.lintWorkspace'],
            },
            {
              id: 'preview',
              title: 'See what the rules allow',
              description:
                'The combination preview lists the units a qualification draws on and checks a learner’s selection against each rule as you tick units.\n[Show Combination Preview](command:qualspec.showCombinationPreview)',
              media: { markdown: 'client/media/walkthrough/preview.md' },
              completionEvents: ['onCommand:qualspec.showCombinationPreview'],
            },
            {
              id: 'publish',
              title: 'Preview the published document',
              description:
                'See the specification as its readers will, and publish it as HTML or PDF from the command line.\n[Preview Published Document](command:qualspec.previewPublishedDocument)',
              media: { markdown: 'client/media/walkthrough/publish.md' },
              completionEvents: ['onCommand:qualspec.previewPublishedDocument'],
            },
          ],
        },
      ],
      menus: {
        'editor/title': [
          {
            command: 'qualspec.showCombinationPreview',
            when: `editorLangId == ${LANG}`,
            group: 'navigation',
          },
        ],
        commandPalette: [
          { command: 'qualspec.previewPublishedDocument', when: `editorLangId == ${LANG}` },
          {
            command: 'qualspec.showCombinationPreview',
            when: `editorLangId == ${LANG} || activeWebviewPanelId == ${PREVIEW_VIEW_TYPE}`,
          },
          { command: 'qualspec.compareWithPreviousVersion', when: `editorLangId == ${LANG}` },
          { command: 'qualspec.insertChangeHistoryEntry', when: `editorLangId == ${LANG}` },
          { command: 'qualspec.diff.revealLine', when: 'false' },
        ],
      },
      yamlValidation: [
        {
          // Specs elsewhere name the schema in their modeline; a folder-wide match would validate other YAML.
          fileMatch: ['*.qspec.yaml', '*.qspec.yml'],
          url: './schemas/qualspec.schema.json',
        },
        // The `.qualspec.yaml` schema, once it is generated (completion and checks in Red Hat YAML).
        ...(existsSync(join(root, 'schemas/qualspec-config.schema.json'))
          ? [{ fileMatch: ['.qualspec.yaml', '.qualspec.yml'], url: './schemas/qualspec-config.schema.json' }]
          : []),
      ],
    },
    capabilities: {
      untrustedWorkspaces: {
        supported: true,
        description:
          'The project configuration (.qualspec.yaml) is data only: nothing in a workspace is ever run, so specs are checked in full in Restricted Mode.',
      },
      // In a virtual workspace (vscode.dev, github.dev, Remote Repositories) the server cannot list or
      // read files: the open specs are checked, the rest of the workspace is not scanned.
      virtualWorkspaces: {
        supported: 'limited',
        description: 'Open specs are checked in full; specs that are not open are not scanned, so checks across files see the open files only.',
      },
    },
  };
}

const SCRIPTS = {
  'vscode:prepublish': 'node scripts/build.mjs --types && node scripts/marketplace-readme.mjs',
  // The Marketplace page shows dist/README.md (README.md without the repository-relative images
  // and links, which it cannot show: scripts/marketplace-readme.mjs). The project has no public
  // repository, and vsce asks (or needs this flag) when package.json names none: add `repository`
  // to package.json when there is one, and drop the flag.
  package: 'node scripts/package-vsix.mjs',
  'test:vscode':
    'node scripts/build.mjs && esbuild test/vscode/runTest.ts test/vscode/suite/index.ts --bundle --platform=node --format=cjs --target=node20 --outdir=out/vscode-test --external:vscode --external:@vscode/test-electron --log-level=warning && node out/vscode-test/runTest.js',
  manifest: 'node scripts/manifest.mjs',
  // The web extension's server in a real browser (test/web/run.mjs; needs test/e2e/setup.sh).
  'test:web': 'node scripts/build.mjs --dev && node test/web/run.mjs',
};

const rules = await loadRules();
const text = readFileSync(manifestPath, 'utf8');
const pkg = JSON.parse(text);
const before = structuredClone(pkg);
Object.assign(pkg, extensionKeys(rules));
pkg.engines = { ...(pkg.engines ?? {}), vscode: '^1.91.0' };
pkg.scripts = { ...(pkg.scripts ?? {}), ...SCRIPTS };

if (isDeepStrictEqual(before, pkg)) {
  console.log('package.json: extension keys up to date');
} else if (check) {
  console.error('package.json: extension keys are out of date (the rules changed?): run `node scripts/manifest.mjs`');
  process.exit(1);
} else {
  // Re-read just before writing, so a concurrent edit by someone else is not lost.
  const latest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  Object.assign(latest, extensionKeys(rules));
  latest.engines = { ...(latest.engines ?? {}), vscode: '^1.91.0' };
  latest.scripts = { ...(latest.scripts ?? {}), ...SCRIPTS };
  writeFileSync(manifestPath, `${JSON.stringify(latest, null, 2)}\n`);
  console.log(`package.json: extension keys set (${rules.length} rules in qualspec.rules)`);
}
