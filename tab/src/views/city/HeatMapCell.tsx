/** One square of the heat map: the level as a number on its colour, marks for focus, overdue and interpreted, and the trend. */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Star16Filled, Warning16Filled } from '@fluentui/react-icons';
import type { CityCell } from '../../../../src/domain/city.js';
import type { ScaleLevel } from '../../../../src/domain/scale.js';
import { useI18n } from '../../i18n/i18n.js';
import { cellText } from './cell-text.js';
import { toneClassOf, useToneStyles } from './tones.js';

export const useCellStyles = makeStyles({
  cell: {
    // The containing block of the words for screen readers (absolutely placed): inside the scrolling grid, not the page.
    position: 'relative',
    minWidth: '4.5em',
    height: '4.25em',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    boxSizing: 'border-box',
    verticalAlign: 'top',
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    ':focus-visible': { outline: `3px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-3px' },
    ':hover': { boxShadow: `inset 0 0 0 2px ${tokens.colorNeutralStrokeAccessible}` },
  },
  inert: { cursor: 'default', ':hover': { boxShadow: 'none' } },
  face: { display: 'block', height: '100%' },
  top: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalXXS },
  level: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  /** Outside the filter: a smaller, regular number, a cue that holds where colours do not (high contrast). */
  outside: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightRegular },
  trend: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  marks: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
  },
  mark: { display: 'inline-flex', alignItems: 'center', gap: '1px', fontWeight: tokens.fontWeightSemibold },
  note: { fontStyle: 'italic' },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

const ARROWS = { up: '↑', down: '↓', same: '=' } as const;

export interface HeatMapCellProps {
  cell: CityCell;
  levels: readonly ScaleLevel[];
  /** Where the cell sits in the keyboard grid; its tabIndex is 0 only while it is the grid's active cell. */
  row: number;
  col: number;
  active: boolean;
  /** Opens the unit's control point; absent for a unit without the year (nothing to open). */
  onOpen?: () => void;
  /**
   * The tooltip for mouse users: unit, control point and the words. It sits on the visible part only, which screen
   * readers skip, so they hear the words once.
   */
  title: string;
}

export function HeatMapCell({ cell, levels, row, col, active, onOpen, title }: HeatMapCellProps) {
  const styles = useCellStyles();
  const tones = useToneStyles();
  const i18n = useI18n();
  const { s } = i18n;
  const tone = toneClassOf(cell.level, levels.length, cell.interpreted, cell.match);
  const trend = cell.trend === null ? '' : cell.trend === 'new' ? s.city.trendNewShort : ARROWS[cell.trend];
  return (
    <td
      role="gridcell"
      tabIndex={active ? 0 : -1}
      data-row={row}
      data-col={col}
      data-level={cell.level ?? ''}
      data-testid={`cell-${row}-${cell.controlPoint}`}
      className={mergeClasses(styles.cell, tones[tone], !onOpen && styles.inert)}
      onClick={onOpen}
      onKeyDown={(event) => {
        if (!onOpen || (event.key !== 'Enter' && event.key !== ' ')) return;
        event.preventDefault();
        onOpen();
      }}
    >
      <span aria-hidden className={styles.face} title={title}>
        <span className={styles.top}>
          <span className={mergeClasses(styles.level, !cell.match && styles.outside)}>{cell.level ?? '–'}</span>
          {trend && <span className={styles.trend}>{trend}</span>}
        </span>
        <span className={styles.marks}>
          {cell.focus && <Star16Filled />}
          {cell.overdue > 0 && (
            <span className={styles.mark}>
              <Warning16Filled />
              {cell.overdue}
            </span>
          )}
          {cell.interpreted && cell.level !== null && <span className={styles.note}>{s.city.interpretedShort}</span>}
        </span>
      </span>
      <span className={styles.hidden}>{cellText(cell, levels, i18n)}</span>
    </td>
  );
}
