import { describe, expect, it } from 'vitest';
import { checkTruceWindow, type LocatedIncident, truceWindow } from './truce.ts';

const start = Date.UTC(2026, 10, 12, 8);
const end = Date.UTC(2026, 10, 12, 16);
const pumpingStation = truceWindow({
  id: 'TW-1',
  site: 'pumping station',
  location: [37.8, 48.0],
  radiusM: 1000,
  startMs: start,
  endMs: end,
  purpose: 'repair crews on the water main',
});

function at(id: string, northM: number, timeMs: number, radiusM = 50): LocatedIncident {
  // 1 degree of latitude is about 111.2 km on the mean sphere.
  return {
    id,
    category: 'explosion_impact',
    position: [37.8, 48.0 + northM / 111_195],
    radiusM,
    time: { startMs: timeMs, endMs: timeMs },
  };
}

describe('truce windows', () => {
  it('finds incidents inside the site radius during the window, certain or possible', () => {
    const check = checkTruceWindow(pumpingStation, [
      at('in', 400, start + 3_600_000),
      at('edge', 1100, start + 3_600_000, 200),
      at('far', 3000, start + 3_600_000),
      at('before', 100, start - 60_000),
      at('after', 100, end + 60_000),
    ]);
    expect(check.held).toBe(false);
    expect(check.incidents).toEqual([
      { incidentId: 'in', category: 'explosion_impact', distanceM: 400, certain: true },
      { incidentId: 'edge', category: 'explosion_impact', distanceM: 1100, certain: false },
    ]);
    expect(checkTruceWindow(pumpingStation, []).held).toBe(true);
  });

  it('says which value of a window is wrong', () => {
    expect(() => truceWindow({ ...pumpingStation, location: [48.0, 97.8] })).toThrow(
      'truce window TW-1: latitude 97.8 is outside [-90, 90]',
    );
    expect(() => truceWindow({ ...pumpingStation, radiusM: 0, endMs: start })).toThrow(
      `radiusM 0 must be positive; the window ends (${start}) before it starts (${start})`,
    );
  });
});
