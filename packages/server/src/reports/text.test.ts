import { describe, expect, it } from 'vitest';
import { wordsFor } from '../i18n.ts';
import type { DailyReport, MapZone } from './daily.ts';
import { drawScenePdf, mapScene } from './map.ts';
import { incidentTime, sourceSummary } from './text.ts';

const en = wordsFor('en');

const levels = { incidents: 0, all: 0, corroborated: 0, verified: 0 };

describe('the daily report with real data', () => {
  it('says "date only" for an incident known to the day, and the time of day otherwise', () => {
    const start = new Date('2026-11-19T22:00:00Z');
    expect(incidentTime(en, { start, dateOnly: true })).toBe('date only');
    expect(incidentTime(en, { start, dateOnly: false })).toBe('22:00');
  });

  it('summarises 73 sources by kind, naming only the down and the silent ones, sectors by name', () => {
    const sources = [
      ...Array.from({ length: 70 }, (_, i) => ({
        sourceId: `outlet-${i}`,
        sourceKind: 'osint',
        status: 'active' as const,
        sectors: [],
        note: null,
        observations: 2,
      })),
      {
        sourceId: 'team-7',
        sourceKind: 'patrol',
        status: 'active' as const,
        sectors: [],
        note: null,
        observations: 3,
      },
      {
        sourceId: 'cam-2',
        sourceKind: 'camera',
        status: 'down' as const,
        sectors: ['sector-donetsk-south'],
        note: 'power cut',
        observations: 0,
      },
      {
        sourceId: 'uav-9',
        sourceKind: 'uav',
        status: 'active' as const,
        sectors: [],
        note: null,
        observations: 0,
      },
    ];
    const report = {
      sources,
      sectors: [
        {
          id: 'sector-donetsk-south',
          name: 'Donetsk South',
          today: levels,
          previous: levels,
          monitoredToday: true,
          monitoredPrevious: true,
        },
      ],
    } as unknown as DailyReport;
    const summary = sourceSummary(en, report);
    expect(summary.down.map((s) => s.text)).toEqual(['cam-2 (camera, down; Donetsk South; power cut)']);
    expect(summary.silent.map((s) => s.text)).toEqual(['uav-9 (UAV)']);
    expect(summary.active).toBe(71);
    // The same in Ukrainian: kinds and counts in words, plurals by the Ukrainian rules.
    expect(sourceSummary(wordsFor('uk'), report).activeByKind).toBe(
      'OSINT: 70 джерел, 140 спостережень; патруль: 1 джерело, 3 спостереження',
    );
    expect(summary.activeByKind).toBe(
      'OSINT: 70 sources, 140 observations; patrol: 1 source, 3 observations',
    );
  });

  it('cuts the map at its frame: a polygon far outside the area is clipped, not drawn into the margin', () => {
    const far = {
      id: 'far',
      kind: 'sector' as const,
      name: 'Far away',
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [10, 30],
            [60, 30],
            [60, 70],
            [10, 70],
            [10, 30],
          ],
        ],
      },
    };
    const scene = mapScene([far as unknown as MapZone], [], 500);
    const calls: string[] = [];
    const pen = new Proxy(
      {},
      {
        get: (_target, name) =>
          function (this: unknown) {
            calls.push(String(name));
            return pen;
          },
      },
    );
    drawScenePdf(pen as never, scene, 40, 60);
    // The clip is set before anything is drawn, and undone at the end.
    expect(calls.slice(0, 3)).toEqual(['save', 'rect', 'clip']);
    expect(calls.indexOf('clip')).toBeLessThan(calls.indexOf('fill'));
    expect(calls.at(-1)).toBe('restore');
  });
});
