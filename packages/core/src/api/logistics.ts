/** Logistics (issue 17): route networks, route risk, convoy plans, crossings, checkpoints, corridors, hub inventories. */

/** A field-level note of an import. */
export interface NetworkProblemView {
  feature: number;
  field: string;
  reason: string;
}

/** A stored route network and its import report. */
export interface RouteNetworkView {
  id: string;
  name: string;
  kind: 'import' | 'demo';
  illustrative: boolean;
  toleranceM: number;
  nodes: number;
  segments: number;
  snapped: number;
  skipped: NetworkProblemView[];
  dropped3d: { feature: number; positions: number }[];
  pieces: { nodes: number; segments: number; features: number[] }[];
  /** Lines split where they crossed (or one ended on the other) without a shared end. */
  crossings: { features: [number, number]; position: [number, number]; kind: 'cross' | 'touch' }[];
  /** The report in sentences. */
  report: string[];
  createdBy: string;
  createdAt: string;
  releasability: string;
}

/** GET /api/logistics/networks. */
export interface RouteNetworks {
  networks: RouteNetworkView[];
}

/** POST /api/logistics/networks and /api/logistics/demo. */
export interface RouteNetworkSaved {
  network: RouteNetworkView;
}

/** A node of a network. */
export interface RouteNodeView {
  id: string;
  name: string | null;
  position: [number, number];
}

/** A segment with its risk score. */
export interface RouteSegmentView {
  id: string;
  from: string;
  to: string;
  name: string | null;
  lengthM: number;
  risk: number;
  coordinates: [number, number][];
}

/** GET /api/logistics/networks/:id. */
export interface RouteNetworkDetail {
  network: RouteNetworkView;
  nodes: RouteNodeView[];
  segments: RouteSegmentView[];
  /** The rule that scored the segments, in words. */
  rule: string;
  asOf: string;
}

/** One incident's share of a score. */
export interface RiskContributionView {
  incidentId: string;
  category: string;
  state: string;
  distanceM: number;
  weight: number;
}

/** GET /api/logistics/networks/:id/risk. */
export interface RouteRiskBoard {
  network: string;
  illustrative: boolean;
  asOf: string;
  radiusKm: number;
  days: number;
  rule: string;
  segments: {
    id: string;
    name: string | null;
    lengthM: number;
    score: number;
    incidents: RiskContributionView[];
  }[];
}

/** One leg of a convoy route. */
export interface ConvoyLegView {
  segmentId: string;
  name: string | null;
  from: string;
  to: string;
  lengthM: number;
  risk: number;
  enter: string;
  leave: string;
}

/** A route of a convoy plan. */
export interface ConvoyRouteView {
  nodes: string[];
  legs: ConvoyLegView[];
  lengthM: number;
  arrive: string;
  maxRisk: number;
  /** Waits at checkpoints reached outside their shifts, until they open (ISO times). */
  waits: {
    checkpointId: string;
    name: string;
    nodeId: string;
    arrive: string;
    leave: string;
    minutes: number;
  }[];
}

/** POST /api/logistics/networks/:id/plan. */
export interface ConvoyPlanView {
  network: string;
  illustrative: boolean;
  route: ConvoyRouteView | null;
  rejected: { route: ConvoyRouteView; reasons: string[]; avoid: string }[];
  tooRisky: { segmentId: string; risk: number }[];
  problem: string | null;
  /** The chosen route in sentences: each wait, and why waiting was chosen. */
  explanation: string[];
  /** The longest the convoy was allowed to wait in all (minutes). */
  maxWaitMin: number;
  rule: string;
}

/** A border crossing with its status. */
export interface BorderCrossingView {
  id: string;
  nameEn: string;
  nameUk: string | null;
  neighbour: string | null;
  position: [number, number];
  source: string;
  status: 'open' | 'restricted' | 'closed' | 'unknown';
  statusSince: string | null;
  history: {
    status: 'open' | 'restricted' | 'closed' | 'unknown';
    validFrom: string;
    note: string;
    recordedBy: string;
  }[];
  releasability: string;
}

/** GET /api/logistics/crossings. */
export interface BorderCrossings {
  at: string;
  crossings: BorderCrossingView[];
}

/** A checkpoint. */
export interface CheckpointView {
  id: string;
  name: string;
  position: [number, number];
  nodeId: string | null;
  nations: string[];
  shifts: { start: string; end: string; nation: string }[];
  status: 'open' | 'closed' | 'suspended';
  note: string;
  createdBy: string;
  updatedAt: string;
  releasability: string;
}

/** GET /api/logistics/checkpoints. */
export interface Checkpoints {
  checkpoints: CheckpointView[];
}

/** A corridor window with the incidents flagged during it. */
export interface CorridorWindowView {
  id: string;
  start: string;
  end: string;
  status: 'planned' | 'open' | 'closed' | 'suspended' | 'cancelled';
  note: string;
  held: boolean;
  flagged: { incidentId: string; category: string; distanceM: number; certain: boolean }[];
}

/** A corridor. */
export interface CorridorView {
  id: string;
  name: string;
  purpose: string;
  networkId: string;
  segmentIds: string[];
  guarantors: string[];
  windows: CorridorWindowView[];
  createdBy: string;
  releasability: string;
}

/** GET /api/logistics/corridors. */
export interface Corridors {
  watchRadiusM: number;
  corridors: CorridorView[];
}

/** A hub's logistics. */
export interface HubLogisticsView {
  hubId: string;
  protectionLevel: 'unprotected' | 'guarded' | 'hardened' | 'air_defended';
  capacityTonnes: number | null;
  supplies: string[];
  inventory: { equipmentClass: string; quantity: number }[];
}

/** GET /api/logistics/hubs. */
export interface HubsLogistics {
  hubs: HubLogisticsView[];
}
