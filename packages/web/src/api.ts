/**
 * The browser's client of the HTTP API: one fetch wrapper that sends the CSRF token on writes
 * and turns the server's error envelope into an ApiError. The shapes it returns are the
 * server's presented types, from `@guarantor/core/api`.
 */
import type {
  BaseMap,
  Hubs,
  NationResponse,
  NationsResponse,
  Neighbours,
  Places,
  Regions,
  Session,
  Units,
} from '@guarantor/core/api';
import { currentLanguage, i18n } from './i18n/index.ts';

/** An error the server reported, or a failure to reach it (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly requestId?: string;
  /** The server's structured particulars (a zone file's every problem, a rule error's line and column). */
  readonly details?: unknown;
  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    requestId?: string,
    details?: unknown,
  ) {
    super(message);
    this.details = details;
    this.status = status;
    this.code = code;
    this.field = field;
    this.requestId = requestId;
    this.name = 'ApiError';
  }
}

interface ErrorEnvelope {
  error?: { code?: string; message?: string; field?: string; requestId?: string; details?: unknown };
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Remember the token from login or /api/session; every write sends it back. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request that needed a session got a 401 (the session expired). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** One request to the API (a JSON body, or a file as a Blob); feature modules build their clients on it. */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  // The server words its refusals in the user's chosen language (their account's, else this one).
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLanguage(),
  };
  // A file (a Blob) goes as it is, typed by the browser (text/csv, application/json …).
  const file = typeof Blob !== 'undefined' && body instanceof Blob;
  if (body !== undefined)
    headers['content-type'] = file ? body.type || 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : file ? (body as Blob) : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', i18n.t('common:error.unreachable'));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    const error = (parsed as ErrorEnvelope | null)?.error;
    const apiError = new ApiError(
      response.status,
      error?.code ?? `http.${response.status}`,
      error?.message ?? `The server answered ${response.status} ${response.statusText}.`,
      error?.field,
      error?.requestId,
      error?.details,
    );
    if (response.status === 401 && !path.startsWith('/api/auth/') && path !== '/api/session') {
      onUnauthorized?.();
    }
    throw apiError;
  }
  return parsed as T;
}

/** The browser's view of the Guarantor HTTP API. */
export const api = {
  login: (username: string, password: string) =>
    request<Session>('POST', '/api/auth/login', { username, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  session: () => request<Session>('GET', '/api/session'),
  nations: (signal?: AbortSignal) => request<NationsResponse>('GET', '/api/nations', undefined, signal),
  nation: (iso3: string, signal?: AbortSignal) =>
    request<NationResponse>('GET', `/api/nations/${encodeURIComponent(iso3)}`, undefined, signal),
  regions: (lineOfEffort: string, signal?: AbortSignal) =>
    request<Regions>(
      'GET',
      `/api/map/regions?lineOfEffort=${encodeURIComponent(lineOfEffort)}`,
      undefined,
      signal,
    ),
  neighbours: (signal?: AbortSignal) => request<Neighbours>('GET', '/api/map/neighbours', undefined, signal),
  hubs: (signal?: AbortSignal) => request<Hubs>('GET', '/api/hubs', undefined, signal),
  places: (signal?: AbortSignal) => request<Places>('GET', '/api/map/places', undefined, signal),
  /** The 27 units' outlines and names, without leads (static reference data). */
  units: (signal?: AbortSignal) => request<Units>('GET', '/api/map/units', undefined, signal),
  /** The server's base map (BASEMAP_PMTILES), or `configured: false`. */
  basemap: (signal?: AbortSignal) => request<BaseMap>('GET', '/api/basemap', undefined, signal),
};
