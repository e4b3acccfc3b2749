/** Liveness and readiness as the API presents them. */

/** GET /healthz: the process answers. */
export interface Live {
  readonly status: 'ok';
}

/** GET /readyz: the database answers too, and which engine it is. */
export interface Ready {
  readonly status: 'ready';
  readonly engine: 'pglite' | 'postgres';
  /**
   * This instance's fusion worker: whether it leads, and how far behind intake it is
   * (observations committed lagMs ago may not be on the map yet; 0 when caught up). Absent
   * while the worker is not running.
   */
  readonly fusion?: FusionLag;
}

/** How far fusion is behind intake. */
export interface FusionLag {
  readonly role: 'leader' | 'standby' | 'stopped';
  readonly lagMs: number;
}
