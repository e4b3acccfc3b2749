import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/support/shared-data.ts';
import { type CotFrame, CotStreamFramer } from './framer.ts';

const COT = sharedData('cot', 'CoT capture framing tests');
const COT_DIR = `${COT.path}/`;
const captures = !COT.skip
  ? readdirSync(COT_DIR)
      .filter((file) => file.endsWith('.xml'))
      .sort()
      .map((file) => readFileSync(COT_DIR + file))
  : [];

/** The `<event>…</event>` inside a capture, which is what the framer must hand over. */
function eventText(capture: Buffer): string {
  const text = capture.toString('utf8');
  return text.slice(text.indexOf('<event'), text.lastIndexOf('>') + 1);
}

function frameAll(chunks: readonly (Uint8Array | string)[]): CotFrame[] {
  const framer = new CotStreamFramer();
  return [...chunks.flatMap((chunk) => framer.push(chunk)), ...framer.end()];
}

const events = (frames: readonly CotFrame[]) => frames.flatMap((f) => (f.kind === 'event' ? [f.xml] : []));
const drops = (frames: readonly CotFrame[]) => frames.flatMap((f) => (f.kind === 'dropped' ? [f.code] : []));

const valid = (uid: string) =>
  `<event version="2.0" uid="${uid}" type="a-h-G" how="h-e" time="2026-11-26T10:00:00Z" start="2026-11-26T10:00:00Z" stale="2026-11-26T11:00:00Z"><point lat="48.5" lon="37.9" ce="10" hae="0" le="0"/><detail><remarks>Обстріл</remarks></detail></event>`;

describe.skipIf(COT.skip)('framing real captures', () => {
  it('frames every capture split in two at every byte offset, mid-character included', () => {
    for (const capture of captures) {
      const expected = [eventText(capture)];
      for (let at = 0; at <= capture.length; at++) {
        const frames = frameAll([capture.subarray(0, at), capture.subarray(at)]);
        expect(frames.length === 1 && events(frames)[0] === expected[0], `split at ${at}`).toBe(true);
      }
    }
  });

  it('frames all captures back to back in random chunks, declarations and all', () => {
    const stream = Buffer.concat(captures);
    const expected = captures.map(eventText);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 60 }), (sizes) => {
        const chunks: Buffer[] = [];
        for (let at = 0, i = 0; at < stream.length; at += sizes[i++ % sizes.length]!) {
          chunks.push(stream.subarray(at, at + sizes[i % sizes.length]!));
        }
        expect(frameAll(chunks)).toEqual(expected.map((xml) => ({ kind: 'event', xml })));
      }),
      { numRuns: 100 },
    );
  });
});

describe('CotStreamFramer', () => {
  it('handles several events in one chunk and a self-closing event', () => {
    const selfClosing = '<event uid="x" type="t-x-c-t" how="h-g-i-g-o" a=">/>"/>';
    expect(events(frameAll([`${valid('a')}\n${selfClosing}<?xml version="1.0"?>${valid('b')}`]))).toEqual([
      valid('a'),
      selfClosing,
      valid('b'),
    ]);
  });

  it('reports a stream cut mid-event only when it ends', () => {
    const framer = new CotStreamFramer();
    const text = valid('a');
    expect(framer.push(text.slice(0, 100))).toEqual([]);
    expect(framer.pendingChars).toBe(100);
    expect(framer.end()).toMatchObject([{ kind: 'dropped', code: 'cot.truncated' }]);
  });

  it('drops a cut event when the next one begins, keeping the next one', () => {
    const frames = frameAll([valid('a').slice(0, 150), valid('b')]);
    expect(drops(frames)).toEqual(['cot.truncated']);
    expect(events(frames)).toEqual([valid('b')]);
    const brokenStartTag = frameAll([`<event uid="a${valid('b')}`]);
    expect(drops(brokenStartTag)).toEqual(['cot.malformed']);
    expect(events(brokenStartTag)).toEqual([valid('b')]);
  });

  it('drops an oversized event, whole or streamed, holding a bounded buffer, and keeps the next', () => {
    const huge = valid('huge').replace('Обстріл', 'x'.repeat(100_000));
    expect(frameAll([huge + valid('b')])).toMatchObject([
      { kind: 'dropped', code: 'cot.too_large' },
      { kind: 'event', xml: valid('b') },
    ]);
    const framer = new CotStreamFramer();
    const stream = Buffer.from(huge + valid('b'));
    const frames: CotFrame[] = [];
    let maxPending = 0;
    for (let at = 0; at < stream.length; at += 1000) {
      frames.push(...framer.push(stream.subarray(at, at + 1000)));
      maxPending = Math.max(maxPending, framer.pendingChars);
    }
    frames.push(...framer.end());
    expect(frames.map((f) => (f.kind === 'dropped' ? f.code : f.xml))).toEqual(['cot.too_large', valid('b')]);
    expect(maxPending).toBeLessThanOrEqual(64 * 1024 + 1000);
  });

  it('holds nothing for a stream of garbage', () => {
    const framer = new CotStreamFramer();
    for (let i = 0; i < 100; i++) framer.push('garbage without events, not even <even');
    expect(framer.pendingChars).toBeLessThanOrEqual('<event'.length);
  });

  it('never throws and never loses a valid event after random garbage', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.string({ maxLength: 100 }).filter((s) => !s.includes('<event')),
        fc.integer({ min: 1, max: 64 }),
        (noise, text, chunkSize) => {
          const stream = Buffer.concat([Buffer.from(noise), Buffer.from(text), Buffer.from(valid('after'))]);
          const chunks = [];
          for (let at = 0; at < stream.length; at += chunkSize)
            chunks.push(stream.subarray(at, at + chunkSize));
          expect(events(frameAll(chunks)).at(-1)).toBe(valid('after'));
        },
      ),
      { numRuns: 300 },
    );
  });
});
