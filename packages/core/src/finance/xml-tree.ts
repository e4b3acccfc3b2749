/**
 * A small, hostile-input-safe XML reader for finance files: fast-xml-parser with entity and
 * DTD processing off, a DOCTYPE or ENTITY declaration refused before parsing (billion laughs,
 * external entities), size, element count and depth bounded, and the five predefined entities
 * and character references decoded here. Pure: text in, an element tree or an XmlTreeError out.
 */

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isXmlChar } from '../cot/xml.ts';
import { type Said, said } from '../i18n/reasons/index.ts';
import type { Refusal } from '../i18n/refusals/index.ts';

/** One element with its attributes and its own text decoded. */
export interface XmlNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  /** The element's own text, trimmed. */
  readonly text: string;
}

/** Bounds on one file. */
export interface XmlLimits {
  readonly maxBytes: number;
  readonly maxElements: number;
  readonly maxDepth: number;
}

/** Why a file is not read at all: `hostile` (a DTD), `too_large`, or `malformed`. */
export class XmlTreeError extends Error {
  override readonly name = 'XmlTreeError';
  readonly kind: 'hostile' | 'too_large' | 'malformed';
  /** The message as a catalogue key and values. */
  readonly refusal: Refusal;
  constructor(kind: 'hostile' | 'too_large' | 'malformed', reason: Said) {
    super(reason.reason);
    this.kind = kind;
    this.refusal = reason.refusal;
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // No entity expansion and no DTD at all; predefined entities are decoded below.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 200,
});

const utf8 = new TextEncoder();

/** Parses one XML document into its root elements. Throws only XmlTreeError. */
export function readXmlTree(text: string, limits: XmlLimits): XmlNode[] {
  const xml = text.replace(/^\uFEFF?\s*/, '');
  const bytes = xml.length * 3 <= limits.maxBytes ? xml.length : utf8.encode(xml).length;
  if (bytes > limits.maxBytes) {
    throw new XmlTreeError(
      'too_large',
      said('iatiChecks.xml.tooManyBytes', { mb: Math.round(limits.maxBytes / 1024 / 1024) }),
    );
  }
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) {
    throw new XmlTreeError('hostile', said('iatiChecks.xml.doctype'));
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new XmlTreeError(
      'malformed',
      said('iatiChecks.xml.malformedAt', { line: valid.err.line, column: valid.err.col, why: valid.err.msg }),
    );
  }
  let nodes: unknown;
  try {
    nodes = parser.parse(xml);
  } catch (error) {
    throw new XmlTreeError('malformed', said('iatiChecks.xml.malformed', { why: (error as Error).message }));
  }
  return toNodes(nodes, { elements: 0 }, limits, 1);
}

function toNodes(nodes: unknown, counts: { elements: number }, limits: XmlLimits, depth: number): XmlNode[] {
  if (!Array.isArray(nodes)) return [];
  if (depth > limits.maxDepth) {
    throw new XmlTreeError('malformed', said('iatiChecks.xml.tooDeep', { max: limits.maxDepth }));
  }
  const out: XmlNode[] = [];
  for (const node of nodes as Record<string, unknown>[]) {
    const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
    if (name === undefined) continue;
    counts.elements += 1;
    if (counts.elements > limits.maxElements) {
      throw new XmlTreeError(
        'too_large',
        said('iatiChecks.xml.tooManyElements', { max: limits.maxElements }),
      );
    }
    const attributes = Object.fromEntries(
      Object.entries((node[':@'] ?? {}) as Record<string, unknown>).map(([k, v]) => [k, decode(String(v))]),
    );
    const childNodes = node[name] as Record<string, unknown>[];
    const text = childNodes
      .filter((child) => '#text' in child)
      .map((child) => decode(String(child['#text'])))
      .join('')
      .trim();
    out.push({ name, attributes, children: toNodes(childNodes, counts, limits, depth + 1), text });
  }
  return out;
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  return raw.replace(/&([^;&\s]{0,32});/g, (_, ref: string) => {
    const predefined = PREDEFINED[ref];
    if (predefined !== undefined) return predefined;
    const code = /^#x[0-9a-f]+$/i.test(ref)
      ? Number.parseInt(ref.slice(2), 16)
      : /^#[0-9]+$/.test(ref)
        ? Number(ref.slice(1))
        : Number.NaN;
    if (!isXmlChar(code)) {
      throw new XmlTreeError('malformed', said('iatiChecks.xml.badReference', { ref }));
    }
    return String.fromCodePoint(code);
  });
}

/** Escapes text for an XML attribute or element. */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
