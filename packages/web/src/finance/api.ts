/** The finance part of the HTTP client: the promise-to-delivery summary and the flows behind a figure. */
import type { FinanceFlowsResponse, FinanceSummaryResponse } from '@guarantor/core/api';
import { request } from '../api.ts';

export const financeApi = {
  summary: (signal?: AbortSignal) =>
    request<FinanceSummaryResponse>('GET', '/api/finance/summary', undefined, signal),
  flows: (donor: string, category: string, signal?: AbortSignal) =>
    request<FinanceFlowsResponse>(
      'GET',
      `/api/finance/flows?donor=${encodeURIComponent(donor)}${category === 'all' ? '' : `&category=${encodeURIComponent(category)}`}&limit=500`,
      undefined,
      signal,
    ),
};
