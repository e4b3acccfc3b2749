/** The territory part of the HTTP client: control-area versions, one as GeoJSON, the change between two dates. */
import type {
  ControlAreaChangeResponse,
  ControlAreaFeature,
  ControlAreaImportResponse,
  ControlAreaVersions,
  LandOptionComparison,
  LandOptionFacts,
  LandOptionList,
  LandOptionSaveResponse,
} from '@guarantor/core/api';
import { request } from '../api.ts';

/** What an import from the page sends beside the file. */
export interface ControlAreaImport {
  readonly asOf: string;
  readonly source: string;
  readonly fileName: string;
  readonly releasability: string;
}

export const territoryApi = {
  versions: (signal?: AbortSignal) =>
    request<ControlAreaVersions>('GET', '/api/territory/control-areas?side=occupied', undefined, signal),
  version: (id: string, signal?: AbortSignal) =>
    request<ControlAreaFeature>(
      'GET',
      `/api/territory/control-areas/${encodeURIComponent(id)}`,
      undefined,
      signal,
    ),
  change: (from: string, to: string, signal?: AbortSignal) =>
    request<ControlAreaChangeResponse>(
      'GET',
      `/api/territory/change?${new URLSearchParams({ from, to, side: 'occupied' })}`,
      undefined,
      signal,
    ),
  importFile: (geojson: unknown, o: ControlAreaImport) =>
    request<ControlAreaImportResponse>(
      'POST',
      `/api/territory/control-areas/import?${new URLSearchParams({ asOf: o.asOf, source: o.source, fileName: o.fileName, releasability: o.releasability, side: 'occupied' })}`,
      geojson,
    ),
  landOptions: (signal?: AbortSignal) =>
    request<LandOptionList>('GET', '/api/territory/land-options', undefined, signal),
  compare: (bufferKm: number, signal?: AbortSignal) =>
    request<LandOptionComparison>(
      'GET',
      `/api/territory/land-options/compare?bufferKm=${bufferKm}`,
      undefined,
      signal,
    ),
  facts: (id: string, bufferKm: number, signal?: AbortSignal) =>
    request<LandOptionFacts>(
      'GET',
      `/api/territory/land-options/${encodeURIComponent(id)}/facts?bufferKm=${bufferKm}`,
      undefined,
      signal,
    ),
  saveOption: (body: LandOptionDraft) =>
    request<LandOptionSaveResponse>('POST', '/api/territory/land-options', body),
};

/** What the page sends to save an option. */
export interface LandOptionDraft {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly occupiedSide?: 'left' | 'right';
  readonly releasability: string;
  readonly geometry: unknown;
}
