/** The phases part of the HTTP contract; shapes mirror the server's presenters in routes/phases/views.ts. */
import { request } from '../api.ts';

export interface PhaseRecord {
  readonly seq: number;
  readonly phase: string;
  readonly from: string | null;
  readonly since: string;
  readonly decidedBy: string;
  readonly nation: string;
  readonly authority: string;
  readonly recordedAt: string;
  readonly override: { readonly reason: string; readonly bypassed: readonly string[] } | null;
  readonly evaluations: readonly {
    readonly rule: string;
    readonly version: number;
    readonly asOf: string;
    readonly pass: boolean;
    readonly failing: readonly string[];
  }[];
  readonly releasability: string;
}

export interface PhasesResponse {
  readonly current: PhaseRecord | null;
  readonly phase: string;
  readonly allowedNext: readonly string[];
  readonly timeline: readonly PhaseRecord[];
  readonly guards: Readonly<Record<string, readonly string[]>>;
}

export interface ChartDay {
  readonly date: string;
  readonly count: number;
  readonly monitored: boolean;
  readonly incidentIds: readonly string[];
}

export interface SectorRow {
  readonly sector: string;
  readonly status: 'holding' | 'fragile' | 'broken';
  readonly reasons: readonly string[];
  readonly streakDays: number | null;
  readonly rules: readonly {
    readonly rule: string;
    readonly version: number;
    readonly pass: boolean;
    readonly explanation: string;
    readonly firstPassDate: string;
    readonly breakingDate: string | null;
    readonly incidentIds: readonly string[];
  }[];
  readonly series: readonly ChartDay[];
  readonly history: readonly { readonly asOf: string; readonly status: string }[];
}

export interface BoardResponse {
  readonly asOf: string;
  readonly phase: string;
  readonly chart: {
    readonly rule: string;
    readonly version: number;
    readonly limit: number;
    readonly windowDays: number;
    readonly counts: string;
  } | null;
  readonly rules: readonly {
    readonly id: string;
    readonly version: number;
    readonly text: string;
    readonly pass: boolean;
    readonly firstPassDate: string;
    readonly deployment: boolean;
  }[];
  readonly sectors: readonly SectorRow[];
}

export interface Blocker {
  readonly kind: string;
  readonly reason: string;
  readonly waitingFor: string | null;
}

export interface Order {
  readonly id: string;
  readonly offerId: string;
  readonly nation: string;
  readonly quantity: number;
  readonly regionCode: string;
  readonly lineOfEffort: string;
  readonly role: string;
  readonly sector: string;
  readonly state: 'draft' | 'ready_on_gate' | 'issued' | 'refused';
  readonly gate: 'issuable' | 'ready_on_gate' | 'refused';
  readonly reasons: readonly string[];
  readonly override: { readonly reason: string } | null;
  readonly draftedBy: string;
  readonly draftedAt: string;
  readonly issuedBy: string | null;
  readonly issuedAt: string | null;
  readonly releasability: string;
  readonly live: {
    readonly status: string;
    readonly message: string;
    readonly blockers: readonly Blocker[];
  } | null;
}

export interface OrdersResponse {
  readonly asOf: string;
  readonly phase: string;
  readonly orders: readonly Order[];
}

export interface Notification {
  readonly id: number;
  readonly at: string;
  readonly kind: string;
  readonly message: string;
  readonly orderId: string | null;
  readonly releasability: string;
}

export interface Failure {
  readonly rule: string;
  readonly version: number;
  readonly sector: string;
  readonly explanation: string;
  readonly breakingDate: string | null;
  readonly incidentIds: readonly string[];
  readonly firstPassDate: string;
}

export interface DeploymentGate {
  readonly asOf: string;
  readonly phase: string;
  readonly open: boolean;
  readonly steps: readonly {
    readonly phase: string;
    readonly rules: readonly {
      readonly id: string;
      readonly version: number;
      readonly pass: boolean;
      readonly firstPassDate: string;
    }[];
    readonly failures: readonly Failure[];
    readonly policyProblems: readonly string[];
    readonly earliest: string | null;
  }[];
  readonly sectors: readonly {
    readonly sector: string;
    readonly status: string;
    readonly reasons: readonly string[];
  }[];
  readonly mandates: readonly {
    readonly offerId: string;
    readonly nation: string;
    readonly status: string;
    readonly body: string | null;
    readonly orders: readonly string[];
  }[];
  readonly orders: readonly {
    readonly id: string;
    readonly status: string;
    readonly blockers: readonly Blocker[];
  }[];
  readonly noSectors: boolean;
}

export interface Breach {
  readonly id: string;
  readonly rule: string;
  readonly sector: string;
  readonly asOf: string;
  readonly detectedAt: string;
  readonly explanation: string;
  readonly proposedRung: {
    readonly title: string;
    readonly nations: readonly string[];
    readonly respondWithinHours: number;
  } | null;
  readonly responses: readonly {
    readonly rungId: string;
    readonly decidedAt: string;
    readonly decidedBy: string;
  }[];
  readonly elapsedHours: number | null;
  readonly withinCommitment: boolean | null;
}

/** Calls of the phases pages. */
export const phasesApi = {
  phases: (signal?: AbortSignal) => request<PhasesResponse>('GET', '/api/phases', undefined, signal),
  board: (asOf: string | null, signal?: AbortSignal) =>
    request<BoardResponse>(
      'GET',
      `/api/phases/sectors?days=30${asOf ? `&asOf=${asOf}` : ''}`,
      undefined,
      signal,
    ),
  orders: (signal?: AbortSignal) => request<OrdersResponse>('GET', '/api/orders', undefined, signal),
  notifications: (signal?: AbortSignal) =>
    request<{ notifications: readonly Notification[] }>('GET', '/api/notifications', undefined, signal),
  gate: (signal?: AbortSignal) =>
    request<DeploymentGate>('GET', '/api/phases/deployment-gate', undefined, signal),
  breaches: (signal?: AbortSignal) =>
    request<{ breaches: readonly Breach[] }>('GET', '/api/phases/breaches', undefined, signal),
  issue: (id: string, override?: string) =>
    request<Order>(
      'POST',
      `/api/orders/${encodeURIComponent(id)}/issue`,
      override ? { override: { reason: override } } : {},
    ),
};

/** "ceasefire_holding" → "Ceasefire holding". */
export function phaseName(phase: string): string {
  const text = phase.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
