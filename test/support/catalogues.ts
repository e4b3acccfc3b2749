/**
 * What the catalogue tests read of a catalogue (core's server catalogues, the refusals): its
 * leaves, the plural forms of each key, and the interpolation variables of a text.
 */

/** A catalogue: nested objects whose leaves are texts. */
export interface CatalogueTree {
  readonly [key: string]: string | CatalogueTree;
}

/** Every leaf of a catalogue: dotted key → string. */
export function leaves(c: CatalogueTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(c)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** A plural key's base and form (`spans_few` → spans, few), or undefined for another key. */
export function pluralBase(key: string): { readonly base: string; readonly form: string } | undefined {
  const m = key.match(/^(.*)_([a-z]+)$/);
  return m && SUFFIXES.includes(m[2]!) ? { base: m[1]!, form: m[2]! } : undefined;
}

/** The `{{variables}}` of a text, sorted. */
export const variables = (s: string) => [...s.matchAll(/\{\{\s*([a-zA-Z]+)/g)].map((m) => m[1]!).sort();

/** Keys without their plural suffix, each with the plural forms it has. */
export function shapeOf(leafMap: ReadonlyMap<string, string>): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  for (const key of leafMap.keys()) {
    const p = pluralBase(key);
    const base = p?.base ?? key;
    if (!keys.has(base)) keys.set(base, new Set());
    if (p) keys.get(base)!.add(p.form);
  }
  return keys;
}
