/**
 * The domain's terms in Swedish and English: the one place every surface (tab, bot cards, deck,
 * XLSX/CSV, SharePoint choice values, error messages) takes them from. Swedish first.
 *
 * One spelling per state, with the DPO's annual report as the authority
 * (/work/shared/seed/dpo-annual-report-2023.txt, the action-plan slide, lines 644–658):
 * - done is "Klar" (the report heads the finished instructions and trainings "Klara"; not "Klart",
 *   not "Genomförd": a training that is held is done like everything else);
 * - ongoing is "Pågående" (the report heads the open work "Pågående / planerade"; "pågår" is the
 *   verb of running text, "aktiviteter pågår", never a state label);
 * - planned is "Planerad" ("planerade" in the same heading);
 * - not stated is "Ej angivet": the report names no state ("6 av 9 … Teknisk Säkerhet" does not say which six).
 * Lists and counts use the plural forms (`stateMany`), table headings of groups `stateGroup`.
 *
 * Terms are words without placeholders; sentences with `{name}` live in ./messages.ts.
 */

/** Every state any entity of the model can be in (activities, instructions, trainings, work packages). */
export const STATE_KEYS = ['planned', 'ongoing', 'done', 'notStated'] as const;
export type StateKey = (typeof STATE_KEYS)[number];

/** Roles, as in src/domain/roles.ts. */
export const ROLE_KEYS = ['dpo', 'ciso', 'editor', 'reader'] as const;

/** Kinds of evidence attached to a control point. */
export const EVIDENCE_KIND_KEYS = ['policy', 'routine', 'minutes', 'registerExtract', 'other'] as const;

/** Where a change came from, as in CHANGE_SOURCES of src/domain/model.ts. */
export const SOURCE_KEYS = ['tab', 'bot', 'api', 'sharepoint', 'seed', 'cli'] as const;

