/**
 * The deck's and the exports' own words, in Swedish and English. The data texts (status,
 * activities, titles) are shown as written; only these labels follow the chosen language.
 */
import { ACTIVITY_STATES, INSTRUCTION_STATES, TRAINING_STATES, WORK_PACKAGE_STATES, type Locale } from '../domain/model.js';
import { periodLabel as periodWords, quarterLabel as quarterWords, stateLabels, TERMS } from '../words/index.js';

/** State labels from the one catalog (src/words), spelt as every other surface spells them. */
const statesIn = (locale: Locale) => ({
  activityState: stateLabels(ACTIVITY_STATES, locale),
  instructionState: stateLabels(INSTRUCTION_STATES, locale),
  trainingState: stateLabels(TRAINING_STATES, locale),
  workPackageState: stateLabels(WORK_PACKAGE_STATES, locale),
});

/** Domain terms from the one catalog (src/words): the deck and the exports name things as the tab, the bot and SharePoint do. */
function termsIn(locale: Locale) {
  const w = TERMS[locale];
  return {
    controlPoint: w.thing.controlPoint,
    dpo: w.thing.dpo,
    focusMark: w.thing.focusArea,
    notAssessed: w.level.notAssessed,
    unitLevelNone: w.level.noUnitLevel,
    sectionPlan: w.thing.actionPlan,
    /** The report's headings of the action plan (lines 644 and 658): "Klara", "Pågående / planerade". */
    planDone: w.stateGroup.done,
    planOngoing: `${w.stateGroup.ongoing} / ${w.stateMany.planned}`,
    planTrainings: w.thing.trainings,
    subProjects: w.thing.subProjects,
    workPackagesHeading: w.thing.workPackages,
    contact: w.thing.contact,
    colOwner: w.thing.owner,
    colFocus: w.thing.focusArea,
    colPlanned: w.stateGroup.planned,
    colOngoing: w.stateGroup.ongoing,
    colDone: w.stateGroup.done,
    colWorkPackages: w.thing.workPackages,
    yes: w.yes,
    no: w.no,
    kindInstruction: w.thing.instruction,
    kindTraining: w.thing.training,
    kindSubProject: w.thing.subProject,
    kindWorkPackage: w.thing.workPackage,
    kindProject: w.thing.project,
    sheetBoard: w.thing.controlPoints,
    sheetPlan: w.thing.actionPlan,
    sheetActivities: w.thing.activities,
    /** The note beside a mark derived from the report's X until the DPO confirms it. */
    interpreted: w.level.interpreted,
    colInterpreted: w.level.interpreted.charAt(0).toUpperCase() + w.level.interpreted.slice(1),
    planItems: w.thing.actionPlanItems,
    kindActionPlanItem: w.thing.actionPlanItem,
    colDueDate: w.thing.dueDate,
    planNotStated: w.stateGroup.notStated,
    notStatedMany: w.stateMany.notStated,
    evidence: w.thing.evidence,
    evidenceKind: w.evidenceKind,
    evidenceNone: w.evidenceWords.none,
    evidenceFromLibrary: w.evidenceWords.fromLibrary,
    appendixTitle: w.evidenceWords.appendix,
    colEvidenceTitle: w.evidenceWords.title,
    colEvidenceKind: w.evidenceWords.kind,
    colEvidenceDate: w.evidenceWords.date,
    colAddedBy: w.evidenceWords.addedBy,
    colEvidenceCount: w.evidenceWords.count,
    sheetEvidence: w.thing.evidence,
  };
}

