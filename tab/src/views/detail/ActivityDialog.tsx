/** CISO and editors: add an activity to the control point, or change one (text, state, period, work package). */
import { Field, Select, Textarea } from '@fluentui/react-components';
import { useState, type FormEvent, type ReactElement } from 'react';
import type { Activity, ActivityState, WorkPackage } from '../../../../src/domain/model.js';
import { useSession } from '../../app/session.js';
import { FormDialog } from '../../components/FormDialog.js';
import { StateSelect } from '../../components/StateSelect.js';
import { PeriodFields, periodOk } from '../../components/PeriodFields.js';
import { useI18n } from '../../i18n/i18n.js';
import { useFormStyles } from './StatusForm.js';
import { settleSave, useSubmit } from './useSubmit.js';
import { checkPeriod } from '../quarter.js';

const STATES: ActivityState[] = ['planned', 'ongoing', 'done'];

interface Draft {
  /** The version the person started from: a change made meanwhile elsewhere is a conflict, not overwritten. */
  version: number | null;
  text: string;
  state: ActivityState;
  dueFrom: string;
  dueTo: string;
  workPackage: string;
}

function draftOf(a: Activity | null): Draft {
  return {
    version: a?.version ?? null,
    text: a?.text ?? '',
    state: a?.state ?? 'planned',
    dueFrom: a?.dueFrom ?? '',
    dueTo: a?.dueTo ?? '',
    workPackage: a?.workPackage ?? '',
  };
}

export interface ActivityDialogProps {
  controlPoint: number;
  /** null: a new activity. */
  activity: Activity | null;
  workPackages: WorkPackage[];
  trigger: ReactElement;
  onSaved: () => void;
}

export function ActivityDialog({ controlPoint, activity, workPackages, trigger, onSaved }: ActivityDialogProps) {
  const styles = useFormStyles();
  const { s } = useI18n();
  const { client } = useSession();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(activity));
  const submit = useSubmit();
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const title = activity ? s.editActivity : s.addActivity;

  const onOpenChange = (next: boolean) => {
    if (next && !submit.error) setDraft(draftOf(activity)); // reopened after a save: start from what is stored
    setOpen(next);
  };

  const [showChecks, setShowChecks] = useState(false);
  const period = checkPeriod(draft.dueFrom, draft.dueTo);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setShowChecks(true);
    if (!periodOk(period)) return;
    const fields = {
      text: draft.text,
      state: draft.state,
      dueFrom: period.from,
      dueTo: period.to,
      workPackage: draft.workPackage || null,
    };
    const failure = await submit.run(fields, (key) =>
      activity
        ? client.write('PATCH', `/api/activities/${activity.id}`, { ...fields, version: draft.version ?? activity.version }, key)
        : client.write('POST', `/api/control-points/${controlPoint}/activities`, fields, key),
    );
    settleSave(failure, { close: () => setOpen(false), forgetVersion: () => set({ version: null }), reload: onSaved });
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={trigger}
      title={title}
      onSubmit={onSubmit}
      submit={submit}
      className={styles.form}
    >
      <Field label={s.activityText} required>
        <Textarea value={draft.text} onChange={(_, d) => set({ text: d.value })} rows={3} resize="vertical" />
      </Field>
      <StateSelect
        label={s.activityStateLabel}
        value={draft.state}
        states={STATES}
        labels={s.activityState}
        onChange={(state) => set({ state })}
      />
      <PeriodFields
        className={styles.row}
        period={period}
        showChecks={showChecks}
        from={{
          label: s.dueFrom,
          hint: s.quarterHint,
          value: draft.dueFrom,
          placeholder: '2025-Q1',
          onChange: (v) => set({ dueFrom: v }),
        }}
        to={{ label: s.dueTo, hint: s.quarterHint, value: draft.dueTo, placeholder: '2025-Q4', onChange: (v) => set({ dueTo: v }) }}
      />
      <Field label={s.workPackage}>
        <Select value={draft.workPackage} onChange={(_, d) => set({ workPackage: d.value })}>
          <option value="">{s.none}</option>
          {workPackages.map((wp) => (
            <option key={wp.key} value={wp.key}>
              {wp.name}
            </option>
          ))}
        </Select>
      </Field>
    </FormDialog>
  );
}

export function editLabel(activity: Activity, template: string, fill: (t: string, p: Record<string, string>) => string): string {
  return fill(template, { text: activity.text.length > 60 ? `${activity.text.slice(0, 59)}…` : activity.text });
}
