/**
 * The configurable tab's configuration page (/tab/config): the person adding the tab picks its
 * start view; Teams' Save calls our handler, which saves the tab through pages.config.
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/create-tab-pages/configuration-page
 * In a channel it first tells the server the tab's entityId, so the bot's cards in that channel
 * deep-link into this tab (src/store/channel-tabs.ts); removing the tab takes that back.
 * Issue 14: the page also picks the unit the channel follows (for someone who may read more than one unit); the
 * server's ChannelUnits.follow checks the choice, the same check the bot's `följ <enhet>` makes. The tab's content
 * URL names no unit: the tab shows whatever unit the channel follows, also after a later `följ`.
 * In a meeting the tab is the meeting view (/tab/meeting): the side panel and the stage.
 * https://learn.microsoft.com/microsoftteams/platform/apps-in-teams-meetings/build-tabs-for-meeting
 */
import {
  Body1,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { channelTabEntityId, MEETING_TAB_ENTITY_ID, type ChannelTabView } from '../../../src/domain/tab-pages.js';
import { unitLabel } from '../../../src/domain/units.js';
import type { ApiClient } from '../api/client.js';
import { useSession } from '../app/session.js';
import type { UnitInfo } from '../app/types.js';
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

/** The channel tab: its content names no unit (it shows the channel's); the website address, opened outside the channel, names it. */
export function tabConfigFor(
  view: ChannelTabView,
  origin: string,
  names: { board: string; plan: string },
  unitId: string | null = null,
): TabConfig {
  const url = origin + hrefOf({ name: view });
  return {
    entityId: channelTabEntityId(view),
    contentUrl: url,
    websiteUrl: unitId ? origin + hrefOf({ name: view, unitId }) : url,
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

/**
 * Save: the server learns the channel's tab and unit first (so a failure, such as a unit refused, leaves Teams without
 * a tab our links miss), then Teams saves it.
 */
async function saveTab(host: Host, client: ApiClient, config: TabConfig, unitId: string | null): Promise<void> {
  const channelId = host.teams?.meetingId ? null : host.teams?.channelId;
  if (channelId) await client.write('PUT', channelTabPath(channelId), { entityId: config.entityId, ...(unitId ? { unitId } : {}) });
  await host.config!.setConfig(config);
}

/** The units a channel may follow: those the person reads, not archived. */
function followable(units: readonly UnitInfo[] | null): UnitInfo[] | null {
  return units && units.filter((u) => !u.archived);
}

export default function ConfigPage({ host }: { host: Host }) {
  const styles = useStyles();
  const { s, f, locale } = useI18n();
  const { client, units, unitId: channelUnit } = useSession();
  const [view, setView] = useState<ChannelTabView>('board');
  const [picked, setPicked] = useState<string | null>(null);
  const inMeeting = Boolean(host.teams?.meetingId);
  const removing = host.teams?.frameContext === 'remove';
  const choices = followable(units);
  // In a channel the tab saves the unit it follows; the person picks it when they may read more than one.
  const choosing = !inMeeting && !removing && Boolean(host.teams?.channelId);
  // What the channel follows now is the choice until another is picked.
  const unit = choices?.find((u) => u.id === (picked ?? channelUnit)) ?? (choices?.length === 1 ? choices[0]! : null);
  const unitId = choosing ? (unit?.id ?? null) : null;
  const config = inMeeting
    ? meetingTabConfig(window.location.origin, s.meetingTabName)
    : tabConfigFor(view, window.location.origin, { board: s.navBoard, plan: s.navPlan }, unitId);
  // The handlers are registered once and must use what was chosen last.
  const latest = useRef({ config, client, unitId });
  useEffect(() => {
    latest.current = { config, client, unitId };
  });

  useEffect(() => {
    const api = host.config;
    if (!api) return;
    // Teams opens this page in frame context "remove" to remove the tab; saving belongs to "settings" only.
    if (host.teams?.frameContext !== 'remove') {
      api.registerOnSaveHandler((save) => {
        saveTab(host, latest.current.client, latest.current.config, latest.current.unitId).then(
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
      {choosing && (
        <Field label={s.unitNav.configUnit} hint={s.unitNav.configUnitHint}>
          {choices === null ? (
            <Spinner size="tiny" label={s.unitNav.configUnitLoading} />
          ) : choices.length === 1 && unit ? (
            <Body1>{unitLabel(unit, locale)}</Body1>
          ) : (
            <Dropdown
              value={unit ? unitLabel(unit, locale) : ''}
              selectedOptions={unit ? [unit.id] : []}
              onOptionSelect={(_, data) => data.optionValue && setPicked(data.optionValue)}
            >
              {choices.map((u) => (
                <Option key={u.id} value={u.id} text={unitLabel(u, locale)}>
                  {unitLabel(u, locale)}
                </Option>
              ))}
            </Dropdown>
          )}
        </Field>
      )}
      {!inMeeting && !removing && (
        <Field label={s.configStart}>
          <RadioGroup value={view} onChange={(_, data) => setView(data.value as ChannelTabView)}>
            <Radio value="board" label={s.navBoard} />
            <Radio value="plan" label={s.navPlan} />
          </RadioGroup>
        </Field>
      )}
      <Body1 role="status">
        {unit && choosing
          ? f(s.unitNav.configReady, { name: config.suggestedDisplayName, unit: unitLabel(unit, locale) })
          : f(s.configReady, { name: config.suggestedDisplayName })}
      </Body1>
    </div>
  );
}