const SV = {
  deckTitle: (year: number) => `Dataskyddsombudets årsrapport ${year}`,
  deckSubtitle: (org: string, unit: string) => `${org} – ${unit}`,
  generated: (date: string) => `Sammanställd ${date} ur DPO Board`,
  introPresents: 'Detta bildspel presenterar',
  introResults: (year: number) => `resultat från dataskyddsombudets årsrapport ${year} och`,
  introPlan: (unit: string) => `${unit}s handlingsplan med svar om vilka åtgärder som är genomförda och planerade.`,
  introProject: (unit: string, project: string) => `${unit}s handlingsplan ingår i projektplanen för projektet ${project}`,
  introPeriod: (from: string, to: string) => `Projektet pågår sedan ${from} och beräknas pågå till ${to}`,
  introCompare: (prev: number) => `Dataskyddsombudets nivåer jämförs med rapporten för ${prev}.`,
  focusTitle: (year: number) => `Rekommenderade fokusområden ${year}`,
  focusLead: (year: number) => `Dataskyddsombud rekommenderar förvaltningen att under ${year} fokusera på`,
  focusNone: 'Dataskyddsombud har inte angett några fokusområden för året.',
  focusProject: (project: string, year: number) =>
    `Projektet ${project} har planerade aktiviteter från ${year} som berör dessa kontrollpunkter:`,
  glanceTitle: 'Resultat fasta kontrollpunkter',
  controlPointTitle: (n: number, title: string) => `Kontrollpunkt ${n}: ${title}`,
  unitRow: (owner: string) => owner,
  previousYear: (year: number) => `Förra året (${year})`,
  change: 'Förändring',
  noPrevious: 'ny',
  same: 'oförändrad',
  up: 'höjd',
  down: 'sänkt',
  sectionPoints: 'Status och planerade åtgärder för samtliga kontrollpunkter',
  sectionPointsSub: 'Kontrollpunkt 1–12',
  continued: 'forts.',
  status: (date: string) => `Status ${date}`,
  statusNone: (year: number) => `Förvaltningen har inte lämnat någon status för ${year} ännu.`,
  previousStatus: (date: string) => `Senaste status före året (${date})`,
  plannedActivities: 'Planerade aktiviteter',
  noActivities: 'Inga planerade aktiviteter.',
  workPackages: (names: string, end: string | null) =>
    end ? `Arbetet hanteras inom huvudpaket ${names} och beräknas pågå fram till ${end}` : `Arbetet hanteras inom huvudpaket ${names}`,
  expectedEnd: (end: string) => `Beräknas pågå fram till ${end}`,
  overdue: 'försenad',
  overdueAsOf: (date: string) => `Försenat per ${date}`,
  overdueSummary: (late: number, total: number, end: string | null) =>
    [late > 0 ? `${late} av ${total} aktiviteter har passerat sin tidplan` : '', end ? `beräknat slut ${end} har passerats` : '']
      .filter(Boolean)
      .join('; '),
  focusNoPlan: 'Fokusområde utan huvudpaket och utan tidplan',
  focusNoWorkPackage: 'Fokusområde utan huvudpaket',
  focusNoSchedule: 'Fokusområde utan tidplan',
  asOfNote: (date: string) => `Försening bedöms per ${date}`,
  timelineTitle: 'Övergripande handlingsplan',
  timelineProject: 'Projektet',
  timelineAsOf: (date: string) => `Per ${date}`,
  timelineNote: (from: string) =>
    `Staplarna går från huvudpaketets första planerade aktivitet (annars projektets start ${from}) till beräknat slut. Mörkröd: beräknat slut har passerats och paketet är inte klart.`,
  timelineNoEnd: 'inget slutdatum',
  levelThenNow: (prev: number, then: string, now: string) => `Nivå ${prev}: ${then} → nu: ${now}`,
  assessedBy: (name: string, date: string) => `Bedömd av ${name} ${date}`,
  planTitle: 'Mål och mätbara aktiviteter',
  planDoneInstructions: 'Anvisningar klara för:',
  planUnscheduled: 'Utan planerat kvartal',
  planGroup: (group: string, n: number) => `${group} (${n} anvisningar)`,
  planUnscheduledCount: (n: number) => `${n} planerade anvisningar utan fastställt kvartal`,
  planOtherInstructions: (n: number) => `Övriga anvisningar (${n})`,
  interpretedMark: `X* = markering ${TERMS.sv.level.interpreted}, ännu inte bekräftad av dataskyddsombudet`,
  evidenceMissing: (numbers: string) => `Utan underlag: kontrollpunkt ${numbers}`,
  colLink: 'Länk',
  colAddedAt: 'Tillagt',
  colOrigin: 'Källa',
  originLink: 'Länk',
  activityCounts: (ongoing: number, planned: number, done: number) =>
    `${ongoing} pågående, ${planned} planerade och ${done} klara aktiviteter`,
  allUnitLevelsMissing: (owner: string) => `${owner} har inte angett egna nivåer för året.`,
  colGroupOnly: 'Grupp',
  planTotal: 'Totalt',
  planTotalText: (total: number, done: number, pct: number, ongoing: number, planned: number, notStated: number) =>
    `${total} anvisningar ingår i ledningssystemet för informationssäkerhet: ${done} klara (${pct} %), ${ongoing} pågående, ${planned} planerade` +
    (notStated > 0 ? `, ${notStated} ${TERMS.sv.stateMany.notStated}.` : '.'),
  instructionsTitle: 'Anvisningar som projektet tar fram',
  subProjectsTitle: 'Prioriterade delprojekt och huvudpaket',
  none: '–',
  questions: 'Frågor?',
  email: 'E-post',
  footer: (org: string, unit: string, year: number) => `${org} · ${unit} · Dataskyddsombudets årsrapport ${year}`,
  // columns
  colNumber: 'Nr',
  colTitle: 'Kontrollpunkt',
  colDpoLevel: 'DPO nivå',
  colDpoLabel: 'DPO bedömning',
  colDpoComment: 'DPO kommentar',
  colAssessedBy: 'Bedömd av',
  colAssessedAt: 'Bedömd',
  colPrevLevel: (y: number) => `DPO nivå ${y}`,
  colUnitLevel: 'Förvaltningens nivå',
  colUnitLabel: 'Förvaltningens bedömning',
  colStart: 'Start',
  colStatusDate: 'Statusdatum',
  colStatusText: 'Status',
  colExpectedEnd: 'Beräknat slut',
  colOverdue: 'Försenad',
  colYear: 'År',
  colKind: 'Typ',
  colCode: 'Kod',
  colName: 'Namn',
  colState: 'Läge',
  colPlannedWhen: 'Planerat',
  colGroup: 'Grupp / huvudpaket',
  colNote: 'Notering',
  colActivity: 'Aktivitet',
  colDueFrom: 'Från',
  colDueTo: 'Till',
  ...statesIn('sv'),
  ...termsIn('sv'),
};

