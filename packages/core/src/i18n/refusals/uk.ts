import type { RefusalCatalogue } from './index.ts';

/**
 * The server's refusals in Ukrainian. Terms as docs/glossary.md chooses them (пропозиція, потреба,
 * офіцер зв’язку, наказ, мітка, право передачі); field names, codes and markings stay as written.
 * Plurals: one (1, 21), few (2–4, 22–24), many (5–20, 25…), other (fractions).
 */
export const refusalsUk: RefusalCatalogue = {
  checks: {
    comma: '{{first}}, {{rest}}',
    field: '{{field}}: {{problem}}',
    list: '{{first}}; {{rest}}',
    none: 'усе гаразд',
    one: '{{value}}',
  },
  financeChecks: {
    columnTwice: 'стовпець «{{column}}» трапляється двічі',
    currencyNotTaken: '{{currency}} не є валютою, яку приймає Guarantor (ISO 4217)',
    duplicateDate: 'дублікат: {{date}} також є в рядку {{row}}',
    fieldCount:
      'має полів: {{fields}}, а заголовок — {{columns}}: стовпці зсунулися? перевірте коми поза лапками',
    fileEmpty: 'файл порожній',
    kiel: {
      duplicate: 'дублікат: {{key}} також є в рядку {{row}}; донор має один рядок на місяць',
      negative: '«{{text}}» від’ємне; суми — це мільярди EUR ≥ 0',
      notDonorCode: '«{{text}}» не є кодом донора (ISO alpha-3 або EU, як у трекері)',
      notDonorName: '«{{text}}» не є назвою донора',
      notMonth: '«{{text}}» не є місяцем 1–12',
      notYear: '«{{text}}» не є роком',
      otherName: '«{{text}}», але {{code}} в одному з попередніх рядків має назву «{{known}}»',
      toBeAllocated: '{{text}} не дорівнює зобов’язанням мінус разом (стовпці зсунулися?)',
      totalNotSum:
        '{{text}} не дорівнює сумі фінансової, гуманітарної й військової допомоги (стовпці зсунулися?)',
    },
    missingColumns_few: 'бракує стовпців {{columns}}; заголовок має називати {{required}}',
    missingColumns_many: 'бракує стовпців {{columns}}; заголовок має називати {{required}}',
    missingColumns_one: 'бракує стовпця {{columns}}; заголовок має називати {{required}}',
    missingColumns_other: 'бракує стовпців {{columns}}; заголовок має називати {{required}}',
    missingRate:
      'немає референтного курсу євро для {{currency}} на {{date}}; завантажте курс на цю дату (ЄЦБ публікує курси лише за робочі дні й не публікує курсу UAH): Guarantor не бере курс іншого дня',
    needs: {
      duplicate: 'дублікат: {{assessment}} {{sector}} також є в рядку {{row}}',
      empty: 'порожнє',
      negative: '«{{text}}» від’ємне',
      notSector: '«{{text}}» не є назвою сектору',
      notUrl: '«{{text}}» не є вебадресою: кожна цифра потребує джерела',
    },
    noStatedDate: 'опубліковано без зазначеної дати: немає курсу дня, за яким перерахувати',
    notDate: '«{{text}}» не є датою РРРР-ММ-ДД',
    notDecimal: '«{{text}}» не є десятковим числом (цифри, одна крапка, без експоненти й роздільників)',
    onlyMonth: 'опубліковано лише з місяцем ({{date}}): немає курсу дня, за яким перерахувати',
    rateNotPositive: '«{{text}}» не є додатним курсом',
    risk: {
      divides: 'має бути більше за 0 (на нього ділять)',
      noWeight: 'принаймні одна вага має бути більшою за 0',
      notNumber: 'має бути числом, не меншим за 0',
      share: 'це частка: від 0 до 1',
      windowDays: 'має бути цілою кількістю днів від 1 до 366',
    },
    tooManyDecimals_few:
      '«{{text}}» має {{count}} знаки після коми; точно зберігається щонайбільше {{scale}}',
    tooManyDecimals_many:
      '«{{text}}» має {{count}} знаків після коми; точно зберігається щонайбільше {{scale}}',
    tooManyDecimals_one: '«{{text}}» має {{count}} знак після коми; точно зберігається щонайбільше {{scale}}',
    tooManyDecimals_other:
      '«{{text}}» має {{count}} знака після коми; точно зберігається щонайбільше {{scale}}',
  },
  iatiChecks: {
    duplicateActivity: 'дублікат: `iati-activity[{{activity}}]` має той самий ідентифікатор',
    duplicateTransaction: 'дублікат: `transaction[{{transaction}}]` має той самий тип, дати, суму й надавача',
    missing: 'відсутній',
    missingWithout: 'відсутній або без {{attribute}}',
    needsAtLeastOne: 'відсутній: схема вимагає принаймні одного',
    needsOne: 'відсутній: схема вимагає його',
    negativeValue: '{{text}} від’ємне; виправлення не приймаються: надішліть виправлену суму',
    noActivity: 'немає жодного `iati-activity`: схема вимагає принаймні одного',
    noCurrency: 'відсутній, а діяльність не має `@default-currency`',
    noIdentifier: 'відсутній або порожній: кожна діяльність потребує свого ідентифікатора',
    noNarrative: 'відсутній або без тексту (`narrative`)',
    noProvider:
      'не називає ідентифікатора організації (`@ref`), і його не називають ні фінансувальна `participating-org`, ні `reporting-org`',
    noReportingOrg: 'відсутній: кожна діяльність називає організацію, що звітує',
    noValue: 'відсутній: транзакція потребує суми',
    noValueDate: 'відсутній: дата вартості визначає, за яким курсом її перерахувати',
    noVersion:
      '`iati-activities/@version` відсутній; Guarantor читає файли IATI {{supported}}, які зазначають свою версію',
    notActivities:
      'кореневий елемент — <{{root}}>, а не <`iati-activities`>: надішліть файл діяльностей IATI (файл організації не читається)',
    notActivity: '<{{name}}> не є елементом `iati-activities`; ним є лише `iati-activity`',
    notAlpha2: '«{{text}}» не є кодом ISO 3166-1 alpha-2',
    notElement: '<{{name}}> не є елементом IATI {{supported}} (розширення потребує власного простору імен)',
    notPosition: '«{{text}}» не є парою «широта довгота» в градусах (IATI пише широту першою)',
    notTracked:
      'тип транзакції {{type}} ({{words}}) не є етапом, який відстежує Guarantor (оголошений внесок 12, зобов’язання 2, виплата 3, видатки 4)',
    notTransactionType: '«{{type}}» не є кодом `TransactionType` IATI (від 1 до 13)',
    otherVersion:
      'файл має версію IATI {{version}}; Guarantor читає лише IATI {{supported}}: попросіть у видавця файл {{supported}} або перетворіть його',
    transactionType: {
      t1: 'вхідні кошти',
      t10: 'кредитна гарантія',
      t11: 'вхідне зобов’язання',
      t13: 'вхідний оголошений внесок',
      t5: 'сплата відсотків',
      t6: 'погашення позики',
      t7: 'відшкодування',
      t8: 'придбання частки капіталу',
      t9: 'продаж частки капіталу',
    },
    xml: {
      badReference: 'невідома сутність або хибне посилання на символ &{{ref}};',
      doctype: 'оголошення DOCTYPE і ENTITY не приймаються (файлам IATI вони не потрібні); вилучіть їх',
      malformed: 'XML сформовано неправильно: {{why}}',
      malformedAt: 'XML сформовано неправильно в рядку {{line}}, стовпці {{column}}: {{why}}',
      tooDeep: 'елементи вкладено глибше ніж на {{max}} рівнів',
      tooManyBytes: 'файл більший за {{mb}} МБ; розділіть його на кілька файлів',
      tooManyElements: 'файл має понад {{max}} елементів; розділіть його',
    },
  },
  importChecks: {
    dateOrder:
      '«{{text}}» може бути день/місяць або місяць/день; укажіть, що саме (`--date-order dmy` або `mdy`)',
    fieldCount: 'має полів: {{fields}}, а заголовок — {{columns}}; перевірте роздільники поза лапками',
    fileEmpty: 'файл порожній; перший рядок має називати стовпці',
    fromColumn: '{{field}} (зі стовпця {{column}})',
    headerLacks:
      'у заголовку бракує {{fields}}; зіставте з кожним стовпець (`--map` start=event_date), задайте сталу (`--set` source_kind=osint) або використайте шаблон (`--preset acled`); див. `docs/import-csv.md`',
    headerNeedsPoint:
      'заголовок потребує {{lngColumn}} і {{latColumn}} (зіставте їх: `--map` lng=longitude `--map` lat=latitude) або {{bearing}}',
    noLocation:
      'немає місця: укажіть `lng` і `lat` або `observer_lng`, `observer_lat`, `bearing_deg`, `spread_deg`, `min_distance_m`, `max_distance_m`',
    noSheet: 'у книзі немає аркуша «{{sheet}}»; її аркуші: {{sheets}}',
    noWorksheet: 'у книзі немає жодного аркуша',
    noZone:
      '«{{text}}» не має часового поясу; укажіть його (`--zone Europe/Kyiv`) або пишіть, напр., `2026-11-26T10:00:00Z`',
    notCalendarDate: '«{{text}}» не є календарною датою',
    notEncoding:
      'файл не є коректним {{encoding}} після байта {{byte}}; укажіть його кодування (`--encoding windows-1251`, `utf-16le`, …)',
    notFeatureCollection: 'не є `GeoJSON FeatureCollection` з масивом `features`',
    notInValueTable:
      '«{{text}}» не має значення {{field}} у таблиці значень стовпця {{column}}; додайте його до таблиці або запис «*» для всього іншого',
    notJson: 'не JSON: {{why}}',
    notMonthName: '«{{text}}»: «{{month}}» не є англійською назвою місяця',
    notNumber: '«{{text}}» не є числом',
    notNumberDot: '«{{text}}» не є числом; пишіть десяткові знаки через крапку',
    notPoint: 'має бути `Point` з [довгота, широта]',
    notTime:
      '«{{text}}» не є часом: пишіть `2026-11-26T10:00:00Z` або дату на кшталт 2026-11-26 чи 26.11.2026 з часовим поясом',
    notUcdp: 'не файл UCDP GED: у заголовку бракує {{columns}}',
    notXlsx: 'не книга XLSX: {{why}}',
    pointAndBearing: 'укажіть або `lng`/`lat`, або стовпці пеленга, але не те й інше',
    quoteNotClosed: 'лапки, відкриті в стовпці {{column}} у рядку {{line}}, не закрито',
    rowTooLong: 'рядок довший за {{max}} символів',
    textAfterQuote: 'текст після закривних лапок у стовпці {{column}}',
    uidRepeats: '«{{uid}}» повторює рядок {{row}}',
    unknownEncoding:
      '«{{encoding}}» не є кодуванням тексту; використайте, напр., `utf-8`, `windows-1251`, `utf-16le`',
  },
  logisticsChecks: {
    checkpointWhere: 'укажіть місце КПП або вузол',
    crossingName: 'пункт пропуску потребує назви',
    crossingPoint: 'пункт пропуску потребує `Point` [довгота, широта]',
    farFromUkraine:
      'лінія не підходить ближче ніж на {{degrees}}° (близько 200–330 км) до суходолу України: це не маршрут цього театру',
    loop: 'обидва кінці з’єднуються з тим самим вузлом (у межах {{toleranceM}} м): петля не є маршрутом',
    noFeatures: '`FeatureCollection` потребує масиву `features`',
    noGeometry: 'об’єкт не має геометрії',
    noLine: 'файл не містить жодної лінії, яку можна взяти як маршрут',
    noNetwork: 'немає мережі {{id}}, яку ви можете читати',
    noNode: 'немає вузла {{id}} у мережі, яку ви можете читати',
    noSegment: 'немає ділянки {{segment}} у мережі {{network}}',
    notGeoJson: 'не `GeoJSON`: очікується `FeatureCollection` з `LineString`',
    notJoined:
      'ділянка {{segment}} не з’єднується з {{previous}}: ділянки коридору мають іти одна за одною вздовж маршруту',
    notLineLayer: 'не шар ліній: тип {{type}}; очікується `FeatureCollection` з `LineString`',
    notPoints: 'очікується `GeoJSON FeatureCollection` з точок',
    notPosition: 'позиція має бути числами [довгота, широта]',
    notPositions: 'координати мають бути масивом позицій [довгота, широта]',
    notRoute: '{{type}} не є маршрутом: маршрутом є лише `LineString` і `MultiLineString`',
    outOfRange:
      'позиція [{{longitude}}, {{latitude}}] поза межами: `GeoJSON` пише спершу довготу (−180…180), потім широту (−90…90)',
    tolerance: 'допуск прив’язки має бути 0–5 000 м',
    tooManyPositions: 'файл має понад {{max}} позицій: розділіть його',
    twoPositions: 'лінія потребує двох різних позицій',
    windowEnds: 'вікно має закінчуватися пізніше, ніж починається',
    windowOverlaps:
      'вікно перетинається з вікном {{id}} ({{start}}–{{end}}) того самого коридору; вікна одного коридору не можуть перетинатися',
  },
  sustainmentChecks: {
    endBeforeStart: 'кінець ({{end}}) раніше за початок ({{start}})',
    mandateBeforeStart: 'мандат закінчується ({{end}}) раніше, ніж пропозиція стає доступною ({{from}})',
    monthsDeployed:
      '`monthsDeployed` (місяці розгортання в циклі ротації) має бути цілим числом, не меншим за 1; отримано {{value}}',
    notDate: '{{field}} має бути датою у форматі РРРР-ММ-ДД; отримано «{{value}}»',
    notMonth: '{{field}} має бути місяцем у форматі РРРР-ММ; отримано «{{value}}»',
    notWhole: '{{field}} має бути цілим числом, не меншим за {{min}}; отримано {{value}}',
    outside: '{{field}} ({{from}} – {{to}}) виходить за місяці потреби ({{start}} – {{end}})',
    outsideOpen: '{{field}} ({{from}} – {{to}}) виходить за місяці потреби ({{start}} – без кінця)',
    outsideToEnd: '{{field}} ({{from}} – до кінця) виходить за місяці потреби ({{start}} – {{end}})',
    outsideToEndOpen: '{{field}} ({{from}} – до кінця) виходить за місяці потреби ({{start}} – без кінця)',
    overlaps: '{{field}} перетинається з `sizeChanges[{{other}}]`: місяць може мати лише одну чисельність',
    toBeforeFrom: '{{field}}.to ({{to}}) раніше за {{field}}.from ({{from}})',
    tooLong: 'потреба охоплює щонайбільше {{max}} місяців; від {{start}} до {{end}} — {{months}}',
  },
  access: {
    labelEmptyNation: 'мітка «{{text}}»: порожня держава в переліку REL TO',
    labelNotIso3: 'мітка «{{text}}»: «{{code}}» не є кодом ISO 3166-1 alpha-3',
    labelUnknown: 'мітка «{{text}}» не є жодною з PUBLIC, COALITION, REL TO <ISO3, ISO3…>, NATIONAL <ISO3>',
  },
  audit: {
    needsAdmin: 'записи журналу аудиту щодо користувачів і API-токенів потребують ролі admin',
  },
  auth: {
    csrfMissing:
      'цьому запису бракує заголовка x-csrf-token із вашого сеансу; перезавантажте сторінку й спробуйте ще раз',
    invalidCredentials: 'невідоме ім’я користувача або неправильний пароль',
    locked:
      'обліковий запис заблоковано після {{failures}} невдалих спроб входу протягом {{minutes}} хв; спробуйте знову після {{until}}Z (через {{wait}} хв) або попросіть адміністратора його розблокувати',
    noRole: 'жодної ролі',
    roleNeeded: 'для цього потрібна роль {{roles}}; у вас {{held}}',
    signInFirst: 'спершу увійдіть: цей запит не має чинного cookie сеансу чи API-токена',
    tokenUnknown: 'API-токен невідомий або відкликаний; попросіть у адміністратора новий',
    tooManySignIns: 'забагато спроб входу з цієї адреси; зачекайте {{seconds}} с і спробуйте ще раз',
  },
  basemap: {
    notConfigured: 'базову карту не налаштовано; карта використовує офлайн-стиль',
    tileNotCovered: 'немає тайла базової карти {{zoom}}/{{x}}/{{y}}: архів його не охоплює',
  },
  cellwork: {
    actionLabelWider:
      'body.releasability: мітка {{label}} ширша, ніж дозволяє те, що спричинило це доручення ({{bound}}); оберіть {{bound}} або вужчу',
    actionNotFound: 'немає доручення з таким id, яке ви можете читати',
    actionOtherNation:
      'це доручення належить державі {{nation}}: змінювати його можуть лише її офіцер зв’язку або офіцери штабу осередку',
    actionStatusAlready: 'доручення вже має стан «{{status}}»',
    attendeeNotMember:
      'body.nation: {{nation}} ({{code}}) не є членом коаліції; у засіданнях осередку беруть участь лише держави-члени',
    attendeeRecorded: 'body.person: {{person}} уже записано від держави {{nation}}',
    deciderNotMember: 'body.nation: {{nation}} не є членом коаліції; рішення ухвалює держава-член',
    decisionIdNotFound: 'body.decisionId: немає рішення з таким id, яке ви можете читати',
    decisionLabelWider:
      'body.releasability: мітка {{label}} ширша, ніж дозволяють записи, на яких ґрунтується це рішення ({{bound}}); оберіть {{bound}} або вужчу чи підтвердьте розширення, навівши причину',
    decisionNotFound: 'немає рішення з таким id, яке ви можете читати',
    dueInPast: 'body.dueAt: термін {{due}} уже минув (зараз {{now}}); укажіть дату, яка ще не настала',
    dueNotDate: 'body.dueAt: термін не є датою',
    incidentIdNotFound: 'body.incidentId: немає інциденту з таким id, який ви можете читати',
    linkKind: {
      breach: 'порушення правила контрольної точки',
      control_area: 'версії району контролю',
      daily_report: 'щоденного звіту',
      finance_flow: 'фінансового показника',
      gate_evaluation: 'оцінки контрольної точки за день',
      incident: 'інциденту',
      land_option: 'версії територіального варіанта',
      phase_rule: 'правила контрольної точки',
      plan: 'плану сил',
    },
    linkNotFound: 'body.links.{{i}}: немає {{kind}} з таким id, доступного вам для читання',
    meetingIdNotFound: 'body.meetingId: немає засідання з таким id, яке ви можете читати',
    meetingNotFound: 'немає засідання з таким id, яке ви можете читати',
    ownerNotMember:
      'body.ownerNation: {{nation}} не є членом коаліції; відповідальним за доручення є держава-член',
  },
  coalition: {
    nationNotFound: 'немає держави коаліції {{iso3}}, яку ви можете бачити',
    otherNation: 'офіцер зв’язку від {{mine}} не може записувати пропозиції держави {{theirs}}',
    unknownCapability: 'невідома спроможність «{{capability}}»; використайте одну з: {{choices}}',
  },
  common: {
    changedBySomeoneElse:
      '{{what}}: хтось інший змінив цей запис; ви надіслали версію {{sent}}, а тепер вона {{current}}; перезавантажте його і внесіть зміну знову',
    reason: '{{reason}}',
  },
  database: {
    exists: 'запис із таким id уже існує',
    invalidText: 'текстове значення містить символ, який неможливо зберегти',
    missingReference: 'запис посилається на те, чого не існує',
    noAnswer: 'база даних не відповідає: {{reason}}',
    outOfRange: 'значення виходить за межі дозволеного для запису',
    overlap: 'запис перетинається з іншим, з яким не може перетинатися (вікна одного коридору)',
    unavailable: 'база даних недоступна (можливо, перезапускається); спробуйте ще раз через {{seconds}} с',
    unreadableWrite: 'ви не можете записати запис, який ваша держава не могла б читати',
  },
  exports: {
    tooLarge:
      'збігається понад {{max, number}} рядків; звузьте фільтри (параметри запиту GET {{list}}, наприклад коротший проміжок часу) і експортуйте знову, за потреби частинами',
  },
  finance: {
    asOfNotDay: 'query.asOf: {{asOfDay}} не є днем календаря',
    currencyAndRateDate: 'query.currency і query.rateDate задаються разом: укажіть валюту і день її курсу',
    currencyUnknown: 'query.currency: {{currency}} не є валютою, яку приймає Guarantor',
    fileRefused: 'файл відхилено, нічого не збережено: рядок {{row}}, {{field}}: {{reason}}',
    notUtf8: 'body: файл не є текстом UTF-8; збережіть його як CSV UTF-8',
    release: {
      narrows:
        'мітка {{to}} приховала б «{{source}}» від читачів, яких сьогодні допускає його мітка {{label}}; передача лише розширює коло тих, хто бачить джерело (щоб звузити його, імпортуйте файл знову з вужчою міткою)',
      notFound: 'немає імпортованого джерела «{{source}}», яке ви можете бачити',
      notYours:
        '«{{source}}» імпортувала держава {{owner}}: передати його можуть лише фінансові офіцери {{owner}} або офіцери штабу осередку',
      unchanged: '«{{source}}» уже має мітку {{label}}',
    },
    rowProblems_few:
      '{{count}} проблеми в {{rows}} рядках, тож нічого не збережено (рядок {{row}}, {{field}}: {{reason}}); виправте файл і надішліть знову',
    rowProblems_many:
      '{{count}} проблем у {{rows}} рядках, тож нічого не збережено (рядок {{row}}, {{field}}: {{reason}}); виправте файл і надішліть знову',
    rowProblems_one:
      '{{count}} проблема в {{rows}} рядках, тож нічого не збережено (рядок {{row}}, {{field}}: {{reason}}); виправте файл і надішліть знову',
    rowProblems_other:
      '{{count}} проблеми в {{rows}} рядках, тож нічого не збережено (рядок {{row}}, {{field}}: {{reason}}); виправте файл і надішліть знову',
    sendCsv: 'body: надішліть файл як text/csv',
  },
  iati: {
    exportTooLarge: 'понад {{max}} фінансових потоків: експортуйте їх із командного рядка',
    notUtf8: 'body: файл не в кодуванні UTF-8; файли IATI — це XML у UTF-8',
    nothingToExport:
      'немає потоків із типом транзакції IATI для експорту: спершу імпортуйте оголошені внески, зобов’язання або виплати',
    overCommitment_few:
      '{{count}} діяльності виплачують більше, ніж передбачено зобов’язаннями ({{activityId}}: виплачено {{disbursed}} за зобов’язання {{committed}} {{currency}}); нічого не збережено: укажіть overCommitmentReason, щоб записати причину, або виправте файл',
    overCommitment_many:
      '{{count}} діяльностей виплачують більше, ніж передбачено зобов’язаннями ({{activityId}}: виплачено {{disbursed}} за зобов’язання {{committed}} {{currency}}); нічого не збережено: укажіть overCommitmentReason, щоб записати причину, або виправте файл',
    overCommitment_one:
      '{{count}} діяльність виплачує більше, ніж передбачено зобов’язанням ({{activityId}}: виплачено {{disbursed}} за зобов’язання {{committed}} {{currency}}); нічого не збережено: укажіть overCommitmentReason, щоб записати причину, або виправте файл',
    overCommitment_other:
      '{{count}} діяльності виплачують більше, ніж передбачено зобов’язаннями ({{activityId}}: виплачено {{disbursed}} за зобов’язання {{committed}} {{currency}}); нічого не збережено: укажіть overCommitmentReason, щоб записати причину, або виправте файл',
    problems_few:
      '{{count}} проблеми в {{activities}} діяльностях, тож нічого не збережено ({{element}}: {{reason}}); виправте файл і надішліть знову',
    problems_many:
      '{{count}} проблем у {{activities}} діяльностях, тож нічого не збережено ({{element}}: {{reason}}); виправте файл і надішліть знову',
    problems_one:
      '{{count}} проблема в {{activities}} діяльностях, тож нічого не збережено ({{element}}: {{reason}}); виправте файл і надішліть знову',
    problems_other:
      '{{count}} проблеми в {{activities}} діяльностях, тож нічого не збережено ({{element}}: {{reason}}); виправте файл і надішліть знову',
    sendXml: 'body: надішліть файл IATI як application/xml',
  },
  imports: {
    fileRefused: 'файл відхилено, нічого не збережено: {{reason}}',
    presetRefused: 'query.preset: {{reason}}',
    queryRefused: 'query: {{problems}}',
    rowsRejected:
      'відхилено рядків: {{rejected}} з {{rows}}, тож нічого не збережено (рядок {{row}}, {{field}}: {{reason}}); виправте їх або надішліть acceptPartial=true, щоб зберегти решту ({{accepted}})',
    sendTheFile: 'body: надішліть сам файл із Content-Type text/csv, application/geo+json або типом XLSX',
    valuesSyntax:
      'query.values: «{{spec}}»: пишіть field=column:value=field value;…, наприклад category=event_type:Shelling=explosion_impact;*=other',
  },
  incidents: {
    allowedFrom: {
      attribute: '«верифіковано»',
      dismiss: '«повідомлено», «підтверджено кількома джерелами» або «верифіковано»',
      verify: '«повідомлено» або «підтверджено кількома джерелами»',
    },
    assessmentMissing:
      'body.assessment: наведіть оцінку спостерігачів, на якій ґрунтується встановлення відповідальної сторони',
    changedSinceRead:
      'інцидент {{id}} змінився відтоді, як ви його прочитали (версія {{sent}}, тепер {{current}}); перезавантажте його',
    changedWhileActing: 'інцидент {{id}} змінився, поки ви з ним працювали; перезавантажте його',
    dismissReasonMissing: 'body.reason: укажіть, чому інцидент відхилено',
    evidenceMissing:
      'body.evidence: для встановлення відповідальної сторони наведіть принаймні одне посилання на доказ',
    exportTooLarge:
      'збігається понад {{max, number}} інцидентів; звузьте проміжок часу, сектор або категорії й експортуйте знову',
    merged: 'інцидент {{id}} об’єднано з {{mergedInto}}; працюйте з тим інцидентом',
    notFound: 'немає інциденту {{id}}, який ви можете бачити',
    partyMissing: 'body.party: назвіть сторону, якій приписують інцидент',
    transitionRefused:
      'дія {{action}} неможлива для інциденту в стані «{{from}}»: {{action}} застосовується до інцидентів у стані {{allowed}}',
    transitionRefusedClosed:
      'дія {{action}} неможлива для інциденту в стані «{{from}}»: {{action}} застосовується до інцидентів у стані {{allowed}}; інцидент у стані «{{from}}» закрито',
    transitionRefusedVerifyFirst:
      'дія {{action}} неможлива для інциденту в стані «{{from}}»: {{action}} застосовується до інцидентів у стані {{allowed}}; спершу верифікуйте його',
  },
  ladder: {
    breachNotFound: 'немає порушення {{id}}, яке ви можете бачити',
    rungUnknown: 'на драбині реагування немає щабля «{{rungId}}»',
  },
  landOptions: {
    compareNotFound: 'query.ids: немає територіального варіанта {{id}}, який ви можете читати',
    featureRefused: 'об’єкт {{index}}, {{field}}: {{reason}}; нічого не збережено',
    labelHidesFromYou:
      'body.releasability: мітка {{label}} приховала б варіант від вас; додайте свою державу',
    notFound: 'немає територіального варіанта {{id}}, який ви можете читати',
    tooManyToCompare: 'query.ids: варіантів — {{count}}; порівнювати можна щонайбільше 12 одночасно',
  },
  leadClaims: {
    active: 'заявка на провідну роль {{id}} чинна; поновлювати нічого',
    alreadyClaimed:
      '{{nation}} уже заявляє провідну роль щодо {{region}} / {{lineOfEffort}}; щоб змінити її, відкличте цю заявку',
    keptAs:
      'заявку держави {{nation}} на провідну роль щодо {{region}} / {{lineOfEffort}} збережено зі станом {{status}}; поновіть її через POST /api/lead-claims/{{id}}/reassert',
    notFound: 'немає заявки на провідну роль {{id}}, яку ви можете бачити',
    otherNation:
      'заявка на провідну роль {{id}} належить державі {{nation}}; офіцер зв’язку відкликає чи поновлює лише заявки своєї держави',
    withdrawnAlready:
      'заявку на провідну роль {{id}} уже відкликано; поновіть її через POST /api/lead-claims/{{id}}/reassert',
  },
  leadMatrix: {
    noClaimants: 'її заявників (їх немає)',
    notClaimant:
      '{{nation}} не заявляє провідну роль щодо {{region}} / {{lineOfEffort}}; оберіть одну з держав: {{claimants}}',
    oneClaimant:
      'щодо {{region}} / {{lineOfEffort}} є лише один заявник ({{nation}}); конфлікту, який треба розв’язати, немає',
  },
  logistics: {
    demoNetworkExists: 'демонстраційна мережа вже існує ({{id}}, {{name}}): оберіть її в списку',
    demoNetworkRefused: 'демонстраційна мережа: {{reason}}',
    equipmentClassTwice:
      'body.inventory[{{index}}].equipmentClass: клас {{equipmentClass}} указано двічі; наведіть кожен клас один раз із загальною кількістю',
    fieldRefused: '{{field}}: {{reason}}',
    fieldRefusedNothingStored: '{{field}}: {{reason}}; нічого не збережено',
    notANode: '{{node}} не є вузлом мережі {{network}}',
    notFound: '{{what}} не існує або не передається вам',
    shiftZeroLength: 'зміна має закінчуватися в інший час, ніж починається',
    timeOfDay: 'час у форматі HH:MM (UTC)',
    what: {
      checkpoint: 'КПП {{id}}',
      corridor: 'коридор {{id}}',
      crossing: 'пункт пропуску {{id}}',
      hub: 'логістичний хаб {{id}}',
      network: 'мережа {{id}}',
      window: 'вікно {{windowId}} коридору {{id}}',
    },
  },
  monitoring: {
    batchTooLarge: 'спостережень в одному запиті: {{count}}; надсилайте щонайбільше {{max}} за запит',
    cotEmpty: 'тіло запиту не містить елемента CoT <event>; надішліть один або кілька документів <event>',
  },
  offers: {
    changed:
      'пропозицію {{id}} змінив хтось інший: ви надіслали версію {{sent}}, а тепер вона {{current}}; перезавантажте її і внесіть зміну знову',
    notFound: 'немає пропозиції {{id}}, яку ви можете бачити',
    otherNation:
      'офіцер зв’язку від {{mine}} не може записувати пропозиції держави {{theirs}}; пропозиція {{id}} належить {{theirs}}',
    releaseNarrows:
      'мітка {{label}} приховала б пропозицію {{id}} від читачів із {{old}}; передача може лише розширити мітку',
  },
  orders: {
    alreadyIssued: 'наказ {{id}} видано {{at}}, видав {{by}}',
    capabilityFitsNoRole:
      '{{capability}} не може виконувати жодної з ролей напряму «{{lineOfEffort}}» ({{roles}})',
    deploymentRefused: 'у розгортанні відмовлено: {{reasons}}',
    notFound: 'немає наказу {{id}}, який ви можете бачити',
    otherNation:
      'офіцер зв’язку від {{mine}} не може готувати накази для пропозиції держави {{theirs}}; це можуть офіцери штабу осередку або офіцер зв’язку від {{theirs}}',
    quantityExceeds: 'пропозиція {{id}} містить {{held}} {{unit}}; наказ вимагає {{asked}}',
    regionOutsideSector:
      'регіон {{region}} ({{regionCode}}) не лежить у секторі {{sectorName}} ({{sector}}); оберіть регіон у цьому секторі ({{inside}}) або сектор, у якому лежить регіон',
    regionOutsideSectorNoRegion:
      'регіон {{region}} ({{regionCode}}) не лежить у секторі {{sectorName}} ({{sector}}); оберіть регіон у цьому секторі або сектор, у якому лежить регіон',
    sectorUnknown: 'моніторингу невідомий сектор «{{sector}}»; відомі: {{known}}',
    sectorUnknownNoData:
      'моніторингу невідомий сектор «{{sector}}» (жоден сектор ще не має даних моніторингу)',
    unknownRegion: 'невідомий регіон «{{regionCode}}»',
  },
  phases: {
    asOfInFuture: 'asOf {{asOf}} — у майбутньому (сьогодні {{today}})',
    changeRefused: 'у зміні фази відмовлено: {{reasons}}',
    decisionDateBeforePhase: 'дата рішення {{date}} раніша за початок поточної фази ({{phase}} з {{since}})',
    decisionDateInFuture: 'дата рішення {{date}} — у майбутньому (сьогодні {{today}})',
    guardPolicyInvalid:
      'у зміні фази відмовлено: політика контролю для {{target}} посилається на правила, невідомі, виведені з дії або вже нечинні ({{problems}}); спершу виправте політику або правила',
  },
  planning: {
    notFound: 'немає такого запису ({{what}}), який ви можете бачити',
    unknownLineOfEffort: 'невідомий напрям зусиль «{{lineOfEffort}}»; використайте один із: {{choices}}',
    unknownRegion: 'невідомий регіон «{{region}}»; використайте код із каталогу регіонів',
    what: {
      requirement: 'потреба {{id}}',
    },
  },
  plans: {
    alreadyAdopted: 'план {{id}} уже ухвалено',
    noSuchPlan: 'немає такого плану, який ви можете бачити',
    notFound: 'немає плану {{id}}, який ви можете бачити',
    nothingToCompare: 'план {{id}} не має плану для порівняння; укажіть його через ?against=PLAN-<n>',
    requirementNotInPlan: 'план не отримав цієї потреби (або вона вам недоступна)',
    superseded: 'план {{id}} замінено пізніше ухваленим; складіть новий план',
  },
  presence: {
    noHashtags:
      'body: у перших 25 рядках немає рядка хештегів HXL (#org, #adm1+code, #sector …); позначте стовпці, див. hxlstandard.org',
    refused: 'body: {{reason}}',
    sendHxl:
      'body: надішліть таблицю HXL: CSV (text/csv) або HXL JSON (масив рядків чи об’єктів із ключами-хештегами)',
  },
  request: {
    bbox: 'query.bbox: укажіть west,south,east,north у градусах (спочатку довгота), west ≤ east і south ≤ north',
    bodyNotJson: 'body: не JSON: {{reason}}',
    bodyTooLarge: 'тіло запиту більше, ніж приймає ця кінцева точка',
    cursorNotGiven: 'це не курсор, виданий цим списком',
    cursorOtherList: 'це не курсор списку {{list}}',
    cursorRefused:
      'курсор відхилено: {{why}}; передайте значення `next` попередньої сторінки без змін або не вказуйте cursor для першої сторінки',
    fieldInvalid: '{{field}}: {{problem}}',
    fieldNameNul:
      '{{field}}: має назву поля, що містить символ NUL (U+0000) на позиції {{at}}; вилучіть його',
    fieldNameSurrogate:
      '{{field}}: має назву поля, що містить непарний сурогат UTF-16 (U+{{code}}) на позиції {{at}}; вилучіть його',
    internal: 'на сервері сталася помилка; повідомте адміністраторові ідентифікатор запиту {{id}}',
    malformedJson: 'тіло запиту не є коректним JSON: {{reason}}',
    noRoute: 'немає маршруту {{method}} {{path}}',
    notOneOf: 'query.{{field}}: {{values}} — не одне з: {{allowed}}',
    pathParamTooLong: 'параметр шляху довший за будь-який id цього API (100 символів); перевірте URL',
    textNul: '{{field}}: містить символ NUL (U+0000) на позиції {{at}}; вилучіть його',
    textSurrogate: '{{field}}: містить непарний сурогат UTF-16 (U+{{code}}) на позиції {{at}}; вилучіть його',
    tileOutOfRange: 'тайла {{zoom}}/{{x}}/{{y}} не існує: x і y лежать у межах від 0 до {{max}}',
    toBeforeFrom: 'query.to: раніше за query.from; має бути from ≤ to',
    unknownFields_few: '{{field}}: невідомі поля {{keys}}; вилучіть їх',
    unknownFields_many: '{{field}}: невідомі поля {{keys}}; вилучіть їх',
    unknownFields_one: '{{field}}: невідоме поле {{keys}}; вилучіть його',
    unknownFields_other: '{{field}}: невідомі поля {{keys}}; вилучіть їх',
    urlNotDecodable: 'URL некоректний: закодований відсотками символ у шляху неможливо декодувати',
  },
  requirements: {
    notIso3: '«{{nation}}» не є кодом ISO 3166-1 alpha-3',
    roleMismatch: '{{capability}} не може виконувати роль {{role}}; вона виконує: {{roles}}',
    unknownCapability: 'невідома спроможність «{{capability}}»; використайте одну з: {{choices}}',
    unknownRegion:
      'невідомий регіон «{{region}}»; використайте код із каталогу регіонів (UA-14, POL, BLACK_SEA…)',
  },
  rules: {
    exists: 'правило «{{id}}» існує (версія {{version}}); додайте натомість нову версію',
    hostilitiesNoGuard: 'фаза бойових дій не потребує контролю: ніхто не чекає дозволу повернутися до неї',
    notFound: 'немає правила «{{id}}»',
    unknown_few: 'невідомі правила {{rules}}; спершу додайте правила',
    unknown_many: 'невідомі правила {{rules}}; спершу додайте правила',
    unknown_one: 'невідоме правило {{rules}}; спершу додайте правило',
    unknown_other: 'невідомі правила {{rules}}; спершу додайте правила',
  },
  sustainment: {
    horizonStartNotMonth: 'horizonStart має бути місяцем у форматі YYYY-MM, отримано «{{horizonStart}}»',
    monthNotMonth: 'month має бути місяцем у форматі YYYY-MM, отримано «{{month}}»',
    noSuchPlan: 'немає такого плану забезпечення, який ви можете бачити',
    outsideHorizon:
      'місяць {{month}} лежить поза горизонтом плану ({{horizonStart}}, місяців: {{horizonMonths}})',
    planNotFound: 'немає плану забезпечення {{id}}, який ви можете бачити',
    requirementNotFound: 'немає потреби {{id}}, яку ви можете бачити',
    what: {
      rotation: 'ротація пропозиції {{id}}',
      timeline: 'графік потреби {{id}}',
    },
  },
  sustainmentOrders: {
    drafted: 'накази на {{month}} за планом {{id}} уже підготовлено ({{orders}})',
    monthNotMonth: 'month має бути у форматі YYYY-MM, отримано «{{month}}»',
    noLineOrderable: 'жодного рядка на {{month}} не можна замовити: {{problems}}',
    noUnits: 'план {{id}} не призначає жодного підрозділу на жодну потребу в {{month}}',
    outsideHorizon:
      'місяць {{month}} лежить поза горизонтом плану (місяців: {{horizonMonths}}, від {{horizonStart}})',
    pastMonth: 'місяць {{month}} минув (зараз {{current}}); готуйте накази на цей місяць або пізніший',
  },
  tak: {
    layer: {
      checkpoints: 'КПП',
      corridors: 'коридорів',
      'route-segments': 'ділянок маршрутів',
    },
    sectorNotFound:
      'немає сектору моніторингу з таким id, який ви можете бачити; оберіть сектор на сторінці зон',
    tooManyIncidents:
      'incidents: понад {{max, number}} верифікованих інцидентів; оберіть сектор або скористайтеся потоком CoT',
    tooManyLogistics:
      'logistics: понад {{max, number}} {{layer}}; оберіть сектор або не включайте їх: logistics=false',
    tooManyLogisticsInSector:
      'logistics: понад {{max, number}} {{layer}} у цьому секторі; не включайте їх: logistics=false',
  },
  territory: {
    importRefused: 'body: {{refused}}; нічого не збережено',
    noControlArea:
      'немає району контролю сторони {{side}} на {{day}} або раніше, який ви можете читати: імпортуйте район на цю дату (POST /api/territory/control-areas/import) або оберіть пізнішу дату',
    toBeforeFrom: 'query.to: {{to}} раніше за from ({{from}}); поміняйте їх місцями',
    versionNotFound: 'немає версії району контролю {{id}}, яку ви можете читати',
  },
  users: {
    disabledNoToken: 'обліковий запис {{username}} вимкнено; увімкніть його, перш ніж видавати токен',
    exists: 'користувач з ім’ям {{username}} уже існує; оберіть інше ім’я користувача',
    notFound: 'немає користувача з ім’ям {{username}}',
    selfDisable: 'ви не можете вимкнути власний обліковий запис; попросіть іншого адміністратора',
    tokenNotFound: 'немає API-токена з id {{id}}',
  },
  validation: {
    aName: 'назва',
    actionRaisedBy: 'укажіть, що спричинило це доручення: decisionId, incidentId або meetingId',
    bufferMax: 'щонайбільше 100 км з кожного боку',
    capacityNotNegative: 'пропускна здатність не може бути меншою за 0',
    claimantReason: 'поясніть, чому провідну роль отримує цей заявник',
    dacSector: 'три цифри категорії сектору DAC (151) або unspecified',
    dateText: 'дата YYYY-MM-DD',
    decisionAuthority: 'назвіть повноваження, на яких ґрунтується рішення',
    donorCode: 'код донора (FRA, EU)',
    emailNeeded: 'укажіть адресу електронної пошти, щоб отримувати листи',
    iso3: 'код ISO 3166-1 alpha-3',
    iso3Any: 'має бути кодом ISO 3166-1 alpha-3',
    iso3Assigned: 'не є призначеним кодом ISO 3166-1 alpha-3',
    iso3Capitals: 'має бути кодом ISO 3166-1 alpha-3 великими літерами, наприклад FRA',
    languageCode: 'має бути en, uk або fr',
    languageOrNull: 'має бути одним із en, uk, fr (або null, щоб використовувати мову браузера)',
    latitudeMax: 'широта має бути не більшою за 90',
    latitudeMin: 'широта має бути не меншою за -90',
    link: 'адреса http(s) або шлях у Guarantor (/api/…)',
    longitudeMax: 'довгота має бути не більшою за 180',
    longitudeMin: 'довгота має бути не меншою за -180',
    month: 'місяць YYYY-MM',
    mustBeDate: 'має бути датою YYYY-MM-DD',
    mustBeDate2: 'має бути датою YYYY-MM-DD',
    nextOfPage: 'значення `next` попередньої сторінки',
    oneGuarantor: 'принаймні одна держава-гарант',
    oneNationMans: 'принаймні одна держава, що забезпечує його особовим складом',
    oneSegment: 'принаймні одна ділянка',
    overCommitmentReason: 'поясніть, чому виплати перевищують зобов’язання',
    overrideReason: 'рішення всупереч правилу потребує обґрунтування',
    passwordLength: 'має містити щонайменше 12 символів',
    priority: 'має бути від 1 (найтерміновіше) до 5',
    quantityNotNegative: 'кількість не може бути меншою за 0',
    realDay: 'такої дати немає в календарі',
    regionIso: 'код ISO 3166-2 адміністративної одиниці України (UA-14)',
    regionOrNational: 'код регіону (UA-63) або national',
    sectorId: 'id сектору',
    shortName: 'коротка назва: a-z, 0-9, . _ -',
    tilePath: 'має бути {y}.{type}, наприклад 5.mvt',
    username: 'має містити 3–64 символи з a-z, 0-9, крапки, підкреслення, дефіса',
    zeroOrMore: 'має бути 0 або більше',
    zoneId: 'має складатися з малих літер, цифр, - або _, щонайбільше 64 символи',
  },
  zones: {
    fileProblemsMore_few:
      '{{count}} проблеми у файлі зон, нічого не збережено: {{problems}}; і ще {{more}} (усі в details.problems)',
    fileProblemsMore_many:
      '{{count}} проблем у файлі зон, нічого не збережено: {{problems}}; і ще {{more}} (усі в details.problems)',
    fileProblemsMore_one:
      '{{count}} проблема у файлі зон, нічого не збережено: {{problems}}; і ще {{more}} (усі в details.problems)',
    fileProblemsMore_other:
      '{{count}} проблеми у файлі зон, нічого не збережено: {{problems}}; і ще {{more}} (усі в details.problems)',
    fileProblems_few: '{{count}} проблеми у файлі зон, нічого не збережено: {{problems}}',
    fileProblems_many: '{{count}} проблем у файлі зон, нічого не збережено: {{problems}}',
    fileProblems_one: '{{count}} проблема у файлі зон, нічого не збережено: {{problems}}',
    fileProblems_other: '{{count}} проблеми у файлі зон, нічого не збережено: {{problems}}',
    kindUnknown: 'query.kind: «{{kind}}» — не одне з: {{kinds}}',
    notFound: 'немає зони з id {{id}}',
    spanTooLong: 'query.to: запитуйте щонайбільше {{max}} днів за раз',
    toBeforeFrom: 'query.to: раніше за query.from',
  },
  /** Reasons from core's own checks (ADR 0051, "Reasons from core's checks"): coalition, phases, zones. */
  /** Чому спостереження відхилено (core monitoring/validate.ts). */
  observationChecks: {
    missing: 'обов’язкове поле',
    missingText: 'обов’язкове поле; вкажіть непорожній рядок',
    notObject: 'має бути об’єктом',
    notString: 'має бути рядком',
    notFinite: 'має бути скінченним числом',
    outside: '{{value}} поза межами [{{min}}, {{max}}] {{unit}}',
    unit: {
      degreesLongitude: 'градусів довготи',
      degreesLatitude: 'градусів широти',
      degrees: 'градусів',
      metres: 'м',
      epochMs: 'мс від 1 січня 1970 р. (UTC)',
      none: '',
    },
    wholeMs: 'має бути цілим числом мілісекунд',
    unknownValue: '«{{value}}» не є одним із значень: {{allowed}}',
    lngLat: 'має бути [довгота, широта] (порядок `GeoJSON`)',
    bearing360: '360 поза межами [0, 360); вкажіть 0',
    reversedDistance: '{{max}} менше за `minDistanceM` {{min}}; вкажіть діапазон як мін ≤ макс',
    reversedTime: 'закінчується на {{ms}} мс раніше, ніж починається; вкажіть `startMs ≤ endMs`',
    notInteger: 'має бути цілим числом',
    notAlpha3: '«{{value}}» не є кодом ISO 3166-1 alpha-3',
    remarks: 'якщо вказано, має бути рядком',
    notYours:
      'ви звітуєте від імені: {{nation}}; джерело {{source}} держави {{sourceNation}} звітує через обліковий запис своєї держави (лише заява сторони (`party_claim`) може називати іншу державу)',
    noNation: 'жодної держави',
    tokenSource:
      'цей токен API звітує лише як {{kind}} «{{id}}»; у звіті вказано {{reportKind}} «{{reportId}}»',
    labelHidesOwn:
      'гриф {{label}} приховав би цей запис від вашої власної держави ({{nation}}); оберіть гриф, що її охоплює',
  },
  /** Вади відповідності полів чи шаблону імпорту (core imports/mapping.ts). */
  mappingChecks: {
    presetNotObject: 'шаблон має бути об’єктом JSON',
    nonEmpty: 'має бути непорожнім рядком',
    oneOf: 'має бути одним із: {{values}}',
    object: 'має бути об’єктом',
    unknownKey: 'невідомий ключ; відомі: {{known}}',
    notField: 'не є полем загального формату; поля: {{fields}}',
    columnOrValue: 'вкажіть або `{"column": "…"}`, або `{"value": "…"}`',
    string: 'має бути рядком',
    columnName: 'має бути назвою стовпця',
    valuesObject: 'має бути об’єктом `"значення у файлі": "значення поля"`',
    columnNames: 'має бути списком назв стовпців',
    notZone: '«{{zone}}» не є часовим поясом; пишіть, наприклад, Europe/Kyiv або UTC',
    dateOrder: 'має бути `dmy` або `mdy`',
    flagSyntax: '{{flag}} {{text}}: пишіть поле=…, наприклад {{flag}} start=event_date',
    flagNotField: '{{flag}} {{text}}: «{{field}}» не є полем; поля: {{fields}}',
    flagZone: '{{flag}} {{zone}}: не є часовим поясом; пишіть, наприклад, Europe/Kyiv або UTC',
  },
  caveatChecks: {
    explain: {
      allowedRegions: 'лише в межах: {{regions}}',
      excludedRegions: 'за винятком: {{regions}}',
      outsideUkraineOnly: 'лише за межами України (із сусідніх країн, з моря або з районів зосередження)',
      minDistance: 'не ближче ніж {{km}} км від лінії зіткнення',
      rolesAllowed_one: 'лише одна роль: {{roles}}',
      rolesAllowed_few: 'лише ролі: {{roles}}',
      rolesAllowed_many: 'лише ролі: {{roles}}',
      rolesAllowed_other: 'лише ролі: {{roles}}',
      nationalMandate: 'потрібен національний парламентський мандат, наразі: {{status}}',
      nationalMandateBody: 'потрібен національний парламентський мандат ({{body}}), наразі: {{status}}',
      participation: 'лише за умови участі держави: {{nation}}',
      validUntil: 'чинне до {{date}}',
    },
    label: 'застереження {{n}} («{{caveat}}»)',
    repeats: '{{label}} повторює застереження {{earlier}}; вилучіть одне з них',
    conflicts: '{{label}} суперечить застереженню {{earlier}} того самого виду («{{other}}»); залиште одне',
    noRegion: '{{label}} не називає жодного регіону',
    noRole: '{{label}} не дозволяє жодної ролі',
    unknownRegion: '{{label}}: невідомий регіон «{{region}}»',
    unknownRole: '{{label}}: невідома роль «{{role}}»',
    negativeDistance: '{{label}}: відстань має бути 0 км або більше',
    notIso3: '{{label}}: «{{nation}}» не є кодом ISO 3166-1 alpha-3',
    notDate: '{{label}}: «{{date}}» не є датою (YYYY-MM-DD)',
    mandateStatus: '{{label}}: `status` має бути одним із: `none`, `pending`, `granted`, `refused`',
    noRegionLeft:
      'кожен дозволений регіон ({{regions}}) також виключено; пропозицію ніде не можна застосувати',
    contradiction:
      '«лише за межами України» суперечить застереженню {{n}}, усі дозволені регіони якого ({{regions}}) лежать в Україні',
    notList: '`caveats` має бути списком',
    notObject: 'застереження {{n}} має бути об’єктом із полем `kind`',
    unknownKind: 'застереження {{n}}: невідомий вид {{kind}}; використайте один із: {{kinds}}',
    fieldMustBe: 'застереження {{n}} ({{kind}}): у полі {{field}} очікується {{what}}',
    unknownField: 'застереження {{n}} ({{kind}}): невідоме поле {{field}}; вилучіть його',
    what: {
      regions: 'список кодів регіонів',
      kilometres: 'число кілометрів',
      roles: 'список ролей',
      mandateStatus: 'одне з: `none`, `pending`, `granted`, `refused`',
      parliament: 'назва парламенту',
      iso3: 'код ISO 3166-1 alpha-3',
      date: 'дата (YYYY-MM-DD)',
    },
  },
  offerMoves: {
    readinessAlready: 'пропозиція {{id}} вже має готовність «{{to}}»',
    readinessSkip:
      'готовність пропозиції {{id}} не може перейти з «{{from}}» до «{{to}}»: спершу має бути «{{next}}»',
    readinessWithdrawn: 'пропозиція {{id}} у стані «виведено»; її готовність більше не змінюється',
    lifecycleFinal: 'пропозиція {{id}} у стані «виведено» і не може перейти до стану «{{to}}»',
    lifecycleSkip:
      'пропозиція {{id}} не може перейти зі стану «{{from}}» до стану «{{to}}»; наступний стан: {{next}}',
    either: '{{first}} або {{second}}',
    mandateNotGranted:
      'пропозиція {{id}} не може перейти до стану «є мандат»: її національний мандат — {{status}}, а не надано',
    mandateNotGrantedBody:
      'пропозиція {{id}} не може перейти до стану «є мандат»: її національний мандат ({{body}}) — {{status}}, а не надано',
    state: {
      proposed: 'запропоновано',
      confirmed: 'підтверджено',
      mandated: 'є мандат',
      deployed: 'розгорнуто',
      withdrawn: 'виведено',
    },
  },
  ruleSyntax: {
    at: 'помилка в правилі, рядок {{line}}, позиція {{column}}: {{detail}}',
    tooLong: 'правило задовге (знаків: {{length}}); межа: {{max}}',
    numberGlued:
      '«{{run}}» — не число і не назва: поставте пробіл після числа або візьміть у лапки назву, що починається з цифри',
    unterminated: 'незакритий рядок: назва в лапках має закриватися в тому самому рядку',
    unexpectedCharacter: 'неочікуваний символ {{character}}',
    endOfRule: 'кінець правила',
    expectedEnd: 'очікувалося `and`, `or` або кінець правила, знайдено: {{found}}',
    nesting: 'глибина вкладення дужок перевищує {{max}}',
    tooManyConditions: 'забагато умов у правилі; щонайбільше: {{max}}',
    expectedCondition:
      'очікувалася умова (`no …`, `… per day <= N …`, `coverage …` або `(`), знайдено: {{found}}',
    expectedUpperBound:
      'очікувалося `<=` або `<` після `per day` (правила обмежують кількість порушень зверху), знайдено: {{found}}',
    expectedCoverageBound: 'очікувалося `>=` або `>` після `coverage`, знайдено: {{found}}',
    coverageOver100:
      'охоплення не може перевищувати 100%, тож умова `{{op}} {{percent}}%` ніколи не виконається',
    expectedDays: 'очікувалося `days`, знайдено: {{found}}',
    unknownSector: 'невідомий сектор «{{name}}»',
    unknownSectorNear: 'невідомий сектор «{{name}}»; можливо, мався на увазі «{{near}}»?',
    unknownCategory: 'невідома категорія «{{name}}»',
    unknownCategoryNear: 'невідома категорія «{{name}}»; можливо, малася на увазі «{{near}}»?',
    unknownZone: 'невідома зона «{{name}}»',
    unknownZoneNear: 'невідома зона «{{name}}»; можливо, малася на увазі «{{near}}»?',
    expectedSectorName: 'очікувалася назва сектору, знайдено: {{found}}',
    expectedCategoryName: 'очікувалася назва категорії, знайдено: {{found}}',
    expectedZoneName: 'очікувалася назва зони, знайдено: {{found}}',
    dailyLimitRange: 'добова межа має бути цілим числом від {{min}} до {{max}}, знайдено: {{found}}',
    windowRange:
      'вікно має бути цілим числом днів від {{min}} до {{max}} (кожне вікно має бути обмеженим), знайдено: {{found}}',
    expectedDailyLimit: 'очікувалося число для добової межі, знайдено: {{found}}',
    expectedWindow: 'очікувалося число для вікна, знайдено: {{found}}',
    expectedCoveragePercentage: 'очікувалося число для відсотка охоплення, знайдено: {{found}}',
    expectedWord: 'очікувалося `{{word}}`, знайдено: {{found}}',
    expectedSymbol: 'очікувалося `{{symbol}}`, знайдено: {{found}}',
  },
  violationRuleChecks: {
    refused: 'правило виявлення порушень відхилено: {{problems}}',
    notObject: 'має бути об’єктом',
    idShape: 'має містити від 2 до 64 символів `a-z`, `0-9`, `_` і `-`',
    nameRequired: 'обов’язкове',
    noCategory: 'потрібна щонайменше одна категорія',
    notCategory: '«{{category}}» не є категорією; використайте: {{categories}}',
    zoneOrAnywhere: 'вкажіть або `zoneKind`, або `anywhere: true` — не обидва й не жодного',
    notAreaKind: 'має бути видом зони-району: {{kinds}}',
    weaponClassOnly: 'застосовується лише з `zoneKind` `weapons_withdrawal`',
  },
  truceChecks: {
    refused: 'режим тиші {{id}}: {{problems}}',
    refusedAt: 'режим тиші (місце: {{site}}): {{problems}}',
    longitude: 'довгота {{longitude}} поза межами [-180, 180]',
    latitude: 'широта {{latitude}} поза межами [-90, 90]',
    radius: '`radiusM` {{radius}} має бути додатним',
    endsBeforeStart: 'режим тиші закінчується ({{end}}) раніше, ніж починається ({{start}})',
    noSite: 'не вказано місце режиму тиші',
  },
  zoneFileChecks: {
    featureProblem: 'об’єкт {{index}}, {{field}}: {{problem}}',
    pair: 'має бути парою [довгота, широта]',
    finite: 'довгота й широта мають бути скінченними числами',
    longitude: 'довгота {{longitude}} поза межами [-180, 180]',
    latitude: 'широта {{latitude}} поза межами [-90, 90]',
    latitudeFirst: 'широта {{latitude}} поза межами [-90, 90]; у `GeoJSON` довгота йде першою',
    positions: 'має бути масивом позицій',
    lineShort: 'лінії потрібно щонайменше 2 позиції',
    ringShort: 'контуру потрібно щонайменше 4 позиції, а є: {{has}}',
    ringOpen: 'контур не замкнено: його остання позиція має збігатися з першою',
    noRing: 'полігону потрібен щонайменше один контур',
    crosses: 'контур перетинає сам себе поблизу [{{x}}, {{y}}]; виправте порядок точок',
    geometryRequired: 'обов’язкове: геометрія `GeoJSON`',
    wrongGeometryArea: 'зона виду `{{kind}}` має бути `Polygon` або `MultiPolygon`, а не {{type}}',
    wrongGeometryLine: 'зона виду `{{kind}}` має бути `LineString` або `MultiLineString`, а не {{type}}',
    noPolygon: 'потрібен щонайменше один полігон',
    noLine: 'потрібна щонайменше одна лінія',
    time: 'має бути датою або часом ISO 8601, напр. `2026-11-20T00:00:00Z`',
    notFeature: 'має бути об’єктом `Feature` `GeoJSON`',
    propertiesObject: 'має бути об’єктом із полями `kind` і `name`',
    kindRequired:
      'обов’язкове (або задайте всім об’єктам один вид: `--kind sector`); використайте один із: {{kinds}}',
    kindUnknown: '«{{kind}}» — невідомий вид; використайте один із: {{kinds}}',
    nameRequired: 'обов’язкове: непорожній рядок',
    nameRequiredHint:
      'обов’язкове: непорожній рядок (або вкажіть властивість, що його містить: `--name-field NAME_EN`)',
    idShape:
      'має містити від 2 до 64 символів `a-z`, `0-9`, `_` і `-`, починатися з літери або цифри, за потреби з `@` і кодом держави в кінці (`sector-east@FRA`)',
    notWeaponClass: '«{{value}}» не є класом озброєнь; використайте: {{classes}}',
    weaponClassesNeeded: 'зоні відведення озброєнь потрібні її класи озброєнь ({{classes}})',
    weaponClassesOnly: 'класи озброєнь має лише зона відведення озброєнь, а не зона виду `{{kind}}`',
    validToOrder: 'має бути пізніше за `validFrom`',
    notCollection: 'має бути `FeatureCollection` `GeoJSON` із масивом `features`',
    duplicateId: '«{{id}}» — id об’єктів {{features}}; дайте кожній зоні власний id',
    notYours:
      '«{{id}}» називає зону в просторі імен {{owner}}, яку ви не можете змінювати; щоб створити власну зону, приберіть «@{{owner}}»',
    storedAs: 'зберігається як «{{stored}}», так само як об’єкт {{earlier}}; дайте кожній зоні власний id',
  },
};
