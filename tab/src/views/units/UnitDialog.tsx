/**
 * Create a unit, or change one: its id (new units only: a slug), names in Swedish and English, organisation, the
 * first report year (new units only) and the people responsible (role, name, e-mail, optional Entra object id).
 * The server decides (POST /api/units, PATCH /api/units/:id under the unit's version; src/domain/units.ts).
 */
import { Button, Field, Input, makeStyles, Select, SpinButton, tokens } from '@fluentui/react-components';
import { Add16Regular, Delete16Regular } from '@fluentui/react-icons';
import type { FormEvent, ReactElement } from 'react';
import { UNIT_PERSON_ROLES, type Unit, type UnitPerson, type UnitPersonRole } from '../../../../src/domain/model.js';
import { words } from '../../../../src/words/index.js';
import { useSession } from '../../app/session.js';
import { FormDialog } from '../../components/FormDialog.js';
import { useEditDialog } from '../../components/useEditDialog.js';
import { useI18n } from '../../i18n/i18n.js';
import { useFormStyles } from '../detail/StatusForm.js';

/** As src/domain/units.ts UNIT_ID_PATTERN: checked here only to say it before the server does. */
const UNIT_ID = /^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$/;

const useStyles = makeStyles({
  people: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, border: 'none', padding: 0, margin: 0 },
  person: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    '@media (max-width: 600px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  remove: { gridColumn: '1 / -1', justifySelf: 'start' },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
});

interface Draft {
  version: number | null;
  id: string;
  name: string;
  nameEn: string;
  organisation: string;
  year: number;
  responsible: UnitPerson[];
}

function draftOf(unit: Unit | null): Draft {
  return {
    version: unit?.version ?? null,
    id: unit?.id ?? '',
    name: unit?.name ?? '',
    nameEn: unit?.nameEn ?? '',
    organisation: unit?.organisation ?? 'Göteborgs Stad',
    year: new Date().getFullYear(),
    responsible: unit?.responsible ?? [],
  };
}

export interface UnitDialogProps {
  /** null: a new unit. */
  unit: Unit | null;
  trigger: ReactElement;
  onSaved: () => void;
}

export function UnitDialog({ unit, trigger, onSaved }: UnitDialogProps) {
  const form = useFormStyles();
  const styles = useStyles();
  const { s, f, locale } = useI18n();
  const t = s.unitsAdmin;
  const { client } = useSession();
  const dialog = useEditDialog(() => draftOf(unit), onSaved);
  const { draft, set, showChecks } = dialog;
  const setPerson = (i: number, patch: Partial<UnitPerson>) =>
    set({ responsible: draft.responsible.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const idOk = unit !== null || UNIT_ID.test(draft.id);

  const responsible = draft.responsible.map(({ aadObjectId, ...p }) => ({ ...p, ...(aadObjectId?.trim() ? { aadObjectId } : {}) }));
  const fields = { name: draft.name, nameEn: draft.nameEn, organisation: draft.organisation, responsible };
  const onSubmit = (event: FormEvent) =>
    dialog.save(event, idOk, fields, (key) =>
      unit
        ? client.write('PATCH', `/api/units/${encodeURIComponent(unit.id)}`, { ...fields, version: draft.version ?? unit.version }, key)
        : client.write('POST', '/api/units', { ...fields, id: draft.id, year: draft.year }, key),
    );

  const roleLabels = words(locale).role;
  return (
    <FormDialog
      open={dialog.open}
      onOpenChange={dialog.onOpenChange}
      trigger={trigger}
      title={unit ? f(t.editTitle, { unit: unit.name }) : t.create}
      onSubmit={onSubmit}
      submit={dialog.submit}
      className={form.form}
    >
      {!unit && (
        <div className={form.row}>
          <Field
            label={t.id}
            hint={t.idHint}
            required
            validationState={showChecks && !idOk ? 'error' : 'none'}
            validationMessage={showChecks && !idOk ? t.idInvalid : undefined}
          >
            <Input value={draft.id} onChange={(_, d) => set({ id: d.value.trim().toLowerCase() })} />
          </Field>
          <Field label={t.firstYear} hint={t.firstYearHint}>
            <SpinButton
              value={draft.year}
              min={2000}
              max={2100}
              onChange={(_, d) => {
                const next = d.value ?? Number(d.displayValue);
                if (Number.isInteger(next) && next >= 2000 && next <= 2100) set({ year: next });
              }}
            />
          </Field>
        </div>
      )}
      <div className={form.row}>
        <Field label={t.name} required>
          <Input lang="sv" value={draft.name} onChange={(_, d) => set({ name: d.value })} />
        </Field>
        <Field label={t.nameEn} required>
          <Input lang="en" value={draft.nameEn} onChange={(_, d) => set({ nameEn: d.value })} />
        </Field>
      </div>
      <Field label={t.organisation} required>
        <Input value={draft.organisation} onChange={(_, d) => set({ organisation: d.value })} />
      </Field>
      <fieldset className={styles.people}>
        <legend className={styles.legend}>{t.people}</legend>
        <span>{draft.responsible.length === 0 ? t.noPeople : t.peopleHint}</span>
        {draft.responsible.map((p, i) => (
          <div key={i} className={styles.person} role="group" aria-label={f(t.person, { n: i + 1 })}>
            <Field label={t.personRole}>
              <Select value={p.role} onChange={(_, d) => setPerson(i, { role: d.value as UnitPersonRole })}>
                {UNIT_PERSON_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {roleLabels[role]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t.personName} required>
              <Input value={p.name} onChange={(_, d) => setPerson(i, { name: d.value })} />
            </Field>
            <Field label={t.personEmail} required>
              <Input type="email" value={p.email} onChange={(_, d) => setPerson(i, { email: d.value })} />
            </Field>
            <Field label={t.personObjectId}>
              <Input value={p.aadObjectId ?? ''} onChange={(_, d) => setPerson(i, { aadObjectId: d.value })} />
            </Field>
            <Button
              className={styles.remove}
              appearance="subtle"
              icon={<Delete16Regular />}
              aria-label={f(t.removePerson, { n: i + 1 })}
              onClick={() => set({ responsible: draft.responsible.filter((_, j) => j !== i) })}
            >
              {t.remove}
            </Button>
          </div>
        ))}
        <div>
          <Button
            icon={<Add16Regular />}
            onClick={() => set({ responsible: [...draft.responsible, { role: 'ciso', name: '', email: '' }] })}
          >
            {t.addPerson}
          </Button>
        </div>
      </fieldset>
    </FormDialog>
  );
}
