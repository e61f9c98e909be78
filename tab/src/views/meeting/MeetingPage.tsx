/**
 * The meeting tab (/tab/meeting), as Teams frames it in a meeting:
 * - frame context `sidePanel`: the side panel (focus areas, the twelve control points, "Dela till scen");
 * - frame context `meetingStage`: the board on the stage;
 * - anywhere else (the meeting's chat or details tab, a browser): the ordinary board.
 * https://learn.microsoft.com/microsoftteams/platform/apps-in-teams-meetings/build-tabs-for-meeting
 */
import { useEffect } from 'react';
import type { Host } from '../../host/host.js';
import { useRouter } from '../../routing/router.js';
import { SidePanel } from './SidePanel.js';
import { StageView } from './StageView.js';

export default function MeetingPage({ host }: { host: Host }) {
  const frame = host.teams?.frameContext;
  const { navigate } = useRouter();
  const meetingFrame = frame === 'sidePanel' || frame === 'meetingStage';
  useEffect(() => {
    if (!meetingFrame) navigate({ name: 'board' });
  }, [meetingFrame, navigate]);
  if (frame === 'sidePanel') return <SidePanel host={host} />;
  if (frame === 'meetingStage') return <StageView number={null} />;
  return null;
}
