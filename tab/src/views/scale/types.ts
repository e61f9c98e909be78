/** The answers of GET/PUT /api/scale/setup and GET /api/about-data (src/api/scale-router.ts). */
import type { ReportReading, ScaleSetup, MarkReading } from '../../../../src/domain/interpretation.js';
import type { Scale } from '../../../../src/domain/scale.js';
import type { ScaleSetupChange } from '../../../../src/store/scale-setup.js';

export interface ScaleSetupAnswer {
  setup: ScaleSetup;
  scale: Scale;
  log: ScaleSetupChange[];
  canEdit: boolean;
}

export interface AboutDataAnswer {
  unitId: string;
  year: number;
  reading: ReportReading | null;
  marks: (MarkReading & { level: number | null; interpreted: boolean })[];
  setup: ScaleSetup;
  scale: Scale;
}

/** The words of these two views (sv first, en beside it); domain terms come from src/words. */
export const SCALE_WORDS = {
  sv: {
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
  },
  en: {
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
  },
} as const;
