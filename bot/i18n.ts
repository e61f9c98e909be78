/** The bot's words, Swedish first and English beside it. Pick by the user's locale (localeOf). */
import type { Locale } from '../src/domain/model.js';

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
  owner: 'Ansvarig',
  dpoAssessment: 'Dataskyddsombudets bedömning',
  unitStatus: 'Förvaltningens status',
  unitLevel: 'Förvaltningens egen nivå',
  noStatus: 'Ingen status ännu',
  expectedEnd: 'Beräknas klar',
  activities: 'Aktiviteter',
  activityCounts: '{done} klara, {ongoing} pågår, {planned} planerade',
  overdue: 'Försenad',
  focus: 'Fokusområde',
  focusTitle: 'Rekommenderade fokusområden {year}',
  focusNone: 'Inga fokusområden är rekommenderade.',
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
  instructionState: { done: 'Klar', ongoing: 'Pågår', planned: 'Planerad' },
  plannedFor: 'planerad {quarter}',
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
  owner: 'Owner',
  dpoAssessment: "The DPO's assessment",
  unitStatus: "The unit's status",
  unitLevel: "The unit's own level",
  noStatus: 'No status yet',
  expectedEnd: 'Expected done',
  activities: 'Activities',
  activityCounts: '{done} done, {ongoing} ongoing, {planned} planned',
  overdue: 'Overdue',
  focus: 'Focus area',
  focusTitle: 'Recommended focus areas {year}',
  focusNone: 'No focus areas are recommended.',
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
  instructionState: { done: 'Done', ongoing: 'Ongoing', planned: 'Planned' },
  plannedFor: 'planned {quarter}',
  digestTitle: '{count} changes on the board',
  digestSubtitle: 'Since the last post',
  seeAll: 'See them all on the board',
  unexpected: 'Something went wrong on my side. Please try again in a while.',
};

export const STRINGS: Record<Locale, Strings> = { sv, en };

export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));
}

/** A timestamp as people read it, in the board's time zone (Stockholm). */
export function formatWhen(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));
}
