/** Zone-file fields and problems in words, and the problems list as CSV. */
import type { ZoneProblem } from '@guarantor/core/api';
import { i18n } from '../i18n/index.ts';
import { zoneKindName } from '../words.ts';

/**
 * A problem's message for the screen: the CLI's hint (`--kind sector`) becomes the form's
 * choice, kind codes become their names. (The server's message itself stays English.)
 */
export function problemWords(message: string): string {
  return message
    .replace(/\(or give every feature one kind: --kind \w+\)/, i18n.t('zones:problem.oneKind'))
    .replace(/--(kind|name-field|id-field|skip-wrong-geometry)\b/g, (_, o: string) =>
      i18n.t('zones:problem.choice', {
        choice: i18n.t(`zones:problem.option.${o}` as 'zones:problem.option.kind'),
      }),
    )
    .replace(/\b(line_of_contact|buffer_zone|weapons_withdrawal)\b/g, (k) => zoneKindName(k))
    .replace(/, sector\b/, `, ${zoneKindName('sector')}`);
}

const FIELD_WORDS: readonly (readonly [RegExp, string])[] = [
  [/^properties\.kind/, 'kind'],
  [/^properties\.name/, 'name'],
  [/^properties\.id/, 'id'],
  [/^properties\.validFrom/, 'validFrom'],
  [/^properties\.validTo/, 'validTo'],
  [/^properties\.weaponClasses/, 'weaponClasses'],
  [/^properties\.releasability/, 'releasability'],
  [/^properties/, 'properties'],
  [/^geometry\.type/, 'geometryType'],
  [/^geometry/, 'geometry'],
  [/^type/, 'type'],
  [/^features/, 'features'],
];

/** "properties.kind" → "kind"; "geometry.coordinates[0][3]" → "shape". */
export function zoneFieldName(field: string): string {
  const key = FIELD_WORDS.find(([re]) => re.test(field))?.[1];
  return key ? i18n.t(`zones:field.${key}` as 'zones:field.kind') : field;
}

/** The feature a problem names, in words: "feature 3 (Kharkiv Oblast)", or "the file". */
export function featureName(index: number, names: readonly (string | null)[]): string {
  if (index < 0) return i18n.t('zones:feature.file');
  const name = names[index];
  return name
    ? i18n.t('zones:feature.named', { number: index + 1, name })
    : i18n.t('zones:feature.number', { number: index + 1 });
}

const cell = (v: string | number) => {
  const text = String(v);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Every problem as CSV, one line each, for fixing the file elsewhere (machine column names, English). */
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