const sv = {
  /** A state as a label of one thing: a choice value, a table cell, a badge. */
  state: { planned: 'Planerad', ongoing: 'Pågående', done: 'Klar', notStated: 'Ej angivet' },
  /** A state heading a group of things (the report's "Klara", "Pågående / planerade"). */
  stateGroup: { planned: 'Planerade', ongoing: 'Pågående', done: 'Klara', notStated: 'Läge ej angivet' },
  /** A state in a count in running text: "3 klara". */
  stateMany: { planned: 'planerade', ongoing: 'pågående', done: 'klara', notStated: 'utan angivet läge' },
  role: { dpo: 'Dataskyddsombud', ciso: 'CISO', editor: 'Redaktör', reader: 'Läsare' },
  source: { tab: 'fliken', bot: 'boten', api: 'API', sharepoint: 'SharePoint', seed: 'import', cli: 'kommandorad' },
  evidenceKind: { policy: 'Policy', routine: 'Rutin', minutes: 'Protokoll', registerExtract: 'Registerutdrag', other: 'Annat' },
  /** A status request's state (src/domain/status-requests.ts), as the SharePoint list's choices and the tab say it. */
  statusRequestState: { open: 'Öppen', answered: 'Besvarad' },
  /** Evidence on a control point: the fields of an item, the tab's list and form, the deck's appendix. */
  evidenceWords: {
    title: 'Titel',
    url: 'Länk (https)',
    kind: 'Typ',
    date: 'Datum',
    addedBy: 'Tillagt av',
    add: 'Lägg till underlag',
    none: 'Inget underlag ännu.',
    fromLibrary: 'Fil i DPO Underlag',
    appendix: 'Bilaga: underlag per kontrollpunkt',
    count: 'Underlag',
    /** A card's button to the control point's evidence in the tab: "Visa underlaget (3)". */
    show: 'Visa underlaget ({count})',
    added: 'Underlag tillagt',
    removed: 'Underlag borttaget',
    updated: 'Underlag ändrat',
    remove: 'Ta bort',
    removeConfirm: 'Ta bort underlaget {title}?',
    removedNotice: 'Underlaget togs bort.',
    /** Said where the form would be, to someone who may not add (src/domain/evidence.ts: mayHandleEvidence). */
    whoAdds: 'Bara dataskyddsombudet och förvaltningens CISO och redaktörer kan lägga till underlag.',
  },
  /** Units as data (src/domain/units.ts): a unit's fields, and its changes as cards and the change log say them. */
  unitWords: {
    id: 'Id',
    name: 'Namn',
    nameEn: 'Namn på engelska',
    organisation: 'Organisation',
    responsible: 'Ansvariga',
    firstYear: 'Första rapportår',
    created: 'Ny förvaltning',
    updated: 'Förvaltningen ändrad',
    archived: 'Förvaltningen arkiverad',
    restored: 'Förvaltningen återställd från arkivet',
    noResponsible: 'Inga ansvariga angivna.',
  },
  /** Things of the domain, in the singular and the plural. */
  thing: {
    organisation: 'Organisation',
    unit: 'Förvaltning',
    reportYear: 'Rapportår',
    annualReport: 'Årsrapport',
    controlPoint: 'Kontrollpunkt',
    controlPoints: 'Kontrollpunkter',
    fixedControlPoints: 'Fasta kontrollpunkter',
    dpo: 'Dataskyddsombud',
    assessment: 'Bedömning',
    assessments: 'Bedömningar',
    status: 'Status',
    statusUpdate: 'Statusuppdatering',
    activity: 'Aktivitet',
    activities: 'Aktiviteter',
    plannedActivities: 'Planerade aktiviteter',
    workPackage: 'Huvudpaket',
    workPackages: 'Huvudpaket',
    focusArea: 'Fokusområde',
    focusAreas: 'Fokusområden',
    recommendedFocusAreas: 'Rekommenderade fokusområden',
    actionPlan: 'Handlingsplan',
    actionPlanItem: 'Åtgärd i handlingsplanen',
    actionPlanItems: 'Övriga åtgärder i handlingsplanen',
    dueDate: 'Klart senast',
    project: 'Projekt',
    projectPeriod: 'Projektperiod',
    instruction: 'Anvisning',
    instructions: 'Anvisningar',
    training: 'Utbildning',
    trainings: 'Utbildningar',
    subProject: 'Delprojekt',
    subProjects: 'Prioriterade delprojekt',
    evidence: 'Underlag',
    statusRequest: 'Statusförfrågan',
    contact: 'Kontakt',
    scale: 'Skala',
    level: 'Nivå',
    owner: 'Ansvarig',
    expectedEnd: 'Beräknas klar',
    changeLog: 'Ändringslogg',
  },
  /** The same things with the definite article, as the subject of a sentence ("Kontrollpunkten finns inte."). */
  theThing: {
    unit: 'Förvaltningen',
    year: 'Rapportåret',
    controlPoint: 'Kontrollpunkten',
    assessment: 'Bedömningen',
    status: 'Statusen',
    activity: 'Aktiviteten',
    instruction: 'Anvisningen',
    workPackage: 'Huvudpaketet',
    actionPlanItem: 'Åtgärden',
    evidence: 'Underlaget',
    contact: 'Kontakten',
    route: 'Sidan',
  },
  /** The scale and the marks on it. */
  level: {
    notAssessed: 'Ej bedömd',
    noUnitLevel: 'Ingen egen nivå angiven',
    /** The note beside a mark derived from the X in the report, until the DPO confirms it. */
    interpreted: 'tolkad från rapporten',
    confirmed: 'bekräftad av dataskyddsombudet',
    directionLowLeft: 'Lägst till vänster',
    directionLowRight: 'Lägst till höger',
  },
  /** The fields of the unit's contact (the report's closing slide). */
  contactField: { name: 'Namn', title: 'Titel', role: 'Roll', organisation: 'Organisation', email: 'E-post' },
  changeContact: 'Ändra kontakt',
  yes: 'Ja',
  no: 'Nej',
  overdue: 'Försenad',
};

/** The shape every language fills: the same keys, words for each. */
export type Terms = {
  [K in keyof typeof sv]: (typeof sv)[K] extends string ? string : { [L in keyof (typeof sv)[K]]: string };
};

