/**
 * The channel tab's configuration page (/tab/config): the person adding the tab picks its
 * start view; Teams' Save calls our handler, which saves the tab through pages.config.
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/create-tab-pages/configuration-page
 */
import { Body1, Field, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { PageHeading } from '../components/PageHeading.js';
import type { Host } from '../host/host.js';
import { useI18n } from '../i18n/i18n.js';
import { hrefOf } from '../routing/router.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
});

type StartView = 'board' | 'plan';

export function tabConfigFor(view: StartView, origin: string, names: { board: string; plan: string }) {
  const url = origin + hrefOf({ name: view });
  return {
    entityId: `dpo-board-${view}`,
    contentUrl: url,
    websiteUrl: url,
    suggestedDisplayName: view === 'board' ? `DPO Board – ${names.board}` : `DPO Board – ${names.plan}`,
  };
}

export default function ConfigPage({ host }: { host: Host }) {
  const styles = useStyles();
  const { s, f } = useI18n();
  const [view, setView] = useState<StartView>('board');
  const config = tabConfigFor(view, window.location.origin, { board: s.navBoard, plan: s.navPlan });
  // The save handler is registered once and must send the view chosen last.
  const latest = useRef(config);
  useEffect(() => {
    latest.current = config;
  });

  useEffect(() => {
    const api = host.config;
    if (!api) return;
    api.registerOnSaveHandler((save) => {
      api.setConfig(latest.current).then(
        () => save.notifySuccess(),
        (error: unknown) => save.notifyFailure(error instanceof Error ? error.message : String(error)),
      );
    });
    api.setValidityState(true);
  }, [host]);

  return (
    <div className={styles.root}>
      <PageHeading>{s.configHeading}</PageHeading>
      <Body1>{s.configIntro}</Body1>
      {!host.config && (
        <MessageBar intent="info">
          <MessageBarBody>{s.configOutsideTeams}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={s.configStart}>
        <RadioGroup value={view} onChange={(_, data) => setView(data.value as StartView)}>
          <Radio value="board" label={s.navBoard} />
          <Radio value="plan" label={s.navPlan} />
        </RadioGroup>
      </Field>
      <Body1 role="status">{f(s.configReady, { name: config.suggestedDisplayName })}</Body1>
    </div>
  );
}
