/**
 * The configurable tab's configuration page (/tab/config): the person adding the tab picks its
 * start view; Teams' Save calls our handler, which saves the tab through pages.config.
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/create-tab-pages/configuration-page
 * In a channel it first tells the server the tab's entityId, so the bot's cards in that channel
 * deep-link into this tab (src/store/channel-tabs.ts); removing the tab takes that back.
 * In a meeting the tab is the meeting view (/tab/meeting): the side panel and the stage.
 * https://learn.microsoft.com/microsoftteams/platform/apps-in-teams-meetings/build-tabs-for-meeting
 */
import { Body1, Field, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { channelTabEntityId, MEETING_TAB_ENTITY_ID, type ChannelTabView } from '../../../src/domain/tab-pages.js';
import type { ApiClient } from '../api/client.js';
import { useSession } from '../app/session.js';
import { PageHeading } from '../components/PageHeading.js';
import type { Host } from '../host/host.js';
import { useI18n } from '../i18n/i18n.js';
import { hrefOf } from '../routing/router.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
});

export interface TabConfig {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
}

export function tabConfigFor(view: ChannelTabView, origin: string, names: { board: string; plan: string }): TabConfig {
  const url = origin + hrefOf({ name: view });
  return {
    entityId: channelTabEntityId(view),
    contentUrl: url,
    websiteUrl: url,
    suggestedDisplayName: view === 'board' ? `DPO Board – ${names.board}` : `DPO Board – ${names.plan}`,
  };
}

export function meetingTabConfig(origin: string, name: string): TabConfig {
  return {
    entityId: MEETING_TAB_ENTITY_ID,
    contentUrl: origin + hrefOf({ name: 'meeting' }),
    websiteUrl: origin + hrefOf({ name: 'board' }),
    suggestedDisplayName: `DPO Board – ${name}`,
  };
}

const channelTabPath = (channelId: string) => `/api/channel-tabs/${encodeURIComponent(channelId)}`;
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Save: the server learns the channel's tab first (so a failure leaves Teams without a tab our links miss), then Teams saves it. */
async function saveTab(host: Host, client: ApiClient, config: TabConfig): Promise<void> {
  const channelId = host.teams?.meetingId ? null : host.teams?.channelId;
  if (channelId) await client.write('PUT', channelTabPath(channelId), { entityId: config.entityId });
  await host.config!.setConfig(config);
}

export default function ConfigPage({ host }: { host: Host }) {
  const styles = useStyles();
  const { s, f } = useI18n();
  const { client } = useSession();
  const [view, setView] = useState<ChannelTabView>('board');
  const inMeeting = Boolean(host.teams?.meetingId);
  const removing = host.teams?.frameContext === 'remove';
  const config = inMeeting
    ? meetingTabConfig(window.location.origin, s.meetingTabName)
    : tabConfigFor(view, window.location.origin, { board: s.navBoard, plan: s.navPlan });
  // The handlers are registered once and must use what was chosen last.
  const latest = useRef({ config, client });
  useEffect(() => {
    latest.current = { config, client };
  });

  useEffect(() => {
    const api = host.config;
    if (!api) return;
    // Teams opens this page in frame context "remove" to remove the tab; saving belongs to "settings" only.
    if (host.teams?.frameContext !== 'remove') {
      api.registerOnSaveHandler((save) => {
        saveTab(host, latest.current.client, latest.current.config).then(
          () => save.notifySuccess(),
          (error: unknown) => save.notifyFailure(reasonOf(error)),
        );
      });
    }
    // Removing the tab never waits on us: links fall back to the personal tab at worst.
    api.registerOnRemoveHandler?.((remove) => {
      const channelId = host.teams?.channelId;
      const entityId = host.teams?.entityId;
      const forget =
        channelId && entityId ? latest.current.client.remove(`${channelTabPath(channelId)}/${encodeURIComponent(entityId)}`) : null;
      void Promise.resolve(forget)
        .catch(() => undefined)
        .then(() => remove.notifySuccess());
    });
    api.setValidityState(true);
  }, [host]);

  return (
    <div className={styles.root}>
      <PageHeading>{s.configHeading}</PageHeading>
      <Body1>{removing ? s.configRemoving : inMeeting ? s.configMeetingIntro : s.configIntro}</Body1>
      {!host.config && (
        <MessageBar intent="info">
          <MessageBarBody>{s.configOutsideTeams}</MessageBarBody>
        </MessageBar>
      )}
      {!inMeeting && !removing && (
        <Field label={s.configStart}>
          <RadioGroup value={view} onChange={(_, data) => setView(data.value as ChannelTabView)}>
            <Radio value="board" label={s.navBoard} />
            <Radio value="plan" label={s.navPlan} />
          </RadioGroup>
        </Field>
      )}
      <Body1 role="status">{f(s.configReady, { name: config.suggestedDisplayName })}</Body1>
    </div>
  );
}
