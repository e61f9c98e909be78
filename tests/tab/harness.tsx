/**
 * Renders the tab's App in jsdom against a fake API: responses recorded from the real
 * server (fixtures/*.json), identities from the demo users, permissions from the domain.
 *
 * Nothing here depends on timing. The app starts as it does in a browser after index.html's boot script: with the
 * board already fetched (prefetchedBoard), so a page reads its resource once and is not re-read when the first
 * poll lands. The live poll's periodic check is off (pollIntervalMs null): the board is checked once at start
 * (a 304) and after the app's own writes, never on a clock. The lazily loaded views are imported before any test
 * renders, so no findBy waits for a module to be transformed.
 */
import { configure, render, screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import type { Host } from '../../tab/src/host/host.js';
import { App } from '../../tab/src/app/App.js';
import type { PrefetchedBoard } from '../../tab/src/app/boot.js';
import type { SessionInfo, UnitInfo } from '../../tab/src/app/types.js';
import type { Unit } from '../../src/domain/model.js';
import { permissionsOf } from '../../src/domain/roles.js';
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
// The views Shell loads with React.lazy, loaded now: lazy() then resolves from the module cache.
await Promise.all([
  import('../../tab/src/views/DetailPage.js'),
  import('../../tab/src/views/ActionPlanPage.js'),
  import('../../tab/src/views/ConfigPage.js'),
  import('../../tab/src/views/CityPage.js'),
]);
// jsdom with Fluent UI is slow on a busy machine: findBy/waitFor wait for states, so a generous budget costs nothing when all is well.
configure({ asyncUtilTimeout: 8000 });

export const fixtures = { board, actionPlan, detail4, session: session as SessionInfo };

/** The unit of the fixtures (the seed's). */
export const FIXTURE_UNIT = 'intraservice';
const fixtureUnit: UnitInfo = { ...fixtures.board.unit, nameEn: fixtures.board.unit.name, example: false, archived: false };

/** A unit besides the fixtures', for tests of several units (it answers the fixtures' board and pages, as itself). */
export function extraUnit(id: string, name: string, marks: Partial<Pick<UnitInfo, 'example' | 'archived'>> = {}): UnitInfo {
  return { id, name, nameEn: `${name} (en)`, organisation: fixtureUnit.organisation, example: false, archived: false, ...marks };
}

/** The fixtures' unit as GET /api/units answers someone who may manage it: with its people's contacts and a version. */
export function managedFixtureUnit(): Unit {
  const { id, name, organisation } = fixtureUnit;
  return {
    id,
    name,
    nameEn: name,
    organisation,
    archived: false,
    example: false,
    responsible: [{ role: 'ciso', name: 'Cia So', email: 'cia@example.invalid' }],
    version: 3,
  };
}

export interface FakeApiOptions {
  /** Units besides the fixtures' that the demo users hold their roles in (and so read). */
  units?: UnitInfo[];
  /** The unit each channel follows (GET /api/channel-tabs/:channelId); the fixtures' unit for the others. */
  channelUnits?: Record<string, string>;
  /** Units where the demo users only read (their roles hold in the others). */
  readOnly?: string[];
}

export interface Recorded {
  method: string;
  path: string;
  /** The unit the request names (?unit=), as the session's client adds it; null: the server's default unit. */
  unit: string | null;
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
  return new Response(status === 304 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** The URL a fetch was called with. */
export function urlOf(input: RequestInfo | URL): string {
  return input instanceof Request ? input.url : input.toString();
}

export function fakeApi(options: FakeApiOptions = {}): FakeApi {
  const units = [fixtureUnit, ...(options.units ?? [])];
  const requests: Recorded[] = [];
  const overrides: Handler[] = [];
  const users = fixtures.session.demo!.users;
  const fetchImpl = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(urlOf(input), 'http://tab.test');
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const req: Recorded = {
      method: init.method ?? 'GET',
      path: url.pathname,
      unit: url.searchParams.get('unit'),
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(req);
    for (const handler of overrides) {
      const answer = handler(req);
      if (answer) return json(answer.status, answer.body, answer.headers);
    }
    const user = users.find((u) => u.id === headers['x-local-user']);
    if (!user) return json(401, { error: { code: 'unauthenticated', message: 'Du är inte inloggad.' } });
    // As the server answers (src/api/router.ts): the demo user's roles in the harness's units.
    const writable = units.map((u) => u.id).filter((id) => !options.readOnly?.includes(id));
    const grants = [...user.roles.map((role) => ({ role, units: writable })), { role: 'reader' as const, units: options.readOnly ?? [] }];
    const actor = { ...user, grants };
    const unit = units.find((u) => u.id === (req.unit ?? FIXTURE_UNIT));
    if (req.method === 'GET' && req.path === '/api/me') {
      const permissionsByUnit = Object.fromEntries(units.map((u) => [u.id, permissionsOf(actor, u.id)]));
      return json(200, { ...actor, permissions: permissionsOf(actor, req.unit ?? FIXTURE_UNIT), permissionsByUnit, authMode: 'local' });
    }
    if (req.method === 'GET' && req.path === '/api/units') return json(200, { units });
    const channelTab = /^\/api\/channel-tabs\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && channelTab) {
      const channelId = decodeURIComponent(channelTab[1]!);
      const followed = options.channelUnits?.[channelId];
      return json(200, { channelId, unitId: followed ?? FIXTURE_UNIT, following: followed !== undefined });
    }
    // A unit's data, for a unit one may read (the others: 403, as src/api/router.ts refuses them).
    if (!unit) return json(403, { error: { code: 'forbidden', message: 'Du har inte behörighet.' } });
    if (req.method === 'GET' && req.path === '/api/board') {
      const etag = `W/"board-${unit.id === FIXTURE_UNIT ? '' : `${unit.id}-`}${fixtures.board.changeSeq}"`;
      const answer = unit.id === FIXTURE_UNIT ? fixtures.board : { ...fixtures.board, unit };
      return headers['if-none-match'] === etag ? json(304, null) : json(200, answer, { ETag: etag });
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
  return {
    kind: 'browser',
    theme: 'light',
    locale: 'sv',
    teams: null,
    startPage: null,
    onPageRequest: () => () => undefined,
    onThemeChange: () => () => undefined,
    ...overrides,
  };
}

/** The board as index.html's boot script hands it over, read as `user` (with the ETag fakeApi gives it). */
function bootBoard(user: string): PrefetchedBoard {
  return { user, etag: `W/"board-${fixtures.board.changeSeq}"`, data: fixtures.board as unknown as PrefetchedBoard['data'] };
}

export function renderApp(options: { user?: string; path?: string; host?: Host; api?: FakeApi } = {}) {
  const api = options.api ?? fakeApi();
  window.localStorage.clear();
  if (options.user) window.localStorage.setItem('dpo-board.demo-user', options.user);
  window.history.replaceState(null, '', options.path ?? '/tab/');
  const user = options.user ?? fixtures.session.demo!.defaultUser;
  const view = render(
    <App
      host={options.host ?? fakeHost()}
      session={fixtures.session}
      fetchImpl={api.fetch}
      pollIntervalMs={null}
      prefetchedBoard={bootBoard(user)}
    />,
  );
  return { ...view, api };
}

/**
 * Clicks a dialog's trigger and returns the open dialog. Fluent's Dialog is a tabster modalizer, and tabster marks
 * it aria-hidden until it has seen focus move into it, on its own focus tracking and timers, which jsdom reproduces
 * only in part (a dialog opened in a file's second render can stay aria-hidden for good). So component tests find
 * the dialog, and the controls in it, with `hidden: true`: what they check is what the dialog does. That the open
 * dialog is exposed to assistive technology is checked in Chromium (tests/e2e/tab.spec.ts, with axe).
 */
export async function openDialog(user: UserEvent, trigger: HTMLElement): Promise<HTMLElement> {
  await user.click(trigger);
  return screen.findByRole('dialog', { hidden: true });
}
