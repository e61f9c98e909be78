/**
 * How the DPO's marks were read from the report, and the DPO's scale setup (issue 12, item 1).
 *
 * The report draws each mark as an X on a bar with no labels and no stated direction. The seed
 * reads the X's position (its column in the text version) and maps it onto the scale; such a mark
 * is *interpreted* until the DPO confirms it (an assessment the DPO adds, history is append-only).
 * The DPO's scale setup says how many levels there are, which end of the graphic is high and what
 * the levels are called; changing the direction re-reads the interpreted marks from their columns,
 * never the DPO's own marks.
 */
import type { Assessment, IsoTimestamp, Localized } from './model.js';
import { neutralScale, SCALE_LEVELS, type Scale, type ScaleDirection } from './scale.js';

/** Where one mark sits in the report: the X's column on its line. */
export interface MarkReading {
  controlPoint: number;
  title: string;
  /** The X's column (blanks before it on the line under "Dataskyddsombud"). */
  column: number;
  /** The report's line (1-based) the X is on. */
  line: number;
}

/** How the seed was read from the report: the method, every mark's position and the import notes. */
export interface ReportReading {
  unitId: string;
  year: number;
  /** The report's file name, as the seed names it. */
  reportFile: string;
  /** The method as the seed file states it (Swedish, the DPO's language). */
  method: string;
  /** The leftmost and rightmost columns a mark can take (the bar's ends as observed). */
  columns: { left: number; right: number };
  marks: MarkReading[];
  /** Who interpreted marks are recorded as (Assessment.assessedBy): INTERPRETER_ID. */
  interpretedBy: string;
  /** The seed's notes on every other interpretation (texts, states, periods), each naming its report lines. */
  notes: string[];
}

/** The DPO's scale setup. Before the DPO sets it, version 0: the configured number of levels, low on the left, no labels. */
export interface ScaleSetup {
  count: number;
  direction: ScaleDirection;
  /** The DPO's labels, lowest level first; null until the DPO names them (neutral labels are shown). */
  labels: Localized[] | null;
  /** Grows by one with every change; a change names the version it was made from (lost updates are refused). */
  version: number;
  changedBy: string | null;
  changedByName: string | null;
  changedAt: IsoTimestamp | null;
}

/** What a change of the setup changed: the scale.changed change record's before and after (src/domain/changes.ts). */
export type ScaleFacts = Pick<ScaleSetup, 'count' | 'direction' | 'labels'>;

/** The name the setup is kept under in the app state (AppStateStore.getSetting). */
export const SCALE_SETUP_SETTING = 'scale-setup';
/** The reading of the report, kept at seed import, per unit and year. */
export const readingSetting = (unitId: string, year: number) => `report-reading:${unitId}:${year}`;

/** The setup before the DPO has made one: the configured scale as it is, low on the left. */
export function initialSetup(configured: Scale): ScaleSetup {
  return {
    count: configured.levels.length,
    direction: 'lowLeft',
    labels: null,
    version: 0,
    changedBy: null,
    changedByName: null,
    changedAt: null,
  };
}

/**
 * The scale every surface uses: the DPO's labels when set; otherwise the organisation's configured
 * scale (SCALE_FILE) when it has as many levels; otherwise neutral labels ("Nivå 2 av 5").
 */
export function scaleFromSetup(setup: ScaleSetup, configured: Scale): Scale {
  if (setup.labels) return { levels: setup.labels.map((label, i) => ({ level: i + 1, label })) };
  return configured.levels.length === setup.count ? configured : neutralScale(setup.count);
}

/** A problem with a proposed setup, in words for the DPO (sv/en); null when it is fine. */
export function checkScaleSetup(setup: ScaleFacts, lowestAllowed: number): Localized | null {
  const { count, labels } = setup;
  if (!Number.isInteger(count) || count < SCALE_LEVELS.min || count > SCALE_LEVELS.max) {
    return {
      sv: `Antalet nivåer ska vara ${SCALE_LEVELS.min}–${SCALE_LEVELS.max}.`,
      en: `The number of levels must be ${SCALE_LEVELS.min}–${SCALE_LEVELS.max}.`,
    };
  }
  if (count < lowestAllowed) {
    return {
      sv: `Skalan behöver minst ${lowestAllowed} nivåer: en egen markering använder nivå ${lowestAllowed}.`,
      en: `The scale needs at least ${lowestAllowed} levels: a mark of someone's own uses level ${lowestAllowed}.`,
    };
  }
  if (labels && labels.length !== count) {
    return { sv: 'Ange en benämning för varje nivå.', en: 'Give every level a label.' };
  }
  if (labels?.some((l) => !l.sv.trim() || !l.en.trim())) {
    return { sv: 'Varje nivå behöver en benämning på svenska och engelska.', en: 'Every level needs a label in Swedish and English.' };
  }
  return null;
}

/** The level an X at `column` stands for on a scale of `count` levels, read in `direction`. */
export function levelFromColumn(column: number, columns: ReportReading['columns'], count: number, direction: ScaleDirection): number {
  const span = columns.right - columns.left;
  const share = span === 0 ? 0 : Math.min(1, Math.max(0, (column - columns.left) / span));
  const fromLeft = Math.round(share * (count - 1)) + 1;
  return direction === 'lowLeft' ? fromLeft : count + 1 - fromLeft;
}

/**
 * Who an interpreted mark is recorded as (Assessment.assessedBy): the seed's `dpoMarks.assessedBy`
 * (tests/domain/interpretation.spec.ts keeps the two the same). Never a person's id: people are
 * Entra object ids or the configured demo users' ids.
 */
export const INTERPRETER_ID = 'dataskyddsombud';

/** True when the mark is the reading of the report's X, not the DPO's own. */
export function isInterpreted(assessment: Pick<Assessment, 'assessedBy'>): boolean {
  return assessment.assessedBy === INTERPRETER_ID;
}

/** An interpreted mark the new setup reads differently: the level to append for it. */
export interface Remap {
  controlPoint: number;
  from: number;
  to: number;
  column: number;
}

/**
 * The interpreted marks a change of setup moves: for each control point whose latest assessment of
 * the reading's year is still interpreted, its level read again from its column. The DPO's own
 * (latest) marks are never moved.
 */
export function remapsFor(
  reading: ReportReading,
  latest: ReadonlyMap<number, Assessment>,
  next: Pick<ScaleSetup, 'count' | 'direction'>,
): Remap[] {
  return reading.marks.flatMap((mark) => {
    const current = latest.get(mark.controlPoint);
    if (!current || !isInterpreted(current)) return [];
    const to = levelFromColumn(mark.column, reading.columns, next.count, next.direction);
    return to === current.level ? [] : [{ controlPoint: mark.controlPoint, from: current.level, to, column: mark.column }];
  });
}

/** The comment on an interpreted mark appended by a change of setup (sv; the report's language). */
export function remapComment(remap: Remap, setup: Pick<ScaleSetup, 'count' | 'direction'>): string {
  const side = setup.direction === 'lowLeft' ? 'lägst till vänster' : 'lägst till höger';
  return `Tolkad från rapporten: X i kolumn ${remap.column}, läst på en skala med ${setup.count} nivåer, ${side} (tidigare nivå ${remap.from}).`;
}

/** The latest assessment of each control point of one year (assessments are appended, oldest first). */
export function latestByControlPoint(assessments: readonly Assessment[], year: number): Map<number, Assessment> {
  const ofYear = assessments.filter((a) => a.year === year).sort((a, b) => a.assessedAt.localeCompare(b.assessedAt) || a.id - b.id);
  return new Map(ofYear.map((a) => [a.controlPoint, a]));
}
