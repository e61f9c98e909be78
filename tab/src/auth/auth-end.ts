/**
 * /tab/auth-end, where Entra sends the consent pop-up back (the SPA redirect URI in
 * aad.manifest.json): tells Teams how it went, which closes the pop-up and settles the
 * tab's authentication.authenticate call.
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/auth-tab-aad#complete-authentication-flow
 */
import { app, authentication } from '@microsoft/teams-js';
import { AUTH_STATE_KEY, authOutcome } from './authorize.js';

async function end(): Promise<void> {
  await app.initialize();
  const outcome = authOutcome(window.location, sessionStorage.getItem(AUTH_STATE_KEY));
  sessionStorage.removeItem(AUTH_STATE_KEY);
  // The code is never redeemed: drop it from the address bar and history at once.
  history.replaceState(null, '', window.location.pathname);
  if (outcome.ok) authentication.notifySuccess('consented');
  else authentication.notifyFailure(outcome.reason);
}

end().catch(() => {
  document.getElementById('status')!.textContent = 'Inloggningen kunde inte slutföras. / Sign-in could not be completed.';
});
