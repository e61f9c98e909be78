/**
 * The units page (/tab/admin/units, issue 14 item 1): every unit the person may read, active ones first and the
 * archived ones apart, with their people responsible. Someone with manageUnits in every unit (the administrator,
 * a DPO of all units) creates units; anyone with manageUnits in a unit renames it, names its people and archives
 * or restores it. The server decides every write; the page only leaves out what would be refused.
 */
import {
  Body1,
  Button,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { Add16Regular, Edit16Regular } from '@fluentui/react-icons';
import { ALL_UNITS, can } from '../../../src/domain/roles.js';
import { hasContacts, unitLabel, unitName, type UnitAsSeen } from '../../../src/domain/units.js';
import { words } from '../../../src/words/index.js';
import type { Me } from '../app/types.js';
import { useSession } from '../app/session.js';
import { ErrorBar } from '../components/ErrorBar.js';
import { PageHeading } from '../components/PageHeading.js';
import { useI18n } from '../i18n/i18n.js';
import { useResource } from './useResource.js';
import { ArchiveDialog } from './units/ArchiveDialog.js';
import { UnitDialog } from './units/UnitDialog.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  table: { backgroundColor: tokens.colorNeutralBackground1 },
  people: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
});

const managesIn = (me: Me, unitId: string) => Boolean(me.permissionsByUnit[unitId]?.includes('manageUnits'));
/** Creating needs manageUnits in every unit (the rule the server applies, src/domain/roles.ts). */
const managesEverywhere = (me: Me) => can(me, 'manageUnits', ALL_UNITS);

export default function UnitsAdminPage() {
  const styles = useStyles();
  const { s } = useI18n();
  const t = s.unitsAdmin;
  const { me } = useSession();
  // The server sends the people's e-mail only for the units the person may manage or is DPO or CISO of.
  const { data, error, reload } = useResource<{ units: UnitAsSeen[] }>('/api/units');
  if (error) return <ErrorBar error={error} />;
  if (!data || !me) return <Spinner label={s.loading} />;
  const mayManage = managesEverywhere(me) || data.units.some((u) => managesIn(me, u.id));
  if (!mayManage) {
    return (
      <div className={styles.root}>
        <PageHeading>{t.heading}</PageHeading>
        <Body1>{t.notAllowed}</Body1>
      </div>
    );
  }
  const active = data.units.filter((u) => !u.archived);
  const archived = data.units.filter((u) => u.archived);
  return (
    <div className={styles.root}>
      <PageHeading>{t.heading}</PageHeading>
      <Body1>{t.intro}</Body1>
      {managesEverywhere(me) && (
        <div>
          <UnitDialog
            unit={null}
            onSaved={reload}
            trigger={
              <Button appearance="primary" icon={<Add16Regular />}>
                {t.create}
              </Button>
            }
          />
        </div>
      )}
      <UnitTable id="units-active" heading={t.active} none={t.noneActive} units={active} me={me} onSaved={reload} />
      <UnitTable id="units-archived" heading={t.archivedHeading} none={t.noneArchived} units={archived} me={me} onSaved={reload} />
    </div>
  );
}

interface UnitTableProps {
  id: string;
  heading: string;
  none: string;
  units: UnitAsSeen[];
  me: Me;
  onSaved: () => void;
}

function UnitTable({ id, heading, none, units, me, onSaved }: UnitTableProps) {
  const styles = useStyles();
  const { s, f, locale } = useI18n();
  const t = s.unitsAdmin;
  const roles = words(locale).role;
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h2 id={id} className={styles.h2}>
        {heading}
      </h2>
      {units.length === 0 ? (
        <Body1>{none}</Body1>
      ) : (
        <Table className={styles.table} aria-label={f(t.tableLabel, { heading })}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t.name}</TableHeaderCell>
              <TableHeaderCell>{t.nameEn}</TableHeaderCell>
              <TableHeaderCell>{t.id}</TableHeaderCell>
              <TableHeaderCell>{t.organisation}</TableHeaderCell>
              <TableHeaderCell>{t.people}</TableHeaderCell>
              <TableHeaderCell>{t.actions}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {units.map((unit) => (
              <TableRow key={unit.id}>
                <TableCell>{unitLabel(unit, 'sv')}</TableCell>
                <TableCell lang="en">{unitName(unit, 'en')}</TableCell>
                <TableCell>{unit.id}</TableCell>
                <TableCell>{unit.organisation}</TableCell>
                <TableCell>
                  {unit.responsible.length === 0 ? (
                    t.noPeople
                  ) : (
                    <ul className={styles.people}>
                      {unit.responsible.map((p, i) => (
                        <li key={`${i}:${p.role}`}>
                          {'email' in p ? `${p.name} (${roles[p.role]}, ${p.email})` : `${p.name} (${roles[p.role]})`}
                        </li>
                      ))}
                    </ul>
                  )}
                </TableCell>
                <TableCell>
                  {managesIn(me, unit.id) && hasContacts(unit) && (
                    <div className={styles.actions}>
                      {!unit.archived && (
                        <UnitDialog
                          unit={unit}
                          onSaved={onSaved}
                          trigger={
                            <Button appearance="subtle" icon={<Edit16Regular />} aria-label={f(t.editLabel, { unit: unit.name })}>
                              {t.edit}
                            </Button>
                          }
                        />
                      )}
                      <ArchiveDialog unit={unit} onSaved={onSaved} />
                    </div>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
