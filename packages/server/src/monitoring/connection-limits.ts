/** How many connections a TCP service keeps, and how long a CoT sender has to finish an event. */
export interface ConnectionLimits {
  /** Connections held at once, from all addresses together. */
  readonly maxConnections: number;
  /** Connections held at once from one address (devices behind one NAT share one). */
  readonly maxPerAddress: number;
  /**
   * A CoT sender must complete an event within this of connecting or of its previous event,
   * or it is disconnected. Partial bytes do not extend it: a sender that dribbles a byte a
   * minute is closed as surely as a silent one. TAK clients send pings and their own
   * position well within the default, and reconnect on their own.
   */
  readonly eventTimeoutMs: number;
}

/** The defaults `guarantor serve` runs with (COT_MAX_CONNECTIONS and the rest override them). */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 512,
  maxPerAddress: 16,
  eventTimeoutMs: 5 * 60 * 1000,
};

/** Why a connection was refused, for the log. */
export type Refusal = 'total' | 'per_address';

/**
 * Counts open connections in all and per address. `admit` either takes a place and returns
 * the function that gives it back (call it once, on close), or says which cap refused it.
 */
export class ConnectionLimiter {
  readonly #byAddress = new Map<string, number>();
  #total = 0;

  private readonly limits: Pick<ConnectionLimits, 'maxConnections' | 'maxPerAddress'>;
  constructor(limits: Pick<ConnectionLimits, 'maxConnections' | 'maxPerAddress'>) {
    this.limits = limits;
  }

  admit(address: string): { readonly release: () => void } | { readonly refused: Refusal } {
    // An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d; it is the same address.
    const key = address.startsWith('::ffff:') ? address.slice(7) : address;
    const held = this.#byAddress.get(key) ?? 0;
    if (this.#total >= this.limits.maxConnections) return { refused: 'total' };
    if (held >= this.limits.maxPerAddress) return { refused: 'per_address' };
    this.#byAddress.set(key, held + 1);
    this.#total++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#total--;
        const left = (this.#byAddress.get(key) ?? 1) - 1;
        if (left === 0) this.#byAddress.delete(key);
        else this.#byAddress.set(key, left);
      },
    };
  }

  /** Connections held now. */
  get size(): number {
    return this.#total;
  }
}
