/**
 * /tab/auth-start, opened by Teams in its authentication pop-up (authentication.authenticate):
 * sends the person to Entra's consent page for the app's scope.
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/auth-tab-aad#initiate-authentication-flow
 */
import { app, authentication } from '@microsoft/teams-js';
import type { SessionInfo } from '../app/types.js';
import { AUTH_STATE_KEY, authorizeUrl, pkceChallenge, randomString } from './authorize.js';

async function start(): Promise<void> {
  await app.initialize();
  const context = await app.getContext();
  const res = await fetch('/api/session', { headers: { Accept: 'application/json' }, cache: 'no-store' });
  const session = (await res.json()) as SessionInfo;
  if (!session.entra) {
    authentication.notifyFailure('sso_not_configured');
    return;
  }
  const state = randomString();
  sessionStorage.setItem(AUTH_STATE_KEY, state);
  const url = authorizeUrl({
    entra: session.entra,
    tenantId: context.user?.tenant?.id,
    loginHint: context.user?.loginHint,
    redirectUri: new URL('/tab/auth-end', window.location.origin).href,
    state,
    codeChallenge: await pkceChallenge(randomString()),
  });
  window.location.assign(url);
}

start().catch((error: unknown) => {
  try {
    authentication.notifyFailure(error instanceof Error ? error.message : String(error));
  } catch {
    document.getElementById('status')!.textContent = 'Inloggningen kunde inte starta. / Sign-in could not start.';
  }
});
