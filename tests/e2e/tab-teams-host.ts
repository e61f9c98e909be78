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
 * - Deep links and resumes: the host page's query gives the context's `subEntityId` (teams-js reads it as
 *   page.subPageId), `entityId`, `channelId`, `meetingId` and the frame context; `personal` leaves the team and
 *   channel out, as Teams' context of a personal tab does. `teamsHost.openDeepLink()`
 *   does what Teams does when a deep link targets the open tab: a tab that registered for suspension
 *   (app.lifecycle.registerOnResumeHandler sends `registerHandler ["load"]`) gets the one-way `load`
 *   message `{ entityId, contentUrl }` and reads the new context; any other tab is loaded anew.
 *   https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application
 *   https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/app-caching
 * - Meetings (frame contexts `sidePanel`, `meetingStage`): `meeting.getAppContentStageSharingCapabilities`
 *   → [null, { doesAppHaveSharePermission }] and `meeting.shareAppContentToStage` [url, options] →
 *   [null, true] after opening the URL on the stage (a second frame in context `meetingStage`), or
 *   [SdkError, null] for a URL outside the app's domain (4000) or without permission (1000); every call is
 *   kept in teamsHost.shared. https://learn.microsoft.com/microsoftteams/platform/apps-in-teams-meetings/build-apps-for-teams-meeting-stage
 * - The configuration page (frame context `settings`): `settings.setSettings` [config] → [true], kept in
 *   teamsHost.settings; `teamsHost.save()` sends `settings.save` and resolves with the page's
 *   `settings.save.success` / `.failure`; `teamsHost.remove()` likewise with `settings.remove` (frame context `remove`).
 *   https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/create-tab-pages/configuration-page
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

/** The DPO signed in to the stand-in (a tab in AUTH_MODE=local acts as the demo user `dpo`; Teams' token is not asked for). */
export const HOST_DPO: HostPerson = {
  as: 'dpo',
  name: 'Dana Dataskydd',
  upn: 'dpo@example.org',
  oid: '00000000-0000-4000-8000-000000000d90',
  tid: 'tenant',
};

/** Where Teams shows the tab, and what its context says (the legacy context fields teams-js maps). */
export interface HostFrame {
  /** content (a tab), settings (configuration page), remove, sidePanel or meetingStage. Default content. */
  frameContext?: 'content' | 'settings' | 'remove' | 'sidePanel' | 'meetingStage';
  /** A deep link's sub-entity id (page.subPageId). */
  subEntityId?: string;
  /** The tab's entityId (page.id). Default 'board', the personal tab's. */
  entityId?: string;
  /** The channel (a channel tab); default the team's General channel. */
  channelId?: string;
  /** The personal tab (the app's own tab, outside any team): the context names no team and no channel. */
  personal?: boolean;
  /** Set in a meeting (its chat id, as Teams gives meeting.id for a meeting chat). */
  meetingId?: string;
  /** What getAppContentStageSharingCapabilities answers (default true). */
  mayShareToStage?: boolean;
}

