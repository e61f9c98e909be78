/**
 * A period of quarters as two fields side by side (from, to), checked as people type them
 * (tab/src/views/quarter.ts): one place for the activity, instruction and action-plan item dialogs.
 */
import { Field, Input } from '@fluentui/react-components';
import type { PeriodCheck } from '../views/quarter.js';
import { useI18n } from '../i18n/i18n.js';

export interface PeriodFieldProps {
  label: string;
  hint: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}

export interface PeriodFieldsProps {
  from: PeriodFieldProps;
  to: PeriodFieldProps;
  /** checkPeriod(from.value, to.value) */
  period: PeriodCheck;
  /** Errors show once the person has tried to save. */
  showChecks: boolean;
  /** The form's row style (two fields side by side). */
  className: string;
}

/** True when both quarters are empty or valid and in order. */
export function periodOk(period: PeriodCheck): boolean {
  return !period.fromError && !period.toError;
}

export function PeriodFields({ from, to, period, showChecks, className }: PeriodFieldsProps) {
  const { s } = useI18n();
  const fromMessage = showChecks && period.fromError ? s.quarterInvalid : undefined;
  const toMessage = !showChecks ? undefined : period.toError === 'order' ? s.periodOrder : period.toError ? s.quarterInvalid : undefined;
  const field = (props: PeriodFieldProps, message: string | undefined) => (
    <Field label={props.label} hint={props.hint} validationState={message ? 'error' : 'none'} validationMessage={message}>
      <Input value={props.value} onChange={(_, d) => props.onChange(d.value)} placeholder={props.placeholder} />
    </Field>
  );
  return (
    <div className={className}>
      {field(from, fromMessage)}
      {field(to, toMessage)}
    </div>
  );
}
