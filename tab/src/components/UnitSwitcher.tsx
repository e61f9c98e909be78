/**
 * The unit switcher (issue 14): on every view, for someone who may read more than one unit. It lists the units they may
 * read, example units and archived units marked in words (unitLabel, and a badge), and the whole city first. Choosing
 * a unit keeps the view: a control point stays that control point, the action plan stays the action plan
 * (withUnit); a view that no unit has (the city, the units page) leads to the unit's board.
 */
import { Badge, Dropdown, makeStyles, Option, OptionGroup, tokens, useId, type DropdownProps } from '@fluentui/react-components';
import { unitLabel, unitName } from '../../../src/domain/units.js';
import { useSession } from '../app/session.js';
import type { UnitInfo } from '../app/types.js';
import { useI18n } from '../i18n/i18n.js';
import { useRouter, withUnit } from '../routing/router.js';

/** The option value of the city view (a unit id never has an asterisk). */
const CITY = '*city';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  dropdown: { minWidth: 'min(260px, 70vw)' },
  option: { display: 'inline-flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

/** Units in use first, archived ones apart; each group by name. */
export function switcherGroups(units: readonly UnitInfo[], locale: 'sv' | 'en'): { active: UnitInfo[]; archived: UnitInfo[] } {
  const byName = (a: UnitInfo, b: UnitInfo) => unitName(a, locale).localeCompare(unitName(b, locale), locale);
  return { active: units.filter((u) => !u.archived).sort(byName), archived: units.filter((u) => u.archived).sort(byName) };
}

export function UnitSwitcher() {
  const styles = useStyles();
  const { s, locale } = useI18n();
  const { route, navigate } = useRouter();
  const { units, unitId } = useSession();
  const labelId = useId('unit-switcher');
  const hintId = useId('unit-switcher-hint');
  if (!units || units.length < 2) return null;
  const selected = route.name === 'city' ? CITY : (unitId ?? '');
  const current = units.find((u) => u.id === selected);
  const text = selected === CITY ? s.unitNav.city : current ? unitLabel(current, locale) : '';
  const onSelect: DropdownProps['onOptionSelect'] = (_, data) => {
    const value = data.optionValue;
    if (!value || value === selected) return;
    navigate(value === CITY ? { name: 'city' } : withUnit(route, value));
  };
  const { active, archived } = switcherGroups(units, locale);
  const option = (unit: UnitInfo) => (
    <Option key={unit.id} value={unit.id} text={unitLabel(unit, locale)}>
      <span className={styles.option}>
        {unitName(unit, locale)}
        {unit.example && (
          <Badge appearance="tint" color="informative" aria-hidden>
            {s.unitNav.example}
          </Badge>
        )}
        {unit.archived && (
          <Badge appearance="tint" color="subtle" aria-hidden>
            {s.unitNav.archived}
          </Badge>
        )}
        {/* The marks in words for screen readers, as unitLabel says them. */}
        {(unit.example || unit.archived) && (
          <span className={styles.hidden}>{unitLabel(unit, locale).slice(unitName(unit, locale).length)}</span>
        )}
      </span>
    </Option>
  );
  return (
    <div className={styles.root} data-testid="unit-switcher">
      <label id={labelId} className={styles.hidden}>
        {s.unitNav.switcher}
      </label>
      <span id={hintId} className={styles.hidden}>
        {s.unitNav.switcherHint}
      </span>
      <Dropdown
        className={styles.dropdown}
        aria-labelledby={labelId}
        aria-describedby={hintId}
        value={text}
        selectedOptions={[selected]}
        onOptionSelect={onSelect}
        appearance="filled-darker"
      >
        <Option value={CITY} text={s.unitNav.city}>
          {s.unitNav.city}
        </Option>
        <OptionGroup label={s.unitNav.switcher}>{active.map(option)}</OptionGroup>
        {archived.length > 0 && <OptionGroup label={s.unitNav.archived}>{archived.map(option)}</OptionGroup>}
      </Dropdown>
    </div>
  );
}
