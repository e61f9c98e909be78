/**
 * The words of the DPO's scale: the setup view ("Skalan" / "The scale"), "Om uppgifterna" / "About this
 * data", confirming an interpreted mark, and the scale.changed change as every surface describes it.
 * Swedish first; `{name}` placeholders are filled by ./fill.ts. The note on an interpreted mark itself
 * is a domain term (TERMS.level.interpreted, ./terms.ts).
 */
import type { ScaleFacts } from '../domain/interpretation.js';
import type { Assessment, Locale } from '../domain/model.js';
import { levelLabel, type Scale } from '../domain/scale.js';
import { fill } from './fill.js';
import { TERMS } from './terms.js';

const sv = {
  setupTitle: 'Skalan',
  aboutTitle: 'Om uppgifterna',
  count: 'Antal nivåer',
  direction: 'Vilken ände av rapportens skala är lägst?',
  labels: 'Benämningar',
  useLabels: 'Ge nivåerna egna benämningar',
  neutralNote: 'Utan egna benämningar visas neutrala: ”Nivå 1 av 5”.',
  labelSv: 'Nivå {n} på svenska',
  labelEn: 'Nivå {n} på engelska',
  save: 'Spara skalan',
  saved: 'Skalan är sparad. {n} tolkade markeringar lästes om.',
  readOnly: 'Bara dataskyddsombudet ändrar skalan.',
  log: 'Ändringar av skalan',
  logEntry: '{at}: {who} – {from} → {to}; {n} tolkade markeringar lästes om',
  noLog: 'Skalan har inte ändrats.',
  levelsDir: '{count} nivåer, {direction}',
  method: 'Så lästes rapporten',
  marks: 'Dataskyddsombudets markeringar',
  controlPoint: 'Kontrollpunkt',
  column: 'X:ets läge (kolumn)',
  line: 'Rapportens rad',
  levelNow: 'Nivå nu',
  notes: 'Tolkningar vid inläsningen',
  noReading: 'Året lästes inte in från en rapport.',
  report: 'Rapport: {file}, rapportår {year}',
  /** The one-click confirmation of an interpreted mark (the DPO only). */
  confirm: 'Bekräfta',
  confirmHint: 'Bekräfta nivå {level} som din egen bedömning',
  confirmComment: 'Bekräftad: nivån som lästes från rapportens markering.',
  confirmed: 'Markeringen är bekräftad.',
  /** The scale.changed change, as a card or the change log says it. */
  changedTitle: 'Skalan ändrades',
  changed: '{who} ändrade skalan: {from} → {to}.',
  changedRemapped: '{n} tolkade markeringar lästes om.',
  labelled: 'egna benämningar',
  neutral: 'neutrala benämningar',
} as const;

export type ScaleWordKey = keyof typeof sv;

const en: Record<ScaleWordKey, string> = {
  setupTitle: 'The scale',
  aboutTitle: 'About this data',
  count: 'Number of levels',
  direction: 'Which end of the report’s scale is lowest?',
  labels: 'Labels',
  useLabels: 'Give the levels labels of your own',
  neutralNote: 'Without labels of your own, neutral ones are shown: “Level 1 of 5”.',
  labelSv: 'Level {n} in Swedish',
  labelEn: 'Level {n} in English',
  save: 'Save the scale',
  saved: 'The scale is saved. {n} interpreted marks were read again.',
  readOnly: 'Only the data protection officer changes the scale.',
  log: 'Changes of the scale',
  logEntry: '{at}: {who} – {from} → {to}; {n} interpreted marks read again',
  noLog: 'The scale has not been changed.',
  levelsDir: '{count} levels, {direction}',
  method: 'How the report was read',
  marks: 'The data protection officer’s marks',
  controlPoint: 'Control point',
  column: 'Position of the X (column)',
  line: 'Report line',
  levelNow: 'Level now',
  notes: 'Interpretations made on import',
  noReading: 'This year was not read from a report.',
  report: 'Report: {file}, report year {year}',
  confirm: 'Confirm',
  confirmHint: 'Confirm level {level} as your own assessment',
  confirmComment: 'Confirmed: the level read from the report’s mark.',
  confirmed: 'The mark is confirmed.',
  changedTitle: 'The scale changed',
  changed: '{who} changed the scale: {from} → {to}.',
  changedRemapped: '{n} interpreted marks were read again.',
  labelled: 'labels of their own',
  neutral: 'neutral labels',
};

/** The scale's words in both languages. */
export const SCALE_WORDS: Record<'sv' | 'en', Record<ScaleWordKey, string>> = { sv, en };

/** A setup in a few words: "5 nivåer, lägst till höger, egna benämningar". */
export function scaleSummary(facts: Pick<ScaleFacts, 'count' | 'direction'> & { labelled: boolean }, locale: Locale): string {
  const w = SCALE_WORDS[locale];
  const side = TERMS[locale].level[facts.direction === 'lowLeft' ? 'directionLowLeft' : 'directionLowRight'];
  const levels = fill(w.levelsDir, { count: facts.count, direction: side.toLocaleLowerCase(locale) }, locale);
  return `${levels}, ${facts.labelled ? w.labelled : w.neutral}`;
}

/** The scale.changed change in one sentence or two: who changed what, and how many interpreted marks moved. */
export function scaleChangeText(
  before: ScaleFacts,
  after: ScaleFacts & { remapped: number },
  who: string,
  locale: Locale,
): { headline: string; short: string; text: string } {
  const w = SCALE_WORDS[locale];
  const summary = (f: ScaleFacts) => scaleSummary({ ...f, labelled: f.labels !== null }, locale);
  const named = after.labels ? ` (${after.labels.map((l) => l[locale]).join(', ')})` : '';
  const [from, to] = [summary(before), summary(after) + named];
  const short = `${from} → ${to}`;
  const text =
    fill(w.changed, { who, from, to }, locale) + (after.remapped > 0 ? ` ${fill(w.changedRemapped, { n: after.remapped }, locale)}` : '');
  return { headline: w.changedTitle, short, text };
}

/** A DPO's mark as a card or a list says it: "Nivå 5 av 5 (tolkad från rapporten)" while it is read from the report. */
export function markLabel(scale: Scale, mark: (Pick<Assessment, 'level'> & { interpreted: boolean }) | null, locale: Locale): string {
  const label = levelLabel(scale, mark?.level ?? null, locale);
  return mark?.interpreted ? `${label} (${TERMS[locale].level.interpreted})` : label;
}
