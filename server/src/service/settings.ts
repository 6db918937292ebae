/**
 * The `qualspec.*` settings as a client sends them (VS Code's `settings`, Helix's `config` table),
 * read into QualspecSettings: anything of the wrong shape is dropped, not trusted. One reader for
 * the desktop server and the web one.
 */
import type { QualspecSettings } from './protocol.js';

type SettingSeverity = 'error' | 'warning' | 'info' | 'off';

export function settingsFrom(v: unknown): QualspecSettings {
  if (!v || typeof v !== 'object') return {};
  const o = v as Record<string, unknown>;
  const out: QualspecSettings = {};
  if (o.rules && typeof o.rules === 'object' && !Array.isArray(o.rules)) {
    const rules: Record<string, SettingSeverity> = {};
    for (const [k, s] of Object.entries(o.rules as Record<string, unknown>)) {
      // `false` switches a rule off, as in `.qualspec.yaml`.
      const sev = s === false ? 'off' : s;
      if (sev === 'error' || sev === 'warning' || sev === 'info' || sev === 'off') rules[k] = sev;
    }
    out.rules = rules;
  }
  // VS Code nests `qualspec.inlayHints.enabled` as { inlayHints: { enabled } }; a flat boolean is read too (Helix, Neovim).
  const ih = o.inlayHints;
  const enabled = typeof ih === 'boolean' ? ih : ih && typeof ih === 'object' ? (ih as Record<string, unknown>).enabled : undefined;
  if (typeof enabled === 'boolean') out.inlayHints = enabled;
  if (Array.isArray(o.specGlobs)) out.specGlobs = o.specGlobs.filter((g): g is string => typeof g === 'string' && g.length > 0);
  return out;
}
