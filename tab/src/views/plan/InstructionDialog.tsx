/** CISO and editors: change an instruction's state, planned period (from quarter – quarter) and note. */
import { Button, Field, Textarea } from '@fluentui/react-components';
import { Edit16Regular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { Instruction, InstructionState } from '../../../../src/domain/model.js';
import { useSession } from '../../app/session.js';
import { FormDialog } from '../../components/FormDialog.js';
import { StateSelect } from '../../components/StateSelect.js';
import { PeriodFields, periodOk } from '../../components/PeriodFields.js';
import { useI18n } from '../../i18n/i18n.js';
import { useFormStyles } from '../detail/StatusForm.js';
import { settleSave, useSubmit } from '../detail/useSubmit.js';
import { checkPeriod } from '../quarter.js';

const STATES: InstructionState[] = ['done', 'ongoing', 'planned', 'notStated'];

export function InstructionDialog({ instruction, onSaved }: { instruction: Instruction; onSaved: () => void }) {
  const styles = useFormStyles();
  const { s, f } = useI18n();
  const { client } = useSession();
  const [open, setOpen] = useState(false);
  const initial = () => ({
    state: instruction.state,
    plannedFrom: instruction.plannedFrom ?? '',
    plannedQuarter: instruction.plannedQuarter ?? '',
    note: instruction.note ?? '',
    version: instruction.version as number | null,
  });
  const [draft, setDraft] = useState(initial);
  const submit = useSubmit();
  const title = f(s.changeInstruction, { code: instruction.code });

  const [showChecks, setShowChecks] = useState(false);
  const period = checkPeriod(draft.plannedFrom, draft.plannedQuarter);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setShowChecks(true);
    if (!periodOk(period)) return;
    const body = {
      state: draft.state,
      plannedFrom: period.from,
      plannedQuarter: period.to,
      note: draft.note.trim() || null,
      // The version the person started from: a change made meanwhile elsewhere is a conflict, not overwritten.
      version: draft.version ?? instruction.version,
    };
    const failure = await submit.run(body, (key) => client.write('PATCH', `/api/instructions/${instruction.number}`, body, key));
    settleSave(failure, { close: () => setOpen(false), forgetVersion: () => setDraft((d) => ({ ...d, version: null })), reload: onSaved });
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        if (next && !submit.error) setDraft(initial());
        setOpen(next);
      }}
      trigger={
        <Button appearance="subtle" size="small" icon={<Edit16Regular />} aria-label={`${title}: ${instruction.title}`} title={title} />
      }
      title={`${title}: ${instruction.title}`}
      onSubmit={onSubmit}
      submit={submit}
      className={styles.form}
    >
      <StateSelect
        label={s.activityStateLabel}
        value={draft.state}
        states={STATES}
        labels={s.instructionState}
        onChange={(state) => setDraft({ ...draft, state })}
      />
      <PeriodFields
        className={styles.row}
        period={period}
        showChecks={showChecks}
        from={{
          label: s.plannedFrom,
          hint: s.plannedFromHint,
          value: draft.plannedFrom,
          placeholder: '2024-Q4',
          onChange: (v) => setDraft({ ...draft, plannedFrom: v }),
        }}
        to={{
          label: s.plannedQuarter,
          hint: s.quarterHint,
          value: draft.plannedQuarter,
          placeholder: '2025-Q2',
          onChange: (v) => setDraft({ ...draft, plannedQuarter: v }),
        }}
      />
      <Field label={s.note}>
        <Textarea value={draft.note} onChange={(_, d) => setDraft({ ...draft, note: d.value })} rows={2} resize="vertical" />
      </Field>
    </FormDialog>
  );
}
