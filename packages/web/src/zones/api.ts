/** The zones part of the HTTP client: list, import a file, edit one zone, read its versions. */
import type {
  ViolationRulesResponse,
  ViolationRuleVersion,
  ZoneImportSummary,
  Zones,
  ZoneVersionsResponse,
} from '@guarantor/core/api';
import { request } from '../api.ts';

/** How to read a zone file laid out by others (the API's query parameters of an import). */
export interface ImportOptions {
  readonly kind: string | null;
  readonly nameField: string | null;
  readonly idField: string | null;
  readonly skipWrongGeometry: boolean;
  readonly releasability: string;
}

function importQuery(o: ImportOptions): string {
  const q = new URLSearchParams({ releasability: o.releasability });
  if (o.kind) q.set('kind', o.kind);
  if (o.nameField) q.set('nameField', o.nameField);
  if (o.idField) q.set('idField', o.idField);
  if (o.skipWrongGeometry) q.set('skipWrongGeometry', 'true');
  return q.toString();
}

export const zonesApi = {
  violationRules: (signal?: AbortSignal) =>
    request<ViolationRulesResponse>('GET', '/api/violation-rules', undefined, signal),
  addRuleVersion: (definition: Record<string, unknown>, active: boolean) =>
    request<ViolationRuleVersion>('POST', '/api/violation-rules', { definition, active }),
  zones: (signal?: AbortSignal) => request<Zones>('GET', '/api/zones', undefined, signal),
  importFile: (file: unknown, options: ImportOptions) =>
    request<ZoneImportSummary>('POST', `/api/zones/import?${importQuery(options)}`, file),
  save: (id: string, feature: unknown) =>
    request<ZoneImportSummary>('PUT', `/api/zones/${encodeURIComponent(id)}`, feature),
  versions: (id: string, signal?: AbortSignal) =>
    request<ZoneVersionsResponse>('GET', `/api/zones/${encodeURIComponent(id)}/versions`, undefined, signal),
};
