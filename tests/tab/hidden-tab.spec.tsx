// @vitest-environment jsdom
/**
 * A tab nobody sees asks the server nothing: while the page is hidden (document.visibilityState) or Teams has
 * suspended the cached tab (app.lifecycle.registerBeforeSuspendOrTerminateHandler), the board poll sets no timer;
 * when it is seen again it checks at once. https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/app-caching
 * https://developer.mozilla.org/docs/Web/API/Document/visibilityState
 * Time is vitest's fake clock: "many intervals" pass in an instant, and nothing depends on how fast the machine is.
 */
import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../tab/src/api/client.js';
import { BoardPoller } from '../../tab/src/api/live.js';
import { App } from '../../tab/src/app/App.js';
import type { PrefetchedBoard } from '../../tab/src/app/boot.js';
import { followResumes, type PageRequest } from '../../tab/src/host/host.js';
import { TabPresence } from '../../tab/src/host/presence.js';
import { fakeApi, fakeHost, fixtures, urlOf } from './harness.js';

const INTERVAL = 2000;
const USER = fixtures.session.demo!.defaultUser;
let visibility: DocumentVisibilityState = 'visible';

/** jsdom's document is always 'visible': the tests say what the browser would, and fire its event. */
function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

beforeEach(() => {
  visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  Reflect.deleteProperty(document, 'visibilityState');
});

/** /api/board as the server answers it: an ETag, and 304 for a matching If-None-Match. */
function boardServer() {
  const requests: string[] = [];
  const fetchImpl = (async (url: RequestInfo | URL, init: RequestInit = {}) => {
    requests.push(urlOf(url));
    const tag = 'W/"board-1"';
    if ((init.headers as Record<string, string>)['If-None-Match'] === tag) return new Response(null, { status: 304 });
    return new Response(JSON.stringify({ changeSeq: 1 }), { status: 200, headers: { ETag: tag } });
  }) as typeof fetch;
  const client = new ApiClient({ identity: { kind: 'local', userId: 'dpo' }, locale: 'sv', networkMessage: 'x', fetch: fetchImpl });
  return { client, requests };
}

describe('BoardPoller with the tab’s presence', () => {
  it('asks nothing for many intervals while the page is hidden, and once at once when it is visible again', async () => {
    const server = boardServer();
    const poller = new BoardPoller({ client: server.client, intervalMs: INTERVAL, onBoard: () => undefined, presence: new TabPresence() });
    poller.start();
    await vi.advanceTimersByTimeAsync(3 * INTERVAL);
    expect(server.requests).toHaveLength(4); // at start, then every interval

    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(30 * INTERVAL);
    expect(server.requests).toHaveLength(4);
    expect(vi.getTimerCount()).toBe(0);

    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(0); // no time passes: the check is at once, not at the next interval
    expect(server.requests).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(server.requests).toHaveLength(6); // and the interval runs again from there
    poller.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does the same while Teams has the tab suspended (cached), whatever the page’s visibility says', async () => {
    const server = boardServer();
    const presence = new TabPresence();
    const poller = new BoardPoller({ client: server.client, intervalMs: INTERVAL, onBoard: () => undefined, presence });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(1);

    presence.setSuspended(true);
    await vi.advanceTimersByTimeAsync(30 * INTERVAL);
    expect(server.requests).toHaveLength(1);
    setVisibility('hidden'); // Teams' window minimised meanwhile, and shown again: still suspended
    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(30 * INTERVAL);
    expect(server.requests).toHaveLength(1);

    presence.setSuspended(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(2);
    poller.stop();
  });

  it('started in a hidden page asks first when the page is shown; a check under way when it hides sets no timer', async () => {
    setVisibility('hidden');
    const server = boardServer();
    const poller = new BoardPoller({ client: server.client, intervalMs: INTERVAL, onBoard: () => undefined, presence: new TabPresence() });
    poller.start();
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(server.requests).toHaveLength(0);

    setVisibility('visible');
    const landing = poller.refresh(); // the check the page's return started, still under way
    setVisibility('hidden');
    await landing;
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(server.requests).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
    poller.stop();
  });

  it('stops listening when stopped: the page shown again after that asks nothing', async () => {
    const server = boardServer();
    const poller = new BoardPoller({ client: server.client, intervalMs: INTERVAL, onBoard: () => undefined, presence: new TabPresence() });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);
    poller.stop();
    setVisibility('hidden');
    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(server.requests).toHaveLength(1);
  });
});

