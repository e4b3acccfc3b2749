/** The public transparency page (no login; PUBLIC records only, ADR 0033). */

/** Promised and delivered in euros for one donor or one sector. */
export interface PublicMoneyRow {
  /** A donor code, a DAC sector code, or a Kiel category (`category:military`). */
  readonly key: string;
  readonly name: string;
  readonly promised: string;
  readonly delivered: string;
  /** delivered / promised to four decimals; null when nothing is promised. */
  readonly ratio: string | null;
  readonly flows: number;
}

/** One sector's ceasefire standing and its daily verified violation counts. */
export interface PublicSector {
  readonly sector: string;
  readonly name: string;
  /** holding | fragile | broken; null when no released rule judges it. */
  readonly status: 'holding' | 'fragile' | 'broken' | null;
  readonly statusWords: string;
  readonly days: {
    readonly date: string;
    readonly verifiedViolations: number;
    readonly monitored: boolean;
  }[];
}

/** The whole page's data. */
export interface TransparencyResponse {
  readonly asOf: string;
  readonly currency: 'EUR';
  readonly byDonor: PublicMoneyRow[];
  readonly bySector: PublicMoneyRow[];
  /** Sums with no loaded rate for their day: left out of the euro figures, never guessed. */
  readonly unconverted: number;
  readonly phase: string | null;
  readonly rulesReleased: number;
  readonly sectors: PublicSector[];
  readonly patrols: {
    readonly missions: {
      readonly id: string;
      readonly name: string;
      readonly leadNation: string | null;
      readonly contributors: string[];
    }[];
    /** Released contributions per stage of their lifecycle. */
    readonly contributions: {
      readonly nation: string;
      readonly capability: string;
      readonly quantity: number;
      readonly unit: string;
      readonly lifecycle: string;
      readonly monitoring: boolean;
    }[];
    readonly monitoringTeamsDeployed: number;
    readonly monitoringTeamsOffered: number;
  };
}
