/** What a heat-map cell says in words: the same facts its colour, number and marks show, for screen readers and the tooltip. */
import type { CityCell } from '../../../../src/domain/city.js';
import type { ScaleLevel } from '../../../../src/domain/scale.js';
import type { I18n } from '../../i18n/i18n.js';

type Words = Pick<I18n, 's' | 'f' | 'locale'>;

export function levelText(level: number | null, levels: readonly ScaleLevel[], { s, f, locale }: Words): string {
  if (level === null) return s.city.noLevel;
  const label = levels.find((l) => l.level === level)?.label[locale] ?? String(level);
  return f(s.city.level, { level, label });
}

export function overdueText(count: number, { s, f }: Words): string {
  return count === 1 ? s.city.overdueOne : f(s.city.overdueMany, { count });
}

export function trendText(cell: Pick<CityCell, 'trend' | 'previousLevel'>, { s, f }: Words): string {
  switch (cell.trend) {
    case 'up':
      return f(s.city.trendUp, { previous: cell.previousLevel ?? '' });
    case 'down':
      return f(s.city.trendDown, { previous: cell.previousLevel ?? '' });
    case 'same':
      return s.city.trendSame;
    case 'new':
      return s.city.trendNew;
    default:
      return '';
  }
}

/** "nivå 3, Nivå 3 av 5, tolkad från rapporten, Fokusområde, 2 försenade, upp från 2 förra året". */
export function cellText(cell: CityCell, levels: readonly ScaleLevel[], words: Words): string {
  const { s } = words;
  return [
    levelText(cell.level, levels, words),
    cell.interpreted && cell.level !== null ? s.city.interpreted : '',
    cell.focus ? s.city.focus : '',
    cell.overdue > 0 ? overdueText(cell.overdue, words) : '',
    trendText(cell, words),
    cell.match ? '' : s.city.notMatching,
  ]
    .filter(Boolean)
    .join(', ');
}

/** The spread of one column in words: "min 1 · median 3 · max 5" (or "ingen bedömd"). */
export function rangeText(summary: { min: number | null; median: number | null; max: number | null }, { s, f, locale }: Words): string {
  if (summary.min === null || summary.max === null || summary.median === null) return s.city.summaryNone;
  const median = summary.median.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 });
  return f(s.city.summaryRange, { min: summary.min, median, max: summary.max });
}
