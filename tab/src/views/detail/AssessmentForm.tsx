/**
 * The DPO: places the unit on the scale for this control point, with a comment. Appended to the history.
 * A mark still read from the report (interpreted) is confirmed with one click: the DPO's own assessment
 * at the same level is appended, and the note "tolkad från rapporten" goes away.
 */
import { Button, Field, MessageBar, MessageBarActions, MessageBarBody, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { Checkmark16Regular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { Scale } from '../../../../src/domain/scale.js';
import type { Mark } from '../../../../src/domain/views.js';
import { SCALE_WORDS, words } from '../../../../src/words/index.js';
import { useSession } from '../../app/session.js';
import { ErrorBar } from '../../components/ErrorBar.js';
import { useI18n } from '../../i18n/i18n.js';
import { useFormStyles } from './StatusForm.js';
import { useSubmit } from './useSubmit.js';

export function AssessmentForm({
  number,
  scale,
  current,
  latest = null,
  openYear = null,
  onSaved,
}: {
  number: number;
  scale: Scale;
  current: number | null;
  /** The latest mark; when it is interpreted and of the open year, it can be confirmed with one click. */
  latest?: Mark | null;
  openYear?: number | null;
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
      {latest?.interpreted && latest.year === (openYear ?? latest.year) && (
        <ConfirmMark number={number} mark={latest} scale={scale} onSaved={onSaved} />
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

/** "Bekräfta" / "Confirm": the DPO takes the interpreted level as their own (appended; history is kept). */
function ConfirmMark({ number, mark, scale, onSaved }: { number: number; mark: Mark; scale: Scale; onSaved: () => void }) {
  const { f, locale } = useI18n();
  const { client } = useSession();
  const submit = useSubmit();
  const w = SCALE_WORDS[locale];
  const label = scale.levels.find((l) => l.level === mark.level)?.label[locale] ?? '';
  const hint = f(w.confirmHint, { level: `${mark.level} · ${label}` });
  const confirm = async () => {
    const body = { level: mark.level, comment: w.confirmComment };
    const failure = await submit.run(body, (key) => client.write('POST', `/api/control-points/${number}/assessments`, body, key));
    if (!failure) onSaved();
  };
  return (
    <>
      {submit.error && <ErrorBar error={submit.error} onDismiss={submit.clearError} />}
      <MessageBar intent="info" data-testid="confirm-mark">
        <MessageBarBody>{`${mark.level} · ${label} – ${words(locale).level.interpreted}`}</MessageBarBody>
        <MessageBarActions>
          <Button
            appearance="primary"
            icon={<Checkmark16Regular />}
            disabled={submit.busy}
            title={hint}
            aria-label={hint}
            onClick={() => void confirm()}
          >
            {w.confirm}
          </Button>
        </MessageBarActions>
      </MessageBar>
    </>
  );
}
