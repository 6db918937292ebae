/**
 * What makes a YAML file a qualspec spec — defined once, for the CLI, the language server and the
 * VS Code client (which compiles this file in; it imports nothing, so it also runs in a browser).
 *
 * The configured spec globs (`specs:` in `.qualspec.yaml`, `qualspec.specGlobs`, or the defaults) say
 * where to look; the file's content says whether it is a spec: a top-level `qualspec:` key (every
 * spec has `qualspec: 1`) or the schema modeline `# yaml-language-server: $schema=…qualspec…`. A file
 * named `*.qspec.yaml` is a spec by its name. Any other YAML file — an OpenAPI document in `specs/`,
 * a CI workflow — is left alone: no finding, and in VS Code it keeps its YAML language mode.
 */

/** How far into a file the marker is looked for (it is on the first lines of every real spec). */
export const SPEC_MARKER_HEAD = 8192;

/** The schema modeline (also the VS Code language's `firstLine`, in scripts/manifest.mjs). */
export const SPEC_MODELINE_SOURCE = '^#\\s*yaml-language-server:\\s*\\$schema=\\S*qualspec';
const MARKER = new RegExp(`^qualspec[ \\t]*:|${SPEC_MODELINE_SOURCE}`, 'm');

/** File names that are specs by name, wherever they are (the language's `extensions`). */
export const SPEC_EXTENSIONS = ['.qspec.yaml', '.qspec.yml'] as const;
const SPEC_NAME = /\.qspec\.ya?ml$/i;
const YAML_NAME = /\.ya?ml$/i;

/** Whether a YAML text declares itself a spec (only its first SPEC_MARKER_HEAD characters are read). */
export function declaresSpec(text: string): boolean {
  return MARKER.test(text.length > SPEC_MARKER_HEAD ? text.slice(0, SPEC_MARKER_HEAD) : text);
}

/** A `*.qspec.yaml` name: a spec by its name alone. */
export const isSpecName = (pathOrUri: string): boolean => SPEC_NAME.test(pathOrUri);

/** A `.yaml` / `.yml` name. */
export const isYamlName = (pathOrUri: string): boolean => YAML_NAME.test(pathOrUri);

/** Whether a file the globs selected (or a document the editor opened) is a spec: by its name, or by its content. */
export function isSpecFile(pathOrUri: string, text: string): boolean {
  return isSpecName(pathOrUri) || declaresSpec(text);
}

/** Why a YAML file was not taken as a spec, for messages. */
export const NOT_A_SPEC =
  'it is not a qualspec spec: it has no top-level `qualspec:` key and no `# yaml-language-server: $schema=…qualspec…` line, and its name does not end in .qspec.yaml';
