import type { RefusalCatalogue } from './index.ts';

/**
 * The server's refusals in French. Terms as docs/glossary.md chooses them (offre, besoin, officier
 * de liaison, ordre, marquage, communicabilité); field names, codes and markings stay as written.
 * Typography: a narrow no-break space before « : ; ? ! » and inside « ». Plurals: one (0, 1),
 * many (1 000 000…: « de »), other.
 */
export const refusalsFr: RefusalCatalogue = {
  checks: {
    comma: '{{first}}, {{rest}}',
    field: '{{field}} : {{problem}}',
    list: '{{first}} ; {{rest}}',
    none: 'rien n’est erroné',
    one: '{{value}}',
  },
  financeChecks: {
    columnTwice: 'la colonne « {{column}} » apparaît deux fois',
    currencyNotTaken: '{{currency}} n’est pas une devise que Guarantor accepte (ISO 4217)',
    duplicateDate: 'doublon : {{date}} figure aussi à la ligne {{row}}',
    fieldCount:
      'compte {{fields}} champs, l’en-tête en a {{columns}} : colonnes décalées ? vérifiez les virgules hors guillemets',
    fileEmpty: 'le fichier est vide',
    kiel: {
      duplicate: 'doublon : {{key}} figure aussi à la ligne {{row}} ; un donateur a une ligne par mois',
      negative: '« {{text}} » est négatif ; les montants sont en milliards d’EUR ≥ 0',
      notDonorCode: '« {{text}} » n’est pas un code de donateur (ISO alpha-3, ou EU comme dans le suivi)',
      notDonorName: '« {{text}} » n’est pas le nom d’un donateur',
      notMonth: '« {{text}} » n’est pas un mois de 1 à 12',
      notYear: '« {{text}} » n’est pas une année',
      otherName: '« {{text}} », mais {{code}} s’appelle « {{known}} » sur une ligne précédente',
      toBeAllocated: '{{text}} n’est pas égal aux engagements moins le total (colonnes décalées ?)',
      totalNotSum:
        '{{text}} n’est pas la somme de l’aide financière, humanitaire et militaire (colonnes décalées ?)',
    },
    missingColumns_many: 'colonnes manquantes {{columns}} ; l’en-tête doit nommer {{required}}',
    missingColumns_one: 'colonne manquante {{columns}} ; l’en-tête doit nommer {{required}}',
    missingColumns_other: 'colonnes manquantes {{columns}} ; l’en-tête doit nommer {{required}}',
    missingRate:
      'aucun taux de change de référence de l’euro pour {{currency}} au {{date}} ; chargez-en un pour cette date (la BCE ne publie que les jours ouvrés, et pas l’UAH) : Guarantor ne prend pas le taux d’un autre jour',
    needs: {
      duplicate: 'doublon : {{assessment}} {{sector}} figure aussi à la ligne {{row}}',
      empty: 'est vide',
      negative: '« {{text}} » est négatif',
      notSector: '« {{text}} » n’est pas le nom d’un secteur',
      notUrl: '« {{text}} » n’est pas une adresse web : chaque chiffre a besoin de sa source',
    },
    noStatedDate: 'publié sans date indiquée : il n’y a pas de taux du jour auquel convertir',
    notDate: '« {{text}} » n’est pas une date AAAA-MM-JJ',
    notDecimal: '« {{text}} » n’est pas un nombre décimal (chiffres, un point, sans exposant ni séparateurs)',
    onlyMonth: 'publié seulement au mois ({{date}}) : il n’y a pas de taux du jour auquel convertir',
    rateNotPositive: '« {{text}} » n’est pas un taux positif',
    risk: {
      divides: 'doit être supérieur à 0 (il sert de diviseur)',
      noWeight: 'au moins une pondération doit être supérieure à 0',
      notNumber: 'doit être un nombre supérieur ou égal à 0',
      share: 'est une part : de 0 à 1',
      windowDays: 'doit être un nombre entier de jours de 1 à 366',
    },
    tooManyDecimals_many: '« {{text}} » a {{count}} décimales ; au plus {{scale}} sont conservées exactement',
    tooManyDecimals_one: '« {{text}} » a {{count}} décimale ; au plus {{scale}} sont conservées exactement',
    tooManyDecimals_other:
      '« {{text}} » a {{count}} décimales ; au plus {{scale}} sont conservées exactement',
  },
  iatiChecks: {
    duplicateActivity: 'doublon : iati-activity[{{activity}}] a le même identifiant',
    duplicateTransaction:
      'doublon : transaction[{{transaction}}] a le même type, les mêmes dates, la même valeur et le même fournisseur',
    missing: 'manquant',
    missingWithout: 'manquant, ou sans {{attribute}}',
    needsAtLeastOne: 'manquant : le schéma en exige au moins un',
    needsOne: 'manquant : le schéma en exige un',
    negativeValue: '{{text}} est négatif ; une correction n’est pas acceptée : envoyez la valeur corrigée',
    noActivity: 'aucun iati-activity : le schéma en exige au moins un',
    noCurrency: 'manquant, et l’activité n’a pas de @default-currency',
    noIdentifier: 'manquant ou vide : chaque activité a besoin de son identifiant',
    noNarrative: 'manquant ou sans texte (narrative)',
    noProvider:
      'ne nomme aucun identifiant d’organisation (@ref), pas plus qu’une participating-org de financement ou la reporting-org',
    noReportingOrg: 'manquant : chaque activité nomme son organisation déclarante',
    noValue: 'manquant : une transaction a besoin de sa valeur',
    noValueDate: 'manquant : la date de valeur indique le taux qui la convertit',
    noVersion:
      'iati-activities/@version manque ; Guarantor lit les fichiers IATI {{supported}}, qui indiquent leur version',
    notActivities:
      'l’élément racine est <{{root}}>, pas <iati-activities> : envoyez un fichier d’activités IATI (un fichier d’organisation n’est pas lu)',
    notActivity: '<{{name}}> n’est pas un élément de iati-activities ; seul iati-activity l’est',
    notAlpha2: '« {{text}} » n’est pas un code ISO 3166-1 alpha-2',
    notElement:
      '<{{name}}> n’est pas un élément d’IATI {{supported}} (une extension a besoin de son propre espace de noms)',
    notPosition:
      '« {{text}} » n’est pas « latitude longitude » en degrés (IATI écrit la latitude en premier)',
    notTracked:
      'le type de transaction {{type}} ({{words}}) n’est pas une étape que Guarantor suit (annonce de contribution 12, engagement 2, décaissement 3, dépense 4)',
    notTransactionType: '« {{type}} » n’est pas un code TransactionType IATI (de 1 à 13)',
    otherVersion:
      'le fichier est en version IATI {{version}} ; Guarantor ne lit que IATI {{supported}} : demandez à l’éditeur le fichier {{supported}} ou convertissez-le',
    transactionType: {
      t1: 'fonds reçus',
      t10: 'garantie de crédit',
      t11: 'engagement reçu',
      t13: 'annonce de contribution reçue',
      t5: 'paiement d’intérêts',
      t6: 'remboursement de prêt',
      t7: 'remboursement de frais',
      t8: 'prise de participation',
      t9: 'cession de participation',
    },
    xml: {
      badReference: 'entité inconnue ou référence de caractère erronée &{{ref}};',
      doctype:
        'les déclarations DOCTYPE et ENTITY ne sont pas acceptées (les fichiers IATI n’en ont pas besoin) ; supprimez-les',
      malformed: 'le XML n’est pas bien formé : {{why}}',
      malformedAt: 'le XML n’est pas bien formé à la ligne {{line}}, colonne {{column}} : {{why}}',
      tooDeep: 'les éléments sont imbriqués sur plus de {{max}} niveaux',
      tooManyBytes: 'le fichier dépasse {{mb}} Mo ; découpez-le en plusieurs fichiers',
      tooManyElements: 'le fichier compte plus de {{max}} éléments ; découpez-le',
    },
  },
  importChecks: {
    dateOrder: '« {{text}} » peut être jour/mois ou mois/jour ; précisez lequel (--date-order dmy ou mdy)',
    fieldCount:
      'compte {{fields}} champs, l’en-tête en a {{columns}} ; vérifiez les séparateurs hors guillemets',
    fileEmpty: 'le fichier est vide ; la première ligne doit nommer les colonnes',
    fromColumn: '{{field}} (de la colonne {{column}})',
    headerLacks:
      'il manque à l’en-tête {{fields}} ; associez une colonne à chacun (--map start=event_date), fixez une constante (--set source_kind=osint) ou utilisez un modèle (--preset acled) ; voir docs/import-csv.md',
    headerNeedsPoint:
      'l’en-tête doit contenir {{lngColumn}} et {{latColumn}} (associez-les avec --map lng=longitude --map lat=latitude), ou {{bearing}}',
    noLocation:
      'aucun emplacement : indiquez lng et lat, ou observer_lng, observer_lat, bearing_deg, spread_deg, min_distance_m, max_distance_m',
    noSheet: 'le classeur n’a pas de feuille « {{sheet}} » ; ses feuilles : {{sheets}}',
    noWorksheet: 'le classeur n’a aucune feuille',
    noZone:
      '« {{text}} » n’a pas de fuseau horaire ; indiquez-en un (--zone Europe/Kyiv) ou écrivez par ex. 2026-11-26T10:00:00Z',
    notCalendarDate: '« {{text}} » n’est pas une date du calendrier',
    notEncoding:
      'le fichier n’est pas du {{encoding}} valide après l’octet {{byte}} ; indiquez son encodage (--encoding windows-1251, utf-16le, …)',
    notFeatureCollection: 'pas une FeatureCollection GeoJSON avec un tableau features',
    notInValueTable:
      '« {{text}} » n’a pas de {{field}} dans la table de valeurs de la colonne {{column}} ; ajoutez-le à la table, ou une entrée « * » pour tout le reste',
    notJson: 'pas du JSON : {{why}}',
    notMonthName: '« {{text}} » : « {{month}} » n’est pas un nom de mois anglais',
    notNumber: '« {{text}} » n’est pas un nombre',
    notNumberDot: '« {{text}} » n’est pas un nombre ; écrivez les décimales avec un point',
    notPoint: 'doit être un Point avec [longitude, latitude]',
    notTime:
      '« {{text}} » n’est pas une heure : écrivez 2026-11-26T10:00:00Z, ou une date comme 2026-11-26 ou 26.11.2026 avec un fuseau',
    notUcdp: 'pas un fichier UCDP GED : il manque à l’en-tête {{columns}}',
    notXlsx: 'pas un classeur XLSX : {{why}}',
    pointAndBearing: 'indiquez soit lng/lat, soit les colonnes de relèvement, pas les deux',
    quoteNotClosed: 'un guillemet ouvert dans la colonne {{column}} à la ligne {{line}} n’est jamais fermé',
    rowTooLong: 'ligne de plus de {{max}} caractères',
    textAfterQuote: 'du texte après le guillemet fermant dans la colonne {{column}}',
    uidRepeats: '« {{uid}} » répète la ligne {{row}}',
    unknownEncoding:
      '« {{encoding}} » n’est pas un encodage de texte ; utilisez par ex. utf-8, windows-1251, utf-16le',
  },
  logisticsChecks: {
    checkpointWhere: 'donnez au point de contrôle une position ou un nœud',
    crossingName: 'un point de passage a besoin d’un nom',
    crossingPoint: 'un point de passage a besoin d’un Point [longitude, latitude]',
    farFromUkraine:
      'la ligne ne s’approche pas à moins de {{degrees}}° (environ 200 à 330 km) du territoire terrestre de l’Ukraine : ce n’est pas un itinéraire de ce théâtre',
    loop: 'les deux extrémités rejoignent le même nœud (à {{toleranceM}} m près) : une boucle n’est pas un itinéraire',
    noFeatures: 'une FeatureCollection a besoin d’un tableau features',
    noGeometry: 'l’entité n’a pas de géométrie',
    noLine: 'le fichier ne contient aucune ligne à prendre comme itinéraire',
    noNetwork: 'aucun réseau {{id}} que vous puissiez lire',
    noNode: 'aucun nœud {{id}} dans un réseau que vous puissiez lire',
    noSegment: 'aucun tronçon {{segment}} dans le réseau {{network}}',
    notGeoJson: 'pas du GeoJSON : une FeatureCollection de LineString est attendue',
    notJoined:
      'le tronçon {{segment}} ne rejoint pas {{previous}} : les tronçons d’un couloir doivent se suivre le long de l’itinéraire',
    notLineLayer:
      'pas une couche de lignes : type {{type}} ; une FeatureCollection de LineString est attendue',
    notPoints: 'une FeatureCollection GeoJSON de points est attendue',
    notPosition: 'une position doit être des nombres [longitude, latitude]',
    notPositions: 'les coordonnées doivent être un tableau de positions [longitude, latitude]',
    notRoute: 'un {{type}} n’est pas un itinéraire : seuls LineString et MultiLineString le sont',
    outOfRange:
      'la position [{{longitude}}, {{latitude}}] est hors limites : GeoJSON donne d’abord la longitude (−180…180), puis la latitude (−90…90)',
    tolerance: 'la tolérance d’accrochage doit être de 0 à 5 000 m',
    tooManyPositions: 'le fichier compte plus de {{max}} positions : découpez-le',
    twoPositions: 'une ligne a besoin de deux positions distinctes',
    windowEnds: 'la fenêtre doit finir après son début',
    windowOverlaps:
      'la fenêtre chevauche la fenêtre {{id}} ({{start}}–{{end}}) du même couloir ; les fenêtres d’un couloir ne peuvent pas se chevaucher',
  },
  sustainmentChecks: {
    endBeforeStart: 'la fin ({{end}}) précède le début ({{start}})',
    mandateBeforeStart: 'le mandat se termine ({{end}}) avant que l’offre soit disponible ({{from}})',
    monthsDeployed:
      'monthsDeployed (les mois déployés du cycle de rotation) doit être un nombre entier d’au moins 1 ; reçu {{value}}',
    notDate: '{{field}} doit être une date écrite AAAA-MM-JJ ; reçu « {{value}} »',
    notMonth: '{{field}} doit être un mois écrit AAAA-MM ; reçu « {{value}} »',
    notWhole: '{{field}} doit être un nombre entier d’au moins {{min}} ; reçu {{value}}',
    outside: '{{field}} ({{from}} à {{to}}) sort des mois du besoin ({{start}} à {{end}})',
    outsideOpen: '{{field}} ({{from}} à {{to}}) sort des mois du besoin ({{start}}, sans fin)',
    outsideToEnd: '{{field}} ({{from}} jusqu’à la fin) sort des mois du besoin ({{start}} à {{end}})',
    outsideToEndOpen: '{{field}} ({{from}} jusqu’à la fin) sort des mois du besoin ({{start}}, sans fin)',
    overlaps: '{{field}} chevauche sizeChanges[{{other}}] : un mois ne peut avoir qu’un effectif',
    toBeforeFrom: '{{field}}.to ({{to}}) précède {{field}}.from ({{from}})',
    tooLong: 'un besoin couvre au plus {{max}} mois ; de {{start}} à {{end}}, il y en a {{months}}',
  },
  access: {
    labelEmptyNation: 'marquage « {{text}} » : nation vide dans la liste REL TO',
    labelNotIso3: 'marquage « {{text}} » : « {{code}} » n’est pas un code ISO 3166-1 alpha-3',
    labelUnknown:
      'le marquage « {{text}} » n’est ni PUBLIC, ni COALITION, ni REL TO <ISO3, ISO3…>, ni NATIONAL <ISO3>',
  },
  audit: {
    needsAdmin:
      'les entrées du journal d’audit relatives aux utilisateurs et aux jetons d’API exigent le rôle admin',
  },
  auth: {
    csrfMissing:
      'il manque à cette écriture l’en-tête x-csrf-token de votre session ; rechargez la page et réessayez',
    invalidCredentials: 'nom d’utilisateur inconnu ou mot de passe erroné',
    locked:
      'ce compte est verrouillé après {{failures}} échecs de connexion en {{minutes}} minutes ; réessayez après {{until}}Z (dans {{wait}} min) ou demandez à un administrateur de le réactiver',
    noRole: 'aucun rôle',
    roleNeeded: 'cette action exige le rôle {{roles}} ; vous détenez : {{held}}',
    signInFirst: 'connectez-vous d’abord : cette requête n’a ni cookie de session valide ni jeton d’API',
    tokenUnknown: 'le jeton d’API est inconnu ou révoqué ; demandez-en un nouveau à un administrateur',
    tooManySignIns:
      'trop de tentatives de connexion depuis cette adresse ; attendez {{seconds}} s et réessayez',
  },
  basemap: {
    notConfigured: 'aucun fond de carte n’est configuré ; la carte utilise son style hors ligne',
    tileNotCovered: 'pas de tuile de fond de carte {{zoom}}/{{x}}/{{y}} : l’archive ne la couvre pas',
  },
  cellwork: {
    actionLabelWider:
      'body.releasability : le marquage {{label}} est plus large que ce que permet l’origine de cette action ({{bound}}) ; choisissez {{bound}} ou plus restreint',
    actionNotFound: 'aucune action avec cet id que vous puissiez lire',
    actionOtherNation:
      'cette action relève de : {{nation}} ; seuls son officier de liaison ou l’état-major de la cellule peuvent la modifier',
    actionStatusAlready: 'l’action est déjà à l’état « {{status}} »',
    attendeeNotMember:
      'body.nation : {{nation}} ({{code}}) n’est pas membre de la coalition ; seules les nations membres assistent aux réunions de la cellule',
    attendeeRecorded: 'body.person : {{person}} est déjà inscrit(e) pour : {{nation}}',
    deciderNotMember:
      'body.nation : {{nation}} n’est pas membre de la coalition ; une décision est prise par une nation membre',
    decisionIdNotFound: 'body.decisionId : aucune décision avec cet id que vous puissiez lire',
    decisionLabelWider:
      'body.releasability : le marquage {{label}} est plus large que ce que permettent les enregistrements sur lesquels repose cette décision ({{bound}}) ; choisissez {{bound}} ou plus restreint, ou confirmez l’élargissement en donnant un motif',
    decisionNotFound: 'aucune décision avec cet id que vous puissiez lire',
    dueInPast: 'body.dueAt : l’échéance {{due}} est passée (il est {{now}}) ; donnez une date à venir',
    dueNotDate: 'body.dueAt : l’échéance n’est pas une date',
    incidentIdNotFound: 'body.incidentId : aucun incident avec cet id que vous puissiez lire',
    linkKind: {
      breach: 'violation d’une règle du jalon',
      control_area: 'version de zone sous contrôle',
      daily_report: 'rapport quotidien',
      finance_flow: 'donnée financière',
      gate_evaluation: 'évaluation du jalon pour un jour',
      incident: 'incident',
      land_option: 'version d’option territoriale',
      phase_rule: 'règle du jalon',
      plan: 'plan de forces',
    },
    linkNotFound: 'body.links.{{i}} : aucun enregistrement ({{kind}}) avec cet id que vous puissiez lire',
    meetingIdNotFound: 'body.meetingId : aucune réunion avec cet id que vous puissiez lire',
    meetingNotFound: 'aucune réunion avec cet id que vous puissiez lire',
    ownerNotMember:
      'body.ownerNation : {{nation}} n’est pas membre de la coalition ; le responsable d’une action est une nation membre',
  },
  coalition: {
    nationNotFound: 'aucune nation de la coalition {{iso3}} que vous puissiez voir',
    otherNation: 'un officier de liaison de {{mine}} ne peut pas enregistrer d’offres de {{theirs}}',
    unknownCapability: 'capacité inconnue « {{capability}} » ; utilisez l’une de : {{choices}}',
  },
  common: {
    changedBySomeoneElse:
      '{{what}} : quelqu’un d’autre a modifié cet enregistrement ; vous avez envoyé la version {{sent}}, il en est maintenant à la version {{current}} ; rechargez-le et appliquez de nouveau votre modification',
    reason: '{{reason}}',
  },
  database: {
    exists: 'un enregistrement avec cet id existe déjà',
    invalidText: 'une valeur texte contient un caractère qui ne peut pas être enregistré',
    missingReference: 'l’enregistrement fait référence à quelque chose qui n’existe pas',
    noAnswer: 'la base de données ne répond pas : {{reason}}',
    outOfRange: 'une valeur sort de ce que l’enregistrement autorise',
    overlap: 'l’enregistrement chevauche un autre qu’il ne peut pas chevaucher (fenêtres d’un même couloir)',
    unavailable:
      'la base de données est injoignable (elle redémarre peut-être) ; réessayez dans {{seconds}} s',
    unreadableWrite: 'vous ne pouvez pas enregistrer une donnée que votre nation ne pourrait pas lire',
  },
  exports: {
    tooLarge:
      'plus de {{max, number}} lignes correspondent ; restreignez les filtres (les paramètres de requête de GET {{list}}, p. ex. une période plus courte) et exportez de nouveau, en plusieurs fois si nécessaire',
  },
  finance: {
    asOfNotDay: 'query.asOf : {{asOfDay}} n’est pas un jour du calendrier',
    currencyAndRateDate:
      'query.currency et query.rateDate vont ensemble : indiquez une devise et le jour de son taux',
    currencyUnknown: 'query.currency : {{currency}} n’est pas une devise que Guarantor accepte',
    fileRefused: 'le fichier est refusé, rien n’est enregistré : ligne {{row}}, {{field}} : {{reason}}',
    notUtf8: 'body : le fichier n’est pas un texte UTF-8 ; enregistrez-le en CSV UTF-8',
    release: {
      narrows:
        '{{to}} masquerait « {{source}} » à des lecteurs que son marquage {{label}} admet aujourd’hui ; une communication ne fait qu’élargir qui peut voir une source (pour la restreindre, importez de nouveau le fichier avec le marquage plus restreint)',
      notFound: 'aucune source importée « {{source}} » que vous puissiez voir',
      notYours:
        '« {{source}} » a été importée par {{owner}} : seuls les officiers financiers de {{owner}} ou l’état-major de la cellule peuvent la communiquer',
      unchanged: '« {{source}} » est déjà {{label}}',
    },
    rowProblems_many:
      '{{count}} de problèmes dans {{rows}} lignes, donc rien n’a été enregistré (ligne {{row}}, {{field}} : {{reason}}) ; corrigez le fichier et envoyez-le de nouveau',
    rowProblems_one:
      '{{count}} problème dans {{rows}} lignes, donc rien n’a été enregistré (ligne {{row}}, {{field}} : {{reason}}) ; corrigez le fichier et envoyez-le de nouveau',
    rowProblems_other:
      '{{count}} problèmes dans {{rows}} lignes, donc rien n’a été enregistré (ligne {{row}}, {{field}} : {{reason}}) ; corrigez le fichier et envoyez-le de nouveau',
    sendCsv: 'body : envoyez le fichier en text/csv',
  },
  iati: {
    exportTooLarge: 'plus de {{max}} flux : exportez-les en ligne de commande',
    notUtf8: 'body : le fichier n’est pas en UTF-8 ; les fichiers IATI sont du XML UTF-8',
    nothingToExport:
      'aucun flux avec un type de transaction IATI à exporter : importez d’abord des annonces de contribution, des engagements ou des décaissements',
    overCommitment_many:
      '{{count}} d’activités décaissent plus que l’engagement ({{activityId}} : {{disbursed}} décaissés pour {{committed}} {{currency}} engagés) ; rien n’a été enregistré : donnez overCommitmentReason pour en consigner la raison, ou corrigez le fichier',
    overCommitment_one:
      '{{count}} activité décaisse plus que l’engagement ({{activityId}} : {{disbursed}} décaissés pour {{committed}} {{currency}} engagés) ; rien n’a été enregistré : donnez overCommitmentReason pour en consigner la raison, ou corrigez le fichier',
    overCommitment_other:
      '{{count}} activités décaissent plus que l’engagement ({{activityId}} : {{disbursed}} décaissés pour {{committed}} {{currency}} engagés) ; rien n’a été enregistré : donnez overCommitmentReason pour en consigner la raison, ou corrigez le fichier',
    problems_many:
      '{{count}} de problèmes dans {{activities}} activités, donc rien n’a été enregistré ({{element}} : {{reason}}) ; corrigez le fichier et envoyez-le de nouveau',
    problems_one:
      '{{count}} problème dans {{activities}} activités, donc rien n’a été enregistré ({{element}} : {{reason}}) ; corrigez le fichier et envoyez-le de nouveau',
    problems_other:
      '{{count}} problèmes dans {{activities}} activités, donc rien n’a été enregistré ({{element}} : {{reason}}) ; corrigez le fichier et envoyez-le de nouveau',
    sendXml: 'body : envoyez le fichier IATI en application/xml',
  },
  imports: {
    fileRefused: 'le fichier est refusé, rien n’est enregistré : {{reason}}',
    presetRefused: 'query.preset : {{reason}}',
    queryRefused: 'query : {{problems}}',
    rowsRejected:
      '{{rejected}} lignes sur {{rows}} rejetées, donc rien n’a été enregistré (ligne {{row}}, {{field}} : {{reason}}) ; corrigez-les, ou envoyez acceptPartial=true pour enregistrer les {{accepted}} autres',
    sendTheFile:
      'body : envoyez le fichier lui-même, avec le Content-Type text/csv, application/geo+json ou le type XLSX',
    valuesSyntax:
      'query.values : « {{spec}} » : écrivez field=column:value=field value;…, p. ex. category=event_type:Shelling=explosion_impact;*=other',
  },
  incidents: {
    allowedFrom: {
      attribute: '« vérifié »',
      dismiss: '« signalé », « corroboré » ou « vérifié »',
      verify: '« signalé » ou « corroboré »',
    },
    assessmentMissing: 'body.assessment : donnez l’évaluation des observateurs qui fonde l’imputation',
    changedSinceRead:
      'l’incident {{id}} a changé depuis que vous l’avez lu (version {{sent}}, maintenant {{current}}) ; rechargez-le',
    changedWhileActing: 'l’incident {{id}} a changé pendant que vous le traitiez ; rechargez-le',
    dismissReasonMissing: 'body.reason : dites pourquoi l’incident est écarté',
    evidenceMissing: 'body.evidence : donnez au moins un lien vers un élément de preuve pour une imputation',
    exportTooLarge:
      'plus de {{max, number}} incidents correspondent ; restreignez la période, le secteur ou les catégories et exportez de nouveau',
    merged: 'l’incident {{id}} a été fusionné dans {{mergedInto}} ; agissez sur celui-ci',
    notFound: 'aucun incident {{id}} que vous puissiez voir',
    partyMissing: 'body.party : nommez la partie à laquelle l’incident est imputé',
    transitionRefused:
      'impossible d’appliquer {{action}} à un incident à l’état « {{from}} » : {{action}} s’applique aux incidents à l’état {{allowed}}',
    transitionRefusedClosed:
      'impossible d’appliquer {{action}} à un incident à l’état « {{from}} » : {{action}} s’applique aux incidents à l’état {{allowed}} ; un incident à l’état « {{from}} » est clos',
    transitionRefusedVerifyFirst:
      'impossible d’appliquer {{action}} à un incident à l’état « {{from}} » : {{action}} s’applique aux incidents à l’état {{allowed}} ; vérifiez-le d’abord',
  },
  ladder: {
    breachNotFound: 'aucune violation {{id}} que vous puissiez voir',
    rungUnknown: 'aucun échelon « {{rungId}} » sur l’échelle de riposte',
  },
  landOptions: {
    compareNotFound: 'query.ids : aucune option territoriale {{id}} que vous puissiez lire',
    featureRefused: 'entité {{index}}, {{field}} : {{reason}} ; rien n’est enregistré',
    labelHidesFromYou:
      'body.releasability : le marquage {{label}} vous masquerait l’option ; incluez votre nation',
    notFound: 'aucune option territoriale {{id}} que vous puissiez lire',
    tooManyToCompare: 'query.ids : {{count}} options ; comparez-en au plus 12 à la fois',
  },
  leadClaims: {
    active: 'la revendication du rôle pilote {{id}} est active ; il n’y a rien à réaffirmer',
    alreadyClaimed:
      '{{nation}} revendique déjà le rôle pilote pour {{region}} / {{lineOfEffort}} ; retirez cette revendication pour la changer',
    keptAs:
      'la revendication de {{nation}} au rôle pilote pour {{region}} / {{lineOfEffort}} est conservée à l’état {{status}} ; réaffirmez-la avec POST /api/lead-claims/{{id}}/reassert',
    notFound: 'aucune revendication du rôle pilote {{id}} que vous puissiez voir',
    otherNation:
      'la revendication du rôle pilote {{id}} appartient à {{nation}} ; un officier de liaison ne retire ou ne réaffirme que les revendications de sa propre nation',
    withdrawnAlready:
      'la revendication du rôle pilote {{id}} est déjà retirée ; réaffirmez-la avec POST /api/lead-claims/{{id}}/reassert',
  },
  leadMatrix: {
    noClaimants: 'ses candidats (il n’y en a aucun)',
    notClaimant:
      '{{nation}} ne revendique pas {{region}} / {{lineOfEffort}} ; choisissez parmi : {{claimants}}',
    oneClaimant:
      '{{region}} / {{lineOfEffort}} n’a qu’un candidat ({{nation}}) ; il n’y a aucun conflit à trancher',
  },
  logistics: {
    demoNetworkExists:
      'le réseau de démonstration existe déjà ({{id}}, {{name}}) : choisissez-le dans la liste',
    demoNetworkRefused: 'réseau de démonstration : {{reason}}',
    equipmentClassTwice:
      'body.inventory[{{index}}].equipmentClass : {{equipmentClass}} figure deux fois ; indiquez chaque classe une seule fois avec son total',
    fieldRefused: '{{field}} : {{reason}}',
    fieldRefusedNothingStored: '{{field}} : {{reason}} ; rien n’est enregistré',
    notANode: '{{node}} n’est pas un nœud de {{network}}',
    notFound: '{{what}} : inexistant ou non communicable à vous',
    shiftZeroLength: 'une relève doit finir à une autre heure que celle où elle commence',
    timeOfDay: 'une heure HH:MM (UTC)',
    what: {
      checkpoint: 'point de contrôle {{id}}',
      corridor: 'couloir {{id}}',
      crossing: 'point de passage {{id}}',
      hub: 'plateforme logistique {{id}}',
      network: 'réseau {{id}}',
      window: 'fenêtre {{windowId}} du couloir {{id}}',
    },
  },
  monitoring: {
    batchTooLarge: '{{count}} observations dans une seule requête ; envoyez-en au plus {{max}} par requête',
    cotEmpty: 'le corps ne contient aucun élément CoT <event> ; envoyez un ou plusieurs documents <event>',
  },
  offers: {
    changed:
      'l’offre {{id}} a été modifiée par quelqu’un d’autre : vous avez envoyé la version {{sent}}, elle en est maintenant à la version {{current}} ; rechargez-la et appliquez de nouveau votre modification',
    notFound: 'aucune offre {{id}} que vous puissiez voir',
    otherNation:
      'un officier de liaison de {{mine}} ne peut pas enregistrer d’offres de {{theirs}} ; l’offre {{id}} appartient à {{theirs}}',
    releaseNarrows:
      '{{label}} masquerait l’offre {{id}} aux lecteurs de {{old}} ; une communication ne peut qu’élargir le marquage',
  },
  orders: {
    alreadyIssued: 'l’ordre {{id}} a été émis le {{at}} par {{by}}',
    capabilityFitsNoRole:
      'un(e) {{capability}} ne peut remplir aucun des rôles de {{lineOfEffort}} ({{roles}})',
    deploymentRefused: 'déploiement refusé : {{reasons}}',
    notFound: 'aucun ordre {{id}} que vous puissiez voir',
    otherNation:
      'un officier de liaison de {{mine}} ne peut pas préparer d’ordres pour l’offre de {{theirs}} ; l’état-major de la cellule ou un officier de liaison de {{theirs}} le peut',
    quantityExceeds: 'l’offre {{id}} compte {{held}} {{unit}} ; l’ordre en demande {{asked}}',
    regionOutsideSector:
      'la région {{region}} ({{regionCode}}) ne se trouve pas dans le secteur {{sectorName}} ({{sector}}) ; choisissez une région de ce secteur ({{inside}}) ou le secteur où se trouve la région',
    regionOutsideSectorNoRegion:
      'la région {{region}} ({{regionCode}}) ne se trouve pas dans le secteur {{sectorName}} ({{sector}}) ; choisissez une région de ce secteur ou le secteur où se trouve la région',
    sectorUnknown: 'la surveillance ne connaît aucun secteur « {{sector}} » ; secteurs connus : {{known}}',
    sectorUnknownNoData:
      'la surveillance ne connaît aucun secteur « {{sector}} » (aucun secteur n’a encore de données de surveillance)',
    unknownRegion: 'région inconnue « {{regionCode}} »',
  },
  phases: {
    asOfInFuture: 'asOf {{asOf}} est dans le futur (nous sommes le {{today}})',
    changeRefused: 'changement de phase refusé : {{reasons}}',
    decisionDateBeforePhase:
      'la date de décision {{date}} est antérieure au début de la phase en cours ({{phase}} depuis le {{since}})',
    decisionDateInFuture: 'la date de décision {{date}} est dans le futur (nous sommes le {{today}})',
    guardPolicyInvalid:
      'changement de phase refusé : la politique de contrôle de {{target}} cite des règles inconnues, retirées ou qui ne sont plus en vigueur ({{problems}}) ; corrigez d’abord la politique ou les règles',
  },
  planning: {
    notFound: 'aucun enregistrement ({{what}}) que vous puissiez voir',
    unknownLineOfEffort: 'ligne d’effort inconnue « {{lineOfEffort}} » ; utilisez l’une de : {{choices}}',
    unknownRegion: 'région inconnue « {{region}} » ; utilisez un code du catalogue des régions',
    what: {
      requirement: 'besoin {{id}}',
    },
  },
  plans: {
    alreadyAdopted: 'le plan {{id}} est déjà adopté',
    noSuchPlan: 'aucun plan de ce type que vous puissiez voir',
    notFound: 'aucun plan {{id}} que vous puissiez voir',
    nothingToCompare: 'le plan {{id}} n’a pas de plan de comparaison ; indiquez-en un avec ?against=PLAN-<n>',
    requirementNotInPlan: 'ce besoin n’a pas été confié au plan (ou vous ne pouvez pas le voir)',
    superseded: 'le plan {{id}} a été remplacé par une adoption ultérieure ; lancez plutôt un nouveau plan',
  },
  presence: {
    noHashtags:
      'body : aucune ligne de hashtags HXL (#org, #adm1+code, #sector …) dans les 25 premières lignes ; balisez les colonnes, voir hxlstandard.org',
    refused: 'body : {{reason}}',
    sendHxl:
      'body : envoyez un tableau HXL : CSV (text/csv) ou HXL JSON (un tableau de lignes, ou d’objets indexés par hashtags)',
  },
  request: {
    bbox: 'query.bbox : donnez west,south,east,north en degrés (longitude d’abord), west ≤ east et south ≤ north',
    bodyNotJson: 'body : pas du JSON : {{reason}}',
    bodyTooLarge: 'le corps dépasse ce que ce point d’accès accepte',
    cursorNotGiven: 'ce n’est pas un curseur donné par cette liste',
    cursorOtherList: 'ce n’est pas un curseur de {{list}}',
    cursorRefused:
      'curseur refusé : {{why}} ; renvoyez tel quel la valeur `next` de la page précédente, ou omettez cursor pour la première page',
    fieldInvalid: '{{field}} : {{problem}}',
    fieldNameNul:
      '{{field}} : a un nom de champ qui contient un caractère NUL (U+0000) à la position {{at}} ; supprimez-le',
    fieldNameSurrogate:
      '{{field}} : a un nom de champ qui contient un demi-code UTF-16 isolé (U+{{code}}) à la position {{at}} ; supprimez-le',
    internal:
      'une erreur est survenue sur le serveur ; communiquez l’identifiant de requête {{id}} à un administrateur',
    malformedJson: 'le corps n’est pas un JSON valide : {{reason}}',
    noRoute: 'aucune route {{method}} {{path}}',
    notOneOf: 'query.{{field}} : {{values}} ne fait pas partie de : {{allowed}}',
    pathParamTooLong:
      'un paramètre de chemin est plus long que tout id de cette API (100 caractères) ; vérifiez l’URL',
    textNul: '{{field}} : contient un caractère NUL (U+0000) à la position {{at}} ; supprimez-le',
    textSurrogate:
      '{{field}} : contient un demi-code UTF-16 isolé (U+{{code}}) à la position {{at}} ; supprimez-le',
    tileOutOfRange: 'la tuile {{zoom}}/{{x}}/{{y}} n’existe pas : x et y vont de 0 à {{max}}',
    toBeforeFrom: 'query.to : est antérieur à query.from ; il faut from ≤ to',
    unknownFields_many: '{{field}} : champs inconnus {{keys}} ; supprimez-les',
    unknownFields_one: '{{field}} : champ inconnu {{keys}} ; supprimez-le',
    unknownFields_other: '{{field}} : champs inconnus {{keys}} ; supprimez-les',
    urlNotDecodable:
      'l’URL n’est pas valide : un caractère encodé en pourcentage dans le chemin ne peut pas être décodé',
  },
  requirements: {
    notIso3: '« {{nation}} » n’est pas un code ISO 3166-1 alpha-3',
    roleMismatch: 'un(e) {{capability}} ne peut pas servir de {{role}} ; ses rôles : {{roles}}',
    unknownCapability: 'capacité inconnue « {{capability}} » ; utilisez l’une de : {{choices}}',
    unknownRegion:
      'région inconnue « {{region}} » ; utilisez un code du catalogue des régions (UA-14, POL, BLACK_SEA…)',
  },
  rules: {
    exists: 'la règle « {{id}} » existe (version {{version}}) ; ajoutez plutôt une version',
    hostilitiesNoGuard:
      'la phase des hostilités n’a pas besoin de contrôle : personne n’attend d’autorisation pour y revenir',
    notFound: 'aucune règle « {{id}} »',
    unknown_many: 'règles inconnues {{rules}} ; ajoutez d’abord les règles',
    unknown_one: 'règle inconnue {{rules}} ; ajoutez d’abord la règle',
    unknown_other: 'règles inconnues {{rules}} ; ajoutez d’abord les règles',
  },
  sustainment: {
    horizonStartNotMonth: 'horizonStart doit être un mois au format YYYY-MM, reçu « {{horizonStart}} »',
    monthNotMonth: 'month doit être un mois au format YYYY-MM, reçu « {{month}} »',
    noSuchPlan: 'aucun plan de soutien de ce type que vous puissiez voir',
    outsideHorizon:
      'le mois {{month}} est hors de l’horizon du plan ({{horizonStart}}, {{horizonMonths}} mois)',
    planNotFound: 'aucun plan de soutien {{id}} que vous puissiez voir',
    requirementNotFound: 'aucun besoin {{id}} que vous puissiez voir',
    what: {
      rotation: 'rotation de l’offre {{id}}',
      timeline: 'calendrier du besoin {{id}}',
    },
  },
  sustainmentOrders: {
    drafted: 'les ordres de {{month}} du plan {{id}} sont déjà préparés ({{orders}})',
    monthNotMonth: 'month doit être au format YYYY-MM, reçu « {{month}} »',
    noLineOrderable: 'aucune ligne de {{month}} ne peut être commandée : {{problems}}',
    noUnits: 'le plan {{id}} n’affecte aucune unité à aucun besoin en {{month}}',
    outsideHorizon:
      'le mois {{month}} est hors de l’horizon du plan ({{horizonMonths}} mois à partir de {{horizonStart}})',
    pastMonth:
      'le mois {{month}} est passé (nous sommes en {{current}}) ; préparez des ordres pour ce mois ou un mois ultérieur',
  },
  tak: {
    layer: {
      checkpoints: 'points de contrôle',
      corridors: 'couloirs',
      'route-segments': 'tronçons d’itinéraire',
    },
    sectorNotFound:
      'aucun secteur d’observation avec cet id que vous puissiez voir ; choisissez-en un sur la page des zones',
    tooManyIncidents:
      'incidents : plus de {{max, number}} incidents vérifiés ; choisissez un secteur, ou utilisez le flux CoT',
    tooManyLogistics:
      'logistics : plus de {{max, number}} {{layer}} ; choisissez un secteur, ou excluez-les avec logistics=false',
    tooManyLogisticsInSector:
      'logistics : plus de {{max, number}} {{layer}} dans ce secteur ; excluez-les avec logistics=false',
  },
  territory: {
    importRefused: 'body : {{refused}} ; rien n’est enregistré',
    noControlArea:
      'aucune zone sous contrôle ({{side}}) au {{day}} ou avant que vous puissiez lire : importez-en une datée de ce jour (POST /api/territory/control-areas/import), ou choisissez une date ultérieure',
    toBeforeFrom: 'query.to : {{to}} est antérieur à from ({{from}}) ; inversez-les',
    versionNotFound: 'aucune version de zone sous contrôle {{id}} que vous puissiez lire',
  },
  users: {
    disabledNoToken: '{{username}} est désactivé ; réactivez le compte avant de lui délivrer un jeton',
    exists: 'un utilisateur nommé {{username}} existe déjà ; choisissez un autre nom d’utilisateur',
    notFound: 'aucun utilisateur nommé {{username}}',
    selfDisable: 'vous ne pouvez pas désactiver votre propre compte ; demandez à un autre administrateur',
    tokenNotFound: 'aucun jeton d’API avec l’id {{id}}',
  },
  validation: {
    aName: 'un nom',
    actionRaisedBy: 'indiquez l’origine de cette action : decisionId, incidentId ou meetingId',
    bufferMax: 'au plus 100 km de chaque côté',
    capacityNotNegative: 'la capacité ne peut pas être inférieure à 0',
    claimantReason: 'dites pourquoi ce candidat est nation pilote',
    dacSector: 'les trois chiffres d’une catégorie de secteur du CAD (151), ou unspecified',
    dateText: 'une date YYYY-MM-DD',
    decisionAuthority: 'nommez l’autorité sur laquelle repose la décision',
    donorCode: 'un code de bailleur de fonds (FRA, EU)',
    emailNeeded: 'donnez une adresse électronique pour recevoir des courriels',
    iso3: 'un code ISO 3166-1 alpha-3',
    iso3Any: 'doit être un code ISO 3166-1 alpha-3',
    iso3Assigned: 'n’est pas un code ISO 3166-1 alpha-3 attribué',
    iso3Capitals: 'doit être un code ISO 3166-1 alpha-3 en majuscules, p. ex. FRA',
    languageCode: 'doit être en, uk ou fr',
    languageOrNull: 'doit être en, uk ou fr (ou null pour suivre la langue du navigateur)',
    latitudeMax: 'la latitude doit être au plus 90',
    latitudeMin: 'la latitude doit être au moins -90',
    link: 'une adresse http(s) ou un chemin dans Guarantor (/api/…)',
    longitudeMax: 'la longitude doit être au plus 180',
    longitudeMin: 'la longitude doit être au moins -180',
    month: 'un mois YYYY-MM',
    mustBeDate: 'doit être une date YYYY-MM-DD',
    mustBeDate2: 'doit être une date YYYY-MM-DD',
    nextOfPage: 'la valeur `next` de la page précédente',
    oneGuarantor: 'au moins une nation garante',
    oneNationMans: 'au moins une nation qui l’arme en personnel',
    oneSegment: 'au moins un tronçon',
    overCommitmentReason: 'dites pourquoi les décaissements dépassent l’engagement',
    overrideReason: 'une décision par dérogation exige un motif',
    passwordLength: 'doit compter au moins 12 caractères',
    priority: 'doit aller de 1 (le plus urgent) à 5',
    quantityNotNegative: 'une quantité ne peut pas être inférieure à 0',
    realDay: 'pas une date du calendrier',
    regionIso: 'un code ISO 3166-2 d’une subdivision de l’Ukraine (UA-14)',
    regionOrNational: 'un code de région (UA-63), ou national',
    sectorId: 'un id de secteur',
    shortName: 'un nom court : a-z, 0-9, . _ -',
    tilePath: 'doit être {y}.{type}, p. ex. 5.mvt',
    username: 'doit compter 3 à 64 caractères parmi a-z, 0-9, point, tiret bas, trait d’union',
    zeroOrMore: 'doit être 0 ou plus',
    zoneId: 'doit se composer de minuscules, de chiffres, de - ou de _, 64 caractères au plus',
  },
  zones: {
    fileProblemsMore_many:
      '{{count}} de problèmes dans le fichier de zones, rien n’est enregistré : {{problems}} ; et {{more}} autres (tous dans details.problems)',
    fileProblemsMore_one:
      '{{count}} problème dans le fichier de zones, rien n’est enregistré : {{problems}} ; et {{more}} autres (tous dans details.problems)',
    fileProblemsMore_other:
      '{{count}} problèmes dans le fichier de zones, rien n’est enregistré : {{problems}} ; et {{more}} autres (tous dans details.problems)',
    fileProblems_many:
      '{{count}} de problèmes dans le fichier de zones, rien n’est enregistré : {{problems}}',
    fileProblems_one: '{{count}} problème dans le fichier de zones, rien n’est enregistré : {{problems}}',
    fileProblems_other: '{{count}} problèmes dans le fichier de zones, rien n’est enregistré : {{problems}}',
    kindUnknown: 'query.kind : « {{kind}} » ne fait pas partie de : {{kinds}}',
    notFound: 'aucune zone avec l’id {{id}}',
    spanTooLong: 'query.to : demandez au plus {{max}} jours à la fois',
    toBeforeFrom: 'query.to : est antérieur à query.from',
  },
  /** Reasons from core's own checks (ADR 0051, "Reasons from core's checks"): coalition, phases, zones. */
  /** Pourquoi une observation est rejetée (core monitoring/validate.ts). */
  observationChecks: {
    missing: 'est obligatoire',
    missingText: 'est obligatoire ; donnez une chaîne non vide',
    notObject: 'doit être un objet',
    notString: 'doit être une chaîne',
    notFinite: 'doit être un nombre fini',
    outside: '{{value}} est hors de [{{min}}, {{max}}] {{unit}}',
    unit: {
      degreesLongitude: 'degrés de longitude',
      degreesLatitude: 'degrés de latitude',
      degrees: 'degrés',
      metres: 'mètres',
      epochMs: 'ms depuis l’époque Unix',
      none: '',
    },
    wholeMs: 'doit être un nombre entier de millisecondes',
    unknownValue: '« {{value}} » n’est pas l’une des valeurs : {{allowed}}',
    lngLat: 'doit être [longitude, latitude] (ordre GeoJSON)',
    bearing360: '360 est hors de [0, 360) ; indiquez 0',
    reversedDistance:
      '{{max}} est inférieur à minDistanceM {{min}} ; donnez la plage sous la forme min ≤ max',
    reversedTime: 'se termine {{ms}} ms avant de commencer ; donnez startMs ≤ endMs',
    notInteger: 'doit être un entier',
    notAlpha3: '« {{value}} » n’est pas un code ISO 3166-1 alpha-3',
    remarks: 'doit être une chaîne lorsqu’il est donné',
    notYours:
      'vous rendez compte pour : {{nation}} ; la source {{source}} de {{sourceNation}} rend compte avec le compte de sa propre nation (seule une déclaration de partie (party_claim) nomme une autre nation)',
    noNation: 'aucune nation',
    tokenSource:
      'ce jeton d’API rend compte uniquement en tant que {{kind}} « {{id}} » ; le rapport nomme {{reportKind}} « {{reportId}} »',
    labelHidesOwn:
      'le marquage {{label}} cacherait cet enregistrement à votre propre nation ({{nation}}) ; choisissez un marquage qui l’inclut',
  },
  /** Problèmes d'une correspondance ou d'un modèle d'import (core imports/mapping.ts). */
  mappingChecks: {
    presetNotObject: 'le modèle doit être un objet JSON',
    nonEmpty: 'doit être une chaîne non vide',
    oneOf: 'doit être l’une des valeurs : {{values}}',
    object: 'doit être un objet',
    unknownKey: 'inconnu ; connus : {{known}}',
    notField: 'n’est pas un champ du format générique ; champs : {{fields}}',
    columnOrValue: 'donnez soit {"column": "…"}, soit {"value": "…"}',
    string: 'doit être une chaîne',
    columnName: 'doit être un nom de colonne',
    valuesObject: 'doit être un objet "valeur du fichier": "valeur du champ"',
    columnNames: 'doit être une liste de noms de colonnes',
    notZone: '« {{zone}} » n’est pas un fuseau horaire ; écrivez par exemple Europe/Kyiv ou UTC',
    dateOrder: 'doit être dmy ou mdy',
    flagSyntax: '{{flag}} {{text}} : écrivez champ=…, par exemple {{flag}} start=event_date',
    flagNotField: '{{flag}} {{text}} : « {{field}} » n’est pas un champ ; champs : {{fields}}',
    flagZone: '{{flag}} {{zone}} : n’est pas un fuseau horaire ; écrivez par exemple Europe/Kyiv ou UTC',
  },
  caveatChecks: {
    explain: {
      allowedRegions: 'uniquement dans : {{regions}}',
      excludedRegions: 'sauf dans : {{regions}}',
      outsideUkraineOnly:
        'hors d’Ukraine uniquement (depuis les pays voisins, la mer ou les zones de transit)',
      minDistance: 'à au moins {{km}} km de la ligne de contact',
      rolesAllowed_one: 'un seul rôle : {{roles}}',
      rolesAllowed_many: 'uniquement les rôles : {{roles}}',
      rolesAllowed_other: 'uniquement les rôles : {{roles}}',
      nationalMandate: 'exige un mandat parlementaire national, actuellement : {{status}}',
      nationalMandateBody: 'exige un mandat parlementaire national ({{body}}), actuellement : {{status}}',
      participation: 'uniquement sous réserve de la participation de la nation suivante : {{nation}}',
      validUntil: 'valable jusqu’au {{date}}',
    },
    label: 'restriction {{n}} (« {{caveat}} »)',
    repeats: '{{label}} répète la restriction {{earlier}} ; supprimez-en une',
    conflicts:
      '{{label}} contredit la restriction {{earlier}} du même type (« {{other}} ») ; n’en gardez qu’une',
    noRegion: '{{label}} ne cite aucune région',
    noRole: '{{label}} n’autorise aucun rôle',
    unknownRegion: '{{label}} : région inconnue « {{region}} »',
    unknownRole: '{{label}} : rôle inconnu « {{role}} »',
    negativeDistance: '{{label}} : la distance doit être de 0 km ou plus',
    notIso3: '{{label}} : « {{nation}} » n’est pas un code ISO 3166-1 alpha-3',
    notDate: '{{label}} : « {{date}} » n’est pas une date (AAAA-MM-JJ)',
    mandateStatus: '{{label}} : status doit valoir none, pending, granted ou refused',
    noRegionLeft:
      'chaque région autorisée ({{regions}}) est aussi exclue ; l’offre ne pourrait aller nulle part',
    contradiction:
      '« hors d’Ukraine uniquement » contredit la restriction {{n}}, dont les régions autorisées ({{regions}}) sont toutes en Ukraine',
    notList: 'caveats doit être une liste',
    notObject: 'la restriction {{n}} doit être un objet avec un champ kind',
    unknownKind: 'restriction {{n}} : type inconnu {{kind}} ; utilisez l’un de : {{kinds}}',
    fieldMustBe: 'restriction {{n}} ({{kind}}) : {{field}} doit être {{what}}',
    unknownField: 'restriction {{n}} ({{kind}}) : champ inconnu {{field}} ; supprimez-le',
    what: {
      regions: 'une liste de codes de région',
      kilometres: 'un nombre de kilomètres',
      roles: 'une liste de rôles',
      mandateStatus: 'none, pending, granted ou refused',
      parliament: 'le nom du parlement',
      iso3: 'un code ISO 3166-1 alpha-3',
      date: 'une date (AAAA-MM-JJ)',
    },
  },
  offerMoves: {
    readinessAlready: 'l’offre {{id}} est déjà « {{to}} »',
    readinessSkip:
      'l’offre {{id}} ne peut pas passer de « {{from}} » à « {{to}} » : elle doit d’abord être « {{next}} »',
    readinessWithdrawn: 'l’offre {{id}} est retirée ; sa disponibilité ne change plus',
    lifecycleFinal: 'l’offre {{id}} est retirée et ne peut pas devenir « {{to}} »',
    lifecycleSkip:
      'l’offre {{id}} ne peut pas passer de « {{from}} » à « {{to}} » ; l’étape suivante est {{next}}',
    either: '{{first}} ou {{second}}',
    mandateNotGranted:
      'l’offre {{id}} ne peut pas être mandatée : son mandat national est {{status}}, et non accordé',
    mandateNotGrantedBody:
      'l’offre {{id}} ne peut pas être mandatée : son mandat national ({{body}}) est {{status}}, et non accordé',
    state: {
      proposed: 'proposée',
      confirmed: 'confirmée',
      mandated: 'mandatée',
      deployed: 'déployée',
      withdrawn: 'retirée',
    },
  },
  ruleSyntax: {
    at: 'erreur dans la règle à la ligne {{line}}, colonne {{column}} : {{detail}}',
    tooLong: 'la règle compte {{length}} caractères ; la limite est de {{max}}',
    numberGlued:
      '« {{run}} » n’est ni un nombre ni un nom : mettez une espace après le nombre, ou placez entre guillemets un nom qui commence par un chiffre',
    unterminated: 'chaîne non fermée : un nom entre guillemets doit se fermer sur la même ligne',
    unexpectedCharacter: 'caractère inattendu {{character}}',
    endOfRule: 'la fin de la règle',
    expectedEnd: 'attendu : « and », « or » ou la fin de la règle ; trouvé : {{found}}',
    nesting: 'les parenthèses sont imbriquées sur plus de {{max}} niveaux',
    tooManyConditions: 'une règle peut contenir au plus {{max}} conditions',
    expectedCondition:
      'attendu : une condition (« no … », « … per day <= N … », « coverage … » ou « ( ») ; trouvé : {{found}}',
    expectedUpperBound:
      'attendu : « <= » ou « < » après « per day » (les règles bornent les violations par le haut) ; trouvé : {{found}}',
    expectedCoverageBound: 'attendu : « >= » ou « > » après « coverage » ; trouvé : {{found}}',
    coverageOver100:
      'la couverture ne peut jamais dépasser 100 %, donc « {{op}} {{percent}} % » ne pourrait jamais être satisfait',
    expectedDays: 'attendu : « days » ; trouvé : {{found}}',
    unknownSector: 'secteur inconnu « {{name}} »',
    unknownSectorNear: 'secteur inconnu « {{name}} » ; vouliez-vous dire « {{near}} » ?',
    unknownCategory: 'catégorie inconnue « {{name}} »',
    unknownCategoryNear: 'catégorie inconnue « {{name}} » ; vouliez-vous dire « {{near}} » ?',
    unknownZone: 'zone inconnue « {{name}} »',
    unknownZoneNear: 'zone inconnue « {{name}} » ; vouliez-vous dire « {{near}} » ?',
    expectedSectorName: 'attendu : un nom de secteur ; trouvé : {{found}}',
    expectedCategoryName: 'attendu : un nom de catégorie ; trouvé : {{found}}',
    expectedZoneName: 'attendu : un nom de zone ; trouvé : {{found}}',
    dailyLimitRange:
      'la limite quotidienne doit être un nombre entier de {{min}} à {{max}} ; trouvé : {{found}}',
    windowRange:
      'la fenêtre doit être un nombre entier de {{min}} à {{max}} (toute fenêtre doit être bornée) ; trouvé : {{found}}',
    expectedDailyLimit: 'attendu : un nombre pour la limite quotidienne ; trouvé : {{found}}',
    expectedWindow: 'attendu : un nombre pour la fenêtre ; trouvé : {{found}}',
    expectedCoveragePercentage: 'attendu : un nombre pour le pourcentage de couverture ; trouvé : {{found}}',
    expectedWord: 'attendu : « {{word}} » ; trouvé : {{found}}',
    expectedSymbol: 'attendu : « {{symbol}} » ; trouvé : {{found}}',
  },
  violationRuleChecks: {
    refused: 'règle de violation refusée : {{problems}}',
    notObject: 'doit être un objet',
    idShape: 'doit compter de 2 à 64 caractères parmi a-z, 0-9, _ et -',
    nameRequired: 'est obligatoire',
    noCategory: 'exige au moins une catégorie',
    notCategory: '« {{category}} » n’est pas une catégorie ; utilisez : {{categories}}',
    zoneOrAnywhere: 'donnez soit un zoneKind, soit anywhere: true, ni les deux ni aucun',
    notAreaKind: 'doit être un type de zone surfacique : {{kinds}}',
    weaponClassOnly: 's’applique uniquement à zoneKind weapons_withdrawal',
  },
  truceChecks: {
    refused: 'trêve locale {{id}} : {{problems}}',
    refusedAt: 'trêve locale à {{site}} : {{problems}}',
    longitude: 'la longitude {{longitude}} est hors de [-180, 180]',
    latitude: 'la latitude {{latitude}} est hors de [-90, 90]',
    radius: 'radiusM {{radius}} doit être positif',
    endsBeforeStart: 'la trêve se termine ({{end}}) avant de commencer ({{start}})',
    noSite: 'la trêve ne nomme aucun site',
  },
  zoneFileChecks: {
    featureProblem: 'entité {{index}}, {{field}} : {{problem}}',
    pair: 'doit être une paire [longitude, latitude]',
    finite: 'la longitude et la latitude doivent être des nombres finis',
    longitude: 'la longitude {{longitude}} est hors de [-180, 180]',
    latitude: 'la latitude {{latitude}} est hors de [-90, 90]',
    latitudeFirst: 'la latitude {{latitude}} est hors de [-90, 90] ; GeoJSON place la longitude en premier',
    positions: 'doit être un tableau de positions',
    lineShort: 'une ligne exige au moins 2 positions',
    ringShort: 'un anneau exige au moins 4 positions, il en a {{has}}',
    ringOpen: 'l’anneau n’est pas fermé : sa dernière position doit être égale à la première',
    noRing: 'un polygone exige au moins un anneau',
    crosses: 'le contour se recoupe près de [{{x}}, {{y}}] ; corrigez l’ordre des points',
    geometryRequired: 'est obligatoire : une géométrie GeoJSON',
    wrongGeometryArea: 'une zone {{kind}} doit être Polygon ou MultiPolygon, et non {{type}}',
    wrongGeometryLine: 'une zone {{kind}} doit être LineString ou MultiLineString, et non {{type}}',
    noPolygon: 'exige au moins un polygone',
    noLine: 'exige au moins une ligne',
    time: 'doit être une date ou une heure ISO 8601, par ex. 2026-11-20T00:00:00Z',
    notFeature: 'doit être une Feature GeoJSON',
    propertiesObject: 'doit être un objet avec kind et name',
    kindRequired:
      'est obligatoire (ou donnez un même type à toutes les entités : --kind sector) ; utilisez l’un de : {{kinds}}',
    kindUnknown: '« {{kind}} » est inconnu ; utilisez l’un de : {{kinds}}',
    nameRequired: 'est obligatoire : une chaîne non vide',
    nameRequiredHint:
      'est obligatoire : une chaîne non vide (ou nommez la propriété qui la contient : --name-field NAME_EN)',
    idShape:
      'doit compter de 2 à 64 caractères parmi a-z, 0-9, _ et -, commencer par une lettre ou un chiffre, et finir éventuellement par @ et un code de nation (sector-east@FRA)',
    notWeaponClass: '« {{value}} » n’est pas une classe d’armement ; utilisez : {{classes}}',
    weaponClassesNeeded: 'une zone de retrait des armements exige ses classes d’armement ({{classes}})',
    weaponClassesOnly:
      'seule une zone de retrait des armements a des classes d’armement, pas une zone {{kind}}',
    validToOrder: 'doit être postérieur à validFrom',
    notCollection: 'doit être une FeatureCollection GeoJSON avec un tableau features',
    duplicateId: '« {{id}} » est l’id des entités {{features}} ; donnez à chaque zone son propre id',
    notYours:
      '« {{id}} » désigne une zone de l’espace de noms de {{owner}} que vous ne pouvez pas modifier ; pour créer votre propre zone, retirez « @{{owner}} »',
    storedAs:
      'est enregistré sous « {{stored}} », comme l’entité {{earlier}} ; donnez à chaque zone son propre id',
  },
};
