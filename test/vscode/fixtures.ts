/**
 * The workspace the extension-host tests open: the ILM spec with one seeded error (a mandatory
 * unit ref misspelt: 8570-205 -> 8570-250), so there is a diagnostic with a "did you mean" fix.
 * Built from specs/ at run time so it never drifts from the format.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SPEC_PATH = 'specs/ilm.qspec.yaml';
export const GOOD_REF = '8570-205';
export const BAD_REF = '8570-250';
export const SEEDED_RULE = 'unknown-unit';
/** A unit ref the hover test points at (in the mandatory list) and words its hover must contain. */
export const HOVER_REF = '8570-228';
export const HOVER_TITLE = 'Effectively Selling to Customers';

export function seedWorkspace(root: string): Record<string, string> {
  const clean = readFileSync(join(root, 'specs/ilm-l2-sales-management.yaml'), 'utf8');
  const line = `mandatory: [8570-228, 8570-229, ${GOOD_REF}]`;
  if (!clean.includes(line)) throw new Error(`fixtures: the ILM spec no longer has the line "${line}": update test/vscode/fixtures.ts`);
  return {
    [SPEC_PATH]: clean.replace(line, `mandatory: [8570-228, 8570-229, ${BAD_REF}]`),
    '.qualspec.yaml': 'rules:\n  uan-check-character: error\n',
  };
}
