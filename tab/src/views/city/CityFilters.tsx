/** The heat map's filter bar: focus areas only, overdue only, one work package; and the report year when there are several. */
import { Button, Dropdown, Field, makeStyles, Option, Select, tokens } from '@fluentui/react-components';
import type { CityFilter, CityView } from '../../../../src/domain/city.js';
import { FocusOverdueChecks } from '../../components/FocusOverdueChecks.js';
import { useI18n } from '../../i18n/i18n.js';

const useStyles = makeStyles({
  bar: {
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
  dropdown: { minWidth: 'min(240px, 100%)' },
});

/** The bar's state: every field set ('' for every work package). */
export interface CityFilterState {
  focusOnly: boolean;
  overdueOnly: boolean;
  workPackage: string;
}

export const NO_CITY_FILTER: CityFilterState = { focusOnly: false, overdueOnly: false, workPackage: '' };

/** The bar's state as filterCityView's filter (src/domain/city.ts, the one filter). */
export function cityFilterOf(state: CityFilterState): CityFilter {
  return { focusOnly: state.focusOnly, overdueOnly: state.overdueOnly, ...(state.workPackage ? { workPackage: state.workPackage } : {}) };
}

export const isCityFiltered = (state: CityFilterState): boolean => state.focusOnly || state.overdueOnly || state.workPackage !== '';

export interface CityFiltersProps {
  view: CityView;
  filter: CityFilterState;
  onFilter: (filter: CityFilterState) => void;
  year: number;
  onYear: (year: number) => void;
}

export function CityFilters({ view, filter, onFilter, year, onYear }: CityFiltersProps) {
  const styles = useStyles();
  const { s } = useI18n();
  const set = (patch: Partial<CityFilterState>) => onFilter({ ...filter, ...patch });
  const workPackage = view.workPackages.find((wp) => wp.key === filter.workPackage);
  return (
    <div role="search" aria-label={s.filters} className={styles.bar}>
      {view.years.length > 1 && (
        <Field label={s.city.year}>
          <Select value={String(year)} onChange={(_, data) => onYear(Number(data.value))}>
            {view.years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field label={s.city.workPackage}>
        <Dropdown
          className={styles.dropdown}
          value={workPackage?.name ?? s.city.allWorkPackages}
          selectedOptions={[filter.workPackage]}
          onOptionSelect={(_, data) => set({ workPackage: data.optionValue ?? '' })}
        >
          <Option value="">{s.city.allWorkPackages}</Option>
          {view.workPackages.map((wp) => (
            <Option key={wp.key} value={wp.key}>
              {wp.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <FocusOverdueChecks value={filter} onChange={set} />
      {isCityFiltered(filter) && <Button onClick={() => onFilter(NO_CITY_FILTER)}>{s.clearFilters}</Button>}
    </div>
  );
}
