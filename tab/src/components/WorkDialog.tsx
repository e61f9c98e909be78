/**
 * The dialog of a piece of planned work (an activity, an action-plan item): the edit dialog's shell with the fields
 * such work has, labelled alike (its text, its state, its period of quarters from – to), then what only the dialog
 * has (children). The dialog's life is useEditDialog's.
 */
import { Field, Textarea } from '@fluentui/react-components';
import type { FormEvent, ReactElement, ReactNode } from 'react';
import type { PeriodCheck } from '../views/quarter.js';
import { useFormStyles } from '../views/detail/StatusForm.js';
import { useI18n } from '../i18n/i18n.js';
import { FormDialog } from './FormDialog.js';
import { PeriodFields } from './PeriodFields.js';
import { StateSelect } from './StateSelect.js';
import type { EditDialog } from './useEditDialog.js';

/** One end of the period: what is typed, an example, and where a change goes. */
export interface QuarterInput {
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}

/** What every piece of work's draft has. */
export interface WorkDraft<S extends string> {
  version: number | null;
  text: string;
  state: S;
}

export interface WorkDialogProps<S extends string, D extends WorkDraft<S>> {
  dialog: EditDialog<D>;
  trigger: ReactElement;
  title: string;
  onSubmit: (event: FormEvent) => Promise<void>;
  /** The states offered, in order, and their words. */
  states: readonly S[];
  stateLabels: Record<S, string>;
  from: QuarterInput;
  to: QuarterInput;
  /** checkPeriod(from.value, to.value) */
  period: PeriodCheck;
  /** The fields only this kind of work has, after the period. */
  children: ReactNode;
}

export function WorkDialog<S extends string, D extends WorkDraft<S>>(props: WorkDialogProps<S, D>) {
  const { dialog, from, to } = props;
  const styles = useFormStyles();
  const { s } = useI18n();
  const set = (patch: Partial<WorkDraft<S>>) => dialog.set(patch as Partial<D>);
  return (
    <FormDialog
      open={dialog.open}
      onOpenChange={dialog.onOpenChange}
      trigger={props.trigger}
      title={props.title}
      onSubmit={props.onSubmit}
      submit={dialog.submit}
      className={styles.form}
    >
      <Field label={s.activityText} required>
        <Textarea value={dialog.draft.text} onChange={(_, d) => set({ text: d.value })} rows={3} resize="vertical" />
      </Field>
      <StateSelect
        label={s.activityStateLabel}
        value={dialog.draft.state}
        states={props.states}
        labels={props.stateLabels}
        onChange={(state) => set({ state })}
      />
      <PeriodFields
        className={styles.row}
        period={props.period}
        showChecks={dialog.showChecks}
        from={{ label: s.dueFrom, hint: s.quarterHint, ...from }}
        to={{ label: s.dueTo, hint: s.quarterHint, ...to }}
      />
      {props.children}
    </FormDialog>
  );
}
