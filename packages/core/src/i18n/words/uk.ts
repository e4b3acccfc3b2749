/**
 * Ukrainian: the `words` namespace (ADR 0052). Terms from docs/glossary.md: провідна держава
 * (lead nation), національне застереження (caveat), лінія зіткнення (line of contact), потреба
 * (requirement), пропозиція (offer), контрольно-пропускний пункт (checkpoint). Sentences put
 * the named thing first and a colon after it, so that no ending has to agree with a name the
 * sentence does not know the gender or case of.
 */
export const uk = {
  unit: {
    team_one: '{{n}} група',
    team_few: '{{n}} групи',
    team_many: '{{n}} груп',
    team_other: '{{n}} групи',
    battalion_one: '{{n}} батальйон',
    battalion_few: '{{n}} батальйони',
    battalion_many: '{{n}} батальйонів',
    battalion_other: '{{n}} батальйону',
    battery_one: '{{n}} батарея',
    battery_few: '{{n}} батареї',
    battery_many: '{{n}} батарей',
    battery_other: '{{n}} батареї',
    company_one: '{{n}} рота',
    company_few: '{{n}} роти',
    company_many: '{{n}} рот',
    company_other: '{{n}} роти',
    detachment_one: '{{n}} загін',
    detachment_few: '{{n}} загони',
    detachment_many: '{{n}} загонів',
    detachment_other: '{{n}} загону',
    flight_one: '{{n}} ланка',
    flight_few: '{{n}} ланки',
    flight_many: '{{n}} ланок',
    flight_other: '{{n}} ланки',
    hospital_one: '{{n}} шпиталь',
    hospital_few: '{{n}} шпиталі',
    hospital_many: '{{n}} шпиталів',
    hospital_other: '{{n}} шпиталю',
    hub_one: '{{n}} хаб',
    hub_few: '{{n}} хаби',
    hub_many: '{{n}} хабів',
    hub_other: '{{n}} хабу',
    mission_one: '{{n}} місія',
    mission_few: '{{n}} місії',
    mission_many: '{{n}} місій',
    mission_other: '{{n}} місії',
    package_one: '{{n}} пакет',
    package_few: '{{n}} пакети',
    package_many: '{{n}} пакетів',
    package_other: '{{n}} пакета',
    vessel_one: '{{n}} корабель',
    vessel_few: '{{n}} кораблі',
    vessel_many: '{{n}} кораблів',
    vessel_other: '{{n}} корабля',
    million: '{{n}} млн {{currency}}',
    billion: '{{n}} млрд {{currency}}',
    thousand: '{{n}} тис. {{currency}}',
  },
  capability: {
    monitoring_team: 'моніторингова група',
    infantry_battalion: 'піхотний батальйон',
    engineer_company: 'інженерна рота',
    demining_company: 'рота розмінування',
    air_policing_flight: 'ланка патрулювання повітряного простору',
    mcm_vessel: 'протимінний корабель',
    uav_reconnaissance: 'розвідка БпЛА',
    air_defence_battery: 'батарея протиповітряної оборони',
    field_hospital: 'польовий шпиталь',
    logistics_hub: 'логістичний хаб',
    training_mission: 'навчальна місія',
    funding: 'фінансування',
    equipment: 'техніка та обладнання',
  },
  lineOfEffort: {
    truce_monitoring: 'моніторинг перемир’я',
    reassurance_force: 'сили підтримки',
    air_policing: 'патрулювання повітряного простору',
    maritime_security: 'морська безпека',
    demining: 'розмінування',
    training_regeneration: 'підготовка та відновлення',
    logistics_hubs: 'логістичні хаби та захист техніки',
    supply_line_security: 'безпека ліній постачання',
    civilian_protection: 'захист цивільного населення',
    critical_infrastructure: 'критична інфраструктура',
    reconstruction: 'відбудова',
  },
  region: { BLACK_SEA: 'Чорне море', UA_AIRSPACE: 'повітряний простір України' },
  role: {
    monitoring: 'моніторинг',
    training: 'підготовка',
    deterrence: 'стримування',
    logistics: 'логістика',
    air: 'повітряна роль',
    maritime: 'морська роль',
  },
  /** Де лежить інцидент (nearestInWords, presentWhere). */
  where: {
    near: 'за {{km}} км на {{direction}} від м. {{place}}',
    nearVowel: 'за {{km}} км на {{direction}} від м. {{place}}',
    in: 'у м. {{place}}',
    inVowel: 'у м. {{place}}',
    direction: {
      north: 'північ',
      'north-east': 'північний схід',
      east: 'схід',
      'south-east': 'південний схід',
      south: 'південь',
      'south-west': 'південний захід',
      west: 'захід',
      'north-west': 'північний захід',
    },
    inSector: 'у секторі {{name}}',
    noSector: 'поза секторами моніторингу, доступними вам',
    inside: 'у межах зон: {{zones}}',
    joiner: '; ',
  },
  /** Чому рядок місяця плану забезпечення не можна оформити як наказ (sustainment-orders.ts). */
  sustainmentLine: {
    withdrawn: 'пропозицію {{offer}} відкликано або вона вам більше не доступна',
    shrunk: 'у пропозиції {{offer}} тепер {{holds}}; план ставить туди {{planned}}',
    noSector: 'регіон {{regionName}} ({{region}}) не належить до жодного доступного вам сектору моніторингу',
    noRole: 'спроможність «{{capabilityName}}» не виконує жодної з ролей напряму «{{lineName}}»',
  },
  /** Звіт про імпорт мережі маршрутів (describeNetworkReport). */
  networkReport: {
    read_one:
      'Прочитано {{features}} об’єкт: {{segments}} сегм. між {{nodes}} вузлами (кінці в межах {{tolerance}} м з’єднано).',
    read_few:
      'Прочитано {{features}} об’єкти: {{segments}} сегм. між {{nodes}} вузлами (кінці в межах {{tolerance}} м з’єднано).',
    read_many:
      'Прочитано {{features}} об’єктів: {{segments}} сегм. між {{nodes}} вузлами (кінці в межах {{tolerance}} м з’єднано).',
    read_other:
      'Прочитано {{features}} об’єкта: {{segments}} сегм. між {{nodes}} вузлами (кінці в межах {{tolerance}} м з’єднано).',
    snapped_one: '{{ends}} кінець лінії перенесено на вузол у межах допуску.',
    snapped_few: '{{ends}} кінці ліній перенесено на вузли в межах допуску.',
    snapped_many: '{{ends}} кінців ліній перенесено на вузли в межах допуску.',
    snapped_other: '{{ends}} кінця ліній перенесено на вузли в межах допуску.',
    crossed:
      'Об’єкти {{a}} і {{b}} перетиналися без спільного кінця: обидва розділено в точці {{at}} і з’єднано там.',
    touched:
      'Об’єкти {{a}} і {{b}}: один закінчується на іншому без спільного кінця: розділено в точці {{at}} і з’єднано там.',
    dropped3d_one: 'Об’єкт {{feature}}: третю координату (висоту) відкинуто в {{positions}} позиції.',
    dropped3d_few: 'Об’єкт {{feature}}: третю координату (висоту) відкинуто в {{positions}} позиціях.',
    dropped3d_many: 'Об’єкт {{feature}}: третю координату (висоту) відкинуто в {{positions}} позиціях.',
    dropped3d_other: 'Об’єкт {{feature}}: третю координату (висоту) відкинуто в {{positions}} позиції.',
    skipped: 'Об’єкт {{feature}}, {{field}}: пропущено: {{reason}}.',
    disconnected_one:
      'Не з’єднано: об’єкти {{features}} ({{segments}} сегм.) не приєднані до основної мережі; збільште допуск або додайте відсутню ланку.',
    disconnected_few:
      'Не з’єднано: об’єкти {{features}} ({{segments}} сегм.) не приєднані до основної мережі; збільште допуск або додайте відсутню ланку.',
    disconnected_many:
      'Не з’єднано: об’єкти {{features}} ({{segments}} сегм.) не приєднані до основної мережі; збільште допуск або додайте відсутню ланку.',
    disconnected_other:
      'Не з’єднано: об’єкти {{features}} ({{segments}} сегм.) не приєднані до основної мережі; збільште допуск або додайте відсутню ланку.',
    illustrative:
      'ІЛЮСТРАТИВНО: прямі відрізки між реальними місцями (містами, портами, аеропортами, відкритими пунктами пропуску), а не дороги.',
  },
  /** Дія, яку створила драбина реагування на порушення. */
  breachAction: {
    title: '{{rung}}: відреагувати на порушення правила {{rule}} у секторі {{sector}} ({{date}})',
  },
  /** Чому рішення про фазу було б відхилено (попередній перегляд переходу). */
  transitionPreview: {
    future: 'дата рішення {{date}} ще не настала (сьогодні {{today}})',
    beforePhase: 'дата рішення {{date}} раніша за початок поточної фази («{{phase}}» з {{since}})',
    policyUnknown:
      'політика контрольних правил для фази «{{target}}» називає невідомі, скасовані або вже не чинні правила ({{rules}}); спершу виправте політику або правила',
    noSectors:
      'моніторинг ще не знає жодного сектору, тож жодне правило не може показати, що припинення вогню дотримується',
    failsIn: 'правило «{{rule}}» не виконано в секторі {{sector}} ({{why}})',
  },
  readiness: {
    pledged: 'заявлено',
    assessed: 'оцінено',
    aligned: 'узгоджено з потребою',
    rapid: 'швидке розгортання',
  },
  mandate: { none: 'немає', pending: 'очікується', granted: 'надано', refused: 'відмовлено' },
  lead: {
    offer: '{{what}}, {{amount}} ({{nation}})',
    where: '{{line}} ({{region}})',
    amountOf: '{{amount}} ({{what}})',
    gap: '{{where}}: потрібно {{amount}}; виділено: {{has}} (потреба {{id}}).',
    gapNone: '{{where}}: потрібно {{amount}}; не виділено нічого (потреба {{id}}).',
    noLead: '{{where}}: жодна держава не заявила про роль провідної держави.',
    conflict: '{{where}}: роль провідної держави заявили {{nations}}; штаб осередку обирає одну з них.',
    forbidden:
      '{{where}}: роль провідної держави заявила держава {{nation}}, але її національні застереження забороняють кожну її пропозицію тут: {{why}}{{more}}.',
    forbiddenWhy: '{{offer}}: {{violation}}',
    offerId: 'пропозиція {{id}}',
    noReason: 'причину не записано',
    moreForbidden_one: '; заборонено ще {{count}} пропозицію',
    moreForbidden_few: '; заборонено ще {{count}} пропозиції',
    moreForbidden_many: '; заборонено ще {{count}} пропозицій',
    moreForbidden_other: '; заборонено ще {{count}} пропозиції',
    contributesNothing:
      '{{where}}: роль провідної держави заявила держава {{nation}}, але за планом вона не виділяє сюди жодного підрозділу.',
  },
  caveat: {
    allowedRegions: 'дозволено лише: {{regions}}; {{here}} — поза цим переліком',
    excludedRegions: 'застереження виключає: {{here}}',
    outsideUkraineOnly: 'дозволено лише за межами України, а {{here}} — в Україні',
    minDistance:
      'потрібна відстань щонайменше {{km}} км від лінії зіткнення, а {{here}} — за {{distance}} км від неї',
    minDistanceUnknown:
      'потрібна відстань щонайменше {{km}} км від лінії зіткнення, а відстань для {{here}} невідома',
    rolesAllowed: 'дозволені ролі: {{roles}}; роль «{{role}}» не дозволена',
    or: ' або ',
    nationalMandate: 'потрібен національний мандат; стан мандата: {{status}}',
    nationalMandateBody: 'потрібен національний мандат ({{body}}); стан мандата: {{status}}',
    participation: 'діє лише за участі держави {{nation}}, а держава {{nation}} участі не бере',
    validUntil: 'пропозиція діяла до {{date}}',
  },
  refusal: {
    joiner: '; ',
    withdrawn: 'пропозицію відкликано',
    tooSlow: 'розгортання триває {{days}} дн.; ця потреба вимагає не більше {{within}} дн.',
    notReady: 'готовність лише «{{readiness}}», нижча за потрібну планові',
    wentTo: '{{requirement}}, пріоритет {{priority}}: {{amount}}',
    gaveAll: 'тут віддано все наявне ({{amount}})',
    gaveSome: 'віддано тут: {{amount}}; решта пішла на: {{went}}',
    unused:
      'не використано: {{amount}}, хоча могли б діяти тут (план, перерваний лімітом часу, може залишити частину невикористаною)',
  },
  plan: {
    requirement: '{{what}} — {{region}} ({{id}})',
    metInFull: 'задоволено повністю',
    shortfall: '{{id}}: {{allocated}} з {{required}} — {{what}}, {{region}} ({{line}}); {{offers}}',
    noOffer: 'жодної пропозиції цієї спроможності немає',
    offers: 'пропозиції: {{parts}}',
    partsJoiner: ', ',
    caveat: 'відхилено застереженнями: {{count}}',
    readiness: 'не готові вчасно: {{count}}',
    capacity: 'використано деінде: {{count}}',
    unused: 'залишилися невикористаними: {{count}}',
  },
  claim: {
    where: '{{line}} ({{region}})',
    honoured: '{{where}}: держава {{nation}} є провідною, як і заявила; її частка в клітинці — {{share}}',
    unrequired:
      '{{where}}: держава {{nation}} заявила про роль провідної, але тут ще немає жодної потреби — нічим керувати',
    forbidden:
      '{{where}}: держава {{nation}} заявила про роль провідної, але не може нею бути: {{refusal}}{{other}}',
    forbiddenNone:
      '{{where}}: держава {{nation}} заявила про роль провідної, але не пропонує жодної зі спроможностей, потрібних тут{{other}}',
    short:
      '{{where}}: держава {{nation}} заявила про роль провідної, але могла б забезпечити щонайбільше {{reach}}; провідна держава має забезпечити {{minShare}}{{other}}',
    rival:
      '{{where}}: роль провідної заявили держави {{nation}} і {{lead}}; план обрав державу {{lead}}, що забезпечує {{leadShare}} проти {{share}} у держави {{nation}}',
    outweighed:
      '{{where}}: держава {{nation}} заявила про роль провідної і могла б досягти {{minShare}}, але за покриття цього плану забезпечує {{share}}: її підрозділи потрібніші для потреб або заявок, що важать більше{{other}}',
    otherLead: '; провідна — держава {{lead}} ({{share}})',
    noLead: '; провідної держави в клітинці немає',
    offerRefusal: '{{offer}}: {{why}}',
  },
  diff: {
    planStatus: 'стан плану: {{before}} → {{after}}',
    status: {
      optimal: 'оптимальний',
      time_limited: 'обмежений у часі',
      heuristic: 'евристичний',
      greedy: 'жадібний',
    },
    coverage: 'покриття: {{before}} → {{after}}',
    requirement: '{{id}}: {{before}} → {{after}} (підрозділи)',
    lead: 'провідна держава, {{line}} ({{region}}): {{before}} → {{after}}',
    none: 'немає',
    allocation: 'пропозиція {{offer}} для потреби {{requirement}}: {{before}} → {{after}}',
  },
  sustainment: {
    summary: '{{requirement}}: {{amount}} з {{required}} {{when}}; {{why}}.',
    inMonth: '(місяць: {{month}})',
    fromTo: '(період: {{from}} — {{to}})',
    noNation: 'жодна держава не пропонує цієї спроможності',
    countsJoiner: ', ',
    kind: {
      caveat: 'заборонено застереженнями: {{count}}',
      readiness: 'не готові вчасно: {{count}}',
      capacity: 'повністю використано деінде: {{count}}',
      unused: 'мають вільні підрозділи: {{count}}',
      not_yet: 'ще недоступні: {{count}}',
      mandate: 'мандат закінчився: {{count}}',
      duration: 'строк зобов’язання минув: {{count}}',
      rotation: 'ротаційні можливості вичерпано: {{count}}',
    },
    cliff: '{{month}}: {{why}}: {{losses}}. {{fill}}.',
    mandateEnd:
      'закінчується національний мандат держави {{nation}} ({{ends}}), і план не розраховує на його продовження',
    mandateEndNoRenewal:
      'закінчується національний мандат держави {{nation}} ({{ends}}), продовження не очікується',
    mandateRenewal:
      'закінчується національний мандат держави {{nation}} ({{ends}}); його продовження очікується, але якщо його не буде',
    rotation:
      'вичерпуються ротації держави {{nation}} (ротаційних підрозділів на кожну позицію: {{count}}; місяців на розгортанні: {{deployed}}; місяців на відновлення: {{recovering}})',
    duration: 'закінчується зобов’язання держави {{nation}} (місяців: {{months}}, початок: {{from}})',
    loss: '{{requirement}}: втрата — {{amount}}, залишається {{after}} з {{needed}}',
    lossJoiner: '; ',
    noFill: 'Жодна інша пропозиція не має того місяця вільних підрозділів для цього',
    fill: 'Найкраща заміна: {{fills}}',
    fillItem: '{{nation}} (пропозиція {{id}}, вільних: {{units}})',
    fillJoiner: ', ',
    notYet: 'доступна лише з місяця: {{month}}',
    noMandate: 'не має національного мандата після {{ends}}',
    noMandateRenewal:
      'не має національного мандата після {{ends}} (продовження очікується, але план на нього не розраховує)',
    committedTo: 'зобов’язання діє лише до місяця: {{month}}',
    noContingent:
      'немає контингенту для відправлення: її підрозділи відслужили {{used}} з {{budget}} підрозділо-місяців, які ротація дозволяє за {{window}} міс.',
    spare:
      'вільних підрозділів того місяця: {{count}} (план, перерваний лімітом часу, може залишити частину невикористаною)',
  },
  risk: {
    counts_one:
      '{{verified}} верифікованих, {{corroborated}} підтверджених, {{reported}} повідомлених за {{count}} день ({{weighted}} зважено)',
    counts_few:
      '{{verified}} верифікованих, {{corroborated}} підтверджених, {{reported}} повідомлених за {{count}} дні ({{weighted}} зважено)',
    counts_many:
      '{{verified}} верифікованих, {{corroborated}} підтверджених, {{reported}} повідомлених за {{count}} днів ({{weighted}} зважено)',
    counts_other:
      '{{verified}} верифікованих, {{corroborated}} підтверджених, {{reported}} повідомлених за {{count}} дня ({{weighted}} зважено)',
    per100k: '{{counts}}: {{rate}} на 100 000 мешканців при порозі насичення {{saturation}}',
    noPopulation: '{{counts}} при порозі насичення {{saturation}} (населення не завантажено)',
    unmonitored: 'жоден сектор спостереження не охоплює область',
    noStatus: 'для {{sectors}} ще не записано стану',
    gate: '{{sector}}: {{status}} станом на {{day}}',
    gateWorst_one: '{{sector}}: {{status}} станом на {{day}} (найгірший з {{count}} сектора)',
    gateWorst_few: '{{sector}}: {{status}} станом на {{day}} (найгірший з {{count}} секторів)',
    gateWorst_many: '{{sector}}: {{status}} станом на {{day}} (найгірший з {{count}} секторів)',
    gateWorst_other: '{{sector}}: {{status}} станом на {{day}} (найгірший з {{count}} сектора)',
    noRoutes: 'в області не завантажено мережі маршрутів: не враховано',
    routes: 'найризикованіший відрізок {{segment}} має оцінку {{score}} при порозі насичення {{saturation}}',
    part: '{{input}} — {{pressure}} × вага {{weight}}: {{because}}',
    partMissing: '{{input}} — немає даних: {{because}}',
    partsJoiner: '; ',
    input: {
      incidents: 'рівень верифікованих інцидентів',
      gate: 'стан режиму припинення вогню в секторах',
      routes: 'ризик на маршрутах постачання',
    },
    band: {
      low: 'низький',
      moderate: 'помірний',
      elevated: 'підвищений',
      high: 'високий',
      unknown: 'невідомий',
    },
    status: { holding: 'дотримується', fragile: 'нестійкий', broken: 'порушено' },
    known: 'Ризик: {{band}} ({{score}}): {{parts}}.',
    unknown: 'Ризик невідомий: немає жодного показника. {{parts}}.',
  },
  convoy: {
    corridor: 'коридор «{{corridor}}» (сегмент {{segment}}) {{from}}–{{to}}, поза його вікнами ({{windows}})',
    noWindows: 'жодного запланованого чи відкритого',
    windowsJoiner: '; ',
    checkpointStatus: 'контрольно-пропускний пункт «{{checkpoint}}»: {{status}}',
    checkpointStatusWord: { open: 'відкрито', closed: 'закрито', suspended: 'призупинено' },
    checkpointShift:
      'прибуває на контрольно-пропускний пункт «{{checkpoint}}» о {{at}}, поза його змінами ({{shifts}})',
    noShifts: 'немає',
    shiftsJoiner: ', ',
    later: 'дотримується всіх правил, але прибуває о {{at}}, пізніше за обраний маршрут ({{best}})',
    laterAfterWait:
      'дотримується всіх правил після очікування {{wait}}, але прибуває о {{at}}, пізніше за обраний маршрут ({{best}})',
    wait: 'Очікує {{wait}} на контрольно-пропускному пункті «{{checkpoint}}»: прибуває {{at}}, проходить, коли він відкривається о {{leave}}.',
    waiting:
      'З очікуванням ({{wait}} загалом, дозволено не більше {{allowed}}) прибуває о {{at}} — найраніше з маршрутів, що дотримуються всіх правил (їх {{count}}).',
    minutes: '{{min}} хв',
    hours: '{{h}} год {{min}} хв',
    noRouteAttempts: 'маршрут не знайдено; спроб: {{attempts}}',
    noRouteRisk:
      'жоден маршрут від {{from}} до {{to}} не оминає сегментів із ризиком понад {{risk}} (їх {{count}})',
    noRouteLeft:
      'не залишилося маршруту від {{from}} до {{to}}, якщо оминати вади відхилених маршрутів (їх {{count}})',
    noStart: 'початкова точка {{node}} не є вузлом цієї мережі',
    noDestination: 'пункт призначення {{node}} не є вузлом цієї мережі',
    noSpeed: 'швидкість має бути більшою за 0 км/год',
    noRoute: 'маршрут не знайдено',
  },
  fusion: {
    actor: 'злиття (автоматично)',
    stateReason: {
      opened: 'відкрито злиттям',
      split: 'знову виокремлено злиттям',
      agree: 'незалежні джерела збігаються',
      fewer: 'лишилося менше двох незалежних джерел',
    },
    opens: '{{uid}} відкриває інцидент (найменший uid)',
    joinedMany_one:
      'Об’єднано {{n}} спостереження, одне з одним; хто до кого приєднався, наведено лише для інцидентів до {{limit}} спостережень',
    joinedMany_few:
      'Об’єднано {{n}} спостереження, одне з одним; хто до кого приєднався, наведено лише для інцидентів до {{limit}} спостережень',
    joinedMany_many:
      'Об’єднано {{n}} спостережень, одне з одним; хто до кого приєднався, наведено лише для інцидентів до {{limit}} спостережень',
    joinedMany_other:
      'Об’єднано {{n}} спостереження, одне з одним; хто до кого приєднався, наведено лише для інцидентів до {{limit}} спостережень',
    join: '{{uid}} приєднано до {{via}}: {{rule}} ({{a}}; {{b}}); області розташування ({{geometry}}) на відстані {{distance}} (допуск {{tolerance}}); проміжок у часі {{gap}} (допуск {{timeTolerance}}){{vague}}',
    rule: { same_category: 'та сама категорія', compatible_category: 'сумісна категорія' },
    geometry: {
      'disc-disc': 'коло й коло',
      'disc-sector': 'коло й сектор',
      'sector-sector': 'сектор і сектор',
    },
    vague: {
      attached: '; неточне повідомлення, приєднане лише до найближчого точного',
      coincident: '; неточні повідомлення без точного сусіда, чиї області й часові вікна майже збігаються',
    },
    party: '{{uids}}: заява сторони ({{party}}), збережена, але не є підтвердженням',
    submitter:
      '{{uids}}: один відправник ({{submitter}}), враховується один раз, хоч би які джерела він називав',
    source: '{{uids}}: одне джерело ({{source}}), враховується один раз',
    andMore: '{{uids}} та ще {{more}}',
    corroborated_one: 'підтверджено {{n}} незалежним джерелом',
    corroborated_few: 'підтверджено {{n}} незалежними джерелами',
    corroborated_many: 'підтверджено {{n}} незалежними джерелами',
    corroborated_other: 'підтверджено {{n}} незалежного джерела',
    reported_one: 'повідомлено: {{n}} незалежне джерело, що не є стороною; для підтвердження потрібно 2',
    reported_few: 'повідомлено: {{n}} незалежні джерела, що не є сторонами; для підтвердження потрібно 2',
    reported_many: 'повідомлено: {{n}} незалежних джерел, що не є сторонами; для підтвердження потрібно 2',
    reported_other: 'повідомлено: {{n}} незалежного джерела, що не є стороною; для підтвердження потрібно 2',
    metres: '{{n}} м',
    kilometres: '{{n}} км',
    seconds: '{{n}} с',
    minutes: '{{n}} хв',
  },
  gateRule: {
    dayOver: '{{date}}: {{what}} — {{count}}, межа {{limit}}',
    daysWithin_one: '{{count}} день: {{what}} — не більше {{max}} на добу',
    daysWithin_few: '{{count}} дні: {{what}} — не більше {{max}} на добу',
    daysWithin_many: '{{count}} днів: {{what}} — не більше {{max}} на добу',
    daysWithin_other: '{{count}} дня: {{what}} — не більше {{max}} на добу',
    coverage_one:
      'під моніторингом {{monitored}} з {{count}} дня ({{percent}}%), потрібно {{needs}} {{min}}%',
    coverage_few:
      'під моніторингом {{monitored}} з {{count}} днів ({{percent}}%), потрібно {{needs}} {{min}}%',
    coverage_many:
      'під моніторингом {{monitored}} з {{count}} днів ({{percent}}%), потрібно {{needs}} {{min}}%',
    coverage_other:
      'під моніторингом {{monitored}} з {{count}} дня ({{percent}}%), потрібно {{needs}} {{min}}%',
    holds: 'виконується',
    fails: "'{{rule}}' не виконується ({{why}})",
    violationsAt: {
      all: 'порушення',
      corroborated: 'підтверджені порушення',
      verified: 'верифіковані порушення',
    },
    categoriesAt: {
      all: '{{categories}}',
      corroborated: '{{categories}} (підтверджені)',
      verified: '{{categories}} (верифіковані)',
    },
    inZone: '{{what}} у зоні {{zone}}',
  },
  /** Перешкоди наказу на розгортання (core phases/orders.ts), ADR 0057. */
  orderGate: {
    phase: 'фаза «{{phase}}»; накази видаються з фази «{{opensAt}}»',
    phaseWaiting: 'фаза «{{opensAt}}» (зараз «{{phase}}»)',
    sector: 'сектор {{sector}}: стан «{{status}}», а не «дотримується»',
    sectorWaiting: 'дотримання припинення вогню в секторі {{sector}} (зараз «{{status}}»)',
    period: 'заплановано на {{month}}; зараз {{now}}',
    periodWaiting: '{{month}} (зараз {{now}})',
    mandate: '{{nation}}: немає національного мандата на це розгортання',
    caveat: 'пропозиція {{offer}} не може діяти в регіоні {{region}} ({{line}}, {{role}}): {{why}}',
    caveatWhy: 'застереження «{{caveat}}»: {{reason}}',
    support:
      '{{nation}}: ні план, ні матриця провідних держав не підтримують розгортання в секторі {{sector}} ({{line}})',
    supportWhy:
      '{{nation}}: ні план, ні матриця провідних держав не підтримують розгортання в регіоні {{region}} ({{line}}): {{plan}}; у матриці провідних держав {{nation}} там не є ні провідною державою, ні учасником',
    plan: {
      no_plan: 'жодного плану не ухвалено',
      allocates_none: 'ухвалений план {{plan}} не виділяє туди нічого з пропозиції {{offer}}',
      allocates_some:
        'ухвалений план {{plan}} виділяє туди {{allocated}} з пропозиції {{offer}}, а не {{quantity}}',
      sustainment_hidden: 'план забезпечення {{plan}} вам недоступний',
      sustainment_units:
        'план забезпечення {{plan}} ставить {{units}} з пропозиції {{offer}} на потребу {{requirement}} у {{month}}, а не {{quantity}}',
    },
    issuable: 'наказ {{id}} готовий до видачі',
    ready: 'чекає на контрольну точку: {{waits}}',
    waitsJoiner: ' і ',
    refused: 'у розгортанні відмовлено: {{reasons}}',
    reasonsJoiner: '; ',
    cleared: {
      phase: 'фаза тепер «{{phase}}»',
      sector: 'у секторі {{sector}} тепер дотримується припинення вогню',
      period: 'настав {{month}}',
      mandate: '{{nation}}: мандат тепер надано',
      caveat: 'жодне застереження більше не забороняє це розгортання',
      supportPlan: 'тепер його підтримує план',
      supportLeadMatrix: 'тепер його підтримує матриця провідних держав',
    },
    phaseName: {
      hostilities: 'бойові дії',
      ceasefire_agreed: 'припинення вогню погоджено',
      ceasefire_holding: 'припинення вогню дотримується',
      force_deploying: 'розгортання сил',
      sustainment: 'підтримання',
      suspended: 'призупинено',
    },
    status: { holding: 'дотримується', fragile: 'нестійкий', broken: 'порушено' },
  },
  /** Що повідомляють осередку про контрольну точку (phase_notification), ADR 0057. */
  phaseNotice: {
    phase_changed:
      'фаза тепер «{{phase}}» (після «{{from}}»); рішення ухвалив {{by}} ({{nation}}), повноваження: {{authority}}',
    phase_override: 'фаза тепер «{{phase}}» (після «{{from}}») ВСУПЕРЕЧ ПРАВИЛУ: {{reason}}',
    sector_status: 'сектор {{sector}}: стан «{{status}}» станом на {{day}} (був «{{was}}»)',
    breach: "сектор {{sector}}: правило '{{rule}}' порушено {{day}}: {{why}}{{rung}}",
    rung: '; запропоновано: {{title}} (зобов’язалися: {{nations}})',
    nobody: 'поки ніхто',
    noRung: '; жоден щабель драбини реагування не відповідає цьому порушенню',
    order_issuable:
      'наказ {{order}} ({{offer}}, {{quantity}} до регіону {{region}}, сектор {{sector}}) тепер готовий до видачі: {{because}}',
    everyBlocker: 'усі перешкоди усунено',
    becauseJoiner: '; ',
    noPhase: 'немає',
  },
};
