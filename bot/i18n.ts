/**
 * The bot's words, Swedish first and English beside it. Pick by the user's locale (localeOf).
 * Domain terms (states, things of the domain, counts) come from the catalog in src/words, and
 * `{name}` is filled by its one filler, so the cards spell them as the tab, the deck and SharePoint do.
 */
import type { Locale } from '../src/domain/model.js';
import { fill, MESSAGES, TERMS } from '../src/words/index.js';

const SV = TERMS.sv;
const EN = TERMS.en;

/** Teams sends the user's locale on every activity ("sv-SE", "en-US"); Swedish unless it is English. */
export function localeOf(activityLocale: string | undefined | null): Locale {
  return activityLocale?.toLowerCase().startsWith('en') ? 'en' : 'sv';
}

const sv = {
  appName: 'DPO Board',
  welcomeTitle: 'Välkommen till DPO Board',
  welcomeText:
    'Jag berättar här när dataskyddsombudet gör en bedömning, när förvaltningen uppdaterar sin status och när en anvisning ändrar läge. Dataskyddsombudet kan också bedöma kontrollpunkter direkt i chatten.',
  welcomePersonal: 'Skriv **prenumerera** för att få statusändringar här i din chatt.',
  helpTitle: 'Kommandon',
  helpIntro: 'Skriv ett kommando (på svenska eller engelska):',
  helpCommands: [
    ['hjälp', 'visar den här hjälpen'],
    ['status', 'sammanfattning av tavlan'],
    ['status <nr>', 'en kontrollpunkt, med länk till fliken'],
    ['fokus', 'rekommenderade fokusområden'],
    ['rapport', 'ladda ner årsrapporten (bildspel, Excel, CSV)'],
    ['bedöm <nr>', 'dataskyddsombudets bedömning av en kontrollpunkt'],
    ['prenumerera', 'statusändringar i din personliga chatt'],
    ['avsluta', 'sluta prenumerera'],
  ] as [string, string][],
  unknownCommand: 'Jag förstod inte "{text}".',
  openTab: 'Öppna i fliken',
  openBoard: 'Öppna tavlan',
  boardTitle: '{unit}: årsrapport {year}',
  boardSubtitle: 'Dataskyddsombudets bedömning per kontrollpunkt',
  controlPointTitle: 'Kontrollpunkt {n}: {title}',
  owner: SV.thing.owner,
  dpoAssessment: 'Dataskyddsombudets bedömning',
  unitStatus: 'Förvaltningens status',
  unitLevel: 'Förvaltningens egen nivå',
  noStatus: 'Ingen status ännu',
  expectedEnd: SV.thing.expectedEnd,
  activities: SV.thing.activities,
  activityCounts: MESSAGES.sv['count.activities'],
  overdue: SV.overdue,
  focus: SV.thing.focusArea,
  focusTitle: 'Rekommenderade fokusområden {year}',
  focusNone: 'Inga fokusområden är rekommenderade.',
  reportTitle: 'Årsrapport {year}: {unit}',
  reportText:
    'Dataskyddsombudets årsrapport byggs ur tavlan när du laddar ner den: bildspel (PowerPoint), arbetsbok (Excel) och tabeller (CSV), på svenska eller engelska.',
  reportAssessed: 'Bedömda kontrollpunkter',
  reportStatuses: 'Förvaltningens svar',
  reportOfTwelve: MESSAGES.sv['count.ofTotal'],
  reportFocus: 'Fokusområden {year}',
  reportDownload: 'Ladda ner i fliken',
  assessTitle: 'Bedöm kontrollpunkt {n}: {title}',
  assessLevel: 'Nivå på skalan',
  assessLevelPlaceholder: 'Välj nivå',
  assessLevelRequired: 'Välj en nivå.',
  assessComment: 'Kommentar',
  assessCommentPlaceholder: 'Motivering (valfri)',
  assessSubmit: 'Spara bedömning',
  assessedBy: '{name} bedömde {when}: {level}',
  assessedSaved: 'Bedömningen är sparad.',
  notAssessedYet: 'Ej bedömd {year}',
  onlyDpo: 'Bara dataskyddsombudet kan bedöma. Du kan läsa bedömningen här.',
  year: 'År {year}',
  subscribed: 'Klart! Du får statusändringar här i chatten. Skriv **avsluta** för att sluta.',
  alreadySubscribed: 'Du prenumererar redan. Skriv **avsluta** för att sluta.',
  unsubscribed: 'Du får inte längre statusändringar här. Skriv **prenumerera** för att börja igen.',
  notSubscribed: 'Du prenumererar inte. Skriv **prenumerera** för att börja.',
  personalOnly: 'Prenumerationer finns i din personliga chatt med mig. I teamets kanal postar jag alltid statusändringar.',
  errorTitle: 'Det gick inte',
  changeAssessment: 'Ny bedömning av dataskyddsombudet',
  changeStatus: 'Ny status från förvaltningen',
  changeInstruction: 'Anvisning {code} ändrad',
  changeLevel: 'Nivå: {from} → {to}',
  changeBy: '{name}, {when}',
  instructionState: SV.state,
  changeAssessmentCorrected: 'Bedömning rättad i SharePoint',
  changeStatusCorrected: 'Status rättad i SharePoint',
  changeRefused: 'Ändring i SharePoint avvisad',
  changeDeleted: 'Rad borttagen i SharePoint',
  changeBefore: 'Före',
  refusedAction: { add: 'Ny rad', edit: 'Ändrad rad' },
  refusedReason: 'Skäl',
  entityName: {
    assessment: SV.thing.assessment,
    status: SV.thing.status,
    activity: SV.thing.activity,
    instruction: SV.thing.instruction,
    controlPoint: SV.thing.controlPoint,
  },
  plannedFor: MESSAGES.sv.plannedFor,
  digestTitle: '{count} ändringar på tavlan',
  digestSubtitle: 'Sedan förra inlägget',
  seeAll: 'Se alla på tavlan',
  unexpected: 'Något gick fel hos mig. Försök igen om en stund.',
};

