/**
 * The city-wide view (issue 14, item 3): every readable unit's twelve control points as a heat map, with the
 * filters of src/domain/city.ts (filterCityView, the one filter the reports use too), the spread per control
 * point, the year picker when there are several years, and the city's summary deck and workbook.
 */
import { Body1, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { filterCityView, type CityView } from '../../../src/domain/city.js';
import { DownloadMenu } from '../components/ReportDownload.js';
import { ErrorBar } from '../components/ErrorBar.js';
import { PageHeading } from '../components/PageHeading.js';
import { useI18n } from '../i18n/i18n.js';
import { useRouter } from '../routing/router.js';
import { CityFilters, cityFilterOf, isCityFiltered, NO_CITY_FILTER, type CityFilterState } from './city/CityFilters.js';
import { HeatMap } from './city/HeatMap.js';
import { Legend } from './city/Legend.js';
import { useResource } from './useResource.js';

const useStyles = makeStyles({
  head: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'flex-end', gap: tokens.spacingHorizontalL },
  intro: { color: tokens.colorNeutralForeground2, display: 'block', marginBottom: tokens.spacingVerticalM, maxWidth: '70em' },
  count: { display: 'block', marginBottom: tokens.spacingVerticalS, color: tokens.colorNeutralForeground2 },
});

/** The query of the city's reports: the year, the language and the filter the heat map shows (the reports apply the same filterCityView). */
export function cityReportQuery(year: number, locale: string, filter: CityFilterState): string {
  const params = new URLSearchParams({ year: String(year), lang: locale });
  if (filter.focusOnly) params.set('focusOnly', 'true');
  if (filter.overdueOnly) params.set('overdueOnly', 'true');
  if (filter.workPackage) params.set('workPackage', filter.workPackage);
  return params.toString();
}

/** The city's summary deck and workbook of the year and filter shown (GET /api/reports/city, readable units only). */
function CityDownload({ year, filter }: { year: number; filter: CityFilterState }) {
  const { s, f, locale } = useI18n();
  const query = cityReportQuery(year, locale, filter);
  const files = [
    { label: s.reportDeck, url: `/api/reports/city?format=pptx&${query}` },
    { label: s.reportWorkbook, url: `/api/reports/city?format=xlsx&${query}` },
  ];
  return <DownloadMenu label={f(s.city.download, { year })} files={files} />;
}

export function CityPage() {
  const styles = useStyles();
  const { s, f } = useI18n();
  const { navigate } = useRouter();
  // null: the server's year (the newest); set when the person picks one.
  const [year, setYear] = useState<number | null>(null);
  const [filter, setFilter] = useState<CityFilterState>(NO_CITY_FILTER);
  const { data: view, error, reload } = useResource<CityView>(year === null ? '/api/city' : `/api/city?year=${year}`);
  const shown = useMemo(() => (view ? filterCityView(view, cityFilterOf(filter)) : null), [view, filter]);

  if (error && !view) return <ErrorBar error={error} onRetry={reload} />;
  if (!view || !shown) return <Spinner label={s.loading} />;
  return (
    <>
      <div className={styles.head}>
        <PageHeading>{f(s.city.heading, { year: view.year })}</PageHeading>
        {view.rows.length > 0 && <CityDownload year={view.year} filter={filter} />}
      </div>
      <Body1 className={styles.intro}>{s.city.intro}</Body1>
      {error && <ErrorBar error={error} onRetry={reload} />}
      {view.rows.length === 0 ? (
        <Body1>{s.city.noUnits}</Body1>
      ) : (
        <>
          <CityFilters view={view} filter={filter} onFilter={setFilter} year={view.year} onYear={setYear} />
          <Text className={styles.count} role="status" data-testid="city-count">
            {f(s.city.shownCount, { shown: shown.rows.length, total: view.rows.length })}
          </Text>
          {shown.rows.length === 0 ? (
            <Body1>{s.city.noMatch}</Body1>
          ) : (
            <HeatMap view={shown} onOpen={(unitId, number) => navigate({ name: 'detail', unitId, number })} />
          )}
          <Legend levels={view.levels} filtered={isCityFiltered(filter)} />
        </>
      )}
    </>
  );
}

export default CityPage;
