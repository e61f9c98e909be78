/**
 * Teams SSO for the API: the token from `authentication.getAuthToken()`, kept until shortly
 * before it expires (Teams caches it too, but every API call would otherwise cross the
 * host's postMessage bridge), fetched again on demand after the server refused it.
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/tab-sso-code
 */

/** Failures of getAuthToken that a person can fix by consenting in a pop-up (authentication.authenticate). */
const NEEDS_INTERACTION = /consent|interaction_required|invalid_grant|AADSTS65001|AADSTS65004|login_required/i;

export class SignInError extends Error {
  constructor(
    readonly reason: string,
    readonly needsConsent: boolean,
  ) {
    super(reason);
    this.name = 'SignInError';
  }
}

export function signInError(error: unknown): SignInError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SignInError(reason, NEEDS_INTERACTION.test(reason));
}

/** The `exp` claim of a compact JWS (seconds), or null; the tab never trusts it, it only schedules a refresh. */
export function tokenExpiry(token: string): number | null {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload)) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp : null;
  } catch {
    return null;
  }
}

const EARLY_MS = 5 * 60_000;

export class SsoTokens {
  private pending: Promise<string> | null = null;
  private expiresAt = 0;

  constructor(
    private readonly acquire: () => Promise<string>,
    private readonly now: () => number = Date.now,
  ) {}

  /** A token for the API; `fresh` asks the host again (after a 401). Rejects with SignInError. */
  get(fresh = false): Promise<string> {
    if (fresh || !this.pending || this.now() >= this.expiresAt) this.pending = this.fetch();
    return this.pending;
  }

  private fetch(): Promise<string> {
    const request = this.acquire().then(
      (token) => {
        const exp = tokenExpiry(token);
        this.expiresAt = exp ? exp * 1000 - EARLY_MS : this.now() + EARLY_MS;
        return token;
      },
      (error: unknown) => {
        if (this.pending === request) this.pending = null;
        throw signInError(error);
      },
    );
    return request;
  }
}
