/** What the heat map's colours and marks mean, each shown as it appears in a square, with its words. */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Star16Filled, Warning16Filled } from '@fluentui/react-icons';
import type { ScaleLevel } from '../../../../src/domain/scale.js';
import { useI18n } from '../../i18n/i18n.js';
import { toneClassOf, useToneStyles } from './tones.js';

const useStyles = makeStyles({
  legend: { marginTop: tokens.spacingVerticalL },
  heading: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  note: { margin: `0 0 ${tokens.spacingVerticalXS}`, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    fontSize: tokens.fontSizeBase200,
  },
  item: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  swatch: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    minWidth: '1.75em',
    height: '1.5em',
    boxSizing: 'border-box',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
  },
  outside: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
});

/** `filtered`: a filter is on, so the legend also says how squares outside it look. */
export function Legend({ levels, filtered }: { levels: readonly ScaleLevel[]; filtered: boolean }) {
  const styles = useStyles();
  const tones = useToneStyles();
  const { s, locale } = useI18n();
  return (
    <section className={styles.legend} aria-labelledby="city-legend" data-testid="city-legend">
      <h2 id="city-legend" className={styles.heading}>
        {s.city.legend}
      </h2>
      <p className={styles.note}>{s.city.legendLevels}</p>
      <ul className={styles.list}>
        {levels.map((l) => (
          <li key={l.level} className={styles.item}>
            <span aria-hidden className={mergeClasses(styles.swatch, tones[toneClassOf(l.level, levels.length, false, true)])}>
              {l.level}
            </span>
            {l.label[locale]}
          </li>
        ))}
        <li className={styles.item}>
          <span aria-hidden className={mergeClasses(styles.swatch, tones.interpreted)}>
            3
          </span>
          {s.city.legendInterpreted}
        </li>
        <li className={styles.item}>
          <span aria-hidden className={mergeClasses(styles.swatch, tones.none)}>
            –
          </span>
          {s.city.legendNoLevel}
        </li>
        {filtered && (
          <li className={styles.item}>
            <span aria-hidden className={mergeClasses(styles.swatch, styles.outside, tones.muted)}>
              3
            </span>
            {s.city.legendOutside}
          </li>
        )}
        <li className={styles.item}>
          <Star16Filled aria-hidden />
          {s.city.legendFocus}
        </li>
        <li className={styles.item}>
          <Warning16Filled aria-hidden />
          {s.city.legendOverdue}
        </li>
        <li className={styles.item}>
          <span aria-hidden>↑ ↓ = {s.city.trendNewShort}</span>
          {s.city.legendTrend}
        </li>
      </ul>
    </section>
  );
}
