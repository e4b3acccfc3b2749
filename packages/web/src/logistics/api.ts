/** The logistics part of the HTTP client (issue 17): networks, route risk, convoy plans, crossings, checkpoints, corridors, hubs. */
import type {
  BorderCrossings,
  Checkpoints,
  ConvoyPlanView,
  Corridors,
  Created,
  HubsLogistics,
  RouteNetworkDetail,
  RouteNetworkSaved,
  RouteNetworks,
  RouteRiskBoard,
} from '@guarantor/core/api';
import { request } from '../api.ts';

const e = encodeURIComponent;

/** What a convoy plan asks. */
export interface PlanAsk {
  readonly from: string;
  readonly to: string;
  readonly maxRisk: number;
  readonly depart: string;
  readonly speedKmh: number;
  /** The longest the convoy may wait, in all, at checkpoints outside their shifts (minutes). */
  readonly maxWaitMin: number;
}

export const logisticsApi = {
  networks: (signal?: AbortSignal) =>
    request<RouteNetworks>('GET', '/api/logistics/networks', undefined, signal),
  network: (id: string, signal?: AbortSignal) =>
    request<RouteNetworkDetail>('GET', `/api/logistics/networks/${e(id)}`, undefined, signal),
  risk: (id: string, signal?: AbortSignal) =>
    request<RouteRiskBoard>('GET', `/api/logistics/networks/${e(id)}/risk`, undefined, signal),
  importLayer: (name: string, toleranceM: number, layer: unknown, releasability: string) =>
    request<RouteNetworkSaved>('POST', '/api/logistics/networks', { name, toleranceM, layer, releasability }),
  demo: () => request<RouteNetworkSaved>('POST', '/api/logistics/demo', {}),
  plan: (id: string, ask: PlanAsk) =>
    request<ConvoyPlanView>('POST', `/api/logistics/networks/${e(id)}/plan`, ask),
  crossings: (signal?: AbortSignal) =>
    request<BorderCrossings>('GET', '/api/logistics/crossings', undefined, signal),
  crossingStatus: (id: string, status: string, validFrom: string, note: string) =>
    request<{ ok: true }>('POST', `/api/logistics/crossings/${e(id)}/status`, { status, validFrom, note }),
  checkpoints: (signal?: AbortSignal) =>
    request<Checkpoints>('GET', '/api/logistics/checkpoints', undefined, signal),
  addCheckpoint: (body: {
    name: string;
    nodeId: string;
    nations: string[];
    shifts: { start: string; end: string; nation: string }[];
  }) => request<Created>('POST', '/api/logistics/checkpoints', body),
  checkpointStatus: (id: string, status: string) =>
    request<{ ok: true }>('PATCH', `/api/logistics/checkpoints/${e(id)}`, { status }),
  corridors: (signal?: AbortSignal) =>
    request<Corridors>('GET', '/api/logistics/corridors', undefined, signal),
  addWindow: (id: string, start: string, end: string) =>
    request<Created>('POST', `/api/logistics/corridors/${e(id)}/windows`, { start, end }),
  windowStatus: (id: string, windowId: string, status: string) =>
    request<{ ok: true }>('PATCH', `/api/logistics/corridors/${e(id)}/windows/${e(windowId)}`, { status }),
  hubs: (signal?: AbortSignal) => request<HubsLogistics>('GET', '/api/logistics/hubs', undefined, signal),
  setHub: (
    id: string,
    body: {
      protectionLevel: string;
      capacityTonnes: number | null;
      supplies: string[];
      inventory: { equipmentClass: string; quantity: number }[];
    },
  ) => request<{ ok: true }>('PUT', `/api/logistics/hubs/${e(id)}`, body),
};
