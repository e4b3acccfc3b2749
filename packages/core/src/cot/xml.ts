import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseIsoInstantMs } from '../imports/time.ts';
import type { LngLat } from '../monitoring/types.ts';
import { CotError } from './errors.ts';

/** Bounds on one CoT event; the defaults fit every real capture with a wide margin. */
export interface CotLimits {
  /** UTF-8 bytes of one `<event>` document. */
  readonly maxEventBytes: number;
  readonly maxElements: number;
  /** Attributes over all elements. */
  readonly maxAttributes: number;
  readonly maxDepth: number;
}

/** 64 KiB per event: the largest capture (a 13-point route) is under 3 KiB. */
export const DEFAULT_COT_LIMITS: CotLimits = {
  maxEventBytes: 64 * 1024,
  maxElements: 1000,
  maxAttributes: 4000,
  maxDepth: 24,
};

/** One XML element with its attributes and text decoded. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text, trimmed. */
  readonly text: string;
}

/** The CoT `<point>`; values CoT marks unknown (9999999, nan) are undefined. */
export interface CotPoint {
  readonly position: LngLat;
  /** Height above the WGS 84 ellipsoid. */
  readonly haeM: number | undefined;
  /** Circular error, metres: CoT's "circular 1-sigma or circular area about the point". */
  readonly ceM: number | undefined;
  /** Linear (vertical) error, metres. */
  readonly leM: number | undefined;
}

/** A parsed and checked CoT event. */
export interface CotEvent {
  readonly uid: string;
  /** Hierarchical type, e.g. `a-h-G-U-C` (atom, affiliation, dimension, 2525 function). */
  readonly type: string;
  /** How the position was obtained, e.g. `h-e` (human estimated), `m-g` (machine GPS). */
  readonly how: string;
  /** When the event was generated. */
  readonly timeMs: number;
  /** When the information starts to be valid. */
  readonly startMs: number;
  /** When the information stops being valid (a display expiry, often hours to a year later). */
  readonly staleMs: number;
  readonly point: CotPoint;
  readonly detail: XmlElement | undefined;
}

/** CoT writes 9999999 (sometimes 9.999999e+06) or nan where a value is unknown. */
const COT_UNKNOWN = 9_999_999;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Never expand entities: no DTD processing at all (billion laughs, external entities).
  // The five predefined entities and character references are decoded below instead.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Depth is checked (and reported as too_complex) while building the tree; this is only a backstop.
  maxNestedTags: 1000,
});

const utf8 = new TextEncoder();

/** UTF-8 length without encoding when the string is clearly small enough. */
export function utf8Length(text: string, atMost: number): number {
  return text.length * 3 <= atMost ? text.length : utf8.encode(text).length;
}

/**
 * Parse one CoT `<event>` document. Throws only {@link CotError}: DOCTYPE and ENTITY
 * declarations are refused outright, size and node counts are bounded, and the point
 * and times are checked.
 */
