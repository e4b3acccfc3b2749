/** The finance part of the HTTP client: the promise-to-delivery summary and the flows behind a figure. */
import type {
  FinanceBreakdownResponse,
  FinanceFlowsResponse,
  FinanceReleaseResponse,
  FinanceSecurityResponse,
  FinanceSourcesResponse,
  FinanceSummaryResponse,
  IatiImportResponse,
  RiskParametersResponse,
} from '@guarantor/core/api';
import type { RiskParameters } from '@guarantor/core/finance';
import type { FeatureCollection } from 'geojson';
import { request } from '../api.ts';

/** Which records a figure stands for, keyed as the summary and the breakdown key their rows. */
export interface FlowFilter {
  readonly donor?: string;
  readonly category?: string;
  readonly sector?: string;
  readonly region?: string;
  readonly instrument?: string;
}

export const financeApi = {
  summaryByMonth: (signal?: AbortSignal) =>
    request<FinanceSummaryResponse>('GET', '/api/finance/summary?byMonth=true', undefined, signal),
  breakdown: (by: FinanceBreakdownResponse['by'], signal?: AbortSignal) =>
    request<FinanceBreakdownResponse>('GET', `/api/finance/breakdown?by=${by}`, undefined, signal),
  /** Ukraine's first-level units (public reference data, through the OGC API). */
  units: (signal?: AbortSignal) =>
    request<FeatureCollection>('GET', '/ogc/collections/units/items?limit=100', undefined, signal),
  security: (signal?: AbortSignal) =>
    request<FinanceSecurityResponse>('GET', '/api/finance/security', undefined, signal),
  putRiskParameters: (values: RiskParameters) =>
    request<RiskParametersResponse>('PUT', '/api/finance/risk-parameters', { values }),
  summary: (signal?: AbortSignal) =>
    request<FinanceSummaryResponse>('GET', '/api/finance/summary', undefined, signal),
  /** The records behind a figure: the summary's donor and category, or a breakdown row's key. */
  flows: (filter: FlowFilter, signal?: AbortSignal) => {
    const query = new URLSearchParams(
      Object.entries(filter).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== 'all'),
    );
    query.set('limit', '500');
    return request<FinanceFlowsResponse>('GET', `/api/finance/flows?${query}`, undefined, signal);
  },
  /** The imported sources the reader may see, with who may read each. */
  sources: (signal?: AbortSignal) =>
    request<FinanceSourcesResponse>('GET', '/api/finance/sources', undefined, signal),
  /** Announces a source whole to a wider label. */
  release: (source: string, releasability: string) =>
    request<FinanceReleaseResponse>(
      'PUT',
      `/api/finance/sources/${encodeURIComponent(source)}/releasability`,
      { releasability },
    ),
  /** An IATI 2.03 activity file; the reason goes only when disbursements exceed their commitment. */
  importIati: (file: File, o: { source: string; releasability: string; reason: string }) =>
    request<IatiImportResponse>(
      'POST',
      `/api/finance/import/iati?source=${encodeURIComponent(o.source)}&releasability=${encodeURIComponent(o.releasability)}${o.reason.trim() ? `&overCommitmentReason=${encodeURIComponent(o.reason.trim())}` : ''}`,
      new File([file], file.name, { type: 'application/xml' }),
    ),
};
