/** The finance part of the HTTP client: the promise-to-delivery summary and the flows behind a figure. */
import type {
  FinanceFlowsResponse,
  FinanceSecurityResponse,
  FinanceSummaryResponse,
  IatiImportResponse,
  RiskParametersResponse,
} from '@guarantor/core/api';
import type { RiskParameters } from '@guarantor/core/finance';
import { request } from '../api.ts';

export const financeApi = {
  security: (signal?: AbortSignal) =>
    request<FinanceSecurityResponse>('GET', '/api/finance/security', undefined, signal),
  putRiskParameters: (values: RiskParameters) =>
    request<RiskParametersResponse>('PUT', '/api/finance/risk-parameters', { values }),
  summary: (signal?: AbortSignal) =>
    request<FinanceSummaryResponse>('GET', '/api/finance/summary', undefined, signal),
  flows: (donor: string, category: string, signal?: AbortSignal) =>
    request<FinanceFlowsResponse>(
      'GET',
      `/api/finance/flows?donor=${encodeURIComponent(donor)}${category === 'all' ? '' : `&category=${encodeURIComponent(category)}`}&limit=500`,
      undefined,
      signal,
    ),
  /** An IATI 2.03 activity file; the reason goes only when disbursements exceed their commitment. */
  importIati: (file: File, o: { source: string; releasability: string; reason: string }) =>
    request<IatiImportResponse>(
      'POST',
      `/api/finance/import/iati?source=${encodeURIComponent(o.source)}&releasability=${encodeURIComponent(o.releasability)}${o.reason.trim() ? `&overCommitmentReason=${encodeURIComponent(o.reason.trim())}` : ''}`,
      new File([file], file.name, { type: 'application/xml' }),
    ),
};
