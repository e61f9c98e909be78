/**
 * The action plan: the 31 instructions by state as the report states them (planned ones by quarter, those it names
 * no state for apart), progress, the plan's other items (added and changed here by the CISO and editors), trainings,
 * sub-projects, project period and the contact.
 */
import { Badge, Body1, Button, Caption1, Card, Field, makeStyles, ProgressBar, Spinner, Text, tokens } from '@fluentui/react-components';
import { Add16Regular, Edit16Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { Instruction } from '../../../src/domain/model.js';
import type { ActionPlanView } from '../../../src/domain/views.js';
import { periodLabel, words } from '../../../src/words/index.js';
import { useSession } from '../app/session.js';
import { ErrorBar } from '../components/ErrorBar.js';
import { PageHeading } from '../components/PageHeading.js';
import { ReportDownload } from '../components/ReportDownload.js';
import { useI18n } from '../i18n/i18n.js';
import { usePageStyles } from '../components/pageStyles.js';
import { ActionPlanItemDialog } from './plan/ActionPlanItemDialog.js';
import { ContactCard } from './plan/ContactCard.js';
import { InstructionDialog } from './plan/InstructionDialog.js';
import { useResource } from './useResource.js';

const useStyles = makeStyles({
  summary: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginBottom: tokens.spacingVerticalL },
  groups: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(360px, 100%), 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  row: {
    display: 'grid',
    gridTemplateColumns: '5.5em 1fr auto',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  code: { fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground2 },
  sub: { margin: `${tokens.spacingVerticalS} 0 0`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  count: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
});

const STATE_COLOR = { done: 'success', ongoing: 'warning', planned: 'informative', notStated: 'subtle' } as const;

function InstructionList({ items, onSaved }: { items: Instruction[]; onSaved: () => void }) {
  const styles = useStyles();
  const page = usePageStyles();
  const { s, locale } = useI18n();
  const { can } = useSession();
  return (
    <ul className={page.list} style={{ gap: 0 }}>
      {items.map((i) => (
        <li key={i.number} className={styles.row} data-testid={`instruction-${i.number}`}>
          <Text className={styles.code}>{i.code}</Text>
          <div>
            <Text>{i.title}</Text>
            {(i.note || i.plannedFrom || i.plannedQuarter || i.group) && (
              <Caption1 className={page.muted} style={{ display: 'block' }}>
                {[periodLabel(i.plannedFrom, i.plannedQuarter, locale), i.group ?? '', i.note ?? ''].filter(Boolean).join(' · ')}
              </Caption1>
            )}
          </div>
          <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
            <Badge appearance="tint" color={STATE_COLOR[i.state]}>
              {s.instructionState[i.state]}
            </Badge>
            {can('writeInstructions') && <InstructionDialog instruction={i} onSaved={onSaved} />}
          </div>
        </li>
      ))}
    </ul>
  );
}

function Group({ title, count, children, testId }: { title: string; count: number; children: ReactNode; testId: string }) {
  const page = usePageStyles();
  const styles = useStyles();
  return (
    <Card className={page.section} data-testid={testId}>
      <h2 className={page.h2}>
        {title} <span className={styles.count}>({count})</span>
      </h2>
      {children}
    </Card>
  );
}

export default function ActionPlanPage() {
  const styles = useStyles();
  const page = usePageStyles();
  const { s, f, date, quarter, locale } = useI18n();
  const w = words(locale);
  const { refresh, can } = useSession();
  const { data, error, reload } = useResource<ActionPlanView>('/api/action-plan');
  const saved = () => {
    reload();
    void refresh();
  };
  if (error && !data) return <ErrorBar error={error} onRetry={reload} />;
  if (!data) return <Spinner label={s.loading} />;

  const { progress } = data;
  const allInstructions = Object.values(data.instructions)
    .flat()
    .sort((a, b) => a.number - b.number);
  const plannedOnly = data.plannedByQuarter
    .map((g) => ({ quarter: g.quarter, instructions: g.instructions.filter((i) => i.state === 'planned') }))
    .filter((g) => g.instructions.length > 0);
  return (
    <>
      <PageHeading>{s.planHeading}</PageHeading>
      {error && <ErrorBar error={error} onRetry={reload} />}
      <div className={styles.summary}>
        <ReportDownload />
        {data.project && (
          <Body1>
            <Text weight="semibold">{`${s.project}: ${data.project.name}`}</Text>
            {' · '}
            {f(s.projectPeriod, { from: date(data.project.startDate), to: date(data.project.endDate) })}
          </Body1>
        )}
        <Field
          label={s.progress}
          validationState="none"
          validationMessage={f(s.progressText, { ...progress, percent: progress.percentDone })}
        >
          <ProgressBar
            value={progress.done}
            max={Math.max(progress.total, 1)}
            thickness="large"
            color="success"
            aria-valuetext={f(s.progressText, { ...progress, percent: progress.percentDone })}
          />
        </Field>
      </div>
      <div className={styles.groups}>
        <div className={page.column}>
          <Group title={s.doneGroup} count={progress.done} testId="group-done">
            <InstructionList items={data.instructions.done} onSaved={saved} />
          </Group>
          <Group title={s.ongoingGroup} count={progress.ongoing} testId="group-ongoing">
            <InstructionList items={data.instructions.ongoing} onSaved={saved} />
          </Group>
          <Card className={page.section}>
            <h2 className={page.h2}>{s.workPackages}</h2>
            <ul className={page.list}>
              {data.workPackages.map((wp) => (
                <li key={wp.key}>
                  <Text weight="semibold">{wp.name}</Text>{' '}
                  <Caption1 className={wp.overdue ? page.danger : page.muted}>
                    {wp.expectedEnd ? f(s.workPackageEnd, { date: date(wp.expectedEnd) }) : ''}
                    {wp.overdue ? ` · ${s.overdue}` : ''}
                  </Caption1>
                </li>
              ))}
            </ul>
          </Card>
          <Card className={page.section} data-testid="trainings">
            <h2 className={page.h2}>{s.trainings}</h2>
            <ul className={page.list}>
              {data.trainings.map((t) => (
                <li key={t.id} className={styles.row} style={{ gridTemplateColumns: '1fr auto' }}>
                  <Text>
                    {t.title}
                    {t.plannedQuarter ? (
                      <Caption1 className={page.muted}>{` · ${periodLabel(t.plannedFrom, t.plannedQuarter, locale)}`}</Caption1>
                    ) : null}
                  </Text>
                  <Badge appearance="tint" color={t.state === 'done' ? 'success' : 'informative'}>
                    {s.trainingState[t.state]}
                  </Badge>
                </li>
              ))}
            </ul>
          </Card>
          <Card className={page.section} data-testid="plan-items">
            <div className={page.sectionHead}>
              <h2 className={page.h2}>{w.thing.actionPlanItems}</h2>
              {can('writePlan') && (
                <ActionPlanItemDialog
                  item={null}
                  instructions={allInstructions}
                  onSaved={saved}
                  trigger={
                    <Button size="small" icon={<Add16Regular />}>
                      {s.addPlanItem}
                    </Button>
                  }
                />
              )}
            </div>
            <ul className={page.list}>
              {data.items.map((item) => (
                <li key={item.id} className={styles.row} style={{ gridTemplateColumns: '1fr auto' }} data-testid={`plan-item-${item.id}`}>
                  <div>
                    <Text>{item.text}</Text>
                    <Caption1 className={page.muted} style={{ display: 'block' }}>
                      {[
                        periodLabel(item.periodFrom, item.periodTo, locale),
                        item.dueDate ? `${w.thing.dueDate} ${date(item.dueDate)}` : '',
                        item.instruction ? `IIFS ${String(item.instruction).padStart(2, '0')}` : '',
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Caption1>
                  </div>
                  <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
                    <Badge appearance="tint" color={STATE_COLOR[item.state]}>
                      {s.instructionState[item.state]}
                    </Badge>
                    {can('writePlan') && (
                      <ActionPlanItemDialog
                        item={item}
                        instructions={allInstructions}
                        onSaved={saved}
                        trigger={
                          <Button
                            appearance="subtle"
                            size="small"
                            icon={<Edit16Regular />}
                            aria-label={f(s.editPlanItemNamed, { text: item.text })}
                            title={s.editPlanItem}
                          />
                        }
                      />
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </Card>
          <Card className={page.section} data-testid="sub-projects">
            <h2 className={page.h2}>{s.subProjects}</h2>
            <ol style={{ margin: 0, paddingLeft: '1.4em' }}>
              {data.subProjects.map((p) => (
                <li key={p.id}>
                  <Text>{p.name}</Text>
                </li>
              ))}
            </ol>
          </Card>
        </div>
        <Group title={s.plannedGroup} count={progress.planned} testId="group-planned">
          {plannedOnly.map((g) => (
            <section key={g.quarter ?? 'none'} aria-label={g.quarter ? f(s.quarterGroup, { quarter: quarter(g.quarter) }) : s.noQuarter}>
              <h3 className={styles.sub}>{g.quarter ? f(s.quarterGroup, { quarter: quarter(g.quarter) }) : s.noQuarter}</h3>
              <InstructionList items={g.instructions} onSaved={saved} />
            </section>
          ))}
        </Group>
        <Group title={w.stateGroup.notStated} count={progress.notStated} testId="group-not-stated">
          <InstructionList items={data.instructions.notStated} onSaved={saved} />
        </Group>
        <ContactCard contact={data.contact} onSaved={saved} />
      </div>
    </>
  );
}
