/**
 * The heat map: units as rows, the twelve control points as columns, the spread per control point as the last
 * row. A WAI-ARIA grid with one tab stop (roving tabindex): the arrow keys move between the squares, Enter (or a
 * click) opens the unit's control point. https://www.w3.org/WAI/ARIA/apg/patterns/grid/
 */
import { Badge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { CityRow, CityView } from '../../../../src/domain/city.js';
import { unitName } from '../../../../src/domain/units.js';
import { useI18n } from '../../i18n/i18n.js';
import { cellText, overdueText } from './cell-text.js';
import { moveInGrid, withinGrid, type GridPosition } from './grid-keys.js';
import { HeatMapCell } from './HeatMapCell.js';
import { SummaryRow } from './SummaryRow.js';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto', maxWidth: '100%' },
  hint: {
    display: 'block',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    marginBottom: tokens.spacingVerticalXS,
  },
  // Wide enough for a legible square per control point; narrower frames scroll sideways with the unit column kept in view.
  table: { borderCollapse: 'separate', borderSpacing: '2px', tableLayout: 'fixed', width: '100%', minWidth: '74em' },
  unitCol: { width: '14em' },
  colHead: {
    verticalAlign: 'bottom',
    textAlign: 'left',
    fontWeight: tokens.fontWeightRegular,
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
    color: tokens.colorNeutralForeground2,
    padding: `0 ${tokens.spacingHorizontalXXS} ${tokens.spacingVerticalXXS}`,
    overflowWrap: 'anywhere',
    hyphens: 'auto',
  },
  colNumber: {
    display: 'block',
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
  },
  rowHead: {
    textAlign: 'left',
    overflowWrap: 'anywhere',
    hyphens: 'auto',
    verticalAlign: 'top',
    fontWeight: tokens.fontWeightRegular,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXXS} 0`,
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  /** The unit column's header stays in view with the unit names when the grid scrolls sideways. */
  corner: { position: 'sticky', left: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground3 },
  unitName: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalXS },
  badges: { display: 'inline-flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXXS, verticalAlign: 'middle' },
  rowNote: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

export interface HeatMapProps {
  view: CityView;
  /** Opens a unit's control point (the detail view of that unit). */
  onOpen: (unitId: string, controlPoint: number) => void;
}

function UnitHeader({ row, year }: { row: CityRow; year: number }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { s, f, locale } = i18n;
  return (
    <th scope="row" className={styles.rowHead}>
      <span className={styles.unitName}>{unitName(row.unit, locale)}</span>
      {(row.unit.example || row.unit.archived) && (
        <span className={styles.badges}>
          {row.unit.example && (
            <Badge appearance="tint" color="informative" size="small">
              {s.city.example}
            </Badge>
          )}
          {row.unit.archived && (
            <Badge appearance="tint" color="subtle" size="small">
              {s.city.archived}
            </Badge>
          )}
        </span>
      )}
      {row.year === null && <span className={styles.rowNote}>{f(s.city.noYear, { year })}</span>}
      {row.overdue > 0 && <span className={styles.rowNote}>{overdueText(row.overdue, i18n)}</span>}
    </th>
  );
}

export function HeatMap({ view, onOpen }: HeatMapProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { s, f, locale } = i18n;
  const hintId = useId();
  const gridRef = useRef<HTMLTableElement>(null);
  const size = { rows: view.rows.length + 1, cols: view.controlPoints.length };
  const [focused, setFocused] = useState<GridPosition>({ row: 0, col: 0 });
  const active = withinGrid(focused, size);

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const next = moveInGrid(event.key, active, size, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    setFocused(next);
    gridRef.current?.querySelector<HTMLElement>(`[data-row="${next.row}"][data-col="${next.col}"]`)?.focus();
  };
  // A click or a tab into the grid makes that square the grid's tab stop.
  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    if (!(event.target instanceof HTMLElement)) return;
    const { row, col } = event.target.dataset;
    if (row !== undefined && col !== undefined) setFocused({ row: Number(row), col: Number(col) });
  };

  return (
    <div>
      <span id={hintId} className={styles.hint}>
        {s.city.gridHint}
      </span>
      <div className={styles.wrap}>
        <table
          ref={gridRef}
          role="grid"
          aria-label={f(s.city.gridLabel, { year: view.year })}
          aria-describedby={hintId}
          aria-readonly
          className={styles.table}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          data-testid="heat-map"
        >
          <colgroup>
            <col className={styles.unitCol} />
            {view.controlPoints.map((cp) => (
              <col key={cp.number} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className={mergeClasses(styles.colHead, styles.corner)}>
                {s.city.unitColumn}
              </th>
              {view.controlPoints.map((cp) => (
                <th key={cp.number} scope="col" className={styles.colHead}>
                  <span className={styles.colNumber}>{cp.number}</span>
                  {cp.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row, r) => {
              const name = unitName(row.unit, locale);
              return (
                <tr key={row.unit.id} data-unit={row.unit.id}>
                  <UnitHeader row={row} year={view.year} />
                  {row.cells.map((cell, c) => {
                    const cp = view.controlPoints[c];
                    const open = row.year === null ? undefined : () => onOpen(row.unit.id, cell.controlPoint);
                    return (
                      <HeatMapCell
                        key={cell.controlPoint}
                        cell={cell}
                        levels={view.levels}
                        row={r}
                        col={c}
                        active={active.row === r && active.col === c}
                        title={`${name} · ${cell.controlPoint}. ${cp?.title ?? ''}: ${cellText(cell, view.levels, i18n)}`}
                        {...(open ? { onOpen: open } : {})}
                      />
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <SummaryRow view={view} row={view.rows.length} active={active} />
          </tfoot>
        </table>
      </div>
    </div>
  );
}
