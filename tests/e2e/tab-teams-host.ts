/// <reference lib="dom" />
/**
 * A stand-in for the Teams web client at the host boundary only: an HTTPS page on loopback
 * (served as https://teams.microsoft.com, which Chromium is told resolves to 127.0.0.1, with a
 * self-signed certificate made here) frames the tab and answers teams-js's postMessage protocol
 * the way Teams does. The tab's own code, teams-js included, runs unchanged.
 *
 * Wire format, as @microsoft/teams-js 2.x sends and reads it (internal/communication.js,
 * internal/messageObjects.js): requests `{ id, uuidAsString, func, args, timestamp, apiVersionTag }`,
 * answers `{ id, uuidAsString, args }`. teams-js accepts answers only from an https origin on
 * its list of Teams hosts (internal/validOrigins.js), hence teams.microsoft.com. And Teams only
 * serves tabs over https (authentication.authenticate refuses any other URL), so the same
 * loopback server terminates TLS for the tab's domain and forwards to the real server over
 * HTTP, as App Service's front end or a dev tunnel does.
 * - `initialize` → [frameContext, hostClientType, runtimeConfig JSON, supported SDK version]
 * - `getContext` → [the context object Teams sends, which app.getContext maps]
 *   https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/access-teams-context
 * - `authentication.getAuthToken` → [true, token] or [false, reason]
 * - `authentication.authenticate` → Teams opens the URL in a pop-up whose teams-js talks to Teams
 *   (window.opener): `initialize` in frame context "authentication", then
 *   `authentication.authenticate.success`/`.failure` from notifySuccess/notifyFailure, which
 *   Teams passes on as the tab's answer, [true, result] or [false, reason].
 * The pop-up's sign-in goes to a stand-in of Entra's authorize endpoint (login.microsoftonline.com
 * resolves to this server too), which records the request and redirects back with a code, as in
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#successful-response
 *   https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/tab-sso-code
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from '../fixtures/self-signed.js';

export const TEAMS_HOST = 'teams.microsoft.com';
/** The tab's public domain (the one in the app's api:// App ID URI). */
export const TAB_HOST = 'board.example.org';
export const ENTRA_HOST = 'login.microsoftonline.com';

/** A token for a person, or the reason Teams could not give one (e.g. consent missing). */
export type TokenAnswer = { ok: true; token: string } | { ok: false; reason: string };

export interface TeamsHostOptions {
  /** The real server's http origin, reached through https://board.example.org. */
  tabServer: string;
  /** Called for each getAuthToken the tab makes: `as` names the person the host page was opened for. */
  token(as: string, consented: boolean): Promise<TokenAnswer>;
}

/** Who is signed in to the (stand-in) Teams client: what its context tells the tab. */
export interface HostPerson {
  /** The key `token()` is called with. */
  as: string;
  name: string;
  upn: string;
  oid: string;
  tid: string;
}

export interface TeamsHost {
  /** The port the HTTPS server listens on (Chromium maps teams.microsoft.com:443 to it). */
  port: number;
  /** Requests the consent pop-up made to Entra's authorize endpoint: path and query. */
  authorizeRequests: URL[];
  /** https://board.example.org: the tab's public origin. */
  tabOrigin: string;
  /** The host page framing the tab at `tabPath`, signed in as `person`. */
  pageUrl(tabPath: string, person: HostPerson): string;
  close(): Promise<void>;
}

/** The runtime config a current Teams web client sends with `initialize` (apiVersion 4). */
const RUNTIME = {
  apiVersion: 4,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  isLegacyTeams: false,
  supports: {
    appInstallDialog: {},
    dialog: { url: {}, update: {} },
    pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
    teamsCore: {},
  },
};