export interface TeamsHost {
  /** The port the HTTPS server listens on (Chromium maps teams.microsoft.com:443 to it). */
  port: number;
  /** Requests the consent pop-up made to Entra's authorize endpoint: path and query. */
  authorizeRequests: URL[];
  /** https://board.example.org: the tab's public origin. */
  tabOrigin: string;
  /** The host page framing the tab at `tabPath`, signed in as `person`, in the frame context and with the context `frame` gives. */
  pageUrl(tabPath: string, person: HostPerson, frame?: HostFrame): string;
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
function hostScript(runtime: string, meetingRuntime: string) {
  return `
const params = new URLSearchParams(location.search);
const as = params.get('as');
const tabUrl = params.get('tab');
const tabOrigin = new URL(tabUrl).origin;
const state = { log: [], consented: false, authenticateUrls: [], shared: [], settings: [], stageUrl: null };
window.teamsHost = state;
const frameContext = params.get('frameContext') || 'content';
const meetingFrames = ['sidePanel', 'meetingStage'];
const runtimeOf = (fc) => (meetingFrames.includes(fc) ? ${JSON.stringify(meetingRuntime)} : ${JSON.stringify(runtime)});
function addFrame(id, src, title) {
  const f = document.createElement('iframe');
  f.id = id;
  f.title = title;
  f.style.cssText = 'width:100%;height:95vh;border:0';
  f.src = src;
  document.body.append(f);
  return f;
}
const frame = addFrame('tab', tabUrl, 'DPO Board');
let stage = null;
const context = {
  locale: 'sv-SE', theme: 'default', frameContext, hostClientType: 'web', hostName: 'Teams',
  entityId: params.get('entityId') || 'board', subEntityId: params.get('subEntityId') || undefined,
  appSessionId: 'session-1', tid: params.get('tid'), userObjectId: params.get('oid'),
  userPrincipalName: params.get('upn'), loginHint: params.get('upn'), userDisplayName: params.get('name'),
  ...(params.get('personal') === 'true' ? {} : {
    teamName: 'Dataskydd', channelName: 'Allmänt', channelId: params.get('channelId') || '19:channel@thread.tacv2', teamId: '19:team@thread.tacv2',
  }),
  meetingId: params.get('meetingId') || undefined, chatId: params.get('meetingId') || undefined,
};
const mayShare = params.get('mayShareToStage') !== 'false';
const framesContext = (source) => (stage && source === stage.contentWindow ? 'meetingStage' : frameContext);
let popup = null;
let pendingAuthenticate = null;
let pendingSettings = null;
// A deep link to the open tab: a suspended tab is resumed with 'load', any other is loaded anew (both with the new context).
state.openDeepLink = ({ subEntityId, entityId, path }) => {
  context.subEntityId = subEntityId;
  if (entityId) context.entityId = entityId;
  const contentUrl = tabOrigin + (path || new URL(frame.src).pathname);
  const suspends = state.log.some((e) => e.func === 'registerHandler' && e.args[0] === 'load');
  if (!suspends) {
    frame.src = contentUrl;
    return 'reloaded';
  }
  frame.contentWindow.postMessage({ func: 'load', args: [{ entityId: context.entityId, contentUrl }] }, tabOrigin);
  return 'resumed';
};
function settingsEvent(name, args) {
  return new Promise((resolve) => {
    pendingSettings = resolve;
    frame.contentWindow.postMessage({ func: name, args }, tabOrigin);
  });
}
state.save = () => settingsEvent('settings.save', [{}]);
state.remove = () => settingsEvent('settings.remove', []);
window.addEventListener('message', async (event) => {
  if (event.origin !== tabOrigin) return;
  const m = event.data;
  if (!m || typeof m.func !== 'string') return;
  if (popup && event.source === popup) return fromPopup(m);
  if (event.source !== frame.contentWindow && !(stage && event.source === stage.contentWindow)) return;
  const from = event.source;
  const fc = framesContext(from);
  state.log.push({ func: m.func, args: m.args, frameContext: fc });
  const reply = (args) => from.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, tabOrigin);
  switch (m.func) {
    case 'initialize':
      return reply([fc, 'web', runtimeOf(fc), '2.58.0']);
    case 'getContext':
      return reply([{ ...context, frameContext: fc }]);
    case 'meeting.getAppContentStageSharingCapabilities':
      return reply([null, { doesAppHaveSharePermission: mayShare }]);
    case 'meeting.shareAppContentToStage': {
      const [url, options] = m.args;
      state.shared.push({ url, options, frameContext: fc });
      if (!mayShare) return reply([{ errorCode: 1000, message: 'App does not have permission to share to the stage' }, null]);
      let target;
      try { target = new URL(url); } catch { target = null; }
      if (!target || target.origin !== tabOrigin) return reply([{ errorCode: 4000, message: 'The URL is not in the app manifest validDomains' }, null]);
      state.stageUrl = url;
      if (stage) stage.src = url; else stage = addFrame('stage', url, 'Mötesscen');
      return reply([null, true]);
    }
    case 'settings.setSettings':
      state.settings.push(m.args[0]);
      return reply([true]);
    case 'settings.save.success':
    case 'settings.save.failure':
    case 'settings.remove.success':
    case 'settings.remove.failure':
      pendingSettings?.({ result: m.func, reason: m.args?.[0] ?? null });
      pendingSettings = null;
      return undefined;
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

/** In a meeting's side panel and stage the client also supports the meeting capability. */
const MEETING_RUNTIME = { ...RUNTIME, supports: { ...RUNTIME.supports, meeting: {} } };

export async function startTeamsHost(options: TeamsHostOptions): Promise<TeamsHost> {
  const script = hostScript(JSON.stringify(RUNTIME), JSON.stringify(MEETING_RUNTIME));
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
    pageUrl(tabPath, person, frame = {}) {
      const context = Object.fromEntries(Object.entries(frame).map(([k, v]) => [k, String(v)]));
      return `https://${TEAMS_HOST}/?${new URLSearchParams({ tab: `https://${TAB_HOST}${tabPath}`, ...person, ...context })}`;
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
