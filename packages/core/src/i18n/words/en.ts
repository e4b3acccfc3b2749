/**
 * English: the sentences core and the server write for the web to show as given (the lead
 * matrix, a plan's explanations, the convoy planner's reasons), under the `words` namespace.
 * The English templates give, byte for byte, what the functions wrote before they took a
 * language (ADR 0052). Every key here is in uk.ts and fr.ts (i18n.test.ts checks).
 */
export const en = {
  /** Amounts of a capability's unit; units the catalogue does not know fall back to English. */
  unit: {
    team_one: '{{n}} team',
    team_other: '{{n}} teams',
    battalion_one: '{{n}} battalion',
    battalion_other: '{{n}} battalions',
    battery_one: '{{n}} battery',
    battery_other: '{{n}} batteries',
    company_one: '{{n}} company',
    company_other: '{{n}} companies',
    detachment_one: '{{n}} detachment',
    detachment_other: '{{n}} detachments',
    flight_one: '{{n}} flight',
    flight_other: '{{n}} flights',
    hospital_one: '{{n}} hospital',
    hospital_other: '{{n}} hospitals',
    hub_one: '{{n}} hub',
    hub_other: '{{n}} hubs',
    mission_one: '{{n}} mission',
    mission_other: '{{n}} missions',
    package_one: '{{n}} package',
    package_other: '{{n}} packages',
    vessel_one: '{{n}} vessel',
    vessel_other: '{{n}} vessels',
    million: '{{currency}} {{n}} million',
    billion: '{{currency}} {{n}} billion',
    thousand: '{{currency}} {{n}} thousand',
  },
  capability: {
    monitoring_team: 'monitoring team',
    infantry_battalion: 'infantry battalion',
    engineer_company: 'engineer company',
    demining_company: 'demining company',
    air_policing_flight: 'air-policing flight',
    mcm_vessel: 'mine-countermeasures vessel',
    uav_reconnaissance: 'UAV reconnaissance',
    air_defence_battery: 'air-defence battery',
    field_hospital: 'field hospital',
    logistics_hub: 'logistics hub',
    training_mission: 'training mission',
    funding: 'funding',
    equipment: 'equipment',
  },
  lineOfEffort: {
    truce_monitoring: 'truce monitoring',
    reassurance_force: 'reassurance force',
    air_policing: 'air policing',
    maritime_security: 'maritime security',
    demining: 'demining',
    training_regeneration: 'training and regeneration',
    logistics_hubs: 'logistics hubs and equipment protection',
    supply_line_security: 'supply-line security',
    civilian_protection: 'civilian protection',
    critical_infrastructure: 'critical infrastructure',
    reconstruction: 'reconstruction',
  },
  /** Regions that are neither a unit of Ukraine (reference data) nor a nation (Intl). */
  region: { BLACK_SEA: 'Black Sea', UA_AIRSPACE: 'Ukrainian airspace' },
  role: {
    monitoring: 'monitoring',
    training: 'training',
    deterrence: 'deterrence',
    logistics: 'logistics',
    air: 'air',
    maritime: 'maritime',
  },
  /** Where an incident lies (nearestInWords, presentWhere). */
  where: {
    near: '{{km}} km {{direction}} of {{place}}',
    nearVowel: '{{km}} km {{direction}} of {{place}}',
    in: 'in {{place}}',
    inVowel: 'in {{place}}',
    direction: {
      north: 'north',
      'north-east': 'north-east',
      east: 'east',
      'south-east': 'south-east',
      south: 'south',
      'south-west': 'south-west',
      west: 'west',
      'north-west': 'north-west',
    },
    inSector: 'in sector {{name}}',
    noSector: 'in no monitoring sector you may see',
    inside: 'inside {{zones}}',
    joiner: '; ',
  },
  /** Why a month's line of a sustainment plan cannot be drafted as an order (sustainment-orders.ts). */
  sustainmentLine: {
    withdrawn: 'offer {{offer}} is withdrawn or no longer one you may see',
    shrunk: 'offer {{offer}} now holds {{holds}}; the plan puts {{planned}} there',
    noSector: 'region {{regionName}} ({{region}}) lies in no monitoring sector you may see',
    noRole: 'a {{capabilityName}} fills none of the roles of {{lineName}}',
  },
  /** A route network's import report (describeNetworkReport; English is written there as always). */
  networkReport: {
    read_one:
      '{{features}} feature read: {{segments}} segments between {{nodes}} nodes (ends within {{tolerance}} m joined).',
    read_other:
      '{{features}} features read: {{segments}} segments between {{nodes}} nodes (ends within {{tolerance}} m joined).',
    snapped_one: '{{ends}} line end moved onto a node within the tolerance.',
    snapped_other: '{{ends}} line ends moved onto a node within the tolerance.',
    crossed: 'Features {{a}} and {{b}} crossed without a shared end: both split at {{at}} and joined there.',
    touched:
      'Features {{a}} and {{b}}: one ends on the other without a shared end: split at {{at}} and joined there.',
    dropped3d_one: 'Feature {{feature}}: the third coordinate (elevation) of {{positions}} position dropped.',
    dropped3d_other:
      'Feature {{feature}}: the third coordinate (elevation) of {{positions}} positions dropped.',
    skipped: 'Feature {{feature}}, {{field}}: skipped: {{reason}}.',
    disconnected_one:
      'Disconnected: features {{features}} ({{segments}} segment) are not joined to the main network; raise the tolerance or add the missing link.',
    disconnected_other:
      'Disconnected: features {{features}} ({{segments}} segments) are not joined to the main network; raise the tolerance or add the missing link.',
    illustrative:
      'ILLUSTRATIVE: straight segments between real places (cities, ports, airports, open border crossings), not roads.',
  },
  /** An action the breach ladder raised (its stored English: db cellwork/notify.ts). */
  breachAction: {
    title: '{{rung}}: respond to the breach of rule {{rule}} in {{sector}} ({{date}})',
  },
  /** Why a phase decision would be refused (the transition preview; English as written before). */
  transitionPreview: {
    future: 'the decision date {{date}} is in the future (today is {{today}})',
    beforePhase: 'the decision date {{date}} is before the current phase began ({{phase}} since {{since}})',
    policyUnknown:
      'the guard policy for {{target}} names rules that are unknown, retired or no longer valid ({{rules}}); fix the policy or the rules first',
    noSectors: 'monitoring knows no sector yet, so no rule can show the ceasefire holding',
    failsIn: "rule '{{rule}}' fails in sector {{sector}} ({{why}})",
  },
  readiness: { pledged: 'pledged', assessed: 'assessed', aligned: 'aligned', rapid: 'rapid' },
  mandate: { none: 'none', pending: 'pending', granted: 'granted', refused: 'refused' },
  /** The lead matrix's flags (flagInWords) and offers (offerInWords). */
  lead: {
    offer: '{{what}}, {{amount}} ({{nation}})',
    where: '{{line}} in {{region}}',
    amountOf: '{{amount}} of {{what}}',
    gap: '{{where}} needs {{amount}} and has {{has}} (requirement {{id}}).',
    gapNone: '{{where}} needs {{amount}} and has none (requirement {{id}}).',
    noLead: 'No nation claims the lead of {{where}}.',
    conflict: '{{nations}} each claim the lead of {{where}}; the cell staff choose one.',
    forbidden:
      '{{nation}} claims the lead of {{where}}, but its caveats forbid every offer it made there: {{why}}{{more}}.',
    forbiddenWhy: '{{offer}} {{violation}}',
    offerId: 'offer {{id}}',
    noReason: 'no reason was recorded',
    moreForbidden_one: '; {{count}} other offer is forbidden too',
    moreForbidden_other: '; {{count}} other offers are forbidden too',
    contributesNothing: '{{nation}} claims the lead of {{where}} but contributes no units to it in the plan.',
  },
  /** A broken caveat as a phrase about the offer (violationInWords). */
  caveat: {
    allowedRegions: 'serves only in {{regions}}, not in {{here}}',
    excludedRegions: 'may not serve in {{here}}',
    outsideUkraineOnly: 'serves only outside Ukraine, and {{here}} is inside',
    minDistance: 'keeps at least {{km}} km from the line of contact, and {{here}} is {{distance}} km from it',
    minDistanceUnknown:
      'keeps at least {{km}} km from the line of contact, and the distance of {{here}} is not known',
    rolesAllowed: 'serves only as {{roles}}, not as {{role}}',
    or: ' or ',
    nationalMandate: 'needs a national mandate, which is {{status}}',
    nationalMandateBody: 'needs a national mandate ({{body}}), which is {{status}}',
    participation: 'serves only while {{nation}} takes part, and {{nation}} does not',
    validUntil: 'was offered until {{date}}',
  },
  /** Why an offer did not (fully) serve a requirement (refusalInWords). */
  refusal: {
    joiner: '; ',
    withdrawn: 'has been withdrawn',
    tooSlow: 'needs {{days}} days to deploy; this requirement needs it within {{within}}',
    notReady: 'is only {{readiness}}, below the readiness the plan needs',
    wentTo: '{{requirement}}, priority {{priority}}: {{amount}}',
    gaveAll: 'gave all it has here ({{amount}})',
    gaveSome: 'gave {{amount}} here; the rest went to {{went}}',
    unused: '{{amount}} that could serve here (a plan cut short by its time limit can leave some)',
  },
  /** A plan's unmet requirement, in names (the explanation route). */
  plan: {
    requirement: '{{what}} in {{region}} ({{id}})',
    metInFull: 'met in full',
    shortfall: '{{id}}: {{allocated}} of {{required}} {{what}} in {{region}} ({{line}}); {{offers}}',
    noOffer: 'no offer of this capability exists',
    offers: 'offers: {{parts}}',
    partsJoiner: ', ',
    caveat: '{{count}} refused by caveats',
    readiness: '{{count}} not ready in time',
    capacity: '{{count}} used elsewhere',
    unused: '{{count}} left unused',
  },
  /** What became of a lead claim (the planner writes these in codes; kept for other languages' parity). */
  claim: {
    where: '{{region}} / {{line}}',
    honoured: '{{nation}} leads {{where}} as it claimed, delivering {{share}} of the cell',
    unrequired:
      '{{nation}} claims {{where}}, but no requirement asks for anything there yet: nothing to lead',
    forbidden: '{{nation}} claims {{where}} but cannot lead it: {{refusal}}{{other}}',
    forbiddenNone:
      '{{nation}} claims {{where}} but offers none of the capabilities the cell requires{{other}}',
    short:
      '{{nation}} claims {{where}} but could deliver at most {{reach}} of it; a lead must deliver {{minShare}}{{other}}',
    rival:
      "{{nation}} and {{lead}} both claim {{where}}; the plan chose {{lead}}, which delivers {{leadShare}} against {{nation}}'s {{share}}",
    outweighed:
      "{{nation}} claims {{where}} and could reach {{minShare}}, but at the plan's coverage it delivers {{share}}: its units serve requirements or claimed leads that weigh more{{other}}",
    otherLead: '; {{lead}} leads it with {{share}}',
    noLead: '; the cell has no lead',
    offerRefusal: '{{offer}} {{why}}',
  },
  /** What changed between two plans (diffPlans). */
  diff: {
    planStatus: 'status {{before}} → {{after}}',
    status: { optimal: 'optimal', time_limited: 'time_limited', heuristic: 'heuristic', greedy: 'greedy' },
    coverage: 'coverage {{before}} → {{after}}',
    requirement: '{{id}}: {{before}} → {{after}} units',
    lead: 'lead of {{region}} / {{line}}: {{before}} → {{after}}',
    none: 'none',
    allocation: 'offer {{offer}} to {{requirement}}: {{before}} → {{after}}',
  },
  /** A sustainment plan's short spans, cliffs and reasons (core/planning/sustainment). */
  sustainment: {
    summary: '{{requirement}} has {{amount}} of {{required}} {{when}}: {{why}}.',
    inMonth: 'in {{month}}',
    fromTo: 'from {{from}} to {{to}}',
    noNation: 'no nation offers this capability',
    countsJoiner: ', ',
    kind: {
      caveat_one: '{{count}} offer forbidden by caveats',
      caveat_other: '{{count}} offers forbidden by caveats',
      readiness_one: '{{count}} offer not ready in time',
      readiness_other: '{{count}} offers not ready in time',
      capacity_one: '{{count}} offer fully used elsewhere',
      capacity_other: '{{count}} offers fully used elsewhere',
      unused_one: '{{count}} offer left with units spare',
      unused_other: '{{count}} offers left with units spare',
      not_yet_one: '{{count}} offer not yet available',
      not_yet_other: '{{count}} offers not yet available',
      mandate_one: '{{count}} offer past their mandate',
      mandate_other: '{{count}} offers past their mandate',
      duration_one: '{{count}} offer past their committed duration',
      duration_other: '{{count}} offers past their committed duration',
      rotation_one: '{{count}} offer out of rotations',
      rotation_other: '{{count}} offers out of rotations',
    },
    cliff: 'In {{month}} {{why}}: {{losses}}. {{fill}}.',
    mandateEnd:
      'the national mandate of {{nation}} ends ({{ends}}), and the plan does not count on its renewal',
    mandateEndNoRenewal: 'the national mandate of {{nation}} ends ({{ends}}) with no renewal expected',
    mandateRenewal:
      'the national mandate of {{nation}} ends ({{ends}}); its renewal is expected, and if it does not come',
    rotation_one:
      'the rotations of {{nation}} run out ({{count}} rotational unit behind each post, {{deployed}} months deployed, {{recovering}} to recover)',
    rotation_other:
      'the rotations of {{nation}} run out ({{count}} rotational units behind each post, {{deployed}} months deployed, {{recovering}} to recover)',
    duration: 'the commitment of {{nation}} ends ({{months}} months from {{from}})',
    loss: '{{requirement}} loses {{amount}} and has {{after}} of {{needed}}',
    lossJoiner: '; ',
    noFill: 'No other offer has units to spare for it that month',
    fill: 'The next-best fill is {{fills}}',
    fillItem: '{{nation}} (offer {{id}}, {{units}} spare)',
    fillJoiner: ', ',
    notYet: 'is available only from {{month}}',
    noMandate: 'has no national mandate after {{ends}}',
    noMandateRenewal: 'has no national mandate after {{ends}} (a renewal is expected but not counted on)',
    committedTo: 'is committed only to {{month}}',
    noContingent:
      'has no contingent left to send: its units have served {{used}} of the {{budget}} unit-months its rotation allows in {{window}} months',
    spare_one: 'has {{count}} unit spare that month (a plan cut short by its time limit can leave some)',
    spare_other: 'has {{count}} units spare that month (a plan cut short by its time limit can leave some)',
  },
  /** The investment-risk note of a region (core/finance/security.ts), ADR 0043. */
  risk: {
    counts_one:
      '{{verified}} verified, {{corroborated}} corroborated, {{reported}} reported in {{count}} day ({{weighted}} weighted)',
    counts_other:
      '{{verified}} verified, {{corroborated}} corroborated, {{reported}} reported in {{count}} days ({{weighted}} weighted)',
    per100k: '{{counts}}: {{rate}} per 100,000 residents against a saturation of {{saturation}}',
    noPopulation: '{{counts}} against a saturation of {{saturation}} (no population loaded)',
    unmonitored: 'no monitored sector covers the region',
    noStatus: 'no status recorded yet for {{sectors}}',
    gate: '{{sector}} {{status}} as of {{day}}',
    gateWorst: '{{sector}} {{status}} as of {{day}} (worst of {{count}} sectors)',
    noRoutes: 'no route network loaded in the region: not counted',
    routes: 'riskiest segment {{segment}} scores {{score}} against a saturation of {{saturation}}',
    part: '{{input}} {{pressure}} × weight {{weight}}: {{because}}',
    partMissing: '{{input}} not available: {{because}}',
    partsJoiner: '; ',
    input: { incidents: 'incidents', gate: 'gate', routes: 'routes' },
    band: { low: 'low', moderate: 'moderate', elevated: 'elevated', high: 'high', unknown: 'unknown' },
    status: { holding: 'holding', fragile: 'fragile', broken: 'broken' },
    known: 'Risk {{band}} ({{score}}): {{parts}}.',
    unknown: 'Risk unknown: no input is available. {{parts}}.',
  },
  /** The convoy planner's reasons for rejecting a route, its waits and its problems. */
  convoy: {
    corridor:
      'on corridor "{{corridor}}" (segment {{segment}}) {{from}}–{{to}}, outside its windows ({{windows}})',
    noWindows: 'none planned or open',
    windowsJoiner: '; ',
    checkpointStatus: 'checkpoint "{{checkpoint}}" is {{status}}',
    checkpointStatusWord: { open: 'open', closed: 'closed', suspended: 'suspended' },
    checkpointShift: 'reaches checkpoint "{{checkpoint}}" at {{at}}, outside its shifts ({{shifts}})',
    noShifts: 'none',
    shiftsJoiner: ', ',
    later: 'keeps every rule, but arrives at {{at}}, later than the route chosen ({{best}})',
    laterAfterWait:
      'keeps every rule after waiting {{wait}}, but arrives at {{at}}, later than the route chosen ({{best}})',
    wait: 'Waits {{wait}} at checkpoint "{{checkpoint}}": arrives {{at}}, passes when it opens at {{leave}}.',
    waiting:
      'Waiting ({{wait}} in all, at most {{allowed}} allowed) arrives at {{at}}, the earliest of the {{count}} routes that keep every rule.',
    minutes: '{{min}} min',
    hours: '{{h}} h {{min}} min',
    noRouteAttempts: 'no route found within {{attempts}} attempts',
    noRouteRisk: 'no route from {{from}} to {{to}} avoids the {{count}} segments with a risk above {{risk}}',
    noRouteLeft:
      "no route from {{from}} to {{to}} is left once the {{count}} rejected routes' faults are avoided",
    noStart: 'the start {{node}} is not a node of this network',
    noDestination: 'the destination {{node}} is not a node of this network',
    noSpeed: 'the speed must be above 0 km/h',
    noRoute: 'no route found',
  },
  fusion: {
    actor: 'fusion (automatic)',
    stateReason: {
      opened: 'opened by fusion',
      split: 'split off again by fusion',
      agree: 'independent sources agree',
      fewer: 'fewer than two independent sources remain',
    },
    opens: '{{uid}} opens the incident (smallest uid)',
    joinedMany:
      '{{n}} observations joined, one to another; which joined which is listed only up to {{limit}} observations',
    join: '{{uid}} joined {{via}}: {{rule}} ({{a}}, {{b}}); {{geometry}} regions {{distance}} apart (tolerance {{tolerance}}); times {{gap}} apart (tolerance {{timeTolerance}}){{vague}}',
    rule: { same_category: 'same category', compatible_category: 'compatible category' },
    geometry: { 'disc-disc': 'disc-disc', 'disc-sector': 'disc-sector', 'sector-sector': 'sector-sector' },
    vague: {
      attached: '; vague report, attached to its closest precise report only',
      coincident: '; vague reports with no precise neighbour whose regions and windows nearly coincide',
    },
    party: '{{uids}}: claim by party {{party}}, kept but not corroborating',
    submitter: '{{uids}}: one submitter ({{submitter}}), counted once whatever sources it names',
    source: '{{uids}}: one source ({{source}}), counted once',
    andMore: '{{uids}} and {{more}} more',
    corroborated: 'corroborated by {{n}} independent sources',
    reported: 'reported: {{n}} independent non-party source(s); corroboration needs 2',
    metres: '{{n}} m',
    kilometres: '{{n}} km',
    seconds: '{{n}} s',
    minutes: '{{n}} min',
  },
  gateRule: {
    dayOver: 'day {{date}} had {{count}} {{what}}, limit {{limit}}',
    daysWithin: '{{count}} days with at most {{max}} {{what}} a day',
    coverage: 'monitored {{monitored}} of {{count}} days ({{percent}}%), needs {{needs}} {{min}}%',
    holds: 'holds',
    fails: "rule '{{rule}}' fails ({{why}})",
    violationsAt: {
      all: 'violations',
      corroborated: 'corroborated violations',
      verified: 'verified violations',
    },
    categoriesAt: {
      all: '{{categories}}',
      corroborated: 'corroborated {{categories}}',
      verified: 'verified {{categories}}',
    },
    inZone: '{{what}} in {{zone}}',
  },
  /** The deployment gate's blockers of an order (core phases/orders.ts), ADR 0057. English: the codes as the check writes them. */
  orderGate: {
    phase: 'phase is {{phase}}; orders open at {{opensAt}}',
    phaseWaiting: 'phase {{opensAt}} (now {{phase}})',
    sector: 'sector {{sector}} is {{status}}, not holding',
    sectorWaiting: 'sector {{sector}} to hold (now {{status}})',
    period: 'planned for {{month}}; it is {{now}}',
    periodWaiting: 'month {{month}} (now {{now}})',
    mandate: '{{nation}} holds no national mandate for this deployment',
    caveat: 'offer {{offer}} cannot serve {{region}} ({{line}}, {{role}}): {{why}}',
    caveatWhy: "caveat '{{caveat}}', {{reason}}",
    support: 'neither the plan nor the lead matrix supports {{nation}} in {{sector}} ({{line}})',
    supportWhy:
      'neither the plan nor the lead matrix supports {{nation}} in {{region}} ({{line}}): {{plan}}, and {{nation}} neither leads nor contributes there in the lead matrix',
    plan: {
      no_plan: 'no plan is adopted',
      allocates_none: 'the adopted plan {{plan}} allocates none of {{offer}} there',
      allocates_some:
        'the adopted plan {{plan}} allocates {{allocated}} of {{offer}} there, not {{quantity}}',
      sustainment_hidden: 'the sustainment plan {{plan}} is not one you may see',
      sustainment_units:
        'the sustainment plan {{plan}} puts {{units}} of {{offer}} on {{requirement}} in {{month}}, not {{quantity}}',
    },
    issuable: 'order {{id}} is issuable',
    ready: 'ready on gate: waiting for {{waits}}',
    waitsJoiner: ' and ',
    refused: 'deployment refused: {{reasons}}',
    reasonsJoiner: '; ',
    cleared: {
      phase: 'phase is now {{phase}}',
      sector: 'sector {{sector}} is now holding',
      period: 'month {{month}} has come',
      mandate: '{{nation}} now holds the mandate',
      caveat: 'every caveat now fits the target',
      supportPlan: 'now supported by the plan',
      supportLeadMatrix: 'now supported by the lead matrix',
    },
    phaseName: {
      hostilities: 'hostilities',
      ceasefire_agreed: 'ceasefire agreed',
      ceasefire_holding: 'ceasefire holding',
      force_deploying: 'force deploying',
      sustainment: 'sustainment',
      suspended: 'suspended',
    },
    status: { holding: 'holding', fragile: 'fragile', broken: 'broken' },
  },
  /** What the cell is told about the gate (phase_notification), ADR 0057. */
  phaseNotice: {
    phase_changed:
      'phase is now {{phase}} (from {{from}}), decided by {{by}} ({{nation}}) on the authority of {{authority}}',
    phase_override: 'phase is now {{phase}} (from {{from}}) BY OVERRIDE: {{reason}}',
    sector_status: 'sector {{sector}} is {{status}} as of {{day}} (was {{was}})',
    breach: "sector {{sector}} broke rule '{{rule}}' on {{day}}: {{why}}{{rung}}",
    rung: '; proposed: {{title}} (committed: {{nations}})',
    nobody: 'nobody yet',
    noRung: '; no rung of the ladder answers it',
    order_issuable:
      'order {{order}} ({{offer}}, {{quantity}} to {{region}}, sector {{sector}}) is now issuable: {{because}}',
    everyBlocker: 'every blocker cleared',
    becauseJoiner: '; ',
    noPhase: 'none',
  },
};
