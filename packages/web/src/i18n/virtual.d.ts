/** Built by vite.config.ts from data/ukraine-adm1.geojson and data/places.geojson. */
declare module 'virtual:ukrainian-names' {
  /** ISO 3166-2 code → Ukrainian name ("UA-46" → "Львівська область"). */
  export const regions: Readonly<Record<string, string>>;
  /** A shipped place's English name → its Ukrainian name ("Dnipro" → "Дніпро"). */
  export const places: Readonly<Record<string, string>>;
}
