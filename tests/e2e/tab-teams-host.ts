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
 * - `authentication.authenticate` → [true, result] or [false, reason]
 *   https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/tab-sso-code
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export const TEAMS_HOST = 'teams.microsoft.com';
/** The tab's public domain (the one in the app's api:// App ID URI). */
export const TAB_HOST = 'board.example.org';

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
  /** https://board.example.org: the tab's public origin. */
  tabOrigin: string;
  /** The host page framing the tab at `tabPath`, signed in as `person`. */
  pageUrl(tabPath: string, person: HostPerson): string;
  close(): Promise<void>;
}

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dpo-teams-host-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
      '-subj', `/CN=${TEAMS_HOST}`, '-addext', `subjectAltName=DNS:${TEAMS_HOST},DNS:${TAB_HOST}`,
    ], { stdio: 'ignore' });
    return { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The runtime config a current Teams web client sends with `initialize` (apiVersion 4). */
const RUNTIME = {
  apiVersion: 4,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  isLegacyTeams: false,
  supports: { appInstallDialog: {}, dialog: { url: {}, update: {} }, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teamsCore: {} },
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
window.addEventListener('message', async (event) => {
  if (event.source !== frame.contentWindow || event.origin !== tabOrigin) return;
  const m = event.data;
  if (!m || typeof m.func !== 'string') return;
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
      // Teams would open m.args[0] in a pop-up; the person consents there and auth-end notifies success.
      state.authenticateUrls.push(m.args[0]);
      state.consented = true;
      return reply([true, 'consented']);
    default:
      return undefined; // one-way messages (registerHandler, ...) need no answer
  }
});`;
}

export async function startTeamsHost(options: TeamsHostOptions): Promise<TeamsHost> {
  const script = hostScript(JSON.stringify(RUNTIME));
  const server = https.createServer(selfSignedCertificate(), (req, res) => {
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
      res.end('<!doctype html><html lang="sv"><meta charset="utf-8"><title>Microsoft Teams (test host)</title><body><script src="/host.js"></script></body></html>');
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    tabOrigin: `https://${TAB_HOST}`,
    pageUrl(tabPath, person) {
      return `https://${TEAMS_HOST}/?${new URLSearchParams({ tab: `https://${TAB_HOST}${tabPath}`, ...person })}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** TLS termination for the tab's domain: the request as it came, to the real server over HTTP. */
function forward(target: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const upstream = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: { ...req.headers, 'x-forwarded-proto': 'https' } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}

/** Chromium flags that send https://teams.microsoft.com and https://board.example.org to the loopback host server. */
export function teamsHostArgs(host: TeamsHost): string[] {
  return [`--host-resolver-rules=MAP ${TEAMS_HOST} 127.0.0.1:${host.port},MAP ${TAB_HOST} 127.0.0.1:${host.port}`];
}
