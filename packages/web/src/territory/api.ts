/** The territory part of the HTTP client: control-area versions, one as GeoJSON, the change between two dates. */
import type {
  ControlAreaChangeResponse,
  ControlAreaFeature,
  ControlAreaImportResponse,
  ControlAreaVersions,
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
};
