/** The server's refusals in English: the source text (today's messages, word for word) and the fallback. Every key here exists in uk.ts and fr.ts (i18n.test.ts). */
export const refusalsEn = {
  checks: {
    comma: '{{first}}, {{rest}}',
    field: '{{field}}: {{problem}}',
    list: '{{first}}; {{rest}}',
    none: 'nothing is wrong',
    one: '{{value}}',
  },
  financeChecks: {
    columnTwice: "column '{{column}}' appears twice",
    currencyNotTaken: '{{currency}} is not a currency Guarantor takes (ISO 4217)',
    duplicateDate: 'duplicate: {{date}} is also row {{row}}',
    fieldCount:
      'has {{fields}} fields, the header has {{columns}}: columns shifted? check for unquoted commas',
    fileEmpty: 'the file is empty',
    kiel: {
      duplicate: 'duplicate: {{key}} is also row {{row}}; a donor has one row per month',
      negative: "'{{text}}' is negative; amounts are EUR billions ≥ 0",
      notDonorCode: "'{{text}}' is not a donor code (ISO alpha-3, or the tracker's EU)",
      notDonorName: "'{{text}}' is not a donor's name",
      notMonth: "'{{text}}' is not a month 1–12",
      notYear: "'{{text}}' is not a year",
      otherName: "'{{text}}' but {{code}} is '{{known}}' on an earlier row",
      toBeAllocated: '{{text}} is not commitments − total (columns shifted?)',
      totalNotSum: '{{text}} is not financial + humanitarian + military (columns shifted?)',
    },
    missingColumns_one: 'missing column {{columns}}; the header must name {{required}}',
    missingColumns_other: 'missing columns {{columns}}; the header must name {{required}}',
    missingRate:
      "no euro reference rate for {{currency}} on {{date}}; load one for that date (the ECB publishes business days only, and not UAH): Guarantor does not take another day's rate",
    needs: {
      duplicate: 'duplicate: {{assessment}} {{sector}} is also row {{row}}',
      empty: 'is empty',
      negative: "'{{text}}' is negative",
      notSector: "'{{text}}' is not a sector's name",
      notUrl: "'{{text}}' is not a web address: every figure needs its source",
    },
    noStatedDate: "published on no stated date: there is no day's rate to convert at",
    notDate: "'{{text}}' is not a date YYYY-MM-DD",
    notDecimal: "'{{text}}' is not a decimal number (digits, one point, no exponent or separators)",
    onlyMonth: "published only as a month ({{date}}): there is no day's rate to convert at",
    rateNotPositive: "'{{text}}' is not a positive rate",
    risk: {
      divides: 'must be more than 0 (it divides)',
      noWeight: 'at least one weight must be more than 0',
      notNumber: 'must be a number of 0 or more',
      share: 'is a share: 0 to 1',
      windowDays: 'must be a whole number of days from 1 to 366',
    },
    tooManyDecimals_one: "'{{text}}' has {{count}} decimals; at most {{scale}} are kept exactly",
    tooManyDecimals_other: "'{{text}}' has {{count}} decimals; at most {{scale}} are kept exactly",
  },
  iatiChecks: {
    duplicateActivity: 'duplicate: iati-activity[{{activity}}] has the same identifier',
    duplicateTransaction:
      'duplicate: transaction[{{transaction}}] has the same type, dates, value and provider',
    missing: 'missing',
    missingWithout: 'missing, or without {{attribute}}',
    needsAtLeastOne: 'missing: the schema needs at least one',
    needsOne: 'missing: the schema needs one',
    negativeValue: '{{text}} is negative; a correction is not taken: send the corrected value',
    noActivity: 'no iati-activity: the schema needs at least one',
    noCurrency: 'missing, and the activity has no @default-currency',
    noIdentifier: 'missing or empty: every activity needs its identifier',
    noNarrative: 'missing or without a narrative',
    noProvider:
      'names no organisation identifier (@ref), and neither does a funding participating-org or the reporting-org',
    noReportingOrg: 'missing: every activity names its reporting organisation',
    notActivities:
      'the root element is <{{root}}>, not <iati-activities>: send an IATI activity file (an organisation file is not read)',
    notActivity: '<{{name}}> is not an element of iati-activities; only iati-activity is',
    notAlpha2: "'{{text}}' is not an ISO 3166-1 alpha-2 code",
    notElement: '<{{name}}> is not an element of IATI {{supported}} (an extension needs its own namespace)',
    notPosition: '\'{{text}}\' is not "latitude longitude" in degrees (IATI writes the latitude first)',
    notTracked:
      'transaction type {{type}} ({{words}}) is not a stage Guarantor tracks (pledge 12, commitment 2, disbursement 3, expenditure 4)',
    notTransactionType: "'{{type}}' is not an IATI TransactionType code (1 to 13)",
    noValue: 'missing: a transaction needs its value',
    noValueDate: 'missing: the value date says which rate converts it',
    noVersion:
      'iati-activities/@version is missing; Guarantor reads IATI {{supported}} files, which state their version',
    otherVersion:
      'the file is IATI version {{version}}; Guarantor reads IATI {{supported}} only: ask the publisher for the {{supported}} file or convert it',
    transactionType: {
      t1: 'incoming funds',
      t10: 'credit guarantee',
      t11: 'incoming commitment',
      t13: 'incoming pledge',
      t5: 'interest payment',
      t6: 'loan repayment',
      t7: 'reimbursement',
      t8: 'purchase of equity',
      t9: 'sale of equity',
    },
    xml: {
      badReference: 'unknown entity or bad character reference &{{ref}};',
      doctype: 'DOCTYPE and ENTITY declarations are not accepted (IATI files need neither); remove them',
      malformed: 'the XML is not well formed: {{why}}',
      malformedAt: 'the XML is not well formed at line {{line}}, column {{column}}: {{why}}',
      tooDeep: 'elements are nested deeper than {{max}}',
      tooManyBytes: 'the file is larger than {{mb}} MB; split it into several files',
      tooManyElements: 'the file has more than {{max}} elements; split it',
    },
  },
  importChecks: {
    dateOrder: "'{{text}}' could be day/month or month/day; say which (--date-order dmy or mdy)",
    fieldCount: 'has {{fields}} fields, the header has {{columns}}; check for unquoted delimiters',
    fileEmpty: 'the file is empty; the first row must name the columns',
    fromColumn: '{{field}} (from column {{column}})',
    headerLacks:
      'the header lacks {{fields}}; map a column to each (--map start=event_date), set a constant (--set source_kind=osint), or use a preset (--preset acled); see docs/import-csv.md',
    headerNeedsPoint:
      'the header needs {{lngColumn}} and {{latColumn}} (map them with --map lng=longitude --map lat=latitude), or {{bearing}}',
    noLocation:
      'no location: give lng and lat, or observer_lng, observer_lat, bearing_deg, spread_deg, min_distance_m, max_distance_m',
    noSheet: "the workbook has no sheet '{{sheet}}'; its sheets: {{sheets}}",
    notCalendarDate: "'{{text}}' is not a calendar date",
    notEncoding:
      'the file is not valid {{encoding}} after byte {{byte}}; give its encoding (--encoding windows-1251, utf-16le, …)',
    notFeatureCollection: 'not a GeoJSON FeatureCollection with a features array',
    notInValueTable:
      "'{{text}}' has no {{field}} in the value table for column {{column}}; add it to the table, or a '*' entry for anything else",
    notJson: 'not JSON: {{why}}',
    notMonthName: "'{{text}}': '{{month}}' is not an English month name",
    notNumber: "'{{text}}' is not a number",
    notNumberDot: "'{{text}}' is not a number; write decimals with a dot",
    notPoint: 'must be a Point with [longitude, latitude]',
    notTime:
      "'{{text}}' is not a time: write 2026-11-26T10:00:00Z, or a date such as 2026-11-26 or 26.11.2026 with a zone",
    notUcdp: 'not a UCDP GED file: the header lacks {{columns}}',
    notXlsx: 'not an XLSX workbook: {{why}}',
    noWorksheet: 'the workbook has no worksheet',
    noZone: "'{{text}}' has no time zone; give one (--zone Europe/Kyiv) or write e.g. 2026-11-26T10:00:00Z",
    pointAndBearing: 'give either lng/lat or the bearing columns, not both',
    quoteNotClosed: 'a quote opened in column {{column}} on line {{line}} is never closed',
    rowTooLong: 'row longer than {{max}} characters',
    textAfterQuote: 'text after the closing quote in column {{column}}',
    uidRepeats: "'{{uid}}' repeats row {{row}}",
    unknownEncoding: "'{{encoding}}' is not a text encoding; use e.g. utf-8, windows-1251, utf-16le",
  },
  sustainmentChecks: {
    endBeforeStart: 'end ({{end}}) is before start ({{start}})',
    mandateBeforeStart: 'the mandate ends ({{end}}) before the offer is available ({{from}})',
    monthsDeployed:
      "monthsDeployed (the rotation cycle's months deployed) must be a whole number of at least 1, got {{value}}",
    notDate: "{{field}} must be a date written YYYY-MM-DD, got '{{value}}'",
    notMonth: "{{field}} must be a month written YYYY-MM, got '{{value}}'",
    notWhole: '{{field}} must be a whole number of at least {{min}}, got {{value}}',
    outside: "{{field}} ({{from}} to {{to}}) lies outside the requirement's months ({{start}} to {{end}})",
    outsideOpen:
      "{{field}} ({{from}} to {{to}}) lies outside the requirement's months ({{start}} to open-ended)",
    outsideToEnd:
      "{{field}} ({{from}} to the end) lies outside the requirement's months ({{start}} to {{end}})",
    outsideToEndOpen:
      "{{field}} ({{from}} to the end) lies outside the requirement's months ({{start}} to open-ended)",
    overlaps: '{{field}} overlaps sizeChanges[{{other}}]: a month can have only one size',
    tooLong: 'a requirement spans at most {{max}} months; {{start}} to {{end}} is {{months}}',
    toBeforeFrom: '{{field}}.to ({{to}}) is before {{field}}.from ({{from}})',
  },
  logisticsChecks: {
    checkpointWhere: 'give the checkpoint a position or a node',
    crossingName: 'a crossing needs a name',
    crossingPoint: 'a crossing needs a Point [longitude, latitude]',
    farFromUkraine:
      "the line does not come within {{degrees}}° (about 200–330 km) of Ukraine's land: not a route of this theatre",
    loop: 'both ends join the same node (within {{toleranceM}} m): a loop is not a route',
    noFeatures: 'a FeatureCollection needs a features array',
    noGeometry: 'the feature has no geometry',
    noLine: 'the file holds no line to take as a route',
    noNetwork: 'no network {{id}} you may read',
    noNode: 'no node {{id}} in a network you may read',
    noSegment: 'no segment {{segment}} in network {{network}}',
    notGeoJson: 'not GeoJSON: expected a FeatureCollection of LineStrings',
    notJoined:
      "segment {{segment}} does not join {{previous}}: a corridor's segments must follow one another along the route",
    notLineLayer: 'not a line layer: type {{type}}; expected a FeatureCollection of LineStrings',
    notPoints: 'expected a GeoJSON FeatureCollection of points',
    notPosition: 'a position must be [longitude, latitude] numbers',
    notPositions: 'coordinates must be an array of [longitude, latitude] positions',
    notRoute: 'a {{type}} is not a route: only LineString and MultiLineString are',
    outOfRange:
      'position [{{longitude}}, {{latitude}}] is out of range: GeoJSON puts longitude (−180…180) first, then latitude (−90…90)',
    tolerance: 'the snapping tolerance must be 0–5,000 m',
    tooManyPositions: 'the file has more than {{max}} positions: split it',
    twoPositions: 'a line needs two distinct positions',
    windowEnds: 'the window must end after it starts',
    windowOverlaps:
      'the window overlaps window {{id}} ({{start}}–{{end}}) of the same corridor; windows of one corridor may not overlap',
  },
  access: {
    labelEmptyNation: 'label "{{text}}": empty nation in the REL TO list',
    labelNotIso3: 'label "{{text}}": "{{code}}" is not an ISO 3166-1 alpha-3 code',
    labelUnknown: 'label "{{text}}" is not one of PUBLIC, COALITION, REL TO <ISO3, ISO3…>, NATIONAL <ISO3>',
  },
  audit: {
    needsAdmin: 'the audit entries of users and API tokens need the role admin',
  },
  auth: {
    csrfMissing: 'this write lacks the x-csrf-token header from your session; reload the page and try again',
    invalidCredentials: 'unknown username or wrong password',
    locked:
      'this account is locked after {{failures}} failed sign-ins within {{minutes}} minutes; try again after {{until}}Z (in {{wait}} min), or ask an admin to enable it',
    noRole: 'no role',
    roleNeeded: 'this needs the role {{roles}}; you hold {{held}}',
    signInFirst: 'sign in first: this request has no valid session cookie or API token',
    tokenUnknown: 'the API token is unknown or revoked; ask an admin for a new one',
    tooManySignIns: 'too many sign-in attempts from this address; wait {{seconds}} s and try again',
  },
  basemap: {
    notConfigured: 'no base map is configured; the map uses its offline style',
    tileNotCovered: 'no base-map tile {{zoom}}/{{x}}/{{y}}: the archive does not cover it',
  },
  cellwork: {
    actionLabelWider:
      'body.releasability: {{label}} is wider than what raised this action allows ({{bound}}); choose {{bound}} or narrower',
    actionNotFound: 'no action with this id that you may read',
    actionOtherNation: 'this action belongs to {{nation}}: only its liaison or cell staff may change it',
    actionStatusAlready: 'the action is already {{status}}',
    attendeeNotMember:
      "body.nation: {{nation}} ({{code}}) is not a member of the coalition; only member nations attend the cell's meetings",
    attendeeRecorded: 'body.person: {{person}} is already recorded for {{nation}}',
    deciderNotMember:
      'body.nation: {{nation}} is not a member of the coalition; a decision is taken by a member nation',
    decisionIdNotFound: 'body.decisionId: no decision with this id that you may read',
    decisionLabelWider:
      'body.releasability: {{label}} is wider than the records this decision rests on allow ({{bound}}); choose {{bound}} or narrower, or confirm the widening with a reason',
    decisionNotFound: 'no decision with this id that you may read',
    dueInPast: 'body.dueAt: the due date {{due}} is in the past (now is {{now}}); give a date still to come',
    dueNotDate: 'body.dueAt: the due date is not a date',
    incidentIdNotFound: 'body.incidentId: no incident with this id that you may read',
    linkKind: {
      breach: 'breach of a gate rule',
      control_area: 'control area version',
      daily_report: 'daily report',
      finance_flow: 'finance figure',
      gate_evaluation: "the gate's evaluation of a day",
      incident: 'incident',
      land_option: 'land option version',
      phase_rule: 'gate rule',
      plan: 'force plan',
    },
    linkNotFound: 'body.links.{{i}}: no {{kind}} with this id that you may read',
    meetingIdNotFound: 'body.meetingId: no meeting with this id that you may read',
    meetingNotFound: 'no meeting with this id that you may read',
    ownerNotMember:
      'body.ownerNation: {{nation}} is not a member of the coalition; an action is owned by a member nation',
  },
  coalition: {
    nationNotFound: 'no coalition nation {{iso3}} that you may see',
    otherNation: 'a liaison of {{mine}} may not write offers of {{theirs}}',
    unknownCapability: 'unknown capability "{{capability}}"; use one of {{choices}}',
  },
  common: {
    changedBySomeoneElse:
      '{{what}} was changed by someone else: you sent version {{sent}}, it is now at version {{current}}; reload it and apply your change again',
    reason: '{{reason}}',
  },
  database: {
    exists: 'a record with this id already exists',
    invalidText: 'a text value contains a character that cannot be stored',
    missingReference: 'the record refers to something that does not exist',
    noAnswer: 'the database does not answer: {{reason}}',
    outOfRange: 'a value is outside what the record allows',
    overlap: 'the record overlaps another it may not overlap (windows of one corridor)',
    unavailable: 'the database is not reachable (it may be restarting); try again in {{seconds}} s',
    unreadableWrite: 'you may not write a record your nation could not read',
  },
  exports: {
    tooLarge:
      'more than {{max, number}} rows match; narrow the filters (the query parameters of GET {{list}}, e.g. a shorter time range) and export again, in parts if need be',
  },
  finance: {
    asOfNotDay: 'query.asOf: {{asOfDay}} is not a day of the calendar',
    currencyAndRateDate:
      'query.currency and query.rateDate go together: name a currency and the day of its rate',
    currencyUnknown: 'query.currency: {{currency}} is not a currency Guarantor takes',
    fileRefused: 'the file is refused, nothing stored: row {{row}}, {{field}}: {{reason}}',
    notUtf8: 'body: the file is not UTF-8 text; save it as CSV UTF-8',
    release: {
      narrows:
        '{{to}} would hide "{{source}}" from readers its label {{label}} admits today; a release only widens who may see a source (to narrow it, import the file again with the narrower label)',
      notFound: 'no imported source "{{source}}" that you may see',
      notYours:
        '"{{source}}" was imported by {{owner}}: only {{owner}}\'s finance officers or cell staff may release it',
      unchanged: '"{{source}}" is already {{label}}',
    },
    rowProblems_one:
      '{{count}} problem in {{rows}} rows, so nothing was stored (row {{row}}, {{field}}: {{reason}}); fix the file and send it again',
    rowProblems_other:
      '{{count}} problems in {{rows}} rows, so nothing was stored (row {{row}}, {{field}}: {{reason}}); fix the file and send it again',
    sendCsv: 'body: send the file as text/csv',
  },
  iati: {
    exportTooLarge: 'more than {{max}} flows: export them from the command line',
    notUtf8: 'body: the file is not UTF-8; IATI files are UTF-8 XML',
    nothingToExport:
      'no flows with an IATI transaction type to export: import pledges, commitments or disbursements first',
    overCommitment_one:
      '{{count}} activity disburses more than committed ({{activityId}}: {{disbursed}} disbursed against {{committed}} {{currency}} committed); nothing was stored: give overCommitmentReason to record why, or correct the file',
    overCommitment_other:
      '{{count}} activities disburse more than committed ({{activityId}}: {{disbursed}} disbursed against {{committed}} {{currency}} committed); nothing was stored: give overCommitmentReason to record why, or correct the file',
    problems_one:
      '{{count}} problem in {{activities}} activities, so nothing was stored ({{element}}: {{reason}}); fix the file and send it again',
    problems_other:
      '{{count}} problems in {{activities}} activities, so nothing was stored ({{element}}: {{reason}}); fix the file and send it again',
    sendXml: 'body: send the IATI file as application/xml',
  },
  imports: {
    fileRefused: 'the file is refused, nothing stored: {{reason}}',
    presetRefused: 'query.preset: {{reason}}',
    queryRefused: 'query: {{problems}}',
    rowsRejected:
      '{{rejected}} of {{rows}} rows rejected, so nothing was stored (row {{row}}, {{field}}: {{reason}}); fix them, or send acceptPartial=true to store the {{accepted}} others',
    sendTheFile:
      'body: send the file itself, with Content-Type text/csv, application/geo+json or the XLSX type',
    valuesSyntax:
      "query.values: '{{spec}}': write field=column:value=field value;…, e.g. category=event_type:Shelling=explosion_impact;*=other",
  },
  incidents: {
    allowedFrom: {
      attribute: 'verified',
      dismiss: 'reported or corroborated or verified',
      verify: 'reported or corroborated',
    },
    assessmentMissing: "body.assessment: give the monitors' assessment behind the attribution",
    changedSinceRead:
      'incident {{id}} changed since you read it (version {{sent}}, now {{current}}); reload it',
    changedWhileActing: 'incident {{id}} changed while you acted on it; reload it',
    dismissReasonMissing: 'body.reason: say why the incident is dismissed',
    evidenceMissing: 'body.evidence: give at least one evidence link for an attribution',
    exportTooLarge:
      'more than {{max, number}} incidents match; narrow the time window, sector or categories and export again',
    merged: 'incident {{id}} was joined into {{mergedInto}}; act on that one',
    notFound: 'no incident {{id}} that you may see',
    partyMissing: 'body.party: name the party the incident is attributed to',
    transitionRefused:
      'cannot {{action}} an incident that is {{from}}: {{action}} applies to {{allowed}} incidents',
    transitionRefusedClosed:
      'cannot {{action}} an incident that is {{from}}: {{action}} applies to {{allowed}} incidents; a {{from}} incident is closed',
    transitionRefusedVerifyFirst:
      'cannot {{action}} an incident that is {{from}}: {{action}} applies to {{allowed}} incidents; verify it first',
  },
  ladder: {
    breachNotFound: 'no breach {{id}} that you may see',
    rungUnknown: "no rung '{{rungId}}' on the ladder",
  },
  landOptions: {
    compareNotFound: 'query.ids: no land option {{id}} that you may read',
    featureRefused: 'feature {{index}}, {{field}}: {{reason}}; nothing stored',
    labelHidesFromYou: 'body.releasability: {{label}} would hide the option from you; include your nation',
    notFound: 'no land option {{id}} that you may read',
    tooManyToCompare: 'query.ids: {{count}} options; compare at most 12 at once',
  },
  leadClaims: {
    active: 'lead claim {{id}} is active; there is nothing to re-assert',
    alreadyClaimed:
      '{{nation}} already claims the lead of {{region}} / {{lineOfEffort}}; withdraw that claim to change it',
    keptAs:
      "{{nation}}'s claim to lead {{region}} / {{lineOfEffort}} is kept as {{status}}; re-assert it with POST /api/lead-claims/{{id}}/reassert",
    notFound: 'no lead claim {{id}} that you may see',
    otherNation:
      "lead claim {{id}} is {{nation}}'s; a liaison withdraws or re-asserts only their own nation's claims",
    withdrawnAlready:
      'lead claim {{id}} was withdrawn already; re-assert it with POST /api/lead-claims/{{id}}/reassert',
  },
  leadMatrix: {
    noClaimants: 'its claimants (there are none)',
    notClaimant: '{{nation}} does not claim {{region}} / {{lineOfEffort}}; choose one of {{claimants}}',
    oneClaimant:
      '{{region}} / {{lineOfEffort}} has one claimant ({{nation}}); there is no conflict to resolve',
  },
  logistics: {
    demoNetworkExists: 'the demo network exists already ({{id}}, {{name}}): choose it in the list',
    demoNetworkRefused: 'demo network: {{reason}}',
    equipmentClassTwice:
      'body.inventory[{{index}}].equipmentClass: {{equipmentClass}} is listed twice; give each class once with its total',
    fieldRefused: '{{field}}: {{reason}}',
    fieldRefusedNothingStored: '{{field}}: {{reason}}; nothing stored',
    notANode: '{{node}} is not a node of {{network}}',
    notFound: '{{what}} does not exist or is not releasable to you',
    shiftZeroLength: 'a shift must end at another time than it starts',
    timeOfDay: 'a time HH:MM (UTC)',
    what: {
      checkpoint: 'checkpoint {{id}}',
      corridor: 'corridor {{id}}',
      crossing: 'crossing {{id}}',
      hub: 'hub {{id}}',
      network: 'network {{id}}',
      window: 'window {{windowId}} of corridor {{id}}',
    },
  },
  monitoring: {
    batchTooLarge: '{{count}} observations in one request; send at most {{max}} per request',
    cotEmpty: 'the body holds no CoT <event> element; send one or more <event> documents',
  },
  offers: {
    changed:
      'offer {{id}} was changed by someone else: you sent version {{sent}}, it is now at version {{current}}; reload it and apply your change again',
    notFound: 'no offer {{id}} that you may see',
    otherNation:
      'a liaison of {{mine}} may not write offers of {{theirs}}; offer {{id}} belongs to {{theirs}}',
    releaseNarrows:
      '{{label}} would hide offer {{id}} from readers of {{old}}; a release can only widen the label',
  },
  orders: {
    alreadyIssued: 'order {{id}} was issued on {{at}} by {{by}}',
    capabilityFitsNoRole: 'a {{capability}} can fill none of the roles of {{lineOfEffort}} ({{roles}})',
    deploymentRefused: 'deployment refused: {{reasons}}',
    notFound: 'no order {{id}} that you may see',
    otherNation:
      "a liaison of {{mine}} may not draft orders for {{theirs}}'s offer; the cell staff or a liaison of {{theirs}} may",
    quantityExceeds: 'offer {{id}} holds {{held}} {{unit}}; the order asks for {{asked}}',
    regionOutsideSector:
      'region {{region}} ({{regionCode}}) does not lie in sector {{sectorName}} ({{sector}}); choose a region in that sector ({{inside}}) or the sector the region lies in',
    regionOutsideSectorNoRegion:
      'region {{region}} ({{regionCode}}) does not lie in sector {{sectorName}} ({{sector}}); choose a region in that sector or the sector the region lies in',
    sectorUnknown: "monitoring knows no sector '{{sector}}'; known: {{known}}",
    sectorUnknownNoData: "monitoring knows no sector '{{sector}}' (no sector has monitoring data yet)",
    unknownRegion: "unknown region '{{regionCode}}'",
  },
  phases: {
    asOfInFuture: 'asOf {{asOf}} is in the future (today is {{today}})',
    changeRefused: 'phase change refused: {{reasons}}',
    decisionDateBeforePhase:
      'the decision date {{date}} is before the current phase began ({{phase}} since {{since}})',
    decisionDateInFuture: 'the decision date {{date}} is in the future (today is {{today}})',
    guardPolicyInvalid:
      'phase change refused: the guard policy for {{target}} names rules that are unknown, retired or no longer valid ({{problems}}); fix the policy or the rules first',
  },
  planning: {
    notFound: 'no {{what}} that you may see',
    unknownLineOfEffort: "unknown line of effort '{{lineOfEffort}}'; use one of {{choices}}",
    unknownRegion: "unknown region '{{region}}'; use a code of the region catalogue",
    what: {
      requirement: 'requirement {{id}}',
    },
  },
  plans: {
    alreadyAdopted: 'plan {{id}} is already adopted',
    noSuchPlan: 'no such plan that you may see',
    notFound: 'no plan {{id}} that you may see',
    nothingToCompare: 'plan {{id}} has no plan to compare with; name one with ?against=PLAN-<n>',
    requirementNotInPlan: 'the plan was not given that requirement (or it is not one you may see)',
    superseded: 'plan {{id}} was superseded by a later adoption; run a new plan instead',
  },
  presence: {
    noHashtags:
      'body: no row of HXL hashtags (#org, #adm1+code, #sector …) in the first 25 rows; tag the columns, see hxlstandard.org',
    refused: 'body: {{reason}}',
    sendHxl:
      'body: send an HXL table: CSV (text/csv) or HXL JSON (an array of rows, or of objects keyed by hashtags)',
  },
  request: {
    bbox: 'query.bbox: give west,south,east,north in degrees (longitude first), west ≤ east and south ≤ north',
    bodyNotJson: 'body: not JSON: {{reason}}',
    bodyTooLarge: 'the body is larger than this endpoint accepts',
    cursorNotGiven: 'it is not a cursor this list gave out',
    cursorOtherList: 'it is not a cursor of {{list}}',
    cursorRefused:
      'cursor refused: {{why}}; pass back the `next` value of the previous page unchanged, or leave cursor out for the first page',
    fieldInvalid: '{{field}}: {{problem}}',
    fieldNameNul:
      '{{field}}: has a field name that contains a NUL character (U+0000) at character {{at}}; remove it',
    fieldNameSurrogate:
      '{{field}}: has a field name that contains an unpaired UTF-16 surrogate (U+{{code}}) at character {{at}}; remove it',
    internal: 'something failed on the server; quote request id {{id}} to an admin',
    malformedJson: 'the body is not valid JSON: {{reason}}',
    noRoute: 'no route {{method}} {{path}}',
    notOneOf: 'query.{{field}}: {{values}} is not one of {{allowed}}',
    pathParamTooLong: 'a path parameter is longer than any id this API uses (100 characters); check the URL',
    textNul: '{{field}}: contains a NUL character (U+0000) at character {{at}}; remove it',
    textSurrogate:
      '{{field}}: contains an unpaired UTF-16 surrogate (U+{{code}}) at character {{at}}; remove it',
    tileOutOfRange: 'tile {{zoom}}/{{x}}/{{y}} does not exist: x and y run from 0 to {{max}}',
    toBeforeFrom: 'query.to: is before query.from; give from ≤ to',
    unknownFields_one: '{{field}}: unknown field {{keys}}; remove it',
    unknownFields_other: '{{field}}: unknown fields {{keys}}; remove them',
    urlNotDecodable: 'the URL is not valid: a percent-encoded character in the path cannot be decoded',
  },
  requirements: {
    notIso3: "'{{nation}}' is not an ISO 3166-1 alpha-3 code",
    roleMismatch: 'a {{capability}} cannot serve as {{role}}; it serves {{roles}}',
    unknownCapability: "unknown capability '{{capability}}'; use one of {{choices}}",
    unknownRegion: "unknown region '{{region}}'; use a code of the region catalogue (UA-14, POL, BLACK_SEA…)",
  },
  rules: {
    exists: "rule '{{id}}' exists (version {{version}}); add a version instead",
    hostilitiesNoGuard: 'hostilities needs no guard: nobody waits for permission to return to it',
    notFound: "no rule '{{id}}'",
    unknown_one: 'unknown rule {{rules}}; add the rule first',
    unknown_other: 'unknown rules {{rules}}; add the rule first',
  },
  sustainment: {
    horizonStartNotMonth: "horizonStart must be a month written YYYY-MM, got '{{horizonStart}}'",
    monthNotMonth: "month must be a month written YYYY-MM, got '{{month}}'",
    noSuchPlan: 'no such sustainment plan that you may see',
    outsideHorizon:
      "month {{month}} is outside the plan's horizon ({{horizonStart}}, {{horizonMonths}} months)",
    planNotFound: 'no sustainment plan {{id}} that you may see',
    requirementNotFound: 'no requirement {{id}} that you may see',
    what: {
      rotation: 'the rotation of offer {{id}}',
      timeline: 'the timeline of requirement {{id}}',
    },
  },
  sustainmentOrders: {
    drafted: 'orders for {{month}} of {{id}} are drafted already ({{orders}})',
    monthNotMonth: "month must be written YYYY-MM, got '{{month}}'",
    noLineOrderable: 'no line of {{month}} can be ordered: {{problems}}',
    noUnits: 'plan {{id}} puts no units on any requirement in {{month}}',
    outsideHorizon:
      "month {{month}} is outside the plan's horizon ({{horizonMonths}} months from {{horizonStart}})",
    pastMonth: 'month {{month}} has passed (it is {{current}}); draft orders for this month or a later one',
  },
  tak: {
    layer: {
      checkpoints: 'checkpoints',
      corridors: 'corridors',
      'route-segments': 'route segments',
    },
    sectorNotFound: 'no monitoring sector with this id that you may see; choose one on the zones page',
    tooManyIncidents:
      'incidents: more than {{max, number}} verified incidents; choose a sector, or use the CoT feed',
    tooManyLogistics:
      'logistics: more than {{max, number}} {{layer}}; choose a sector, or leave them out with logistics=false',
    tooManyLogisticsInSector:
      'logistics: more than {{max, number}} {{layer}} in this sector, or leave them out with logistics=false',
  },
  territory: {
    importRefused: 'body: {{refused}}; nothing stored',
    noControlArea:
      'no {{side}} control area on or before {{day}} that you may read: import one dated then (POST /api/territory/control-areas/import), or choose a later date',
    toBeforeFrom: 'query.to: {{to}} is before from ({{from}}); swap them',
    versionNotFound: 'no control-area version {{id}} that you may read',
  },
  users: {
    disabledNoToken: '{{username}} is disabled; enable the account before issuing it a token',
    exists: 'a user named {{username}} already exists; choose another username',
    notFound: 'no user named {{username}}',
    selfDisable: 'you cannot disable your own account; ask another admin',
    tokenNotFound: 'no API token with id {{id}}',
  },
  validation: {
    aName: 'a name',
    actionRaisedBy: 'name what raised this action: decisionId, incidentId or meetingId',
    bufferMax: 'at most 100 km each side',
    capacityNotNegative: 'capacity cannot be below 0',
    claimantReason: 'say why this claimant leads',
    dacSector: "a DAC sector category's three digits (151), or unspecified",
    dateText: 'a date YYYY-MM-DD',
    decisionAuthority: 'name the authority the decision rests on',
    donorCode: 'a donor code (FRA, EU)',
    emailNeeded: 'give an e-mail address to receive e-mail',
    iso3: 'an ISO 3166-1 alpha-3 code',
    iso3Any: 'must be an ISO 3166-1 alpha-3 code',
    iso3Assigned: 'is not an assigned ISO 3166-1 alpha-3 code',
    iso3Capitals: 'must be an ISO 3166-1 alpha-3 code in capitals, e.g. FRA',
    languageCode: 'must be en, uk or fr',
    languageOrNull: "must be one of en, uk, fr (or null to use the browser's language)",
    latitudeMax: 'latitude must be at most 90',
    latitudeMin: 'latitude must be at least -90',
    link: 'an http(s) address or a path in Guarantor (/api/…)',
    longitudeMax: 'longitude must be at most 180',
    longitudeMin: 'longitude must be at least -180',
    month: 'a month YYYY-MM',
    mustBeDate: 'must be a date YYYY-MM-DD',
    mustBeDate2: 'must be a YYYY-MM-DD date',
    nextOfPage: 'the `next` of the previous page',
    oneGuarantor: 'at least one guaranteeing nation',
    oneNationMans: 'at least one nation mans it',
    oneSegment: 'at least one segment',
    overCommitmentReason: 'say why the disbursements exceed the commitment',
    overrideReason: 'an override needs a reason',
    passwordLength: 'must be at least 12 characters',
    priority: 'must be 1 (most urgent) to 5',
    quantityNotNegative: 'a quantity cannot be below 0',
    realDay: 'not a date in the calendar',
    regionIso: 'an ISO 3166-2 code of a unit of Ukraine (UA-14)',
    regionOrNational: 'a region code (UA-63), or national',
    sectorId: 'a sector id',
    shortName: 'a short name: a-z, 0-9, . _ -',
    tilePath: 'must be {y}.{type}, e.g. 5.mvt',
    username: 'must be 3-64 of a-z, 0-9, dot, underscore, hyphen',
    zeroOrMore: 'must be 0 or more',
    zoneId: 'must be lower-case letters, digits, - or _, at most 64 characters',
  },
  zones: {
    fileProblemsMore_one:
      '{{count}} problem in the zone file, nothing stored: {{problems}}; and {{more}} more (all in details.problems)',
    fileProblemsMore_other:
      '{{count}} problems in the zone file, nothing stored: {{problems}}; and {{more}} more (all in details.problems)',
    fileProblems_one: '{{count}} problem in the zone file, nothing stored: {{problems}}',
    fileProblems_other: '{{count}} problems in the zone file, nothing stored: {{problems}}',
    kindUnknown: "query.kind: '{{kind}}' is not one of {{kinds}}",
    notFound: 'no zone with id {{id}}',
    spanTooLong: 'query.to: ask for at most {{max}} days at once',
    toBeforeFrom: 'query.to: is before query.from',
  },
  /** Reasons from core's own checks (ADR 0051, "Reasons from core's checks"): coalition, phases, zones. */
  /** Why an observation is rejected (core monitoring/validate.ts; English is the validator's message). */
  observationChecks: {
    missing: 'is required',
    missingText: 'is required; give a non-empty string',
    notObject: 'must be an object',
    notString: 'must be a string',
    notFinite: 'must be a finite number',
    outside: '{{value}} is outside [{{min}}, {{max}}] {{unit}}',
    unit: {
      degreesLongitude: 'degrees of longitude',
      degreesLatitude: 'degrees of latitude',
      degrees: 'degrees',
      metres: 'metres',
      epochMs: 'epoch ms',
      none: '',
    },
    wholeMs: 'must be whole milliseconds',
    unknownValue: "'{{value}}' is not one of {{allowed}}",
    lngLat: 'must be [longitude, latitude] (GeoJSON order)',
    bearing360: '360 is outside [0, 360); use 0',
    reversedDistance: '{{max}} is below minDistanceM {{min}}; give the range as min ≤ max',
    reversedTime: 'ends {{ms}} ms before it starts; give startMs ≤ endMs',
    notInteger: 'must be an integer',
    notAlpha3: "'{{value}}' is not ISO 3166-1 alpha-3",
    remarks: 'must be a string when given',
    notYours:
      "you report for {{nation}}; source {{source}} of {{sourceNation}} reports with its own nation's account (only a party_claim names another nation)",
    noNation: 'no nation',
    tokenSource:
      "this API token reports only as {{kind}} '{{id}}'; the report names {{reportKind}} '{{reportId}}'",
    labelHidesOwn:
      'the label {{label}} would hide this record from your own nation ({{nation}}); choose a label that includes it',
  },
  caveatChecks: {
    explain: {
      allowedRegions: 'only in {{regions}}',
      excludedRegions: 'not in {{regions}}',
      outsideUkraineOnly: 'outside Ukraine only (from neighbouring countries, the sea or staging areas)',
      minDistance: 'minimum {{km}} km from the line of contact',
      rolesAllowed_one: 'only in the role {{roles}}',
      rolesAllowed_other: 'only in the roles {{roles}}',
      nationalMandate: 'needs a national parliamentary mandate, currently {{status}}',
      nationalMandateBody: 'needs a national parliamentary mandate ({{body}}), currently {{status}}',
      participation: 'only while {{nation}} takes part',
      validUntil: 'valid until {{date}}',
    },
    label: "caveat {{n}} ('{{caveat}}')",
    repeats: '{{label}} repeats caveat {{earlier}}; remove one',
    conflicts: "{{label}} conflicts with caveat {{earlier}} of the same kind ('{{other}}'); keep one",
    noRegion: '{{label}} lists no region',
    noRole: '{{label}} allows no role',
    unknownRegion: "{{label}}: unknown region '{{region}}'",
    unknownRole: "{{label}}: unknown role '{{role}}'",
    negativeDistance: '{{label}}: the distance must be 0 km or more',
    notIso3: "{{label}}: '{{nation}}' is not an ISO 3166-1 alpha-3 code",
    notDate: "{{label}}: '{{date}}' is not a date (YYYY-MM-DD)",
    mandateStatus: '{{label}}: status must be none, pending, granted or refused',
    noRegionLeft: 'every allowed region ({{regions}}) is also excluded; the offer could go nowhere',
    contradiction:
      "'outside Ukraine only' contradicts caveat {{n}}, whose allowed regions ({{regions}}) all lie inside Ukraine",
    notList: 'caveats must be a list',
    notObject: 'caveat {{n}} must be an object with a kind',
    unknownKind: 'caveat {{n}}: unknown kind {{kind}}; use one of {{kinds}}',
    fieldMustBe: 'caveat {{n}} ({{kind}}): {{field}} must be {{what}}',
    unknownField: 'caveat {{n}} ({{kind}}): unknown field {{field}}; remove it',
    what: {
      regions: 'a list of region codes',
      kilometres: 'a number of kilometres',
      roles: 'a list of roles',
      mandateStatus: 'none, pending, granted or refused',
      parliament: 'the parliament’s name',
      iso3: 'an ISO 3166-1 alpha-3 code',
      date: 'a date (YYYY-MM-DD)',
    },
  },
  offerMoves: {
    readinessAlready: 'offer {{id}} is already {{to}}',
    readinessSkip: 'offer {{id}} cannot go from {{from}} to {{to}}: it must be {{next}} first',
    readinessWithdrawn: 'offer {{id}} is withdrawn; its readiness no longer changes',
    lifecycleFinal: 'offer {{id}} is withdrawn and cannot become {{to}}',
    lifecycleSkip: 'offer {{id}} cannot go from {{from}} to {{to}}; next is {{next}}',
    either: '{{first}} or {{second}}',
    mandateNotGranted: 'offer {{id}} cannot be mandated: its national mandate is {{status}}, not granted',
    mandateNotGrantedBody:
      'offer {{id}} cannot be mandated: its national mandate ({{body}}) is {{status}}, not granted',
    state: {
      proposed: 'proposed',
      confirmed: 'confirmed',
      mandated: 'mandated',
      deployed: 'deployed',
      withdrawn: 'withdrawn',
    },
  },
  ruleSyntax: {
    at: 'rule error at line {{line}}, column {{column}}: {{detail}}',
    tooLong: 'rule is {{length}} characters long; the limit is {{max}}',
    numberGlued:
      "'{{run}}' is neither a number nor a name: put a space after the number, or quote a name that starts with a digit",
    unterminated: 'unterminated string: a quoted name must close on the same line',
    unexpectedCharacter: 'unexpected character {{character}}',
    endOfRule: 'the end of the rule',
    expectedEnd: "expected 'and', 'or' or the end of the rule, found {{found}}",
    nesting: 'parentheses nest deeper than {{max}} levels',
    tooManyConditions: 'a rule may hold at most {{max}} conditions',
    expectedCondition:
      "expected a condition ('no …', '… per day <= N …', 'coverage …' or '('), found {{found}}",
    expectedUpperBound:
      "expected '<=' or '<' after 'per day' (rules bound violations from above), found {{found}}",
    expectedCoverageBound: "expected '>=' or '>' after 'coverage', found {{found}}",
    coverageOver100: "coverage can never exceed 100%, so '{{op}} {{percent}}%' could never pass",
    expectedDays: "expected 'days', found {{found}}",
    unknownSector: "unknown sector '{{name}}'",
    unknownSectorNear: "unknown sector '{{name}}'; did you mean '{{near}}'?",
    unknownCategory: "unknown category '{{name}}'",
    unknownCategoryNear: "unknown category '{{name}}'; did you mean '{{near}}'?",
    unknownZone: "unknown zone '{{name}}'",
    unknownZoneNear: "unknown zone '{{name}}'; did you mean '{{near}}'?",
    expectedSectorName: 'expected a sector name, found {{found}}',
    expectedCategoryName: 'expected a category name, found {{found}}',
    expectedZoneName: 'expected a zone name, found {{found}}',
    dailyLimitRange: 'daily limit must be a whole number from {{min}} to {{max}}, found {{found}}',
    windowRange:
      'window must be a whole number from {{min}} to {{max}} (every window must be bounded), found {{found}}',
    expectedDailyLimit: 'expected a number for the daily limit, found {{found}}',
    expectedWindow: 'expected a number for the window, found {{found}}',
    expectedCoveragePercentage: 'expected a number for the coverage percentage, found {{found}}',
    expectedWord: "expected '{{word}}', found {{found}}",
    expectedSymbol: "expected '{{symbol}}', found {{found}}",
  },
  violationRuleChecks: {
    refused: 'violation rule refused: {{problems}}',
    notObject: 'must be an object',
    idShape: 'must be 2-64 of a-z, 0-9, _ and -',
    nameRequired: 'is required',
    noCategory: 'needs at least one category',
    notCategory: "'{{category}}' is not a category; use {{categories}}",
    zoneOrAnywhere: 'give either a zoneKind or anywhere: true, not both or neither',
    notAreaKind: 'must be an area zone kind: {{kinds}}',
    weaponClassOnly: 'applies only to zoneKind weapons_withdrawal',
  },
  truceChecks: {
    refused: 'truce window {{id}}: {{problems}}',
    refusedAt: 'truce window at {{site}}: {{problems}}',
    longitude: 'longitude {{longitude}} is outside [-180, 180]',
    latitude: 'latitude {{latitude}} is outside [-90, 90]',
    radius: 'radiusM {{radius}} must be positive',
    endsBeforeStart: 'the window ends ({{end}}) before it starts ({{start}})',
    noSite: 'the window names no site',
  },
  zoneFileChecks: {
    featureProblem: 'feature {{index}}, {{field}}: {{problem}}',
    pair: 'must be a [longitude, latitude] pair',
    finite: 'longitude and latitude must be finite numbers',
    longitude: 'longitude {{longitude}} is outside [-180, 180]',
    latitude: 'latitude {{latitude}} is outside [-90, 90]',
    latitudeFirst: 'latitude {{latitude}} is outside [-90, 90]; GeoJSON puts longitude first',
    positions: 'must be an array of positions',
    lineShort: 'a line needs at least 2 positions',
    ringShort: 'a ring needs at least 4 positions, has {{has}}',
    ringOpen: 'the ring is not closed: its last position must equal its first',
    noRing: 'a polygon needs at least one ring',
    crosses: 'the outline crosses itself near [{{x}}, {{y}}]; fix the ring order',
    geometryRequired: 'is required: a GeoJSON geometry',
    wrongGeometryArea: 'a {{kind}} must be Polygon or MultiPolygon, not {{type}}',
    wrongGeometryLine: 'a {{kind}} must be LineString or MultiLineString, not {{type}}',
    noPolygon: 'needs at least one polygon',
    noLine: 'needs at least one line',
    time: 'must be an ISO 8601 date or time, e.g. 2026-11-20T00:00:00Z',
    notFeature: 'must be a GeoJSON Feature',
    propertiesObject: 'must be an object with kind and name',
    kindRequired: 'is required (or give every feature one kind: --kind sector); use one of {{kinds}}',
    kindUnknown: "'{{kind}}' is unknown; use one of {{kinds}}",
    nameRequired: 'is required: a non-empty string',
    nameRequiredHint:
      'is required: a non-empty string (or name the property that holds it: --name-field NAME_EN)',
    idShape:
      'must be 2-64 of a-z, 0-9, _ and -, starting with a letter or digit, optionally followed by @ and a nation code (sector-east@FRA)',
    notWeaponClass: "'{{value}}' is not a weapon class; use {{classes}}",
    weaponClassesNeeded: 'a weapons_withdrawal zone needs its weapon classes ({{classes}})',
    weaponClassesOnly: 'only a weapons_withdrawal zone has weapon classes, not a {{kind}}',
    validToOrder: 'must be later than validFrom',
    notCollection: 'must be a GeoJSON FeatureCollection with a features array',
    duplicateId: "'{{id}}' is the id of features {{features}}; give each zone its own id",
    notYours:
      "'{{id}}' names a zone in {{owner}}'s namespace that you cannot edit; to create a zone of your own, leave out '@{{owner}}'",
    storedAs: "is stored as '{{stored}}', as feature {{earlier}} is; give each zone its own id",
  },
} as const;
