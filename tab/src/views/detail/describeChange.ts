/**
 * One line per change-log entry, in the UI language: the line of the one description of a change
 * (src/words/changes.ts) that the bot's posts and digest rows use too, so both say the same thing.
 */
import type { ChangeRecord, Locale } from '../../../../src/domain/model.js';
import type { Scale } from '../../../../src/domain/scale.js';
import { describeChange as describe } from '../../../../src/words/changes.js';

/** The detail page is one control point's log, so its lines need no control-point titles (the card's subject). */
const noTitles = () => undefined;

export function describeChange(change: ChangeRecord, i18n: { locale: Locale }, scale: Scale): string {
  return describe(change, i18n.locale, { scale, titleOf: noTitles }).line;
}
