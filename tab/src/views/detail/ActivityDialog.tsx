/** CISO and editors: add an activity to the control point, or change one (text, state, period, work package). */
import { Field, Select } from '@fluentui/react-components';
import type { FormEvent, ReactElement } from 'react';
import type { Activity, ActivityState, WorkPackage } from '../../../../src/domain/model.js';
import { useSession } from '../../app/session.js';
import { periodOk } from '../../components/PeriodFields.js';
import { useEditDialog } from '../../components/useEditDialog.js';
import { WorkDialog } from '../../components/WorkDialog.js';
import { useI18n } from '../../i18n/i18n.js';
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
  const { s } = useI18n();
  const { client } = useSession();
  const dialog = useEditDialog(() => draftOf(activity), onSaved);
  const { draft, set } = dialog;
  const period = checkPeriod(draft.dueFrom, draft.dueTo);

  const fields = {
    text: draft.text,
    state: draft.state,
    dueFrom: period.from,
    dueTo: period.to,
    workPackage: draft.workPackage || null,
  };
  const onSubmit = (event: FormEvent) =>
    dialog.save(event, periodOk(period), fields, (key) =>
      activity
        ? client.write('PATCH', `/api/activities/${activity.id}`, { ...fields, version: draft.version ?? activity.version }, key)
        : client.write('POST', `/api/control-points/${controlPoint}/activities`, fields, key),
    );

  return (
    <WorkDialog
      dialog={dialog}
      trigger={trigger}
      title={activity ? s.editActivity : s.addActivity}
      onSubmit={onSubmit}
      states={STATES}
      stateLabels={s.activityState}
      from={{ value: draft.dueFrom, placeholder: '2025-Q1', onChange: (v) => set({ dueFrom: v }) }}
      to={{ value: draft.dueTo, placeholder: '2025-Q4', onChange: (v) => set({ dueTo: v }) }}
      period={period}
    >
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
    </WorkDialog>
  );
}

export function editLabel(activity: Activity, template: string, fill: (t: string, p: Record<string, string>) => string): string {
  return fill(template, { text: activity.text.length > 60 ? `${activity.text.slice(0, 59)}…` : activity.text });
}
