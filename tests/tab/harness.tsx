/**
 * Renders the tab's App in jsdom against a fake API: responses recorded from the real
 * server (fixtures/*.json), identities from the demo users, permissions from the domain.
 */
import { configure, render } from '@testing-library/react';
import type { Host } from '../../tab/src/host/host.js';
import { App } from '../../tab/src/app/App.js';
import type { SessionInfo } from '../../tab/src/app/types.js';
import { permissionsOf, type Role } from '../../src/domain/roles.js';
import board from './fixtures/board.json';
import actionPlan from './fixtures/action-plan.json';
import detail4 from './fixtures/control-points-4.json';
import session from './fixtures/session.json';

// jsdom has no layout: Fluent's popovers and dialogs observe sizes, so give them an observer that never fires.
class NoLayoutResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoLayoutResizeObserver as unknown as typeof ResizeObserver;
// The first render of a lazily loaded view transforms its module: allow it time.
configure({ asyncUtilTimeout: 8000 });

export const fixtures = { board, actionPlan, detail4, session: session as SessionInfo };

export interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (req: Recorded) => { status: number; body?: unknown; headers?: Record<string, string> } | undefined;

export interface FakeApi {
  fetch: typeof fetch;
  requests: Recorded[];
  /** Answers matching requests before the defaults (e.g. an error for a write). */
  override(handler: Handler): void;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 304 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function fakeApi(): FakeApi {
  const requests: Recorded[] = [];
  const overrides: Handler[] = [];
  const users = fixtures.session.demo!.users;
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://tab.test');
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const req: Recorded = { method: init.method ?? 'GET', path: url.pathname, headers, body: init.body ? JSON.parse(String(init.body)) : undefined };
    requests.push(req);
    for (const handler of overrides) {
      const answer = handler(req);
      if (answer) return json(answer.status, answer.body, answer.headers);
    }
    const user = users.find((u) => u.id === headers['x-local-user']);
    if (!user) return json(401, { error: { code: 'unauthenticated', message: 'Du är inte inloggad.' } });
    if (req.method === 'GET' && req.path === '/api/me') {
      return json(200, { ...user, permissions: permissionsOf({ ...user, roles: user.roles as Role[] }), authMode: 'local' });
    }
    if (req.method === 'GET' && req.path === '/api/board') {
      const etag = `W/"board-${fixtures.board.changeSeq}"`;
      return headers['if-none-match'] === etag ? json(304, null) : json(200, fixtures.board, { ETag: etag });
    }
    if (req.method === 'GET' && req.path === '/api/action-plan') return json(200, fixtures.actionPlan);
    if (req.method === 'GET' && req.path === '/api/control-points/4') return json(200, fixtures.detail4);
    if (req.method === 'GET' && req.path.startsWith('/api/control-points/')) {
      return json(404, { error: { code: 'not_found', message: 'Kontrollpunkten finns inte.' } });
    }
    if (req.method !== 'GET') return json(201, { ok: true });
    return json(404, { error: { code: 'not_found', message: 'Sidan finns inte.' } });
  }) as typeof fetch;
  return { fetch: fetchImpl, requests, override: (h) => overrides.unshift(h) };
}

export function fakeHost(overrides: Partial<Host> = {}): Host {
  return { kind: 'browser', theme: 'light', locale: 'sv', teams: null, onThemeChange: () => () => undefined, ...overrides };
}

export function renderApp(options: { user?: string; path?: string; host?: Host; api?: FakeApi } = {}) {
  const api = options.api ?? fakeApi();
  window.localStorage.clear();
  if (options.user) window.localStorage.setItem('dpo-board.demo-user', options.user);
  window.history.replaceState(null, '', options.path ?? '/tab/');
  const view = render(<App host={options.host ?? fakeHost()} session={fixtures.session} fetchImpl={api.fetch} pollIntervalMs={60_000} />);
  return { ...view, api };
}