const en: Terms = {
  state: { planned: 'Planned', ongoing: 'Ongoing', done: 'Done', notStated: 'Not stated' },
  stateGroup: { planned: 'Planned', ongoing: 'Ongoing', done: 'Done', notStated: 'State not stated' },
  stateMany: { planned: 'planned', ongoing: 'ongoing', done: 'done', notStated: 'with no stated state' },
  role: { dpo: 'Data protection officer', ciso: 'CISO', editor: 'Editor', reader: 'Reader' },
  source: { tab: 'the tab', bot: 'the bot', api: 'API', sharepoint: 'SharePoint', seed: 'import', cli: 'command line' },
  evidenceKind: { policy: 'Policy', routine: 'Routine', minutes: 'Minutes', registerExtract: 'Register extract', other: 'Other' },
  statusRequestState: { open: 'Open', answered: 'Answered' },
  evidenceWords: {
    title: 'Title',
    url: 'Link (https)',
    kind: 'Kind',
    date: 'Date',
    addedBy: 'Added by',
    add: 'Add evidence',
    none: 'No evidence yet.',
    fromLibrary: 'File in DPO Underlag',
    appendix: 'Appendix: evidence per control point',
    count: 'Evidence',
    show: 'Show the evidence ({count})',
    added: 'Evidence added',
    removed: 'Evidence removed',
    updated: 'Evidence changed',
    remove: 'Remove',
    removeConfirm: 'Remove the evidence {title}?',
    removedNotice: 'The evidence was removed.',
    whoAdds: "Only the data protection officer and the unit's CISO and editors can add evidence.",
  },
  unitWords: {
    id: 'Id',
    name: 'Name',
    nameEn: 'English name',
    organisation: 'Organisation',
    responsible: 'Responsible',
    firstYear: 'First report year',
    created: 'New unit',
    updated: 'Unit changed',
    archived: 'Unit archived',
    restored: 'Unit restored from the archive',
    noResponsible: 'No one responsible named.',
  },
  thing: {
    organisation: 'Organisation',
    unit: 'Unit',
    reportYear: 'Report year',
    annualReport: 'Annual report',
    controlPoint: 'Control point',
    controlPoints: 'Control points',
    fixedControlPoints: 'Fixed control points',
    dpo: 'Data protection officer',
    assessment: 'Assessment',
    assessments: 'Assessments',
    status: 'Status',
    statusUpdate: 'Status update',
    activity: 'Activity',
    activities: 'Activities',
    plannedActivities: 'Planned activities',
    workPackage: 'Work package',
    workPackages: 'Work packages',
    focusArea: 'Focus area',
    focusAreas: 'Focus areas',
    recommendedFocusAreas: 'Recommended focus areas',
    actionPlan: 'Action plan',
    actionPlanItem: 'Action plan item',
    actionPlanItems: 'Other items of the action plan',
    dueDate: 'Due by',
    project: 'Project',
    projectPeriod: 'Project period',
    instruction: 'Instruction',
    instructions: 'Instructions',
    training: 'Training',
    trainings: 'Trainings',
    subProject: 'Sub-project',
    subProjects: 'Prioritised sub-projects',
    evidence: 'Evidence',
    statusRequest: 'Status request',
    contact: 'Contact',
    scale: 'Scale',
    level: 'Level',
    owner: 'Owner',
    expectedEnd: 'Expected done',
    changeLog: 'Change log',
  },
  theThing: {
    unit: 'The unit',
    year: 'The report year',
    controlPoint: 'The control point',
    assessment: 'The assessment',
    status: 'The status',
    activity: 'The activity',
    instruction: 'The instruction',
    workPackage: 'The work package',
    actionPlanItem: 'The action plan item',
    evidence: 'The evidence',
    contact: 'The contact',
    route: 'The resource',
  },
  level: {
    notAssessed: 'Not yet assessed',
    noUnitLevel: 'No own level given',
    interpreted: 'interpreted from the report',
    confirmed: 'confirmed by the data protection officer',
    directionLowLeft: 'Lowest on the left',
    directionLowRight: 'Lowest on the right',
  },
  contactField: { name: 'Name', title: 'Title', role: 'Role', organisation: 'Organisation', email: 'E-mail' },
  changeContact: 'Change the contact',
  yes: 'Yes',
  no: 'No',
  overdue: 'Overdue',
};

export const TERMS: Record<'sv' | 'en', Terms> = { sv, en };
