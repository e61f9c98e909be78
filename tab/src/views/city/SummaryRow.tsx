/** The heat map's last row: the spread of each control point over the units shown, in words (counts per level, min, median, max). */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { CityView } from '../../../../src/domain/city.js';
import { useI18n } from '../../i18n/i18n.js';
import { rangeText } from './cell-text.js';
import type { GridPosition } from './grid-keys.js';
import { useCellStyles } from './HeatMapCell.js';
import { toneClassOf, useToneStyles } from './tones.js';

const useStyles = makeStyles({
  head: {
    textAlign: 'left',
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} 0 0`,
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  hint: { display: 'block', fontWeight: tokens.fontWeightRegular, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  cell: {
    height: 'auto',
    cursor: 'default',
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
    ':hover': { boxShadow: 'none' },
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  count: { display: 'flex', alignItems: 'center', gap: '3px' },
  swatch: { width: '8px', height: '8px', flexShrink: 0, boxSizing: 'border-box' },
  range: { display: 'block', marginTop: '2px', color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
});

export function SummaryRow({ view, row, active }: { view: CityView; row: number; active: GridPosition }) {
  const styles = useStyles();
  const cellStyles = useCellStyles();
  const tones = useToneStyles();
  const i18n = useI18n();
  const { s, f } = i18n;
  return (
    <tr data-testid="city-summary">
      <th scope="row" className={styles.head}>
        {s.city.summaryRow}
        <span className={styles.hint}>{s.city.summaryRowHint}</span>
      </th>
      {view.summary.map((spread, c) => (
        <td
          key={spread.controlPoint}
          role="gridcell"
          tabIndex={active.row === row && active.col === c ? 0 : -1}
          data-row={row}
          data-col={c}
          className={mergeClasses(cellStyles.cell, tones.none, styles.cell)}
        >
          <ul className={styles.list}>
            {view.levels
              .filter((l) => (spread.counts[l.level] ?? 0) > 0)
              .map((l) => (
                <li key={l.level} className={styles.count}>
                  <span aria-hidden className={mergeClasses(styles.swatch, tones[toneClassOf(l.level, view.levels.length, false, true)])} />
                  {f(s.city.summaryCount, { level: l.level, count: spread.counts[l.level] ?? 0 })}
                </li>
              ))}
            {spread.notAssessed > 0 && <li className={styles.count}>{f(s.city.summaryNotAssessed, { count: spread.notAssessed })}</li>}
          </ul>
          <span className={styles.range}>{rangeText(spread, i18n)}</span>
        </td>
      ))}
    </tr>
  );
}
