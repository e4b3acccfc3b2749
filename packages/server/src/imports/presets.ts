/**
 * Import presets: column mappings saved as JSON. Guarantor ships some in data/import-presets
 * (acled, generic); `ucdp` names UCDP GED's own reader. Used by `guarantor import` and by
 * POST /api/observations/import.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ImportPreset, parseImportPreset } from '@guarantor/core/imports';
import { DATA_DIR } from '@guarantor/db';

/** The folder of the presets Guarantor ships. */
export const PRESET_DIR = resolve(DATA_DIR, 'import-presets');

/** A preset that cannot be used: its name, and every problem found. */
export class PresetError extends Error {}

/** The presets shipped in data/import-presets, and `ucdp` (a format of its own). */
export function presetNames(): string[] {
  const shipped = existsSync(PRESET_DIR)
    ? readdirSync(PRESET_DIR)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
    : [];
  return [...shipped, 'ucdp'].sort();
}

/** A shipped preset by name (`acled`), `ucdp` for UCDP GED's reader, or a preset file by path when `files` allows it. */
export function loadPreset(nameOrPath: string, files = true): ImportPreset | 'ucdp' {
  if (nameOrPath.toLowerCase() === 'ucdp') return 'ucdp';
  const isPath = /[\\/]|\.json$/i.test(nameOrPath);
  if (isPath && !files)
    throw new PresetError(`'${nameOrPath}': name a shipped preset: ${presetNames().join(', ')}`);
  const path = isPath ? nameOrPath : resolve(PRESET_DIR, `${nameOrPath.toLowerCase()}.json`);
  if (!/^[a-z0-9_-]+$/i.test(nameOrPath) && !isPath)
    throw new PresetError(`'${nameOrPath}' is not a preset name`);
  if (!existsSync(path)) {
    throw new PresetError(
      `'${nameOrPath}': no such preset; shipped: ${presetNames().join(', ')}${files ? ", or give a preset file's path" : ''}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PresetError(`'${nameOrPath}': not JSON: ${(error as Error).message}`);
  }
  const parsed = parseImportPreset(json);
  if (!parsed.ok) throw new PresetError(`'${nameOrPath}':\n  ${parsed.problems.join('\n  ')}`);
  return parsed.preset;
}