/** Runs in the host page: the Teams side of the bridge. Everything it saw is kept in window.teamsHost.log. */
function hostScript(runtime: string) {
  return `
const params = new URLSearchParams(location.search);
const as = params.get('as');
const tabUrl = params.get('tab');
const tabOrigin = new URL(tabUrl).origin;
const state = { log: [], consented: false, authenticateUrls: [] };
window.teamsHost = state;
const frame = document.createElement('iframe');
frame.id = 'tab';
frame.title = 'DPO Board';
frame.style.cssText = 'width:100%;height:95vh;border:0';
frame.src = tabUrl;
document.body.append(frame);
const context = {
  locale: 'sv-SE', theme: 'default', frameContext: 'content', hostClientType: 'web', hostName: 'Teams',
  entityId: 'dpo-board', appSessionId: 'session-1', tid: params.get('tid'), userObjectId: params.get('oid'),
  userPrincipalName: params.get('upn'), loginHint: params.get('upn'), userDisplayName: params.get('name'),
  teamName: 'Dataskydd', channelName: 'Allmänt', channelId: '19:channel@thread.tacv2', teamId: '19:team@thread.tacv2',
};
let popup = null;
let pendingAuthenticate = null;
window.addEventListener('message', async (event) => {
  if (event.origin !== tabOrigin) return;
  const m = event.data;
  if (!m || typeof m.func !== 'string') return;
  if (popup && event.source === popup) return fromPopup(m);
  if (event.source !== frame.contentWindow) return;
  state.log.push({ func: m.func, args: m.args });
  const reply = (args) => frame.contentWindow.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, tabOrigin);
  switch (m.func) {
    case 'initialize':
      return reply(['content', 'web', ${JSON.stringify(runtime)}, '2.58.0']);
    case 'getContext':
      return reply([context]);
    case 'authentication.getAuthToken': {
      const answer = await fetch('/token?as=' + encodeURIComponent(as) + '&consented=' + state.consented).then((r) => r.json());
      return reply(answer.ok ? [true, answer.token] : [false, answer.reason]);
    }
    case 'authentication.authenticate':
      state.authenticateUrls.push(m.args[0]);
      pendingAuthenticate = reply;
      popup = window.open(m.args[0], 'teams-auth', 'width=' + m.args[1] + ',height=' + m.args[2]);
      return undefined;
    default:
      return undefined; // one-way messages (registerHandler, ...) need no answer
  }
});
function fromPopup(m) {
  state.log.push({ func: 'popup:' + m.func, args: m.args });
  const reply = (args) => popup.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, tabOrigin);
  switch (m.func) {
    case 'initialize':
      return reply(['authentication', 'web', ${JSON.stringify(runtime)}, '2.58.0']);
    case 'getContext':
      return reply([{ ...context, frameContext: 'authentication' }]);
    case 'authentication.authenticate.success':
      state.consented = true;
      pendingAuthenticate?.([true, m.args[0]]);
      pendingAuthenticate = null;
      return undefined;
    case 'authentication.authenticate.failure':
      pendingAuthenticate?.([false, m.args[0]]);
      pendingAuthenticate = null;
      return undefined;
    default:
      return undefined;
  }
}`;
}

export async function startTeamsHost(options: TeamsHostOptions): Promise<TeamsHost> {
  const script = hostScript(JSON.stringify(RUNTIME));
  const authorizeRequests: URL[] = [];
  const server = https.createServer(
    selfSignedCertificate({ commonName: TEAMS_HOST, dnsNames: [TEAMS_HOST, TAB_HOST, ENTRA_HOST] }),
    (req, res) => {
      if (req.headers.host === ENTRA_HOST) return authorize(new URL(req.url ?? '/', `https://${ENTRA_HOST}`), authorizeRequests, res);
      if (req.headers.host !== TEAMS_HOST) return forward(options.tabServer, req, res);
      const url = new URL(req.url ?? '/', `https://${TEAMS_HOST}`);
      if (url.pathname === '/token') {
        options.token(url.searchParams.get('as') ?? '', url.searchParams.get('consented') === 'true').then(
          (answer) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer)),
          (error: unknown) => res.writeHead(500).end(String(error)),
        );
        return;
      }
      if (url.pathname === '/host.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(script);
        return;
      }
      if (url.pathname === '/') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(
          '<!doctype html><html lang="sv"><meta charset="utf-8"><title>Microsoft Teams (test host)</title><body><script src="/host.js"></script></body></html>',
        );
        return;
      }
      res.writeHead(404).end();
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    authorizeRequests,
    tabOrigin: `https://${TAB_HOST}`,
    pageUrl(tabPath, person) {
      return `https://${TEAMS_HOST}/?${new URLSearchParams({ tab: `https://${TAB_HOST}${tabPath}`, ...person })}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Entra's authorize endpoint as far as the pop-up sees it: the person consents, and is sent back with a code. */
function authorize(url: URL, seen: URL[], res: http.ServerResponse): void {
  seen.push(url);
  const redirect = url.searchParams.get('redirect_uri');
  if (!/^\/[^/]+\/oauth2\/v2\.0\/authorize$/.test(url.pathname) || !redirect) {
    res.writeHead(400).end();
    return;
  }
  const answer = new URLSearchParams({ code: 'consented-code', state: url.searchParams.get('state') ?? '' });
  res.writeHead(302, { Location: `${redirect}#${answer}` }).end();
}

/** TLS termination for the tab's domain: the request as it came, to the real server over HTTP. */
function forward(target: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const upstream = http.request(
    new URL(req.url ?? '/', target),
    { method: req.method, headers: { ...req.headers, 'x-forwarded-proto': 'https' } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}

/** Chromium flags that send https://teams.microsoft.com and https://board.example.org to the loopback host server. */
export function teamsHostArgs(host: TeamsHost): string[] {
  return [`--host-resolver-rules=${[TEAMS_HOST, TAB_HOST, ENTRA_HOST].map((name) => `MAP ${name} 127.0.0.1:${host.port}`).join(',')}`];
}
