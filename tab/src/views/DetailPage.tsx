/** One control point, deep-linkable at /tab/control-points/<n>: status, activities, plan, assessments, history, change log. */
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Card,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { Add20Regular, ArrowLeft16Regular, Edit16Regular, Star16Filled, Warning16Filled } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import type { ControlPointDetail } from '../../../src/domain/views.js';
import { ApiError } from '../api/client.js';
import { useSession } from '../app/session.js';
import { ErrorBar } from '../components/ErrorBar.js';
import { LevelMeter } from '../components/LevelMeter.js';
import { PageHeading } from '../components/PageHeading.js';
import { useI18n } from '../i18n/i18n.js';
import { useHref, useLinkClick } from '../routing/router.js';
import { ActivityDialog, editLabel } from './detail/ActivityDialog.js';
import { AssessmentForm } from './detail/AssessmentForm.js';
import { AssessmentChart, AssessmentTimeline } from './detail/AssessmentHistory.js';
import { describeChange } from './detail/describeChange.js';
import { usePageStyles } from '../components/pageStyles.js';
import { StatusForm } from './detail/StatusForm.js';
import { EvidenceSection } from './detail/EvidenceSection.js';
import { StatusRequestButton } from './detail/StatusRequestButton.js';
import { FocusText } from './detail/FocusText.js';
import { TERMS } from '../../../src/words/index.js';
import { useResource } from './useResource.js';

function Section({ title, action, children, testId }: { title: string; action?: ReactNode; children: ReactNode; testId?: string }) {
  const styles = usePageStyles();
  return (
    <Card className={styles.section} data-testid={testId}>
      <div className={styles.sectionHead}>
        <h2 className={styles.h2}>{title}</h2>
        {action}
      </div>
      {children}
    </Card>
  );
}

const STATE_COLOR = { planned: 'informative', ongoing: 'warning', done: 'success' } as const;

