/**
 * The meeting side panel (frame context `sidePanel`, 320 px wide): the focus areas and the twelve
 * control points compactly, and "Dela till scen" / "Share to stage" for the board or one control
 * point, through teams-js meeting.shareAppContentToStage after asking Teams whether this person may
 * (meeting.getAppContentStageSharingCapabilities).
 * https://learn.microsoft.com/microsoftteams/platform/apps-in-teams-meetings/build-apps-for-teams-meeting-stage
 */
import { Body1, Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { ShareScreenStart20Regular, Star16Filled } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { levelLabel } from '../../../../src/domain/scale.js';
import type { ControlPointSummary } from '../../../../src/domain/views.js';
import { words } from '../../../../src/words/index.js';
import { useSession } from '../../app/session.js';
import { PageHeading } from '../../components/PageHeading.js';
import type { Host, MeetingApi } from '../../host/host.js';
import { useI18n } from '../../i18n/i18n.js';
import { hrefOf, inUnitOf, useRouter, type Route } from '../../routing/router.js';
import { UnitSwitcher } from '../../components/UnitSwitcher.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: {
    display: 'grid',
    gridTemplateColumns: '1.8em 1fr auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  number: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground2, textAlign: 'center' },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  title: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  levels: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground2 },
  overdue: { fontSize: tokens.fontSizeBase100, color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  marks: { display: 'inline-flex', gap: '2px', alignItems: 'center' },
});

type Notice = { intent: 'success' | 'warning' | 'error'; text: string } | null;

/** Whether Teams lets this person share to the stage: null while asking. */
function useCanShare(meeting: MeetingApi | undefined): boolean | null {
  const [can, setCan] = useState<boolean | null>(meeting ? null : false);
  useEffect(() => {
    if (!meeting) return;
    let live = true;
    meeting.canShareToStage().then(
      (yes) => live && setCan(yes),
      () => live && setCan(false),
    );
    return () => {
      live = false;
    };
  }, [meeting]);
  return can;
}

export function SidePanel({ host }: { host: Host }) {
  const styles = useStyles();
  const { s, f, locale } = useI18n();
  const { board } = useSession();
  const meeting = host.meeting;
  const canShare = useCanShare(meeting);
  const [notice, setNotice] = useState<Notice>(null);

  const { route: current } = useRouter();
  const share = (route: Extract<Route, { name: 'stage' }>, what: string) => {
    if (!meeting) return;
    // The stage shows the unit the side panel shows (issue 14).
    meeting.shareToStage(window.location.origin + hrefOf(inUnitOf(current, route))).then(
      () => setNotice({ intent: 'success', text: f(s.sharedToStage, { what }) }),
      (error: unknown) =>
        setNotice({ intent: 'error', text: f(s.shareFailed, { reason: error instanceof Error ? error.message : String(error) }) }),
    );
  };

  if (!board) return <Spinner label={s.loading} />;
  const focus = board.controlPoints.filter((cp) => cp.focus);
  const level = (n: number | null) => levelLabel(board.scale, n, locale);
  // A mark read from the report's X says so until the DPO confirms it (issue 12), here as on the board.
  const dpoLevel = (cp: ControlPointSummary) =>
    cp.dpo?.interpreted ? `${level(cp.dpo.level)} (${words(locale).level.interpreted})` : level(cp.dpo?.level ?? null);
  const shareButton = (cp: ControlPointSummary) =>
    canShare ? (
      <Button
        appearance="subtle"
        size="small"
        icon={<ShareScreenStart20Regular />}
        aria-label={f(s.shareControlPointToStage, { number: cp.number })}
        title={f(s.shareControlPointToStage, { number: cp.number })}
        onClick={() => share({ name: 'stage', number: cp.number }, `${f(s.controlPoint, { number: cp.number })} ${cp.title}`)}
      />
    ) : null;

  return (
    <div className={styles.root} data-testid="side-panel">
      <PageHeading>{f(s.meetingHeading, { year: board.year })}</PageHeading>
      <UnitSwitcher />
      {!meeting && (
        <MessageBar intent="info">
          <MessageBarBody>{s.meetingOutsideMeeting}</MessageBarBody>
        </MessageBar>
      )}
      {meeting && canShare === null && <Spinner size="tiny" />}
      {meeting && canShare === false && (
        <MessageBar intent="warning">
          <MessageBarBody>{s.shareNotAllowed}</MessageBarBody>
        </MessageBar>
      )}
      {canShare && (
        <Button
          appearance="primary"
          icon={<ShareScreenStart20Regular />}
          onClick={() => share({ name: 'stage', number: null }, s.navBoard)}
        >
          {s.shareBoardToStage}
        </Button>
      )}
      {notice && (
        <MessageBar intent={notice.intent} role="status">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <section className={styles.section} aria-labelledby="meeting-focus">
        <h2 id="meeting-focus" className={styles.h2}>
          {f(s.meetingFocusHeading, { year: board.focusYear ?? board.year + 1 })}
        </h2>
        {focus.length === 0 ? (
          <Body1>{s.meetingNoFocus}</Body1>
        ) : (
          <ul className={styles.list} data-testid="meeting-focus">
            {focus.map((cp) => (
              <li key={cp.number} className={styles.row}>
                <span className={styles.number}>{cp.number}</span>
                <Text className={styles.title}>{cp.title}</Text>
                {shareButton(cp)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={styles.section} aria-labelledby="meeting-cps">
        <h2 id="meeting-cps" className={styles.h2}>
          {s.meetingControlPointsHeading}
        </h2>
        <ul className={styles.list} data-testid="meeting-control-points">
          {board.controlPoints.map((cp) => (
            <li key={cp.number} className={styles.row} data-testid={`meeting-cp-${cp.number}`}>
              <span className={styles.number}>{cp.number}</span>
              <span className={styles.text}>
                <Text className={styles.title}>
                  <span className={styles.marks}>{cp.focus && <Star16Filled aria-label={s.focusShort} />}</span> {cp.title}
                </Text>
                <Text className={styles.levels}>
                  {f(s.meetingLevels, { who: s.dpoRow, level: dpoLevel(cp) })} ·{' '}
                  {f(s.meetingLevels, { who: s.unitRow, level: cp.unitLevel === null ? s.noUnitLevel : level(cp.unitLevel) })}
                </Text>
                {cp.overdue && <Text className={styles.overdue}>{s.overdue}</Text>}
              </span>
              {shareButton(cp)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