export function parseCotEvent(text: string, limits: CotLimits = DEFAULT_COT_LIMITS): CotEvent {
  // An HTTP body may start with a byte order mark or blank lines before `<?xml`.
  const xml = text.replace(/^\uFEFF?\s*/, '');
  if (utf8Length(xml, limits.maxEventBytes) > limits.maxEventBytes) {
    throw new CotError(
      'cot.too_large',
      `CoT event refused: larger than ${limits.maxEventBytes} bytes; send one event per message`,
    );
  }
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) {
    throw new CotError(
      'cot.doctype_forbidden',
      'CoT event refused: DOCTYPE and ENTITY declarations are not accepted; CoT needs neither',
    );
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new CotError(
      'cot.malformed',
      `CoT event refused: XML is not well formed at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
    );
  }
  let nodes: unknown;
  try {
    nodes = parser.parse(xml);
  } catch (error) {
    throw new CotError('cot.malformed', `CoT event refused: ${(error as Error).message}`);
  }
  const roots = toElements(nodes, { elements: 0, attributes: 0 }, limits, 1);
  const root = roots[0];
  if (roots.length !== 1 || root?.name !== 'event') {
    throw new CotError('cot.not_event', 'CoT message refused: the root element must be a single <event>');
  }
  return toEvent(root);
}

interface Counts {
  elements: number;
  attributes: number;
}

/** fast-xml-parser's ordered form: `[{ tag: [children], ':@': { attr } }, { '#text': '…' }]`. */
function toElements(nodes: unknown, counts: Counts, limits: CotLimits, depth: number): XmlElement[] {
  if (!Array.isArray(nodes)) return [];
  if (depth > limits.maxDepth) {
    throw new CotError(
      'cot.too_complex',
      `CoT event refused: nested deeper than ${limits.maxDepth} elements`,
    );
  }
  const elements: XmlElement[] = [];
  for (const node of nodes as Record<string, unknown>[]) {
    const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
    if (name === undefined) continue;
    const rawAttributes = (node[':@'] ?? {}) as Record<string, unknown>;
    const attributeEntries = Object.entries(rawAttributes).map(
      ([key, value]) => [key, decodeXmlText(String(value))] as const,
    );
    counts.elements += 1;
    counts.attributes += attributeEntries.length;
    if (counts.elements > limits.maxElements || counts.attributes > limits.maxAttributes) {
      throw new CotError(
        'cot.too_complex',
        `CoT event refused: more than ${limits.maxElements} elements or ${limits.maxAttributes} attributes`,
      );
    }
    const childNodes = node[name] as Record<string, unknown>[];
    const text = childNodes
      .filter((child) => '#text' in child)
      .map((child) => decodeXmlText(String(child['#text'])))
      .join('')
      .trim();
    elements.push({
      name,
      attributes: Object.fromEntries(attributeEntries),
      children: toElements(childNodes, counts, limits, depth + 1),
      text,
    });
  }
  return elements;
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode the predefined entities and character references; anything else is not XML without a DTD. */
function decodeXmlText(raw: string): string {
  return raw.replace(/&([^;&\s]{0,32});/g, (_, ref: string) => {
    const predefined = PREDEFINED[ref];
    if (predefined !== undefined) return predefined;
    const code = /^#x[0-9a-f]+$/i.test(ref)
      ? Number.parseInt(ref.slice(2), 16)
      : /^#[0-9]+$/.test(ref)
        ? Number(ref.slice(1))
        : Number.NaN;
    if (!isXmlChar(code)) {
      throw new CotError(
        'cot.malformed',
        `CoT event refused: unknown entity or bad character reference &${ref};`,
      );
    }
    return String.fromCodePoint(code);
  });
}

/** The XML 1.0 `Char` production. */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function toEvent(root: XmlElement): CotEvent {
  const attr = root.attributes;
  const uid = required(attr, 'uid', '<event>');
  const type = required(attr, 'type', '<event>');
  const time = cotTime(attr, 'time');
  const start = cotTime(attr, 'start');
  const stale = cotTime(attr, 'stale');
  if (stale < start) {
    throw new CotError(
      'cot.bad_time',
      `CoT event ${uid} refused: stale ${attr['stale']} is before start ${attr['start']}`,
    );
  }
  const pointElement = root.children.find((child) => child.name === 'point');
  if (!pointElement) {
    throw new CotError('cot.missing_field', `CoT event ${uid} refused: it has no <point>`);
  }
  return {
    uid,
    type,
    how: attr['how'] ?? '',
    timeMs: time,
    startMs: start,
    staleMs: stale,
    point: toPoint(uid, pointElement.attributes),
    detail: root.children.find((child) => child.name === 'detail'),
  };
}

function required(attributes: Readonly<Record<string, string>>, name: string, where: string): string {
  const value = attributes[name]?.trim();
  if (!value) {
    throw new CotError('cot.missing_field', `CoT event refused: ${where} has no ${name} attribute`);
  }
  return value;
}

function cotTime(attributes: Readonly<Record<string, string>>, name: 'time' | 'start' | 'stale'): number {
  const text = required(attributes, name, '<event>');
  const ms = parseIsoInstantMs(text);
  if (ms === undefined) {
    throw new CotError(
      'cot.bad_time',
      `CoT event refused: ${name}="${text.slice(0, 40)}" is not an ISO 8601 UTC time like 2026-11-26T10:00:00Z`,
    );
  }
  return ms;
}

function toPoint(uid: string, attributes: Readonly<Record<string, string>>): CotPoint {
  const lat = Number(required(attributes, 'lat', '<point>'));
  const lon = Number(required(attributes, 'lon', '<point>'));
  if (!(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
    throw new CotError(
      'cot.bad_point',
      `CoT event ${uid} refused: point lat=${attributes['lat']} lon=${attributes['lon']} is outside lat -90..90, lon -180..180`,
    );
  }
  return {
    position: [lon, lat],
    haeM: known(attributes['hae']),
    ceM: known(attributes['ce']),
    leM: known(attributes['le']),
  };
}

/** A CoT number, or undefined for absent, nan or the 9999999 "unknown" marker. */
function known(text: string | undefined): number | undefined {
  const value = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(value) && Math.abs(value) < COT_UNKNOWN ? value : undefined;
}
