/**
 * "Uppgifter per …" / "Data as of …": shown while the server serves the board from older synced
 * SharePoint data (Graph throttles the app, or the last sync failed). The time comes from the
 * server's X-Data-As-Of header on every API answer (src/api/diagnostics.ts).
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useSyncExternalStore } from 'react';
import { useSession } from '../app/session.js';
import { useI18n } from '../i18n/i18n.js';

export function DataAsOf() {
  const { client } = useSession();
  const { s, f, dateTime } = useI18n();
  const { asOf, stale } = useSyncExternalStore(client.onFreshness, client.freshness);
  if (!stale) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="data-as-of">
      <MessageBarBody>
        <MessageBarTitle>{asOf ? f(s.dataAsOf, { time: dateTime(asOf) }) : s.dataAsOfUnknown}</MessageBarTitle>
        {stale === 'throttled' ? s.dataAsOfThrottled : s.dataAsOfSyncFailed}
      </MessageBarBody>
    </MessageBar>
  );
}
