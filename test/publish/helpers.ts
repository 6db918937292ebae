/** Shared by the publish tests: the ISP spec read independently of the renderer, and HTML to text. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { analyseFile } from '../../server/src/core/lint/engine';
import { lintTexts } from '../../server/src/core/lint/pipeline';
import { publishDocument, type PublishInput, type PublishResult } from '../../server/src/core/publish';

export const ROOT = path.resolve(__dirname, '../..');
export const ISP = path.join(ROOT, 'specs/isp-level-5-professional-sales.yaml');
export const ISP_AS_PUBLISHED = path.join(ROOT, 'test/fixtures/as-published/isp-level-5-professional-sales.yaml');

export interface RawSpec {
  qualifications: { title: string; qan: string }[];
  units: { ref: string; uan?: string; title: string; learningOutcomes?: { number: number; text: string; criteria: { number: string; text: string }[] }[] }[];
}
export const readSpec = (file: string): RawSpec => parseYaml(readFileSync(file, 'utf8')) as RawSpec;

export function publishFile(file: string, review = false, pageNumbers?: PublishInput['pageNumbers']): PublishResult {
  const text = readFileSync(file, 'utf8');
  const uri = `file://${file}`;
  const findings = lintTexts([{ uri, text }]).get(uri) ?? [];
  const { parsed, model } = analyseFile(uri, text);
  return publishDocument({ uri, parsed, model, findings, review, generator: 'qualspec test', ...(pageNumbers ? { pageNumbers } : {}) });
}

const ENT: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
/** The text a reader sees: tags dropped (the <style> with its content), entities decoded, whitespace collapsed. */
export function htmlText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<\/?(strong|em|a|code)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENT[e]!)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whitespace normalised (PDF text breaks lines and hyphenates nothing; table cells break lines). */
export const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
