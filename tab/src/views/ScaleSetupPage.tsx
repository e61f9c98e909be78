/**
 * The DPO's scale setup: how many levels, which end of the report's graphic is lowest, and the
 * levels' labels in Swedish and English (neutral "Nivå 1 av 5" until set). Saving re-reads the
 * interpreted marks (never the DPO's own); the log below says who changed what. Others see it read-only.
 */
import {
  Body1,
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  SpinButton,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Localized } from '../../../src/domain/model.js';
import { neutralScale, SCALE_LEVELS, type ScaleDirection } from '../../../src/domain/scale.js';
import { SCALE_WORDS, words } from '../../../src/words/index.js';
import { ErrorBar } from '../components/ErrorBar.js';
import { PageHeading } from '../components/PageHeading.js';
import { useSession } from '../app/session.js';
import { useI18n } from '../i18n/i18n.js';
import type { ScaleSetupAnswer } from './scale/types.js';
import { useResource } from './useResource.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
    padding: tokens.spacingHorizontalL,
  },
  labelRow: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
});

const fit = (labels: Localized[], count: number): Localized[] =>
  Array.from({ length: count }, (_, i) => labels[i] ?? neutralScale(count).levels[i]!.label);

export default function ScaleSetupPage() {
  const { data: read, error } = useResource<ScaleSetupAnswer>('/api/scale/setup');
  const [saved, setSaved] = useState<{ answer: ScaleSetupAnswer; message: string } | null>(null);
  if (error) return <ErrorBar error={error} />;
  const data = saved && (!read || saved.answer.setup.version >= read.setup.version) ? saved.answer : read;
  if (!data) return <Spinner label="…" />;
  // Keyed by version: a saved change (here or elsewhere) starts the form again from what is kept.
  return (
    <SetupForm
      key={data.setup.version}
      data={data}
      message={saved?.answer === data ? saved.message : null}
      onSaved={(answer, message) => setSaved({ answer, message })}
    />
  );
}

interface SetupFormProps {
  data: ScaleSetupAnswer;
  message: string | null;
  onSaved: (answer: ScaleSetupAnswer, message: string) => void;
}

function SetupForm({ data, message, onSaved }: SetupFormProps) {
  const styles = useStyles();
  const { locale, f, dateTime } = useI18n();
  const { client } = useSession();
  const w = SCALE_WORDS[locale];
  const terms = words(locale);
  const [count, setCount] = useState(data.setup.count);
  const [direction, setDirection] = useState<ScaleDirection>(data.setup.direction);
  const [named, setNamed] = useState(data.setup.labels !== null);
  const [labels, setLabels] = useState<Localized[]>(data.setup.labels ?? data.scale.levels.map((l) => l.label));
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<Error | null>(null);
  const editable = data.canEdit;
  const shown = fit(labels, count);
  const setLabel = (i: number, lang: 'sv' | 'en', value: string) => setLabels(shown.map((l, j) => (j === i ? { ...l, [lang]: value } : l)));
  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      const body = { count, direction, labels: named ? shown : null, version: data.setup.version };
      const answer = await client.write<ScaleSetupAnswer>('PUT', '/api/scale/setup', body);
      onSaved(answer, f(w.saved, { n: answer.log[0]?.remapped.length ?? 0 }));
    } catch (e) {
      setFailure(e as Error);
    } finally {
      setSaving(false);
    }
  };
  const dirWord = (d: ScaleDirection) => (d === 'lowLeft' ? terms.level.directionLowLeft : terms.level.directionLowRight);
  return (
    <div className={styles.root}>
      <PageHeading>{w.setupTitle}</PageHeading>
      {!editable && <Body1>{w.readOnly}</Body1>}
      <form
        className={styles.form}
        data-testid="scale-setup"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label={w.count}>
          <SpinButton
            value={count}
            min={SCALE_LEVELS.min}
            max={SCALE_LEVELS.max}
            disabled={!editable}
            onChange={(_, d) => {
              const next = d.value ?? Number(d.displayValue);
              if (Number.isInteger(next) && next >= SCALE_LEVELS.min && next <= SCALE_LEVELS.max) setCount(next);
            }}
          />
        </Field>
        <Field label={w.direction}>
          <RadioGroup value={direction} disabled={!editable} onChange={(_, d) => setDirection(d.value as ScaleDirection)}>
            <Radio value="lowLeft" label={terms.level.directionLowLeft} />
            <Radio value="lowRight" label={terms.level.directionLowRight} />
          </RadioGroup>
        </Field>
        <Checkbox checked={named} disabled={!editable} label={w.useLabels} onChange={(_, d) => setNamed(Boolean(d.checked))} />
        {!named && <Body1>{w.neutralNote}</Body1>}
        {named && (
          <fieldset>
            <legend>{w.labels}</legend>
            {shown.map((l, i) => (
              <div key={i} className={styles.labelRow}>
                <Field label={f(w.labelSv, { n: i + 1 })}>
                  <Input value={l.sv} lang="sv" disabled={!editable} onChange={(_, d) => setLabel(i, 'sv', d.value)} />
                </Field>
                <Field label={f(w.labelEn, { n: i + 1 })}>
                  <Input value={l.en} lang="en" disabled={!editable} onChange={(_, d) => setLabel(i, 'en', d.value)} />
                </Field>
              </div>
            ))}
          </fieldset>
        )}
        {message && (
          <MessageBar intent="success">
            <MessageBarBody>{message}</MessageBarBody>
          </MessageBar>
        )}
        {failure && <ErrorBar error={failure} />}
        {editable && (
          <Button type="submit" appearance="primary" disabled={saving}>
            {w.save}
          </Button>
        )}
      </form>
      <section aria-labelledby="scale-log">
        <h2 id="scale-log">{w.log}</h2>
        {data.log.length === 0 ? (
          <Body1>{w.noLog}</Body1>
        ) : (
          <ul data-testid="scale-log">
            {data.log.map((c) => (
              <li key={c.version}>
                {f(w.logEntry, {
                  at: dateTime(c.at),
                  who: c.byName,
                  from: f(w.levelsDir, { count: c.from.count, direction: dirWord(c.from.direction) }),
                  to: f(w.levelsDir, { count: c.to.count, direction: dirWord(c.to.direction) }),
                  n: c.remapped.length,
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
