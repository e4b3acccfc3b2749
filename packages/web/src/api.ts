/**
 * The HTTP contract the browser speaks, and one fetch wrapper that sends the CSRF token on
 * writes and turns the server's error envelope into an ApiError.
 *
 * These shapes mirror the server's presenters. They live here until `@guarantor/core`
 * exports the presented types; then this file should import them instead.
 */
import type { FeatureCollection, Geometry, Point } from 'geojson';

/** The signed-in user as the server presents it. */
export interface User {
  readonly id: string;
  readonly username: string;
  readonly nation: string;
  readonly nationName: string;
  readonly roles: readonly string[];
}

/** A session: the user plus the token every non-GET request must echo. */
export interface Session {
  readonly user: User;
  readonly csrfToken: string;
}

export type DelegationLevel = 'head_of_state_or_government' | 'minister' | 'ambassador' | 'official';

/** A region a nation leads, on one line of effort. */
export interface Lead {
  readonly regionCode: string;
  readonly regionName: string;
  readonly lineOfEffort: string;
}

/** A coalition nation and its delegation. */
export interface Nation {
  readonly iso3: string;
  readonly name: string;
  readonly delegationLevel: DelegationLevel;
  readonly delegationHead: string | null;
  readonly role: string | null;
  readonly illustrative: boolean;
  readonly releasability: string;
  readonly offerCount: number;
  readonly leads: readonly Lead[];
}

export interface NationsResponse {
  readonly nations: readonly Nation[];
  readonly summary: { readonly nations: number; readonly ledByHeads: number };
}

export interface Caveat {
  readonly kind: string;
  readonly text: string;
}

/** One national offer of a capability. */
export interface Offer {
  readonly id: string;
  readonly nation: string;
  readonly capability: string;
  readonly capabilityLabel: string;
  readonly quantity: number;
  readonly unit: string;
  readonly daysToDeploy: number | null;
  readonly durationDays: number | null;
  readonly readiness: string;
  readonly lifecycle: string;
  readonly caveats: readonly Caveat[];
  readonly description: string;
  readonly illustrative: boolean;
  readonly releasability: string;
}

export interface Mission {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly role: string;
  readonly description: string;
  readonly condition: string | null;
}

export interface NationResponse {
  readonly nation: Nation;
  readonly offers: readonly Offer[];
  readonly missions: readonly Mission[];
}

/** Properties of one first-level unit of Ukraine on the map. */
export interface RegionProperties {
  readonly code: string;
  readonly nameEn: string;
  readonly nameUk: string;
  readonly leadNation: string | null;
  readonly leadNationName: string | null;
  readonly linesOfEffort: readonly string[];
  /** Two nations claim the lead of this unit on the shown line of effort. */
  readonly contested?: boolean;
}

export interface NeighbourProperties {
  readonly name: string;
  readonly iso3: string;
}

export interface HubProperties {
  readonly id: string;
  readonly name: string;
  readonly nations: readonly string[];
  readonly sidc: string;
  readonly kind: string;
  readonly description: string;
  readonly releasability: string;
}

export type Regions = FeatureCollection<Geometry, RegionProperties>;
export type Neighbours = FeatureCollection<Geometry, NeighbourProperties>;
export type Hubs = FeatureCollection<Point, HubProperties>;

/** An error the server reported, or a failure to reach it (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorEnvelope {
  error?: { code?: string; message?: string; field?: string; requestId?: string };
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

/** One JSON request to the API; feature modules build their clients on it. */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'Cannot reach the Guarantor server. Check that it is running.');
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
};