describe('Teams app caching (teams-js app.lifecycle)', () => {
  /** The two handlers the tab gives teams-js, as teams-js keeps them until Teams sends `beforeUnload` / `load`. */
  function lifecycleStandIn() {
    const handlers: { suspend?: () => Promise<void>; resume?: (r: { entityId: string; contentUrl: URL }) => void } = {};
    const teams = {
      app: {
        lifecycle: {
          registerBeforeSuspendOrTerminateHandler: (h: () => Promise<void>) => (handlers.suspend = h),
          registerOnResumeHandler: (h: (r: { entityId: string; contentUrl: URL }) => void) => (handlers.resume = h),
        },
        getContext: () => Promise.resolve({ page: { id: 'board', subPageId: 'control-points/4' } }),
        notifySuccess: () => undefined,
        notifyFailure: () => undefined,
        FailedReason: { Other: 'Other' },
      },
    };
    return { teams: teams as unknown as Parameters<typeof followResumes>[0], handlers };
  }

  it('is not seen from the suspension until the resume, and the resume still hands over the page asked for', async () => {
    const { teams, handlers } = lifecycleStandIn();
    const presence = new TabPresence();
    const requests: PageRequest[] = [];
    followResumes(teams, new Set([(r: PageRequest) => requests.push(r)]), presence);
    const server = boardServer();
    const poller = new BoardPoller({ client: server.client, intervalMs: INTERVAL, onBoard: () => undefined, presence });
    poller.start();
    await vi.advanceTimersByTimeAsync(0);

    await handlers.suspend!(); // teams-js answers readyToUnload when this resolves
    expect(presence.visible()).toBe(false);
    await vi.advanceTimersByTimeAsync(30 * INTERVAL);
    expect(server.requests).toHaveLength(1);

    handlers.resume!({ entityId: 'board', contentUrl: new URL('https://board.example.org/tab/') });
    expect(presence.visible()).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(2);
    expect(requests).toEqual([{ subPageId: 'control-points/4', path: '/tab/' }]);
    poller.stop();
  });
});

describe('the tab (App) polls only while seen', () => {
  it("follows the host's presence: hidden, no /api/board for many intervals; shown, one at once", async () => {
    const api = fakeApi();
    window.localStorage.clear();
    const presence = new TabPresence();
    const boardRequests = () => api.requests.filter((r) => r.path === '/api/board').length;
    const view = render(
      <App
        host={fakeHost({ presence })}
        session={fixtures.session}
        fetchImpl={api.fetch}
        pollIntervalMs={INTERVAL}
        prefetchedBoard={{
          user: USER,
          etag: `W/"board-${fixtures.board.changeSeq}"`,
          data: fixtures.board as unknown as PrefetchedBoard['data'],
        }}
      />,
    );
    await act(() => vi.advanceTimersByTimeAsync(2 * INTERVAL));
    const seen = boardRequests();
    expect(seen).toBeGreaterThanOrEqual(3); // at start and every interval

    act(() => presence.setSuspended(true));
    await act(() => vi.advanceTimersByTimeAsync(30 * INTERVAL));
    expect(boardRequests()).toBe(seen);
    act(() => setVisibility('hidden'));
    act(() => presence.setSuspended(false)); // resumed, but the window is hidden
    await act(() => vi.advanceTimersByTimeAsync(30 * INTERVAL));
    expect(boardRequests()).toBe(seen);

    act(() => setVisibility('visible'));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(boardRequests()).toBe(seen + 1);
    view.unmount();
  });
});
