/**
 * The heat map's colours, from Fluent's palette tokens so they follow the Teams theme (light, dark, high
 * contrast): red at the scale's lowest level through orange, yellow and light green to green at its highest.
 * Colour never says anything alone: every cell also shows its level as a number and says it in words.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { levelStep } from '../../../../src/domain/scale.js';

export const TONE_COUNT = 5; // TONES below

/** The tone (0 = lowest .. TONE_COUNT - 1 = highest) of a level on a scale of `levels` levels. */
export function toneOf(level: number, levels: number): number {
  return levelStep(level, levels, TONE_COUNT);
}

/** Fills with the text colour on them kept at Fluent's foreground (the pairs Fluent designs for contrast). */
export const useToneStyles = makeStyles({
  tone0: { backgroundColor: tokens.colorPaletteRedBackground2, border: `1px solid ${tokens.colorPaletteRedBorder2}` },
  tone1: { backgroundColor: tokens.colorPaletteDarkOrangeBackground2, border: `1px solid ${tokens.colorPaletteDarkOrangeBorder2}` },
  tone2: { backgroundColor: tokens.colorPaletteYellowBackground2, border: `1px solid ${tokens.colorPaletteYellowBorder2}` },
  tone3: { backgroundColor: tokens.colorPaletteLightGreenBackground2, border: `1px solid ${tokens.colorPaletteLightGreenBorder2}` },
  tone4: { backgroundColor: tokens.colorPaletteGreenBackground2, border: `1px solid ${tokens.colorPaletteGreenBorder2}` },
  /** A level read from the report's X: the neutral accent and a dashed border, no verdict by colour (as the deck). */
  interpreted: { backgroundColor: tokens.colorBrandBackground2, border: `1px dashed ${tokens.colorNeutralStrokeAccessible}` },
  /** No level: not assessed, or no report year. */
  none: { backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}` },
  /** A cell outside the filter: no colour, the number stays. */
  muted: {
    backgroundColor: tokens.colorNeutralBackground2,
    border: `1px solid ${tokens.colorNeutralStroke3}`,
    color: tokens.colorNeutralForeground2,
  },
});

export type ToneClass = keyof ReturnType<typeof useToneStyles>;

const TONES = ['tone0', 'tone1', 'tone2', 'tone3', 'tone4'] as const satisfies readonly ToneClass[];

export function toneClassOf(level: number | null, levels: number, interpreted: boolean, match: boolean): ToneClass {
  if (!match) return 'muted';
  if (level === null) return 'none';
  if (interpreted) return 'interpreted';
  return TONES[toneOf(level, levels)] ?? 'tone4';
}
