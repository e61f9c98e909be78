/** The state of a piece of work (an activity, an instruction, an action-plan item) as a labelled choice. */
import { Field, Select } from '@fluentui/react-components';

export interface StateSelectProps<S extends string> {
  label: string;
  value: S;
  /** The states offered, in order. */
  states: readonly S[];
  /** Each state's words (from src/words through the tab's strings). */
  labels: Record<S, string>;
  onChange: (state: S) => void;
}

export function StateSelect<S extends string>({ label, value, states, labels, onChange }: StateSelectProps<S>) {
  return (
    <Field label={label}>
      <Select value={value} onChange={(_, d) => onChange(d.value as S)}>
        {states.map((st) => (
          <option key={st} value={st}>
            {labels[st]}
          </option>
        ))}
      </Select>
    </Field>
  );
}
