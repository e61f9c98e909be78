/**
 * CISO and editors: add an item to the action plan (åtgärd: neither an instruction nor a training), or change one:
 * its text, state (the report may name none), period of quarters, a date it is due and the instruction it concerns.
 * The server decides (POST /api/action-plan/items, PATCH /api/action-plan/items/:id under the item's version).
 */
import { Field, Input, Select } from '@fluentui/react-components';
import type { FormEvent, ReactElement } from 'react';
import type { ActionPlanItem, Instruction, InstructionState } from '../../../../src/domain/model.js';
import { words } from '../../../../src/words/index.js';
import { useSession } from '../../app/session.js';
import { periodOk } from '../../components/PeriodFields.js';
import { useEditDialog } from '../../components/useEditDialog.js';
import { WorkDialog } from '../../components/WorkDialog.js';
import { useI18n } from '../../i18n/i18n.js';
import { useFormStyles } from '../detail/StatusForm.js';
import { checkPeriod } from '../quarter.js';

const STATES: InstructionState[] = ['planned', 'ongoing', 'done', 'notStated'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Draft {
  /** The version the person started from: a change made meanwhile elsewhere is a conflict, not overwritten. */
  version: number | null;
  text: string;
  state: InstructionState;
  periodFrom: string;
  periodTo: string;
  dueDate: string;
  instruction: string;
}

function draftOf(item: ActionPlanItem | null): Draft {
  return {
    version: item?.version ?? null,
    text: item?.text ?? '',
    state: item?.state ?? 'planned',
    periodFrom: item?.periodFrom ?? '',
    periodTo: item?.periodTo ?? '',
    dueDate: item?.dueDate ?? '',
    instruction: item?.instruction === null || item?.instruction === undefined ? '' : String(item.instruction),
  };
}

export interface ActionPlanItemDialogProps {
  /** null: a new item, last in the plan. */
  item: ActionPlanItem | null;
  /** The unit's instructions, to say which one an item concerns. */
  instructions: Instruction[];
  trigger: ReactElement;
  onSaved: () => void;
}

export function ActionPlanItemDialog({ item, instructions, trigger, onSaved }: ActionPlanItemDialogProps) {
  const styles = useFormStyles();
  const { s, locale } = useI18n();
  const w = words(locale);
  const { client } = useSession();
  const dialog = useEditDialog(() => draftOf(item), onSaved);
  const { draft, set, showChecks } = dialog;

  const period = checkPeriod(draft.periodFrom, draft.periodTo);
  const dueOk = draft.dueDate === '' || DATE.test(draft.dueDate);

  const fields = {
    text: draft.text,
    state: draft.state,
    periodFrom: period.from,
    periodTo: period.to,
    dueDate: draft.dueDate || null,
    instruction: draft.instruction ? Number(draft.instruction) : null,
  };
  const onSubmit = (event: FormEvent) =>
    dialog.save(event, periodOk(period) && dueOk, fields, (key) =>
      item
        ? client.write('PATCH', `/api/action-plan/items/${item.id}`, { ...fields, version: draft.version ?? item.version }, key)
        : client.write('POST', '/api/action-plan/items', fields, key),
    );

  return (
    <WorkDialog
      dialog={dialog}
      trigger={trigger}
      title={item ? s.editPlanItem : s.addPlanItem}
      onSubmit={onSubmit}
      states={STATES}
      stateLabels={s.instructionState}
      from={{ value: draft.periodFrom, placeholder: '2024-Q4', onChange: (v) => set({ periodFrom: v }) }}
      to={{ value: draft.periodTo, placeholder: '2025-Q1', onChange: (v) => set({ periodTo: v }) }}
      period={period}
    >
      <div className={styles.row}>
        <Field
          label={w.thing.dueDate}
          validationState={showChecks && !dueOk ? 'error' : 'none'}
          validationMessage={showChecks && !dueOk ? s.planItemDueInvalid : undefined}
        >
          <Input type="date" value={draft.dueDate} onChange={(_, d) => set({ dueDate: d.value })} />
        </Field>
        <Field label={s.planItemInstruction}>
          <Select value={draft.instruction} onChange={(_, d) => set({ instruction: d.value })}>
            <option value="">{s.none}</option>
            {instructions.map((i) => (
              <option key={i.number} value={String(i.number)}>
                {`${i.code} ${i.title}`}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </WorkDialog>
  );
}
