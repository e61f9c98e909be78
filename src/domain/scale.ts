import type { Locale, Localized } from './model.js';

/** One step of the assessment scale. Levels are ordered: 1 is the lowest. */
export interface ScaleLevel {
  level: number;
  label: Localized;
}

export interface Scale {
  levels: ScaleLevel[];
}

/**
 * Which end of the report's graphic is the high end. The report draws the DPO's mark as an X on
 * a horizontal bar with no labels and never says which end is high; the DPO decides (scale setup).
 */
export const SCALE_DIRECTIONS = ['lowLeft', 'lowRight'] as const;
export type ScaleDirection = (typeof SCALE_DIRECTIONS)[number];

/** The smallest and largest number of levels the DPO may choose. */
export const SCALE_LEVELS = { min: 2, max: 10 } as const;

/**
 * A scale's neutral labels ("Nivå 2 av 5" / "Level 2 of 5"), used until the DPO has named the levels.
 * The words are src/words' 'level.neutral' message (tests/domain/scale.spec.ts keeps the two the same;
 * domain imports nothing of ours, DESIGN.md).
 */
export function neutralScale(count: number): Scale {
  return {
    levels: Array.from({ length: count }, (_, i) => ({
      level: i + 1,
      label: { sv: `Nivå ${i + 1} av ${count}`, en: `Level ${i + 1} of ${count}` },
    })),
  };
}

/**
 * The default scale: five levels with neutral labels. The report's X has no printed labels, so no
 * wording of the levels is the report's; an organisation can configure its own (SCALE_FILE, config.ts)
 * and the DPO sets count, direction and labels in the tab (src/domain/interpretation.ts).
 */
export const DEFAULT_SCALE: Scale = neutralScale(5);

export const NOT_ASSESSED: Localized = { sv: 'Ej bedömd', en: 'Not yet assessed' };

/** Checks that levels run 1..n without gaps, so "higher is better" holds everywhere. */
export function validateScale(scale: Scale): string | null {
  if (scale.levels.length < SCALE_LEVELS.min) return 'a scale needs at least two levels';
  if (scale.levels.length > SCALE_LEVELS.max) return `a scale has at most ${SCALE_LEVELS.max} levels`;
  const ok = scale.levels.every((l, i) => l.level === i + 1);
  return ok ? null : 'scale levels must be numbered 1..n in order';
}

export function isOnScale(scale: Scale, level: number): boolean {
  return Number.isInteger(level) && scale.levels.some((l) => l.level === level);
}

export function levelLabel(scale: Scale, level: number | null, locale: Locale): string {
  if (level === null) return NOT_ASSESSED[locale];
  return scale.levels.find((l) => l.level === level)?.label[locale] ?? `${level}`;
}

export function maxLevel(scale: Scale): number {
  return scale.levels.length;
}

/**
 * Which of `steps` colour steps a level falls on (0 = the scale's lowest level, steps - 1 = its highest),
 * spread evenly over the scale's levels: one rule for every surface that colours a level (the tab's heat
 * map, the decks, the workbook). A one-level scale is on the top step.
 */
export function levelStep(level: number, levels: number, steps: number): number {
  if (levels <= 1) return steps - 1;
  return Math.round(((level - 1) / (levels - 1)) * (steps - 1));
}
