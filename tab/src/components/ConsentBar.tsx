/**
 * Teams could not give a token because the person (or tenant) has not consented to the app:
 * ask for it in Teams' authentication pop-up (auth-start → Entra → auth-end), then sign in again.
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/tab-sso-code#consent-dialog-for-getting-access-token
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';

export interface ConsentBarProps {
  authenticate: (url: string) => Promise<string>;
  onConsented: () => void;
}

export const AUTH_START_PATH = '/tab/auth-start';

export function ConsentBar({ authenticate, onConsented }: ConsentBarProps) {
  const { s, f } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const consent = () => {
    setBusy(true);
    setFailure(null);
    authenticate(AUTH_START_PATH).then(
      () => onConsented(),
      (error: unknown) => {
        setBusy(false);
        setFailure(error instanceof Error ? error.message : String(error));
      },
    );
  };
  return (
    <MessageBar intent={failure ? 'error' : 'warning'} layout="multiline" role="alert" data-testid="consent-bar">
      <MessageBarBody>
        <MessageBarTitle>{s.consentTitle}</MessageBarTitle>
        {failure ? f(s.consentFailed, { reason: failure }) : s.consentBody}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" onClick={consent} disabled={busy}>
          {s.consentButton}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
