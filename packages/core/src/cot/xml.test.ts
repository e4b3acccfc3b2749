import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CotError } from './errors.ts';
import { parseCotEvent } from './xml.ts';

const event = (attrs = '', point = 'lat="48.5" lon="37.9"', detail = '') =>
  `<event version="2.0" uid="u-1" type="a-h-G" how="h-e" time="2026-11-26T10:00:00Z" start="2026-11-26T10:00:00Z" stale="2026-11-26T11:00:00Z" ${attrs}><point ${point} hae="0" ce="10" le="9999999"/><detail>${detail}</detail></event>`;

function codeOf(xml: string): string {
  try {
    parseCotEvent(xml);
    return 'parsed';
  } catch (error) {
    if (!(error instanceof CotError)) throw error;
    return error.code;
  }
}

describe('parseCotEvent refuses hostile and broken input with a typed error', () => {
  it('refuses billion laughs without expanding anything', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
${event('', 'lat="48.5" lon="37.9"', '<remarks>&lol9;</remarks>')}`;
    expect(codeOf(laughs)).toBe('cot.doctype_forbidden');
  });

  it('refuses an external entity', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE event [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${event('', undefined, '<remarks>&xxe;</remarks>')}`;
    expect(codeOf(xxe)).toBe('cot.doctype_forbidden');
    expect(codeOf(`<!doctype event SYSTEM "http://evil.example/x.dtd">${event()}`)).toBe(
      'cot.doctype_forbidden',
    );
  });

  it('never resolves an undeclared entity', () => {
    expect(codeOf(event('', undefined, '<remarks>&xxe;</remarks>'))).toBe('cot.malformed');
    expect(codeOf(event('', undefined, '<remarks>&#0;</remarks>'))).toBe('cot.malformed');
  });

  it('refuses an oversized event before parsing it', () => {
    expect(codeOf(event('', undefined, `<remarks>${'x'.repeat(70_000)}</remarks>`))).toBe('cot.too_large');
    // 30,000 Cyrillic letters are 60,000 UTF-8 bytes: under the limit although 2 bytes each.
    expect(codeOf(event('', undefined, `<remarks>${'ж'.repeat(30_000)}</remarks>`))).toBe('parsed');
    expect(codeOf(event('', undefined, `<remarks>${'ж'.repeat(33_000)}</remarks>`))).toBe('cot.too_large');
  });

  it('refuses too many elements and too deep a tree', () => {
    expect(codeOf(event('', undefined, '<a/>'.repeat(1200)))).toBe('cot.too_complex');
    expect(codeOf(event('', undefined, '<a>'.repeat(40) + '</a>'.repeat(40)))).toBe('cot.too_complex');
  });

  it('refuses bad coordinates, naming them', () => {
    expect(codeOf(event('', 'lat="95" lon="37.9"'))).toBe('cot.bad_point');
    expect(codeOf(event('', 'lat="48" lon="-181"'))).toBe('cot.bad_point');
    expect(codeOf(event('', 'lat="north" lon="37.9"'))).toBe('cot.bad_point');
    expect(() => parseCotEvent(event('', 'lat="95" lon="37.9"'))).toThrow(
      /lat=95 lon=37.9 is outside lat -90..90/,
    );
  });

  it('refuses missing fields, bad times and non-events', () => {
    expect(codeOf(event().replace('uid="u-1"', ''))).toBe('cot.missing_field');
    expect(codeOf(event().replace(/<point[^>]*\/>/, ''))).toBe('cot.missing_field');
    expect(codeOf(event().replace('2026-11-26T10:00:00Z"', 'yesterday"'))).toBe('cot.bad_time');
    expect(codeOf(event().replace('time="2026-11-26T10:00:00Z"', 'time="2023-02-30T10:00:00Z"'))).toBe(
      'cot.bad_time',
    );
    expect(codeOf(event().replace('stale="2026-11-26T11:00:00Z"', 'stale="2026-11-25T11:00:00Z"'))).toBe(
      'cot.bad_time',
    );
    expect(codeOf('<message uid="x"/>')).toBe('cot.not_event');
    expect(codeOf(`${event()}${event()}`)).toBe('cot.malformed');
    expect(codeOf(event().replace('</detail>', '</detial>'))).toBe('cot.malformed');
    expect(codeOf('')).toBe('cot.malformed');
  });

  it('decodes predefined entities and character references, keeps Cyrillic', () => {
    const parsed = parseCotEvent(
      `\uFEFF\n<?xml version="1.0"?>${event('', undefined, '<contact callsign="A &amp; B&#10;&#x416;"/><remarks>Обстріл &lt;5 km</remarks>')}`,
    );
    expect(parsed.detail?.children.map((c) => [c.attributes['callsign'], c.text])).toEqual([
      ['A & B\nЖ', ''],
      [undefined, 'Обстріл <5 km'],
    ]);
  });

  it('throws nothing but CotError on mutated or random input', () => {
    const base = event('', undefined, '<contact callsign="x"/><remarks>r</remarks>');
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(40), fc.string({ maxLength: 40 }), (at, cut, insert) => {
        codeOf(base.slice(0, at) + insert + base.slice(at + cut));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => void codeOf(text)),
      {
        numRuns: 300,
      },
    );
  });
});
