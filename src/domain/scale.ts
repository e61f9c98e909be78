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
 * The default five-level scale. The report draws the DPO's mark as an X on a
 * horizontal bar with no printed labels; these labels name its steps from left
 * (low) to right (high). An organisation can configure its own (see config.ts).
 */
export const DEFAULT_SCALE: Scale = {
  levels: [
    { level: 1, label: { sv: 'Otillräcklig', en: 'Inadequate' } },
    { level: 2, label: { sv: 'Påbörjad', en: 'Initiated' } },
    { level: 3, label: { sv: 'Delvis uppfylld', en: 'Partly in place' } },
    { level: 4, label: { sv: 'Till stor del uppfylld', en: 'Largely in place' } },
    { level: 5, label: { sv: 'Uppfylld', en: 'Fully in place' } },
  ],
};

export const NOT_ASSESSED: Localized = { sv: 'Ej bedömd', en: 'Not yet assessed' };

/** Checks that levels run 1..n without gaps, so "higher is better" holds everywhere. */
export function validateScale(scale: Scale): string | null {
  if (scale.levels.length < 2) return 'a scale needs at least two levels';
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
