/**
 * Observations this process has just stored, held for the fusion worker in the same process
 * so it need not read back from the database the report intake had in hand a moment before
 * (docs/adr/0060-fusion-takes-what-intake-stored.md). Keyed by storage key and seq: a newer
 * version of a report has a new seq, so an entry is only ever the version the queue names.
 * The database stays the source of truth: a row this process did not store (another
 * instance's intake, the command line's import, a restart) is read from it as before, and an
 * entry whose transaction rolled back names a seq that never reaches the queue; it ages out.
 */
import type { Observation } from '@guarantor/core/monitoring';
import type { Labelled } from '../schema.ts';

/** A stored version as fusion reads it: its raw observation and its label's columns. */
export interface FreshObservation {
  readonly raw: Observation;
  readonly label: Labelled;
}

/** The most entries held, and how long one is kept, whichever ends it first. */
const MOST_ENTRIES = 100_000;
const KEPT_MS = 60_000;

export class FreshObservations {
  readonly #entries = new Map<string, { readonly stored: FreshObservation; readonly atMs: number }>();
  readonly #now: () => number;
  /** Only a leading worker reads these: a standby's would age out unread. */
  #holding = false;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Whether to hold what intake stores (the worker leads); letting go forgets everything held. */
  hold(holding: boolean): void {
    this.#holding = holding;
    if (!holding) this.#entries.clear();
  }

  /** `raw` is the observation exactly as stored in `observation.raw` (its uid the storage key). */
  remember(uid: string, seq: number, stored: FreshObservation): void {
    if (!this.#holding) return;
    const now = this.#now();
    this.#entries.set(keyOf(uid, seq), { stored, atMs: now });
    // Oldest first (a Map keeps insertion order): drop what is too many or too old.
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= MOST_ENTRIES && now - entry.atMs <= KEPT_MS) break;
      this.#entries.delete(key);
    }
  }

  /** The stored observation of this version, once: it is forgotten as it is taken. */
  take(uid: string, seq: number): FreshObservation | undefined {
    const key = keyOf(uid, seq);
    const entry = this.#entries.get(key);
    if (entry) this.#entries.delete(key);
    return entry?.stored;
  }

  get size(): number {
    return this.#entries.size;
  }
}

function keyOf(uid: string, seq: number): string {
  return `${seq}\u0000${uid}`;
}
