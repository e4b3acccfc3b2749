/**
 * French: the `words` namespace (ADR 0052). Terms from docs/glossary.md and AAP-6 in French:
 * nation pilote (lead nation), restriction nationale (caveat), ligne de contact, besoin
 * (requirement), offre, point de contrôle (checkpoint). Narrow no-break space before « : ; ».
 * A refusal is a predicate of « elle » (l’offre), as the web's « Non : elle … » reads it.
 */
export const fr = {
  unit: {
    team_one: '{{n}} équipe',
    team_many: '{{n}} équipes',
    team_other: '{{n}} équipes',
    battalion_one: '{{n}} bataillon',
    battalion_many: '{{n}} bataillons',
    battalion_other: '{{n}} bataillons',
    battery_one: '{{n}} batterie',
    battery_many: '{{n}} batteries',
    battery_other: '{{n}} batteries',
    company_one: '{{n}} compagnie',
    company_many: '{{n}} compagnies',
    company_other: '{{n}} compagnies',
    detachment_one: '{{n}} détachement',
    detachment_many: '{{n}} détachements',
    detachment_other: '{{n}} détachements',
    flight_one: '{{n}} patrouille',
    flight_many: '{{n}} patrouilles',
    flight_other: '{{n}} patrouilles',
    hospital_one: '{{n}} hôpital',
    hospital_many: '{{n}} hôpitaux',
    hospital_other: '{{n}} hôpitaux',
    hub_one: '{{n}} plateforme',
    hub_many: '{{n}} plateformes',
    hub_other: '{{n}} plateformes',
    mission_one: '{{n}} mission',
    mission_many: '{{n}} missions',
    mission_other: '{{n}} missions',
    package_one: '{{n}} lot',
    package_many: '{{n}} lots',
    package_other: '{{n}} lots',
    vessel_one: '{{n}} bâtiment',
    vessel_many: '{{n}} bâtiments',
    vessel_other: '{{n}} bâtiments',
    million: '{{n}} M {{currency}}',
    billion: '{{n}} Md {{currency}}',
    thousand: '{{n}} k {{currency}}',
  },
  capability: {
    monitoring_team: 'équipe d’observation',
    infantry_battalion: 'bataillon d’infanterie',
    engineer_company: 'compagnie du génie',
    demining_company: 'compagnie de déminage',
    air_policing_flight: 'patrouille de police du ciel',
    mcm_vessel: 'chasseur de mines',
    uav_reconnaissance: 'reconnaissance par drone',
    air_defence_battery: 'batterie de défense aérienne',
    field_hospital: 'hôpital de campagne',
    logistics_hub: 'plateforme logistique',
    training_mission: 'mission de formation',
    funding: 'financement',
    equipment: 'équipements',
  },
  lineOfEffort: {
    truce_monitoring: 'surveillance de la trêve',
    reassurance_force: 'force de réassurance',
    air_policing: 'police du ciel',
    maritime_security: 'sûreté maritime',
    demining: 'déminage',
    training_regeneration: 'formation et régénération',
    logistics_hubs: 'plateformes logistiques et protection des équipements',
    supply_line_security: 'sécurité des lignes de ravitaillement',
    civilian_protection: 'protection des civils',
    critical_infrastructure: 'infrastructures critiques',
    reconstruction: 'reconstruction',
  },
  region: { BLACK_SEA: 'mer Noire', UA_AIRSPACE: 'espace aérien ukrainien' },
  role: {
    monitoring: 'surveillance',
    training: 'formation',
    deterrence: 'dissuasion',
    logistics: 'logistique',
    air: 'rôle aérien',
    maritime: 'rôle maritime',
  },
  /** Où se trouve un incident (nearestInWords, presentWhere). */
  where: {
    near: 'à {{km}} km {{direction}} de {{place}}',
    nearVowel: "à {{km}} km {{direction}} d'{{place}}",
    in: 'à {{place}}',
    inVowel: 'à {{place}}',
    direction: {
      north: 'au nord',
      'north-east': 'au nord-est',
      east: "à l'est",
      'south-east': 'au sud-est',
      south: 'au sud',
      'south-west': 'au sud-ouest',
      west: "à l'ouest",
      'north-west': 'au nord-ouest',
    },
    inSector: 'dans le secteur {{name}}',
    noSector: 'dans aucun secteur de surveillance qui vous soit visible',
    inside: 'zones : {{zones}}',
    joiner: ' ; ',
  },
  /** Pourquoi une ligne d'un mois d'un plan de soutien ne peut pas devenir un ordre (sustainment-orders.ts). */
  sustainmentLine: {
    withdrawn: "l'offre {{offer}} est retirée ou ne vous est plus visible",
    shrunk: "l'offre {{offer}} compte désormais {{holds}} ; le plan y place {{planned}}",
    noSector:
      'la région {{regionName}} ({{region}}) ne se trouve dans aucun secteur de surveillance qui vous soit visible',
    noRole:
      "la capacité « {{capabilityName}} » ne remplit aucun des rôles de la ligne d'effort « {{lineName}} »",
  },
  /** Rapport d'import d'un réseau d'itinéraires (describeNetworkReport). */
  networkReport: {
    read_one:
      '{{features}} objet lu : {{segments}} segments entre {{nodes}} nœuds (extrémités à moins de {{tolerance}} m réunies).',
    read_many:
      '{{features}} objets lus : {{segments}} segments entre {{nodes}} nœuds (extrémités à moins de {{tolerance}} m réunies).',
    read_other:
      '{{features}} objets lus : {{segments}} segments entre {{nodes}} nœuds (extrémités à moins de {{tolerance}} m réunies).',
    snapped_one: '{{ends}} extrémité de ligne ramenée sur un nœud dans la tolérance.',
    snapped_many: '{{ends}} extrémités de ligne ramenées sur un nœud dans la tolérance.',
    snapped_other: '{{ends}} extrémités de ligne ramenées sur un nœud dans la tolérance.',
    crossed:
      'Les objets {{a}} et {{b}} se croisaient sans extrémité commune : tous deux coupés en {{at}} et réunis là.',
    touched:
      'Objets {{a}} et {{b}} : l’un se termine sur l’autre sans extrémité commune : coupé en {{at}} et réuni là.',
    dropped3d_one:
      'Objet {{feature}} : troisième coordonnée (altitude) de {{positions}} position abandonnée.',
    dropped3d_many:
      'Objet {{feature}} : troisième coordonnée (altitude) de {{positions}} positions abandonnée.',
    dropped3d_other:
      'Objet {{feature}} : troisième coordonnée (altitude) de {{positions}} positions abandonnée.',
    skipped: 'Objet {{feature}}, {{field}} : ignoré : {{reason}}.',
    disconnected_one:
      'Non relié : les objets {{features}} ({{segments}} segment) ne sont pas reliés au réseau principal ; augmentez la tolérance ou ajoutez le lien manquant.',
    disconnected_many:
      'Non relié : les objets {{features}} ({{segments}} segments) ne sont pas reliés au réseau principal ; augmentez la tolérance ou ajoutez le lien manquant.',
    disconnected_other:
      'Non relié : les objets {{features}} ({{segments}} segments) ne sont pas reliés au réseau principal ; augmentez la tolérance ou ajoutez le lien manquant.',
    illustrative:
      'ILLUSTRATIF : segments droits entre des lieux réels (villes, ports, aéroports, points de passage frontaliers ouverts), pas des routes.',
  },
  /** Une action créée par l'échelle de réponse à une violation. */
  breachAction: {
    title: '{{rung}} : répondre à la violation de la règle {{rule}} dans le secteur {{sector}} ({{date}})',
  },
  /** Pourquoi une décision de phase serait refusée (aperçu de la transition). */
  transitionPreview: {
    future: 'la date de décision {{date}} est dans le futur (nous sommes le {{today}})',
    beforePhase:
      'la date de décision {{date}} précède le début de la phase en cours (« {{phase}} » depuis le {{since}})',
    policyUnknown:
      'la politique de garde pour « {{target}} » cite des règles inconnues, retirées ou qui ne sont plus valides ({{rules}}) ; corrigez d’abord la politique ou les règles',
    noSectors:
      'la surveillance ne connaît encore aucun secteur : aucune règle ne peut montrer que le cessez-le-feu tient',
    failsIn: 'la règle « {{rule}} » n’est pas respectée dans le secteur {{sector}} ({{why}})',
  },
  readiness: { pledged: 'annoncée', assessed: 'évaluée', aligned: 'alignée', rapid: 'en déploiement rapide' },
  mandate: { none: 'inexistant', pending: 'en attente', granted: 'accordé', refused: 'refusé' },
  lead: {
    offer: '{{what}}, {{amount}} ({{nation}})',
    where: '{{line}} ({{region}})',
    amountOf: '{{amount}} ({{what}})',
    gap: '{{where}}\u202f: il faut {{amount}}, le plan en affecte {{has}} (besoin {{id}}).',
    gapNone: '{{where}}\u202f: il faut {{amount}}, aucune unité n’est affectée (besoin {{id}}).',
    noLead: '{{where}}\u202f: aucune nation ne revendique le rôle de nation pilote.',
    conflict:
      '{{where}}\u202f: le rôle de nation pilote est revendiqué par plusieurs nations ({{nations}})\u202f; l’état-major de la cellule en choisit une.',
    forbidden:
      '{{where}}\u202f: le rôle de nation pilote est revendiqué (nation\u202f: {{nation}}), mais les restrictions nationales de cette nation interdisent chacune de ses offres ici\u202f: {{why}}{{more}}.',
    forbiddenWhy: 'l’offre «\u00a0{{offer}}\u00a0» {{violation}}',
    offerId: 'offre {{id}}',
    noReason: 'aucune raison n’a été enregistrée',
    moreForbidden_one: '\u202f; {{count}} autre offre est également interdite',
    moreForbidden_many: '\u202f; {{count}} autres offres sont également interdites',
    moreForbidden_other: '\u202f; {{count}} autres offres sont également interdites',
    contributesNothing:
      '{{where}}\u202f: le rôle de nation pilote est revendiqué (nation\u202f: {{nation}}), mais cette nation n’y fournit aucune unité dans le plan.',
  },
  caveat: {
    allowedRegions:
      'n’est engagée que dans ces zones\u202f: {{regions}}\u202f; {{here}} n’en fait pas partie',
    excludedRegions: 'ne peut être engagée dans cette zone\u202f: {{here}}',
    outsideUkraineOnly: 'n’est engagée qu’hors d’Ukraine, et {{here}} est en Ukraine',
    minDistance: 'se tient à au moins {{km}} km de la ligne de contact, et {{here}} en est à {{distance}} km',
    minDistanceUnknown:
      'se tient à au moins {{km}} km de la ligne de contact, et la distance de {{here}} n’est pas connue',
    rolesAllowed: 'n’est engagée qu’en rôle de {{roles}}, et non de {{role}}',
    or: ' ou ',
    nationalMandate: 'exige un mandat national, dont l’état est\u202f: {{status}}',
    nationalMandateBody: 'exige un mandat national ({{body}}), dont l’état est\u202f: {{status}}',
    participation:
      'n’est engagée qu’avec la participation d’une autre nation ({{nation}})\u202f; cette participation ({{nation}}) fait défaut',
    validUntil: 'était proposée jusqu’au {{date}}',
  },
  refusal: {
    joiner: '\u202f; ',
    withdrawn: 'a été retirée',
    tooSlow: 'se déploie en {{days}} jours\u202f; ce besoin exige un déploiement sous {{within}} jours',
    notReady: 'n’est qu’au stade «\u00a0{{readiness}}\u00a0», en deçà de la disponibilité que le plan exige',
    wentTo: '{{requirement}}, priorité {{priority}}\u202f: {{amount}}',
    gaveAll: 'a tout donné ici ({{amount}})',
    gaveSome: 'a donné {{amount}} ici\u202f; le reste est allé à\u202f: {{went}}',
    unused:
      'a {{amount}} qui pourraient servir ici (un plan interrompu par sa limite de temps peut en laisser)',
  },
  plan: {
    requirement: '{{what}} — {{region}} ({{id}})',
    metInFull: 'satisfait entièrement',
    shortfall:
      '{{id}}\u202f: {{allocated}} sur {{required}} — {{what}}, {{region}} ({{line}})\u202f; {{offers}}',
    noOffer: 'aucune offre de cette capacité n’existe',
    offers: 'offres\u202f: {{parts}}',
    partsJoiner: ', ',
    caveat_one: '{{count}} refusée par des restrictions nationales',
    caveat_many: '{{count}} refusées par des restrictions nationales',
    caveat_other: '{{count}} refusées par des restrictions nationales',
    readiness_one: '{{count}} non prête à temps',
    readiness_many: '{{count}} non prêtes à temps',
    readiness_other: '{{count}} non prêtes à temps',
    capacity_one: '{{count}} employée ailleurs',
    capacity_many: '{{count}} employées ailleurs',
    capacity_other: '{{count}} employées ailleurs',
    unused_one: '{{count}} inemployée',
    unused_many: '{{count}} inemployées',
    unused_other: '{{count}} inemployées',
  },
  claim: {
    where: '{{line}} ({{region}})',
    honoured:
      '{{where}}\u202f: la nation {{nation}} est nation pilote, comme elle l’a revendiqué, et fournit {{share}} de la case',
    unrequired:
      '{{where}}\u202f: la nation {{nation}} revendique le rôle de nation pilote, mais aucun besoin n’y est encore exprimé\u202f: rien à piloter',
    forbidden:
      '{{where}}\u202f: la nation {{nation}} revendique le rôle de nation pilote mais ne peut l’assurer\u202f: {{refusal}}{{other}}',
    forbiddenNone:
      '{{where}}\u202f: la nation {{nation}} revendique le rôle de nation pilote mais n’offre aucune des capacités que la case exige{{other}}',
    short:
      '{{where}}\u202f: la nation {{nation}} revendique le rôle de nation pilote mais pourrait fournir au plus {{reach}}\u202f; une nation pilote doit fournir {{minShare}}{{other}}',
    rival:
      '{{where}}\u202f: les nations {{nation}} et {{lead}} revendiquent toutes deux le rôle de nation pilote\u202f; le plan a retenu {{lead}}, qui fournit {{leadShare}} contre {{share}} pour {{nation}}',
    outweighed:
      '{{where}}\u202f: la nation {{nation}} revendique le rôle de nation pilote et pourrait atteindre {{minShare}}, mais à la couverture du plan elle fournit {{share}}\u202f: ses unités servent des besoins ou des rôles revendiqués qui pèsent davantage{{other}}',
    otherLead: '\u202f; la nation {{lead}} la pilote avec {{share}}',
    noLead: '\u202f; la case n’a pas de nation pilote',
    offerRefusal: 'l’offre «\u00a0{{offer}}\u00a0» {{why}}',
  },
  diff: {
    planStatus: 'statut {{before}} → {{after}}',
    status: {
      optimal: 'optimal',
      time_limited: 'limité en temps',
      heuristic: 'heuristique',
      greedy: 'glouton',
    },
    coverage: 'couverture {{before}} → {{after}}',
    requirement: '{{id}}\u202f: {{before}} → {{after}} unités',
    lead: 'nation pilote, {{line}} ({{region}})\u202f: {{before}} → {{after}}',
    none: 'aucune',
    allocation: 'offre {{offer}} pour le besoin {{requirement}}\u202f: {{before}} → {{after}}',
  },
  sustainment: {
    summary: '{{requirement}}\u202f: {{amount}} sur {{required}} {{when}}\u202f; {{why}}.',
    inMonth: 'en {{month}}',
    fromTo: 'de {{from}} à {{to}}',
    noNation: 'aucune nation n’offre cette capacité',
    countsJoiner: ', ',
    kind: {
      caveat_one: '{{count}} offre interdite par des restrictions nationales',
      caveat_many: '{{count}} offres interdites par des restrictions nationales',
      caveat_other: '{{count}} offres interdites par des restrictions nationales',
      readiness_one: '{{count}} offre non prête à temps',
      readiness_many: '{{count}} offres non prêtes à temps',
      readiness_other: '{{count}} offres non prêtes à temps',
      capacity_one: '{{count}} offre entièrement employée ailleurs',
      capacity_many: '{{count}} offres entièrement employées ailleurs',
      capacity_other: '{{count}} offres entièrement employées ailleurs',
      unused_one: '{{count}} offre avec des unités disponibles',
      unused_many: '{{count}} offres avec des unités disponibles',
      unused_other: '{{count}} offres avec des unités disponibles',
      not_yet_one: '{{count}} offre pas encore disponible',
      not_yet_many: '{{count}} offres pas encore disponibles',
      not_yet_other: '{{count}} offres pas encore disponibles',
      mandate_one: '{{count}} offre au-delà de son mandat',
      mandate_many: '{{count}} offres au-delà de leur mandat',
      mandate_other: '{{count}} offres au-delà de leur mandat',
      duration_one: '{{count}} offre au-delà de sa durée d’engagement',
      duration_many: '{{count}} offres au-delà de leur durée d’engagement',
      duration_other: '{{count}} offres au-delà de leur durée d’engagement',
      rotation_one: '{{count}} offre à bout de rotations',
      rotation_many: '{{count}} offres à bout de rotations',
      rotation_other: '{{count}} offres à bout de rotations',
    },
    cliff: '{{month}}\u202f: {{why}}\u202f: {{losses}}. {{fill}}.',
    mandateEnd:
      'le mandat national de la nation {{nation}} prend fin ({{ends}}), et le plan ne compte pas sur son renouvellement',
    mandateEndNoRenewal:
      'le mandat national de la nation {{nation}} prend fin ({{ends}}), sans renouvellement attendu',
    mandateRenewal:
      'le mandat national de la nation {{nation}} prend fin ({{ends}})\u202f; son renouvellement est attendu, et s’il ne vient pas',
    rotation_one:
      'les rotations de la nation {{nation}} s’épuisent ({{count}} unité de rotation derrière chaque poste, {{deployed}} mois de déploiement, {{recovering}} de remise en condition)',
    rotation_many:
      'les rotations de la nation {{nation}} s’épuisent ({{count}} unités de rotation derrière chaque poste, {{deployed}} mois de déploiement, {{recovering}} de remise en condition)',
    rotation_other:
      'les rotations de la nation {{nation}} s’épuisent ({{count}} unités de rotation derrière chaque poste, {{deployed}} mois de déploiement, {{recovering}} de remise en condition)',
    duration: 'l’engagement de la nation {{nation}} prend fin ({{months}} mois à partir de {{from}})',
    loss: '{{requirement}} perd {{amount}} et en a {{after}} sur {{needed}}',
    lossJoiner: '\u202f; ',
    noFill: 'Aucune autre offre n’a d’unités disponibles pour cela ce mois-là',
    fill: 'Meilleure relève possible\u202f: {{fills}}',
    fillItem: '{{nation}} (offre {{id}}, disponibles\u202f: {{units}})',
    fillJoiner: ', ',
    notYet: 'n’est disponible qu’à partir de {{month}}',
    noMandate: 'n’a pas de mandat national après le {{ends}}',
    noMandateRenewal:
      'n’a pas de mandat national après le {{ends}} (un renouvellement est attendu mais le plan n’en tient pas compte)',
    committedTo: 'n’est engagée que jusqu’à {{month}}',
    noContingent:
      'n’a plus de contingent à envoyer\u202f: ses unités ont servi {{used}} des {{budget}} unités-mois que sa rotation permet en {{window}} mois',
    spare_one:
      'a {{count}} unité disponible ce mois-là (un plan interrompu par sa limite de temps peut en laisser)',
    spare_many:
      'a {{count}} unités disponibles ce mois-là (un plan interrompu par sa limite de temps peut en laisser)',
    spare_other:
      'a {{count}} unités disponibles ce mois-là (un plan interrompu par sa limite de temps peut en laisser)',
  },
  risk: {
    counts_one:
      '{{verified}} vérifiés, {{corroborated}} corroborés, {{reported}} signalés en {{count}} jour ({{weighted}} pondérés)',
    counts_many:
      '{{verified}} vérifiés, {{corroborated}} corroborés, {{reported}} signalés en {{count}} jours ({{weighted}} pondérés)',
    counts_other:
      '{{verified}} vérifiés, {{corroborated}} corroborés, {{reported}} signalés en {{count}} jours ({{weighted}} pondérés)',
    per100k:
      '{{counts}}\u202f: {{rate}} pour 100\u202f000 habitants pour un seuil de saturation de {{saturation}}',
    noPopulation: '{{counts}} pour un seuil de saturation de {{saturation}} (aucune population chargée)',
    unmonitored: 'aucun secteur surveillé ne couvre la région',
    noStatus: 'aucun état encore enregistré pour {{sectors}}',
    gate: '{{sector}} {{status}} au {{day}}',
    gateWorst_one: '{{sector}} {{status}} au {{day}} (le pire de {{count}} secteur)',
    gateWorst_many: '{{sector}} {{status}} au {{day}} (le pire de {{count}} secteurs)',
    gateWorst_other: '{{sector}} {{status}} au {{day}} (le pire de {{count}} secteurs)',
    noRoutes: 'aucun réseau d’itinéraires chargé dans la région\u202f: non compté',
    routes:
      'le tronçon le plus risqué, {{segment}}, a un score de {{score}} pour un seuil de saturation de {{saturation}}',
    part: '{{input}} {{pressure}} × poids {{weight}}\u202f: {{because}}',
    partMissing: '{{input}} non disponible\u202f: {{because}}',
    partsJoiner: '\u202f; ',
    input: {
      incidents: 'taux d’incidents vérifiés',
      gate: 'état du cessez-le-feu dans les secteurs',
      routes: 'risque sur les itinéraires d’approvisionnement',
    },
    band: { low: 'faible', moderate: 'modéré', elevated: 'élevé', high: 'fort', unknown: 'inconnu' },
    status: { holding: 'respecté', fragile: 'fragile', broken: 'rompu' },
    known: 'Risque {{band}} ({{score}})\u202f: {{parts}}.',
    unknown: 'Risque inconnu\u202f: aucun indicateur n’est disponible. {{parts}}.',
  },
  convoy: {
    corridor:
      'sur le couloir «\u00a0{{corridor}}\u00a0» (segment {{segment}}) {{from}}–{{to}}, hors de ses créneaux ({{windows}})',
    noWindows: 'aucun prévu ni ouvert',
    windowsJoiner: '\u202f; ',
    checkpointStatus: 'le point de contrôle «\u00a0{{checkpoint}}\u00a0» est {{status}}',
    checkpointStatusWord: { open: 'ouvert', closed: 'fermé', suspended: 'suspendu' },
    checkpointShift:
      'atteint le point de contrôle «\u00a0{{checkpoint}}\u00a0» à {{at}}, hors de ses vacations ({{shifts}})',
    noShifts: 'aucune',
    shiftsJoiner: ', ',
    later: 'respecte toutes les règles, mais arrive à {{at}}, après l’itinéraire retenu ({{best}})',
    laterAfterWait:
      'respecte toutes les règles après une attente de {{wait}}, mais arrive à {{at}}, après l’itinéraire retenu ({{best}})',
    wait: 'Attend {{wait}} au point de contrôle «\u00a0{{checkpoint}}\u00a0»\u202f: arrive à {{at}}, passe à son ouverture à {{leave}}.',
    waiting_one:
      'Avec attente ({{wait}} au total, {{allowed}} au plus), arrive à {{at}}\u202f: c’est le seul itinéraire ({{count}}) qui respecte toutes les règles.',
    waiting_many:
      'Avec attente ({{wait}} au total, {{allowed}} au plus), arrive à {{at}}, le plus tôt des {{count}} itinéraires qui respectent toutes les règles.',
    waiting_other:
      'Avec attente ({{wait}} au total, {{allowed}} au plus), arrive à {{at}}, le plus tôt des {{count}} itinéraires qui respectent toutes les règles.',
    minutes: '{{min}} min',
    hours: '{{h}} h {{min}} min',
    noRouteAttempts: 'aucun itinéraire trouvé (essais\u202f: {{attempts}})',
    noRouteRisk_one:
      'aucun itinéraire de {{from}} à {{to}} n’évite le segment ({{count}}) dont le risque dépasse {{risk}}',
    noRouteRisk_many:
      'aucun itinéraire de {{from}} à {{to}} n’évite les {{count}} segments dont le risque dépasse {{risk}}',
    noRouteRisk_other:
      'aucun itinéraire de {{from}} à {{to}} n’évite les {{count}} segments dont le risque dépasse {{risk}}',
    noRouteLeft_one:
      'aucun itinéraire de {{from}} à {{to}} ne reste une fois évité le défaut de l’itinéraire rejeté ({{count}})',
    noRouteLeft_many:
      'aucun itinéraire de {{from}} à {{to}} ne reste une fois évités les défauts des {{count}} itinéraires rejetés',
    noRouteLeft_other:
      'aucun itinéraire de {{from}} à {{to}} ne reste une fois évités les défauts des {{count}} itinéraires rejetés',
    noStart: 'le départ {{node}} n’est pas un nœud de ce réseau',
    noDestination: 'la destination {{node}} n’est pas un nœud de ce réseau',
    noSpeed: 'la vitesse doit être supérieure à 0 km/h',
    noRoute: 'aucun itinéraire trouvé',
  },
  fusion: {
    actor: 'fusion (automatique)',
    stateReason: {
      opened: 'ouvert par la fusion',
      split: 'de nouveau séparé par la fusion',
      agree: 'des sources indépendantes concordent',
      fewer: 'il reste moins de deux sources indépendantes',
    },
    opens: '{{uid}} ouvre l’incident (plus petit uid)',
    joinedMany_one:
      '{{n}} observation jointe, l’une à l’autre ; qui a rejoint qui n’est indiqué que jusqu’à {{limit}} observations',
    joinedMany_many:
      '{{n}} observations jointes, l’une à l’autre ; qui a rejoint qui n’est indiqué que jusqu’à {{limit}} observations',
    joinedMany_other:
      '{{n}} observations jointes, l’une à l’autre ; qui a rejoint qui n’est indiqué que jusqu’à {{limit}} observations',
    join: '{{uid}} a rejoint {{via}} : {{rule}} ({{a}}, {{b}}) ; zones de localisation ({{geometry}}) distantes de {{distance}} (tolérance {{tolerance}}) ; écart dans le temps {{gap}} (tolérance {{timeTolerance}}){{vague}}',
    rule: { same_category: 'même catégorie', compatible_category: 'catégorie compatible' },
    geometry: {
      'disc-disc': 'disque et disque',
      'disc-sector': 'disque et secteur',
      'sector-sector': 'secteur et secteur',
    },
    vague: {
      attached: ' ; signalement imprécis, rattaché seulement au signalement précis le plus proche',
      coincident:
        ' ; signalements imprécis sans voisin précis, dont les zones et les fenêtres coïncident presque',
    },
    party: '{{uids}} : allégation de la partie {{party}}, conservée mais sans valeur de corroboration',
    submitter:
      '{{uids}} : un seul émetteur ({{submitter}}), compté une fois quelles que soient les sources qu’il cite',
    source: '{{uids}} : une seule source ({{source}}), comptée une fois',
    andMore: '{{uids}} et {{more}} de plus',
    corroborated_one: 'corroboré par {{n}} source indépendante',
    corroborated_many: 'corroboré par {{n}} sources indépendantes',
    corroborated_other: 'corroboré par {{n}} sources indépendantes',
    reported_one:
      'signalé : {{n}} source indépendante qui n’est pas une partie ; la corroboration en demande 2',
    reported_many:
      'signalé : {{n}} sources indépendantes qui ne sont pas des parties ; la corroboration en demande 2',
    reported_other:
      'signalé : {{n}} sources indépendantes qui ne sont pas des parties ; la corroboration en demande 2',
    metres: '{{n}} m',
    kilometres: '{{n}} km',
    seconds: '{{n}} s',
    minutes: '{{n}} min',
  },
  gateRule: {
    dayOver: 'le {{date}} : {{what}} — {{count}}, limite {{limit}}',
    daysWithin_one: '{{count}} jour avec au plus {{max}} {{what}} par jour',
    daysWithin_many: '{{count}} jours avec au plus {{max}} {{what}} par jour',
    daysWithin_other: '{{count}} jours avec au plus {{max}} {{what}} par jour',
    coverage: 'surveillé {{monitored}} jours sur {{count}} ({{percent}} %), il faut {{needs}} {{min}} %',
    holds: 'respectée',
    fails: "'{{rule}}' n’est pas respectée ({{why}})",
    violationsAt: {
      all: 'violations',
      corroborated: 'violations corroborées',
      verified: 'violations vérifiées',
    },
    categoriesAt: {
      all: '{{categories}}',
      corroborated: '{{categories}} (corroborées)',
      verified: '{{categories}} (vérifiées)',
    },
    inZone: '{{what}} dans la zone {{zone}}',
  },
  /** Les obstacles d’un ordre de déploiement (core phases/orders.ts), ADR 0057. */
  orderGate: {
    phase: 'phase « {{phase}} » ; les ordres s’ouvrent à la phase « {{opensAt}} »',
    phaseWaiting: 'la phase « {{opensAt}} » (actuellement « {{phase}} »)',
    sector: 'secteur {{sector}} : état « {{status}} », et non « respecté »',
    sectorWaiting: 'le respect du cessez-le-feu dans le secteur {{sector}} (actuellement « {{status}} »)',
    period: 'prévu pour {{month}} ; nous sommes en {{now}}',
    periodWaiting: '{{month}} (actuellement {{now}})',
    mandate: '{{nation}} : aucun mandat national pour ce déploiement',
    caveat: 'l’offre {{offer}} ne peut pas servir dans la région {{region}} ({{line}}, {{role}}) : {{why}}',
    caveatWhy: 'restriction « {{caveat}} » : {{reason}}',
    support:
      '{{nation}} : ni le plan ni la matrice des nations pilotes ne soutiennent ce déploiement dans le secteur {{sector}} ({{line}})',
    supportWhy:
      '{{nation}} : ni le plan ni la matrice des nations pilotes ne soutiennent ce déploiement dans la région {{region}} ({{line}}) : {{plan}}, et {{nation}} n’y est ni pilote ni contributeur dans la matrice des nations pilotes',
    plan: {
      no_plan: 'aucun plan n’est adopté',
      allocates_none: 'le plan adopté {{plan}} n’y affecte rien de l’offre {{offer}}',
      allocates_some:
        'le plan adopté {{plan}} y affecte {{allocated}} de l’offre {{offer}}, et non {{quantity}}',
      sustainment_hidden: 'le plan de soutien {{plan}} ne vous est pas accessible',
      sustainment_units:
        'le plan de soutien {{plan}} affecte {{units}} de l’offre {{offer}} au besoin {{requirement}} en {{month}}, et non {{quantity}}',
    },
    issuable: 'l’ordre {{id}} est prêt à émettre',
    ready: 'en attente du jalon : {{waits}}',
    waitsJoiner: ' et ',
    refused: 'déploiement refusé : {{reasons}}',
    reasonsJoiner: ' ; ',
    cleared: {
      phase: 'la phase est désormais « {{phase}} »',
      sector: 'le cessez-le-feu est désormais respecté dans le secteur {{sector}}',
      period: '{{month}} est arrivé',
      mandate: '{{nation}} : le mandat est désormais accordé',
      caveat: 'aucune restriction nationale n’interdit plus ce déploiement',
      supportPlan: 'désormais soutenu par le plan',
      supportLeadMatrix: 'désormais soutenu par la matrice des nations pilotes',
    },
    phaseName: {
      hostilities: 'hostilités',
      ceasefire_agreed: 'cessez-le-feu conclu',
      ceasefire_holding: 'cessez-le-feu respecté',
      force_deploying: 'déploiement de la force',
      sustainment: 'soutien dans la durée',
      suspended: 'suspendu',
    },
    status: { holding: 'respecté', fragile: 'fragile', broken: 'rompu' },
  },
  /** Ce que la cellule apprend du jalon (phase_notification), ADR 0057. */
  phaseNotice: {
    phase_changed:
      'la phase est désormais « {{phase}} » (après « {{from}} ») ; décision de {{by}} ({{nation}}), sous l’autorité de : {{authority}}',
    phase_override: 'la phase est désormais « {{phase}} » (après « {{from}} ») PAR DÉROGATION : {{reason}}',
    sector_status: 'secteur {{sector}} : état « {{status}} » au {{day}} (auparavant « {{was}} »)',
    breach: "secteur {{sector}} : règle '{{rule}}' violée le {{day}} : {{why}}{{rung}}",
    rung: ' ; proposé : {{title}} (engagés : {{nations}})',
    nobody: 'personne pour l’instant',
    noRung: ' ; aucun échelon de l’échelle de riposte ne répond à cette violation',
    order_issuable:
      'ordre {{order}} ({{offer}}, {{quantity}} vers la région {{region}}, secteur {{sector}}) désormais prêt à émettre : {{because}}',
    everyBlocker: 'tous les obstacles sont levés',
    becauseJoiner: ' ; ',
    noPhase: 'aucune',
  },
};