export type Strings = typeof sv;

const en: Strings = {
  appName: 'DPO Board',
  welcomeTitle: 'Welcome to DPO Board',
  welcomeText:
    'I post here when the Data Protection Officer makes an assessment, when the unit updates its status and when an instruction changes state. The DPO can also assess control points right in the chat.',
  welcomePersonal: 'Type **subscribe** to get status changes here in your chat.',
  helpTitle: 'Commands',
  helpIntro: 'Type a command (in English or Swedish):',
  helpCommands: [
    ['help', 'shows this help'],
    ['status', 'summary of the board'],
    ['status <no>', 'one control point, with a link to the tab'],
    ['focus', 'recommended focus areas'],
    ['report', 'download the annual report (slides, Excel, CSV)'],
    ['assess <no>', "the DPO's assessment of a control point"],
    ['subscribe', 'status changes in your personal chat'],
    ['unsubscribe', 'stop the subscription'],
  ],
  unknownCommand: 'I did not understand "{text}".',
  openTab: 'Open in the tab',
  openBoard: 'Open the board',
  boardTitle: '{unit}: annual report {year}',
  boardSubtitle: "The DPO's assessment per control point",
  controlPointTitle: 'Control point {n}: {title}',
  owner: EN.thing.owner,
  dpoAssessment: "The DPO's assessment",
  unitStatus: "The unit's status",
  unitLevel: "The unit's own level",
  noStatus: 'No status yet',
  expectedEnd: EN.thing.expectedEnd,
  activities: EN.thing.activities,
  activityCounts: MESSAGES.en['count.activities'],
  overdue: EN.overdue,
  focus: EN.thing.focusArea,
  focusTitle: 'Recommended focus areas {year}',
  focusNone: 'No focus areas are recommended.',
  reportTitle: 'Annual report {year}: {unit}',
  reportText:
    "The DPO's annual report is built from the board when you download it: slides (PowerPoint), a workbook (Excel) and tables (CSV), in Swedish or English.",
  reportAssessed: 'Control points assessed',
  reportStatuses: "The unit's answers",
  reportOfTwelve: MESSAGES.en['count.ofTotal'],
  reportFocus: 'Focus areas {year}',
  reportDownload: 'Download in the tab',
  assessTitle: 'Assess control point {n}: {title}',
  assessLevel: 'Level on the scale',
  assessLevelPlaceholder: 'Choose a level',
  assessLevelRequired: 'Choose a level.',
  assessComment: 'Comment',
  assessCommentPlaceholder: 'Reasoning (optional)',
  assessSubmit: 'Save assessment',
  assessedBy: '{name} assessed {when}: {level}',
  assessedSaved: 'The assessment is saved.',
  notAssessedYet: 'Not yet assessed {year}',
  onlyDpo: 'Only the Data Protection Officer can assess. You can read the assessment here.',
  year: 'Year {year}',
  subscribed: 'Done! You will get status changes here in the chat. Type **unsubscribe** to stop.',
  alreadySubscribed: 'You are already subscribed. Type **unsubscribe** to stop.',
  unsubscribed: 'You will no longer get status changes here. Type **subscribe** to start again.',
  notSubscribed: 'You are not subscribed. Type **subscribe** to start.',
  personalOnly: 'Subscriptions live in your personal chat with me. In the team channel I always post status changes.',
  errorTitle: 'That did not work',
  changeAssessment: 'New assessment by the DPO',
  changeStatus: 'New status from the unit',
  changeInstruction: 'Instruction {code} changed',
  changeLevel: 'Level: {from} → {to}',
  changeBy: '{name}, {when}',
  instructionState: EN.state,
  changeAssessmentCorrected: 'Assessment corrected in SharePoint',
  changeStatusCorrected: 'Status corrected in SharePoint',
  changeRefused: 'Change in SharePoint refused',
  changeDeleted: 'Row deleted in SharePoint',
  changeBefore: 'Before',
  refusedAction: { add: 'New row', edit: 'Changed row' },
  refusedReason: 'Reason',
  entityName: {
    assessment: EN.thing.assessment,
    status: EN.thing.status,
    activity: EN.thing.activity,
    instruction: EN.thing.instruction,
    controlPoint: EN.thing.controlPoint,
  },
  plannedFor: MESSAGES.en.plannedFor,
  digestTitle: '{count} changes on the board',
  digestSubtitle: 'Since the last post',
  seeAll: 'See them all on the board',
  unexpected: 'Something went wrong on my side. Please try again in a while.',
};

export const STRINGS: Record<Locale, Strings> = { sv, en };

/** The one placeholder filler of every surface (src/words/fill.ts). */
export { fill };

/** A timestamp as people read it, in the board's time zone (Stockholm). */
export function formatWhen(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));
}
