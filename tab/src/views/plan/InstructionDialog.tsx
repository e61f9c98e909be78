/** CISO and editors: change an instruction's state, planned period (from quarter – quarter) and note. */
import { Button, Field, Textarea } from '@fluentui/react-components';
import { Edit16Regular } from '@fluentui/react-icons';
import type { FormEvent } from 'react';
import type { Instruction, InstructionState } from '../../../../src/domain/model.js';
import { useSession } from '../../app/session.js';
import { FormDialog } from '../../components/FormDialog.js';
import { StateSelect } from '../../components/StateSelect.js';
import { PeriodFields, periodOk } from '../../components/PeriodFields.js';
import { useEditDialog } from '../../components/useEditDialog.js';
import { useI18n } from '../../i18n/i18n.js';
import { useFormStyles } from '../detail/StatusForm.js';
import { checkPeriod } from '../quarter.js';

const STATES: InstructionState[] = ['done', 'ongoing', 'planned', 'notStated'];

interface Draft {
  state: InstructionState;
  plannedFrom: string;
  plannedQuarter: string;
  note: string;
  /** The version the person started from: a change made meanwhile elsewhere is a conflict, not overwritten. */
  version: number | null;
}

export function InstructionDialog({ instruction, onSaved }: { instruction: Instruction; onSaved: () => void }) {
  const styles = useFormStyles();
  const { s, f } = useI18n();
  const { client } = useSession();
  const dialog = useEditDialog<Draft>(
    () => ({
      state: instruction.state,
      plannedFrom: instruction.plannedFrom ?? '',
      plannedQuarter: instruction.plannedQuarter ?? '',
      note: instruction.note ?? '',
      version: instruction.version,
    }),
    onSaved,
  );
  const { draft, set } = dialog;
  const title = f(s.changeInstruction, { code: instruction.code });
  const period = checkPeriod(draft.plannedFrom, draft.plannedQuarter);

  const body = {
    state: draft.state,
    plannedFrom: period.from,
    plannedQuarter: period.to,
    note: draft.note.trim() || null,
    version: draft.version ?? instruction.version,
  };
  const onSubmit = (event: FormEvent) =>
    dialog.save(event, periodOk(period), body, (key) => client.write('PATCH', `/api/instructions/${instruction.number}`, body, key));

  return (
    <FormDialog
      open={dialog.open}
      onOpenChange={dialog.onOpenChange}
      trigger={
        <Button appearance="subtle" size="small" icon={<Edit16Regular />} aria-label={`${title}: ${instruction.title}`} title={title} />
      }
      title={`${title}: ${instruction.title}`}
      onSubmit={onSubmit}
      submit={dialog.submit}
      className={styles.form}
    >
      <StateSelect
        label={s.activityStateLabel}
        value={draft.state}
        states={STATES}
        labels={s.instructionState}
        onChange={(state) => set({ state })}
      />
      <PeriodFields
        className={styles.row}
        period={period}
        showChecks={dialog.showChecks}
        from={{
          label: s.plannedFrom,
          hint: s.plannedFromHint,
          value: draft.plannedFrom,
          placeholder: '2024-Q4',
          onChange: (v) => set({ plannedFrom: v }),
        }}
        to={{
          label: s.plannedQuarter,
          hint: s.quarterHint,
          value: draft.plannedQuarter,
          placeholder: '2025-Q2',
          onChange: (v) => set({ plannedQuarter: v }),
        }}
      />
      <Field label={s.note}>
        <Textarea value={draft.note} onChange={(_, d) => set({ note: d.value })} rows={2} resize="vertical" />
      </Field>
    </FormDialog>
  );
}
