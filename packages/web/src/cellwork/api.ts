/** The cell-work part of the HTTP client: decisions, actions, meetings, notification preferences. */
import type {
  Action,
  ActionsResponse,
  Attendance,
  CellNotificationsResponse,
  CellPreferences,
  Decision,
  DecisionDetail,
  DecisionsResponse,
  LinkCandidatesResponse,
  Meeting,
  MeetingDetail,
  MeetingsResponse,
  OverdueResponse,
} from '@guarantor/core/api';
import { request } from '../api.ts';

const id = (s: string) => encodeURIComponent(s);

export const cellApi = {
  decisions: (signal?: AbortSignal) => request<DecisionsResponse>('GET', '/api/decisions', undefined, signal),
  decision: (d: string, signal?: AbortSignal) =>
    request<DecisionDetail>('GET', `/api/decisions/${id(d)}`, undefined, signal),
  /** The records of one kind the reader may read that a decision could rest on, by words or date. */
  linkCandidates: (kind: string, q: string, signal?: AbortSignal) =>
    request<LinkCandidatesResponse>(
      'GET',
      `/api/decisions/link-candidates?kind=${id(kind)}&q=${encodeURIComponent(q)}`,
      undefined,
      signal,
    ),
  recordDecision: (body: unknown) => request<Decision>('POST', '/api/decisions', body),
  actions: (signal?: AbortSignal) => request<ActionsResponse>('GET', '/api/actions', undefined, signal),
  overdue: (signal?: AbortSignal) =>
    request<OverdueResponse>('GET', '/api/actions/overdue', undefined, signal),
  createAction: (body: unknown) => request<Action>('POST', '/api/actions', body),
  setStatus: (a: string, status: string, note: string) =>
    request<Action>('POST', `/api/actions/${id(a)}/status`, { status, note }),
  meetings: (signal?: AbortSignal) => request<MeetingsResponse>('GET', '/api/meetings', undefined, signal),
  meeting: (m: string, signal?: AbortSignal) =>
    request<MeetingDetail>('GET', `/api/meetings/${id(m)}`, undefined, signal),
  createMeeting: (body: unknown) => request<Meeting>('POST', '/api/meetings', body),
  attend: (m: string, body: unknown) =>
    request<Attendance>('POST', `/api/meetings/${id(m)}/attendance`, body),
  addDocument: (m: string, body: unknown) =>
    request<unknown>('POST', `/api/meetings/${id(m)}/documents`, body),
  notifications: (signal?: AbortSignal) =>
    request<CellNotificationsResponse>('GET', '/api/cell/notifications?limit=50', undefined, signal),
  preferences: (signal?: AbortSignal) =>
    request<CellPreferences>('GET', '/api/cell/preferences', undefined, signal),
  setPreferences: (body: CellPreferences) => request<CellPreferences>('PUT', '/api/cell/preferences', body),
};