export type Labels = typeof SV;

const EN: Labels = {
  deckTitle: (year) => `Data Protection Officer's annual report ${year}`,
  deckSubtitle: (org, unit) => `${org} – ${unit}`,
  generated: (date) => `Compiled ${date} from DPO Board`,
  introPresents: 'This deck presents',
  introResults: (year) => `the results of the Data Protection Officer's annual report ${year} and`,
  introPlan: (unit) => `the action plan of ${unit}, with its answers on which measures are done and planned.`,
  introProject: (unit, project) => `The action plan of ${unit} is part of the project plan of the project ${project}`,
  introPeriod: (from, to) => `The project has run since ${from} and is expected to run until ${to}`,
  introCompare: (prev) => `The Data Protection Officer's levels are compared with the report for ${prev}.`,
  focusTitle: (year) => `Recommended focus areas ${year}`,
  focusLead: (year) => `The Data Protection Officer recommends that the unit focus in ${year} on`,
  focusNone: 'The Data Protection Officer has named no focus areas for the year.',
  focusProject: (project, year) => `The project ${project} has activities planned from ${year} that concern these control points:`,
  glanceTitle: 'Results for the fixed control points',
  controlPointTitle: (n, title) => `Control point ${n}: ${title}`,
  unitRow: (owner) => owner,
  previousYear: (year) => `Last year (${year})`,
  change: 'Change',
  noPrevious: 'new',
  same: 'unchanged',
  up: 'raised',
  down: 'lowered',
  sectionPoints: 'Status and planned measures for all control points',
  sectionPointsSub: 'Control points 1–12',
  continued: 'cont.',
  status: (date) => `Status ${date}`,
  statusNone: (year) => `The unit has not given a status for ${year} yet.`,
  previousStatus: (date) => `Latest status before the year (${date})`,
  plannedActivities: 'Planned activities',
  noActivities: 'No planned activities.',
  workPackages: (names, end) =>
    end
      ? `The work is carried by the work package(s) ${names} and is expected to run until ${end}`
      : `The work is carried by the work package(s) ${names}`,
  expectedEnd: (end) => `Expected to run until ${end}`,
  overdue: 'overdue',
  overdueAsOf: (date) => `Overdue as of ${date}`,
  overdueSummary: (late, total, end) =>
    [late > 0 ? `${late} of ${total} activities are past their schedule` : '', end ? `the expected end, ${end}, has passed` : '']
      .filter(Boolean)
      .join('; '),
  focusNoPlan: 'Focus area with no work package and no schedule',
  focusNoWorkPackage: 'Focus area with no work package',
  focusNoSchedule: 'Focus area with no schedule',
  asOfNote: (date) => `Overdue judged as of ${date}`,
  timelineTitle: 'Overall action plan',
  timelineProject: 'The project',
  timelineAsOf: (date) => `As of ${date}`,
  timelineNote: (from) =>
    `Bars run from the work package's first planned activity (else the project's start, ${from}) to its expected end. Dark red: the expected end has passed and the package is not done.`,
  timelineNoEnd: 'no end date',
  levelThenNow: (prev, then, now) => `Level ${prev}: ${then} → now: ${now}`,
  assessedBy: (name, date) => `Assessed by ${name} on ${date}`,
  planTitle: 'Goals and measurable activities',
  planDoneInstructions: 'Instructions done for:',
  planUnscheduled: 'No planned quarter',
  planGroup: (group, n) => `${group} (${n} instructions)`,
  planUnscheduledCount: (n) => `${n} planned instructions without a set quarter`,
  planOtherInstructions: (n) => `Other instructions (${n})`,
  interpretedMark: `X* = mark ${TERMS.en.level.interpreted}, not yet confirmed by the data protection officer`,
  evidenceMissing: (numbers) => `No evidence: control point ${numbers}`,
  colLink: 'Link',
  colAddedAt: 'Added',
  colOrigin: 'Source',
  originLink: 'Link',
  activityCounts: (ongoing, planned, done) => `${ongoing} ongoing, ${planned} planned and ${done} done activities`,
  allUnitLevelsMissing: (owner) => `${owner} has given no own levels for the year.`,
  colGroupOnly: 'Group',
  planTotal: 'In total',
  planTotalText: (total, done, pct, ongoing, planned, notStated) =>
    `${total} instructions make up the information security management system: ${done} done (${pct} %), ${ongoing} ongoing, ${planned} planned` +
    (notStated > 0 ? `, ${notStated} ${TERMS.en.stateMany.notStated}.` : '.'),
  instructionsTitle: 'Instructions the project produces',
  subProjectsTitle: 'Prioritised sub-projects and work packages',
  none: '–',
  questions: 'Questions?',
  email: 'E-mail',
  footer: (org, unit, year) => `${org} · ${unit} · Data Protection Officer's annual report ${year}`,
  colNumber: 'No.',
  colTitle: 'Control point',
  colDpoLevel: 'DPO level',
  colDpoLabel: 'DPO assessment',
  colDpoComment: 'DPO comment',
  colAssessedBy: 'Assessed by',
  colAssessedAt: 'Assessed',
  colPrevLevel: (y) => `DPO level ${y}`,
  colUnitLevel: "Unit's level",
  colUnitLabel: "Unit's assessment",
  colStart: 'Start',
  colStatusDate: 'Status date',
  colStatusText: 'Status',
  colExpectedEnd: 'Expected end',
  colOverdue: 'Overdue',
  colYear: 'Year',
  colKind: 'Kind',
  colCode: 'Code',
  colName: 'Name',
  colState: 'State',
  colPlannedWhen: 'Planned',
  colGroup: 'Group / work package',
  colNote: 'Note',
  colActivity: 'Activity',
  colDueFrom: 'From',
  colDueTo: 'To',
  ...statesIn('en'),
  ...termsIn('en'),
};

export function labelsFor(locale: Locale): Labels {
  return locale === 'en' ? EN : SV;
}

/** 2025-12-31 -> "december 2025" / "December 2025". */
export function monthYear(date: string, locale: Locale): string {
  const d = new Date(`${date}T00:00:00Z`);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** 2024-Q4 -> "Q4 2024": the report writes quarters the same in Swedish and English (src/words). */
export function quarterLabel(quarter: string | null): string {
  return quarterWords(quarter, 'sv');
}

export function periodLabel(from: string | null, to: string | null): string {
  return periodWords(from, to, 'sv');
}
