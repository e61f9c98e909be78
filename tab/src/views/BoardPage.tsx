/** The board: the twelve control points, filtered, sorted and searched. */
import { Body1, Button, Field, makeStyles, SearchBox, Select, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSession } from '../app/session.js';
import { FocusOverdueChecks } from '../components/FocusOverdueChecks.js';
import { useI18n } from '../i18n/i18n.js';
import { PageHeading } from '../components/PageHeading.js';
import { ControlPointCard } from './board/ControlPointCard.js';
import { applyFilter, EMPTY_FILTER, isFiltered, SORT_KEYS, type BoardFilter, type SortKey } from './board/filters.js';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, display: 'block', marginBottom: tokens.spacingVerticalM },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalL,
    padding: tokens.spacingVerticalM,
    marginBottom: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  search: { minWidth: 'min(260px, 100%)', flexGrow: 1 },
  count: { display: 'block', marginBottom: tokens.spacingVerticalS, color: tokens.colorNeutralForeground2 },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(340px, 100%), 1fr))',
    gap: tokens.spacingHorizontalL,
    listStyle: 'none',
    padding: 0,
    margin: 0,
  },
});

const SORT_LABEL: Record<SortKey, 'sortNumber' | 'sortLevelAsc' | 'sortLevelDesc' | 'sortStatusDate' | 'sortExpectedEnd'> = {
  number: 'sortNumber',
  levelAsc: 'sortLevelAsc',
  levelDesc: 'sortLevelDesc',
  statusDate: 'sortStatusDate',
  expectedEnd: 'sortExpectedEnd',
};

/** Marks the moment the board is first on screen, for bench/tab.ts. */
function useBoardPaintedMark(ready: boolean) {
  const marked = useRef(false);
  useEffect(() => {
    if (!ready || marked.current) return;
    marked.current = true;
    requestAnimationFrame(() => performance.mark('dpo-board-painted'));
  }, [ready]);
}

export function BoardPage() {
  const styles = useStyles();
  const { s, f, locale } = useI18n();
  const { board } = useSession();
  const [filter, setFilter] = useState<BoardFilter>(EMPTY_FILTER);
  const set = (patch: Partial<BoardFilter>) => setFilter((current) => ({ ...current, ...patch }));
  const shown = useMemo(() => (board ? applyFilter(board.controlPoints, filter) : []), [board, filter]);
  useBoardPaintedMark(board !== null);

  if (!board) return <Spinner label={s.loading} />;
  return (
    <>
      <PageHeading>{f(s.boardHeading, { year: board.year })}</PageHeading>
      <Body1 className={styles.intro}>{f(s.boardIntro, { focusYear: board.focusYear ?? board.year + 1 })}</Body1>
      <div role="search" className={styles.toolbar} aria-label={s.filters}>
        <Field label={s.search} className={styles.search}>
          <SearchBox value={filter.query} placeholder={s.searchPlaceholder} onChange={(_, data) => set({ query: data.value })} />
        </Field>
        <Field label={s.filterWorkPackage}>
          <Select value={filter.workPackage} onChange={(_, data) => set({ workPackage: data.value })}>
            <option value="">{s.filterAll}</option>
            {board.workPackages.map((wp) => (
              <option key={wp.key} value={wp.key}>
                {wp.name}
              </option>
            ))}
            <option value="-">{s.filterNone}</option>
          </Select>
        </Field>
        <Field label={s.filterLevel}>
          <Select value={filter.level} onChange={(_, data) => set({ level: data.value })}>
            <option value="">{s.filterAll}</option>
            {board.scale.levels.map((l) => (
              <option key={l.level} value={String(l.level)}>
                {`${l.level} · ${l.label[locale]}`}
              </option>
            ))}
            <option value="none">{s.notAssessed}</option>
          </Select>
        </Field>
        <Field label={s.sort}>
          <Select value={filter.sort} onChange={(_, data) => set({ sort: data.value as SortKey })}>
            {SORT_KEYS.map((key) => (
              <option key={key} value={key}>
                {s[SORT_LABEL[key]]}
              </option>
            ))}
          </Select>
        </Field>
        <FocusOverdueChecks value={filter} onChange={set} />
        {isFiltered(filter) && <Button onClick={() => setFilter({ ...EMPTY_FILTER, sort: filter.sort })}>{s.clearFilters}</Button>}
      </div>
      <Text className={styles.count} role="status" data-testid="shown-count">
        {f(s.shownCount, { shown: shown.length, total: board.controlPoints.length })}
      </Text>
      {shown.length === 0 ? (
        <Body1>{s.noMatch}</Body1>
      ) : (
        <div role="list" className={styles.grid} aria-label={f(s.boardHeading, { year: board.year })} data-testid="board">
          {shown.map((cp) => (
            <ControlPointCard key={cp.number} cp={cp} scale={board.scale} focusYear={board.focusYear} />
          ))}
        </div>
      )}
    </>
  );
}
