/** The DPO: places the unit on the scale for this control point, with a comment. Appended to the history. */
import { Button, Field, MessageBar, MessageBarBody, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Scale } from '../../../../src/domain/scale.js';
import { useSession } from '../../app/session.js';
import { ErrorBar } from '../../components/ErrorBar.js';
import { useI18n } from '../../i18n/i18n.js';
import { useFormStyles } from './StatusForm.js';
import { useSubmit } from './useSubmit.js';

export function AssessmentForm({
  number,
  scale,
  current,
  onSaved,
}: {
  number: number;
  scale: Scale;
  current: number | null;
  onSaved: () => void;
}) {
  const styles = useFormStyles();
  const { s, locale } = useI18n();
  const { client } = useSession();
  const [level, setLevel] = useState(current === null ? '' : String(current));
  const [comment, setComment] = useState('');
  const submit = useSubmit();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { level: Number(level), comment };
    const failure = await submit.run(body, (key) => client.write('POST', `/api/control-points/${number}/assessments`, body, key));
    if (!failure) {
      setComment('');
      onSaved();
    }
  };

  return (
    <form className={styles.form} onSubmit={(event) => void onSubmit(event)} aria-label={s.addAssessment} data-testid="assessment-form">
      {submit.error && <ErrorBar error={submit.error} onDismiss={submit.clearError} />}
      {submit.done && !submit.error && (
        <MessageBar intent="success">
          <MessageBarBody>{s.saved}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={s.assessmentLevel} required>
        <RadioGroup value={level} onChange={(_, data) => setLevel(data.value)}>
          {scale.levels.map((l) => (
            <Radio key={l.level} value={String(l.level)} label={`${l.level} · ${l.label[locale]}`} />
          ))}
        </RadioGroup>
      </Field>
      <Field label={s.assessmentComment}>
        <Textarea value={comment} onChange={(_, data) => setComment(data.value)} resize="vertical" rows={3} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={submit.busy || level === ''}>
          {submit.busy ? s.saving : s.saveAssessment}
        </Button>
      </div>
    </form>
  );
}
