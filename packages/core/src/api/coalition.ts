/** Nations, their offers and missions as the API presents them. */

/** How senior a nation's delegation is. */
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
  readonly source: string | null;
  readonly releasability: string;
  readonly offerCount: number;
  readonly leads: Lead[];
}

/** GET /api/nations. */
export interface NationsResponse {
  readonly nations: Nation[];
  readonly summary: { readonly nations: number; readonly ledByHeads: number };
}

/** A caveat as a sentence. */
export interface CaveatText {
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
  readonly daysToDeploy: number;
  readonly durationDays: number | null;
  readonly readiness: string;
  readonly lifecycle: string;
  readonly caveats: CaveatText[];
  readonly description: string;
  readonly missionId: string | null;
  readonly illustrative: boolean;
  readonly source: string | null;
  readonly version: number;
  readonly releasability: string;
}

/** GET /api/offers. */
export interface OffersResponse {
  readonly offers: Offer[];
}

/** An offer with its caveats as data too, for forms that edit them. */
export interface OfferDetail extends Offer {
  readonly caveatData: Record<string, unknown>[];
}

/** GET /api/offers/:id/history: the offer, its readiness steps and its releases. */
export interface OfferHistory {
  readonly offer: OfferDetail;
  readonly readiness: {
    readonly from: string | null;
    readonly to: string;
    readonly at: string;
    readonly actor: string | null;
    readonly note?: string;
  }[];
  readonly releases: {
    readonly fromLabel: string;
    readonly toLabel: string;
    readonly at: string;
    readonly actor: string | null;
  }[];
}

/** A mission a nation leads or joins. */
export interface Mission {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly leadNation: string | null;
  readonly contributors: string[];
  readonly role: string | null;
  readonly condition: string | null;
  readonly description: string;
  readonly illustrative: boolean;
  readonly source: string | null;
  readonly releasability: string;
}

/** GET /api/nations/:iso3. */
export interface NationResponse {
  readonly nation: Nation;
  readonly offers: Offer[];
  readonly missions: Mission[];
}
