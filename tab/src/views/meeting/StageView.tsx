/**
 * What the meeting stage shows (/tab/meeting/stage[/control-points/n], frame context `meetingStage`):
 * the board, or one control point, live for everyone in the meeting (each sees it with their own
 * sign-in, the Collaborative sharing protocol of meeting.shareAppContentToStage).
 * https://learn.microsoft.com/microsoftteams/platform/apps-in-teams-meetings/build-apps-for-teams-meeting-stage
 */
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { PresenterRegular } from '@fluentui/react-icons';
import { lazy } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { BoardPage } from '../BoardPage.js';

const DetailPage = lazy(() => import('../DetailPage.js'));

const useStyles = makeStyles({
  label: { marginBottom: tokens.spacingVerticalS },
});

export function StageView({ number }: { number: number | null }) {
  const styles = useStyles();
  const { s } = useI18n();
  return (
    <section aria-label={s.stageLabel} data-testid="stage">
      <Badge className={styles.label} appearance="tint" color="informative" icon={<PresenterRegular />}>
        {s.stageLabel}
      </Badge>
      {number === null ? <BoardPage /> : <DetailPage number={number} />}
    </section>
  );
}

export default function StagePage({ number }: { number: number | null }) {
  return <StageView number={number} />;
}