export default function DetailPage({ number }: { number: number }) {
  const styles = usePageStyles();
  const i18n = useI18n();
  const { s, f, date, dateTime, quarter } = i18n;
  const { can, refresh, board } = useSession();
  const back = useLinkClick({ name: 'board' });
  const boardHref = useHref({ name: 'board' });
  const { data, error, reload } = useResource<ControlPointDetail>(`/api/control-points/${number}`);
  const saved = () => {
    reload();
    void refresh();
  };

  const backLink = (
    <Link href={boardHref} onClick={back} className={styles.back}>
      <ArrowLeft16Regular aria-hidden />
      {s.backToBoard}
    </Link>
  );
  if (error && !data) {
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <>
        {backLink}
        {missing ? <PageHeading>{s.notFoundControlPoint}</PageHeading> : <ErrorBar error={error} onRetry={reload} />}
      </>
    );
  }
  if (!data) return <Spinner label={s.loading} />;

  const cp = data.controlPoint;
  const latestStatus = data.statusUpdates[0] ?? null;
  const dpoMark = data.assessmentsByYear.at(-1)?.latest ?? null;
  const dpoLevel = dpoMark?.level ?? null;
  const unitLevel = data.statusUpdates.find((u) => u.unitLevel !== null)?.unitLevel ?? null;
  const allPackages = board?.workPackages ?? data.workPackages;
  const readOnly = !can('writeStatus') && !can('assess') && !can('writeActivities');

  return (
    <>
      {backLink}
      <PageHeading>{`${f(s.controlPoint, { number: cp.number })}: ${cp.title}`}</PageHeading>
      <div className={styles.badges}>
        {data.focusYears.map((y) => (
          <Badge key={y} appearance="tint" color="brand" icon={<Star16Filled />}>
            {f(s.focus, { year: y })}
          </Badge>
        ))}
        {data.overdue && (
          <Badge appearance="tint" color="danger" icon={<Warning16Filled />} title={s.overdueLong}>
            {s.overdue}
          </Badge>
        )}
        <Caption1 className={styles.muted}>{`${s.owner}: ${cp.owner}`}</Caption1>
      </div>
      {error && <ErrorBar error={error} onRetry={reload} />}
      {readOnly && (
        <MessageBar intent="info" data-testid="read-only">
          <MessageBarBody>{s.readOnly}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.columns}>
        <div className={styles.column}>
          <Section title={s.latestStatus} testId="latest-status" action={<StatusRequestButton number={cp.number} owner={cp.owner} />}>
            <LevelMeter
              who={s.dpoRow}
              kind="dpo"
              level={dpoLevel}
              interpreted={dpoMark?.interpreted}
              scale={data.scale}
              emptyText={s.notAssessed}
            />
            <LevelMeter who={s.unitRow} kind="unit" level={unitLevel} scale={data.scale} emptyText={s.noUnitLevel} />
            {latestStatus ? (
              <>
                <Caption1 className={styles.block}>
                  {f(s.statusBy, { date: date(latestStatus.statusDate), name: latestStatus.authorName })}
                </Caption1>
                <Body1 as="p" className={styles.pre}>
                  {latestStatus.text}
                </Body1>
              </>
            ) : (
              <Body1>{s.noStatus}</Body1>
            )}
          </Section>
          {can('writeStatus') && (
            <Section title={s.addStatus}>
              <StatusForm number={cp.number} scale={data.scale} onSaved={saved} />
            </Section>
          )}
          <Section
            title={s.activities}
            testId="activities"
            action={
              can('writeActivities') ? (
                <ActivityDialog
                  controlPoint={cp.number}
                  activity={null}
                  workPackages={allPackages}
                  onSaved={saved}
                  trigger={<Button icon={<Add20Regular />}>{s.addActivity}</Button>}
                />
              ) : undefined
            }
          >
            {data.activities.length === 0 ? (
              <Body1>{s.noActivities}</Body1>
            ) : (
              <ul className={styles.list}>
                {data.activities.map((a) => (
                  <li key={a.id} className={styles.activity}>
                    <Badge appearance="filled" color={STATE_COLOR[a.state]}>
                      {s.activityState[a.state]}
                    </Badge>
                    <div>
                      <Body1 as="p" className={styles.pre}>
                        {a.text}
                      </Body1>
                      <Caption1 className={a.overdue ? styles.dangerBlock : styles.block}>
                        {[
                          a.dueFrom || a.dueTo
                            ? `${s.due}: ${a.dueFrom && a.dueTo ? f(s.dueRange, { from: quarter(a.dueFrom), to: quarter(a.dueTo) }) : quarter(a.dueTo ?? a.dueFrom)}`
                            : '',
                          a.workPackage ? (allPackages.find((wp) => wp.key === a.workPackage)?.name ?? a.workPackage) : '',
                          a.overdue ? s.overdue : '',
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </Caption1>
                    </div>
                    {can('writeActivities') ? (
                      <ActivityDialog
                        controlPoint={cp.number}
                        activity={a}
                        workPackages={allPackages}
                        onSaved={saved}
                        trigger={
                          <Button
                            appearance="subtle"
                            icon={<Edit16Regular />}
                            aria-label={editLabel(a, s.editActivityNamed, f)}
                            title={s.editActivity}
                          />
                        }
                      />
                    ) : (
                      <span />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title={s.statusHistory} testId="status-history">
            <ol className={styles.list}>
              {data.statusUpdates.map((u) => (
                <li key={u.id} className={styles.history}>
                  <Caption1 className={styles.block}>{f(s.statusBy, { date: date(u.statusDate), name: u.authorName })}</Caption1>
                  <Body1 as="p" className={styles.pre}>
                    {u.text}
                  </Body1>
                </li>
              ))}
            </ol>
          </Section>
        </div>
        <div className={styles.column}>
          <FocusText texts={data.focusTexts} />
          <Section title={s.workPackages}>
            {data.workPackages.length === 0 ? (
              <Body1>{s.noWorkPackage}</Body1>
            ) : (
              <ul className={styles.list}>
                {data.workPackages.map((wp) => (
                  <li key={wp.key}>
                    <Text weight="semibold">{wp.name}</Text>{' '}
                    <Caption1 className={wp.overdue ? styles.danger : styles.muted}>
                      {wp.expectedEnd ? f(s.workPackageEnd, { date: date(wp.expectedEnd) }) : ''}
                      {wp.overdue ? ` · ${s.overdue}` : ''}
                    </Caption1>
                  </li>
                ))}
              </ul>
            )}
            <Text>
              {`${s.expectedEnd}: `}
              <span className={data.overdue ? styles.danger : undefined}>{cp.expectedEnd ? date(cp.expectedEnd) : s.noExpectedEnd}</span>
            </Text>
          </Section>
          <Section title={s.assessmentHistory} testId="assessments">
            {data.assessmentsByYear.length > 0 && <AssessmentChart years={data.assessmentsByYear} scale={data.scale} />}
            <AssessmentTimeline years={data.assessmentsByYear} scale={data.scale} />
          </Section>
          {can('assess') && (
            <Section title={s.addAssessment}>
              <AssessmentForm
                number={cp.number}
                scale={data.scale}
                current={dpoLevel}
                latest={dpoMark}
                openYear={board?.years.at(-1) ?? null}
                onSaved={saved}
              />
            </Section>
          )}
          <Section title={TERMS[i18n.locale].thing.evidence}>
            <EvidenceSection number={cp.number} />
          </Section>
          <Section title={s.changeLog} testId="change-log">
            {data.changes.length === 0 ? (
              <Body1>{s.noChanges}</Body1>
            ) : (
              <div className={styles.tableWrap}>
                <Table size="small" aria-label={s.changeLog}>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell>{s.changeWhen}</TableHeaderCell>
                      <TableHeaderCell>{s.changeWho}</TableHeaderCell>
                      <TableHeaderCell>{s.changeWhat}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {data.changes.map((c) => (
                      <TableRow key={c.seq}>
                        <TableCell>{dateTime(c.at)}</TableCell>
                        <TableCell>{`${c.actorName} (${s.changeVia.toLowerCase()} ${s.source[c.source]})`}</TableCell>
                        <TableCell>{describeChange(c, i18n, data.scale)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
          </Section>
        </div>
      </div>
    </>
  );
}
