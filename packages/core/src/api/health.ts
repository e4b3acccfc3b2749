/** Liveness and readiness as the API presents them. */

/** GET /healthz: the process answers. */
export interface Live {
  readonly status: 'ok';
}

/** GET /readyz: the database answers too, and which engine it is. */
export interface Ready {
  readonly status: 'ready';
  readonly engine: 'pglite' | 'postgres';
}
