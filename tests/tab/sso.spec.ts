/**
 * The tab's SSO pieces without a browser: the token cache, the one retry after a 401, how a
 * failed getAuthToken is classified, and the consent pop-up's Entra authorize request.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, CONSENT_REQUIRED, isSignInFailure, SIGN_IN_FAILED } from '../../tab/src/api/client.js';
import { authOutcome, authorizeUrl, pkceChallenge } from '../../tab/src/auth/authorize.js';
import { signInError, SsoTokens, tokenExpiry } from '../../tab/src/auth/sso.js';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (exp: number) => `${b64({ alg: 'RS256' })}.${b64({ exp })}.sig`;

describe('SsoTokens', () => {
  it('keeps a token until five minutes before it expires, and asks again when told to', async () => {
    let now = 1_000_000_000_000;
    const issued: string[] = [];
    const tokens = new SsoTokens(
      async () => {
        const t = jwt(now / 1000 + 3600) + issued.length;
        issued.push(t);
        return t;
      },
      () => now,
    );
    const first = await tokens.get();
    expect(await tokens.get()).toBe(first);
    now += 54 * 60_000;
    expect(await tokens.get()).toBe(first);
    now += 2 * 60_000; // within five minutes of exp
    const second = await tokens.get();
    expect(second).not.toBe(first);
    expect(await tokens.get(true)).not.toBe(second);
    expect(issued).toHaveLength(3);
  });

  it('does not keep a failure: the next call asks the host again', async () => {
    let calls = 0;
    const tokens = new SsoTokens(async () => {
      calls += 1;
      if (calls === 1) throw new Error('resourceRequiresConsent');
      return jwt(Date.now() / 1000 + 3600);
    });
    await expect(tokens.get()).rejects.toMatchObject({ name: 'SignInError', needsConsent: true });
    await expect(tokens.get()).resolves.toMatch(/sig$/);
    expect(calls).toBe(2);
  });

  it('reads exp without trusting the token, and classifies consent failures', () => {
    expect(tokenExpiry(jwt(1234))).toBe(1234);
    expect(tokenExpiry('not a jwt')).toBeNull();
    for (const reason of [
      'resourceRequiresConsent',
      'AADSTS65001: The user or administrator has not consented',
      'interaction_required',
      'invalid_grant',
    ]) {
      expect(signInError(new Error(reason)).needsConsent, reason).toBe(true);
    }
    for (const reason of ['CancelledByUser', 'FailedToOpenWindow', 'resourceDisabled']) {
      expect(signInError(new Error(reason)).needsConsent, reason).toBe(false);
    }
  });
});

describe('ApiClient with a Teams token', () => {
  function server(statuses: number[]) {
    const seen: { auth: string; key: string | undefined; url: string }[] = [];
    const fetchImpl = (async (url: RequestInfo | URL, init: RequestInit = {}) => {
      const h = init.headers as Record<string, string>;
      seen.push({ auth: h.Authorization!, key: h['Idempotency-Key'], url: url instanceof Request ? url.url : url.toString() });
      const status = statuses.shift() ?? 200;
      return new Response(
        JSON.stringify(status === 401 ? { error: { code: 'unauthenticated', message: 'Du är inte inloggad' } } : { ok: true }),
        { status },
      );
    }) as typeof fetch;
    return { seen, fetchImpl };
  }

  it('asks for a fresh token once after a 401 and repeats the request with it (a write keeps its key)', async () => {
    const { seen, fetchImpl } = server([401, 200]);
    const fresh: boolean[] = [];
    const client = new ApiClient({
      identity: { kind: 'token', getToken: async (f) => (fresh.push(f), f ? 'new' : 'old') },
      locale: 'sv',
      networkMessage: 'x',
      fetch: fetchImpl,
    });
    await expect(client.write('POST', '/api/control-points/1/assessments', { level: 2 }, 'key-1')).resolves.toEqual({ ok: true });
    expect(fresh).toEqual([false, true]);
    expect(seen).toEqual([
      { auth: 'Bearer old', key: 'key-1', url: '/api/control-points/1/assessments' },
      { auth: 'Bearer new', key: 'key-1', url: '/api/control-points/1/assessments' },
    ]);
  });

  it('gives up after the second 401 with the server’s message', async () => {
    const { seen, fetchImpl } = server([401, 401, 200]);
    const client = new ApiClient({
      identity: { kind: 'token', getToken: async () => 'forged' },
      locale: 'sv',
      networkMessage: 'x',
      fetch: fetchImpl,
    });
    const error = await client.get('/api/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, message: 'Du är inte inloggad' });
    expect(isSignInFailure(error)).toBe(true);
    expect(seen).toHaveLength(2);
  });

  it('never retries in AUTH_MODE=local', async () => {
    const { seen, fetchImpl } = server([401]);
    const client = new ApiClient({ identity: { kind: 'local', userId: 'dpo' }, locale: 'sv', networkMessage: 'x', fetch: fetchImpl });
    await expect(client.get('/api/me')).rejects.toMatchObject({ status: 401 });
    expect(seen).toHaveLength(1);
  });

  it('turns a failed getAuthToken into consent_required or sign_in_failed without calling the server', async () => {
    const { seen, fetchImpl } = server([]);
    const tokens = (reason: string) => new SsoTokens(() => Promise.reject(new Error(reason)));
    const client = (t: SsoTokens) =>
      new ApiClient({
        identity: { kind: 'token', getToken: (f) => t.get(f) },
        locale: 'en',
        networkMessage: 'x',
        signInMessage: 'Teams could not sign you in ({reason}).',
        fetch: fetchImpl,
      });
    await expect(client(tokens('resourceRequiresConsent')).get('/api/me')).rejects.toMatchObject({ code: CONSENT_REQUIRED });
    await expect(client(tokens('CancelledByUser')).get('/api/me')).rejects.toMatchObject({
      code: SIGN_IN_FAILED,
      message: 'Teams could not sign you in (CancelledByUser).',
    });
    expect(seen).toHaveLength(0);
  });
});

describe('the consent pop-up', () => {
  const entra = {
    clientId: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
    tenantId: '11111111-2222-4333-8444-555555555555',
    appIdUri: 'api://board.example.org/6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
    authorityHost: 'https://login.microsoftonline.com',
  };

  it('sends the person to the tenant’s v2 authorize endpoint for the app scope with prompt=consent and PKCE', async () => {
    // RFC 7636 appendix B's example verifier and challenge.
    const challenge = await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    expect(challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const url = new URL(
      authorizeUrl({
        entra,
        tenantId: undefined,
        loginHint: 'dana@example.org',
        redirectUri: 'https://board.example.org/tab/auth-end',
        state: 'st',
        codeChallenge: challenge,
      }),
    );
    expect(url.origin + url.pathname).toBe(`https://login.microsoftonline.com/${entra.tenantId}/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: entra.clientId,
      response_type: 'code',
      response_mode: 'fragment',
      redirect_uri: 'https://board.example.org/tab/auth-end',
      scope: `openid profile ${entra.appIdUri}/access_as_user`,
      prompt: 'consent',
      state: 'st',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      login_hint: 'dana@example.org',
    });
    const guest = new URL(
      authorizeUrl({ entra, tenantId: '99999999-2222-4333-8444-555555555555', redirectUri: 'x', state: 's', codeChallenge: 'c' }),
    );
    expect(guest.pathname).toBe('/99999999-2222-4333-8444-555555555555/oauth2/v2.0/authorize');
  });

  it('reads what Entra sent back to auth-end, and refuses an answer to a request it did not make', () => {
    expect(authOutcome({ hash: '#code=abc&state=st', search: '' }, 'st')).toEqual({ ok: true });
    expect(authOutcome({ hash: '#code=abc&state=other', search: '' }, 'st')).toEqual({ ok: false, reason: 'state_mismatch' });
    expect(authOutcome({ hash: '#code=abc&state=st', search: '' }, null)).toEqual({ ok: false, reason: 'state_mismatch' });
    expect(
      authOutcome(
        { hash: '', search: '?error=access_denied&error_description=AADSTS65004%3A+User+declined+to+consent.%0D%0ATrace+ID%3A+x&state=st' },
        'st',
      ),
    ).toEqual({
      ok: false,
      reason: 'AADSTS65004: User declined to consent.',
    });
    expect(authOutcome({ hash: '#state=st', search: '' }, 'st')).toEqual({ ok: false, reason: 'no_code' });
  });
});
