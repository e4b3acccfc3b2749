/** Zone-file fields and problems in words, and the problems list as CSV. */
import type { ZoneProblem } from '@guarantor/core/api';
import { zoneKindName } from '../words.ts';

/**
 * A problem's message for the screen: the CLI's hint (`--kind sector`) becomes the form's
 * choice, kind codes become their names.
 */
export function problemWords(message: string): string {
  return message
    .replace(
      /\(or give every feature one kind: --kind \w+\)/,
      '(or choose one “Kind of zone” for every feature above)',
    )
    .replace(
      /--(kind|name-field|id-field|skip-wrong-geometry)\b/g,
      (_, o: string) => `the “${o.replaceAll('-', ' ')}” choice above`,
    )
    .replace(/\b(line_of_contact|buffer_zone|weapons_withdrawal)\b/g, (k) => zoneKindName(k))
    .replace(/, sector\b/, ', monitoring sector');
}

const FIELD_WORDS: readonly (readonly [RegExp, string])[] = [
  [/^properties\.kind/, 'kind'],
  [/^properties\.name/, 'name'],
  [/^properties\.id/, 'id'],
  [/^properties\.validFrom/, 'valid from'],
  [/^properties\.validTo/, 'valid until'],
  [/^properties\.weaponClasses/, 'weapon classes'],
  [/^properties\.releasability/, 'releasability'],
  [/^properties/, 'properties'],
  [/^geometry\.type/, 'shape type'],
  [/^geometry/, 'shape'],
  [/^type/, 'feature type'],
  [/^features/, 'features'],
];

/** "properties.kind" → "kind"; "geometry.coordinates[0][3]" → "shape". */
export function zoneFieldName(field: string): string {
  return FIELD_WORDS.find(([re]) => re.test(field))?.[1] ?? field;
}

/** The feature a problem names, in words: "feature 3 (Kharkiv Oblast)", or "the file". */
export function featureName(index: number, names: readonly (string | null)[]): string {
  if (index < 0) return 'the file';
  const name = names[index];
  return name ? `feature ${index + 1} (${name})` : `feature ${index + 1}`;
}

const cell = (v: string | number) => {
  const text = String(v);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Every problem as CSV, one line each, for fixing the file elsewhere. */
export function problemsCsv(problems: readonly ZoneProblem[], names: readonly (string | null)[]): string {
  const lines = [
    ['feature_number', 'feature_name', 'field', 'code', 'problem'].join(','),
    ...problems.map((p) =>
      [
        p.feature < 0 ? '' : p.feature + 1,
        p.feature < 0 ? '' : (names[p.feature] ?? ''),
        p.field,
        p.code,
        p.message,
      ]
        .map(cell)
        .join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
