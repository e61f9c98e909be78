/** The two filters the board and the city view share: focus areas only, overdue only. */
import { Checkbox, makeStyles } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n.js';

const useStyles = makeStyles({ checks: { display: 'flex', flexDirection: 'column' } });

export interface FocusOverdue {
  focusOnly: boolean;
  overdueOnly: boolean;
}

export function FocusOverdueChecks({ value, onChange }: { value: FocusOverdue; onChange: (change: Partial<FocusOverdue>) => void }) {
  const { s } = useI18n();
  const styles = useStyles();
  return (
    <div className={styles.checks}>
      <Checkbox label={s.filterFocus} checked={value.focusOnly} onChange={(_, data) => onChange({ focusOnly: data.checked === true })} />
      <Checkbox
        label={s.filterOverdue}
        checked={value.overdueOnly}
        onChange={(_, data) => onChange({ overdueOnly: data.checked === true })}
      />
    </div>
  );
}
