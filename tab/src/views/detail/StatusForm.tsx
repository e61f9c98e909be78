/** CISO and editors: a new dated status for the control point, optionally with the unit's own level. */
import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Textarea, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Scale } from '../../../../src/domain/scale.js';
import { useSession } from '../../app/session.js';
import { ErrorBar } from '../../components/ErrorBar.js';
import { useI18n } from '../../i18n/i18n.js';
import { useSubmit } from './useSubmit.js';

export const useFormStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  row: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

const today = () => new Date().toISOString().slice(0, 10);

export function StatusForm({ number, scale, onSaved }: { number: number; scale: Scale; onSaved: () => void }) {
  const styles = useFormStyles();
  const { s, locale } = useI18n();
  const { client } = useSession();
  const [text, setText] = useState('');
  const [statusDate, setStatusDate] = useState(today);
  const [unitLevel, setUnitLevel] = useState('');
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { text, statusDate, unitLevel: unitLevel === '' ? null : Number(unitLevel) };
    const failure = await submit.run(body, (key) => client.write('POST', `/api/control-points/${number}/status-updates`, body, key));
    if (!failure) {
      setText('');
      setUnitLevel('');
      onSaved();
    }
  };

  return (
    <form className={styles.form} onSubmit={(event) => void onSubmit(event)} aria-label={s.addStatus} data-testid="status-form">
      {submit.error && <ErrorBar error={submit.error} onDismiss={submit.clearError} />}
      {submit.done && !submit.error && (
        <MessageBar intent="success">
          <MessageBarBody>{s.saved}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={s.statusText} hint={s.statusTextHint} required>
        {/* 8000: LIMITS.statusText in src/domain/rules.ts */}
        <Textarea value={text} onChange={(_, data) => setText(data.value)} resize="vertical" rows={4} maxLength={8000} />
      </Field>
      <div className={styles.row}>
        <Field label={s.statusDateLabel} required>
          <Input type="date" value={statusDate} onChange={(_, data) => setStatusDate(data.value)} />
        </Field>
        <Field label={s.unitLevel}>
          <Select value={unitLevel} onChange={(_, data) => setUnitLevel(data.value)}>
            <option value="">{s.unitLevelNone}</option>
            {scale.levels.map((l) => (
              <option key={l.level} value={String(l.level)}>{`${l.level} · ${l.label[locale]}`}</option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={submit.busy}>
          {submit.busy ? s.saving : s.publishStatus}
        </Button>
      </div>
    </form>
  );
}
