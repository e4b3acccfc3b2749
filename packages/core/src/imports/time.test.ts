import { describe, expect, it } from 'vitest';
import { parseIsoInstantMs } from './time.ts';

describe('parseIsoInstantMs', () => {
  it.each([
    ['2026-11-26T10:00:00Z', Date.UTC(2026, 10, 26, 10)],
    ['2022-10-27T13:55:26.688292Z', Date.UTC(2022, 9, 27, 13, 55, 26, 688)],
    ['2023-12-04T15:52:23.78Z', Date.UTC(2023, 11, 4, 15, 52, 23, 780)],
    ['2026-11-26T12:00+02:00', Date.UTC(2026, 10, 26, 10)],
    ['2026-11-26T05:30:00-0430', Date.UTC(2026, 10, 26, 10)],
  ])('reads %s', (text, ms) => expect(parseIsoInstantMs(text)).toBe(ms));

  it.each(['2026-11-26', '2026-11-26T10:00:00', '2023-02-30T00:00:00Z', '2026-11-26T24:00:00Z', 'now', ''])(
    'refuses %s',
    (text) => expect(parseIsoInstantMs(text)).toBeUndefined(),
  );
});
