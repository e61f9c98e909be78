// @vitest-environment jsdom
/**
 * The tab's routes for issue 13: a deep link's sub-page id (page.subPageId) picks the start view and a
 * resumed tab moves to the view Teams asks for; the configuration page tells the server about a channel
 * tab and saves the meeting tab in a meeting. The browser-level tests are tests/e2e/tab-teams-meeting.spec.ts.
 * https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application
 */
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host, PageRequest, TeamsConfigApi, TeamsContextInfo } from '../../tab/src/host/host.js';
import { hrefOf, parseRoute, routeOfRequest, routeOfSubPage, withUnit, type Route } from '../../tab/src/routing/router.js';
import { fakeHost, renderApp } from './harness.js';

afterEach(cleanup);

const teams = (extra: Partial<TeamsContextInfo> = {}): TeamsContextInfo => ({
  userName: 'Dana Dataskydd',
  userPrincipalName: 'dpo@example.org',
  teamName: 'Dataskydd',
  channelName: 'Allmänt',
  channelId: null,
  meetingId: null,
  frameContext: 'content',
  entityId: 'board',
  ...extra,
});

describe('routes', () => {
  it('reads and writes the meeting and stage addresses', () => {
    const routes: Route[] = [{ name: 'meeting' }, { name: 'stage', number: null }, { name: 'stage', number: 4 }];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
    expect(hrefOf({ name: 'stage', number: 4 })).toBe('/tab/meeting/stage/control-points/4');
  });

  it('maps the sub-page ids cards send to views, and nothing else', () => {
    expect(routeOfSubPage('board')).toEqual({ name: 'board' });
    expect(routeOfSubPage('control-points/4')).toEqual({ name: 'detail', number: 4 });
    expect(routeOfSubPage('action-plan')).toEqual({ name: 'plan' });
    // A card's "Visa underlaget" opens the control point at its evidence.
    const evidence: Route = { name: 'detail', number: 4, section: 'evidence' };
    expect(routeOfSubPage('control-points/4/evidence')).toEqual(evidence);
    expect(hrefOf(evidence)).toBe('/tab/control-points/4/evidence');
    expect(parseRoute(hrefOf(evidence))).toEqual(evidence);
    for (const junk of [
      null,
      '',
      'config',
      'control-points/x',
      'control-points/4/other',
      'https://evil.example/tab',
      '../control-points/4x',
    ]) {
      expect(routeOfSubPage(junk)).toBeNull();
    }
    expect(routeOfRequest({ subPageId: 'nonsense', path: '/tab/action-plan' })).toEqual({ name: 'plan' });
  });
});

describe('unit routes (issue 14)', () => {
  it('reads and writes a unit’s views, the city view and the units page; old paths keep meaning the tab’s unit', () => {
    const routes: Route[] = [
      { name: 'board', unitId: 'kultur' },
      { name: 'detail', number: 4, unitId: 'kultur' },
      { name: 'detail', number: 4, section: 'evidence', unitId: 'exempel-01' },
      { name: 'plan', unitId: 'kultur' },
      { name: 'about', unitId: 'kultur' },
      { name: 'stage', number: 4, unitId: 'kultur' },
      { name: 'city' },
      { name: 'units' },
      { name: 'board' },
      { name: 'detail', number: 4 },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
    expect(hrefOf({ name: 'board', unitId: 'kultur' })).toBe('/tab/units/kultur/');
    expect(hrefOf({ name: 'detail', number: 4, unitId: 'kultur' })).toBe('/tab/units/kultur/control-points/4');
    expect(hrefOf({ name: 'plan', unitId: 'kultur' })).toBe('/tab/units/kultur/action-plan');
    expect(hrefOf({ name: 'city' })).toBe('/tab/city');
    expect(hrefOf({ name: 'units' })).toBe('/tab/admin/units');
    expect(parseRoute('/tab/units/kultur')).toEqual({ name: 'board', unitId: 'kultur' });
    for (const path of ['/tab/units/kultur/city', '/tab/units/kultur/config', '/tab/units/Kultur/', '/tab/units/k/']) {
      expect(parseRoute(path), path).toEqual({ name: 'notFound' });
    }
  });

  it('maps sub-page ids with a unit, and the city, to views', () => {
    expect(routeOfSubPage('city')).toEqual({ name: 'city' });
    expect(routeOfSubPage('units/kultur')).toEqual({ name: 'board', unitId: 'kultur' });
    expect(routeOfSubPage('units/kultur/control-points/4/evidence')).toEqual({
      name: 'detail',
      number: 4,
      section: 'evidence',
      unitId: 'kultur',
    });
    expect(routeOfSubPage('units/kultur/action-plan')).toEqual({ name: 'plan', unitId: 'kultur' });
    expect(routeOfSubPage('units/kultur/config')).toBeNull();
  });

  it('keeps the view when the unit changes, and leads to the board from views without a unit', () => {
    expect(withUnit({ name: 'detail', number: 4, section: 'evidence' }, 'kultur')).toEqual({
      name: 'detail',
      number: 4,
      section: 'evidence',
      unitId: 'kultur',
    });
    expect(withUnit({ name: 'plan', unitId: 'a1' }, 'kultur')).toEqual({ name: 'plan', unitId: 'kultur' });
    expect(withUnit({ name: 'city' }, 'kultur')).toEqual({ name: 'board', unitId: 'kultur' });
    expect(withUnit({ name: 'scale' }, 'kultur')).toEqual({ name: 'scale', unitId: 'kultur' });
    expect(withUnit({ name: 'units' }, 'kultur')).toEqual({ name: 'board', unitId: 'kultur' });
  });
});

describe('the tab inside Teams', () => {
  it('starts on the view a deep link names, and moves when Teams resumes it on another', async () => {
    let request: ((r: PageRequest) => void) | null = null;
    const host: Host = fakeHost({
      kind: 'teams',
      teams: teams(),
      startPage: { subPageId: 'control-points/4', path: '/tab/' },
      onPageRequest: (listener) => {
        request = listener;
        return () => (request = null);
      },
    });
    renderApp({ host });
    await screen.findByRole('heading', { level: 1, name: /^Kontrollpunkt 4: / });
    expect(window.location.pathname).toBe('/tab/control-points/4');
    act(() => request!({ subPageId: 'action-plan', path: '/tab/' }));
    await screen.findByRole('heading', { level: 1, name: 'Handlingsplan' });
    expect(window.location.pathname).toBe('/tab/action-plan');
  });

  it('tells the server which channel has the tab before Teams saves it', async () => {
    const order: string[] = [];
    let onSave: Parameters<TeamsConfigApi['registerOnSaveHandler']>[0] | null = null;
    const config: TeamsConfigApi = {
      setValidityState: () => undefined,
      registerOnSaveHandler: (h) => (onSave = h),
      setConfig: (c) => {
        order.push(`setConfig ${c.entityId}`);
        return Promise.resolve();
      },
    };
    const { api } = renderApp({
      path: '/tab/config',
      host: fakeHost({ kind: 'teams', config, teams: teams({ frameContext: 'settings', channelId: '19:general@thread.tacv2' }) }),
    });
    await screen.findByRole('heading', { level: 1, name: 'Lägg till DPO Board som flik' });
    api.override((req) => {
      if (req.method === 'PUT') order.push(`PUT ${req.path} ${JSON.stringify(req.body)}`);
      return undefined;
    });
    // The unit the channel follows: the one unit this person reads is named, and saved with the tab (issue 14).
    await screen.findByText('Intraservice');
    let result = '';
    // The page registers its save handler in an effect, which may run after its heading is on screen.
    await waitFor(() => expect(onSave).not.toBeNull());
    act(() => onSave!({ notifySuccess: () => (result = 'success'), notifyFailure: (r) => (result = `failure ${r}`) }));
    await waitFor(() => expect(result).toBe('success'));
    expect(order).toEqual([
      `PUT /api/channel-tabs/${encodeURIComponent('19:general@thread.tacv2')} {"entityId":"dpo-board-board","unitId":"intraservice"}`,
      'setConfig dpo-board-board',
    ]);
  });

  it('saves the meeting tab in a meeting, without a channel', async () => {
    const saved: unknown[] = [];
    let onSave: Parameters<TeamsConfigApi['registerOnSaveHandler']>[0] | null = null;
    const config: TeamsConfigApi = {
      setValidityState: () => undefined,
      registerOnSaveHandler: (h) => (onSave = h),
      setConfig: (c) => {
        saved.push(c);
        return Promise.resolve();
      },
    };
    const { api } = renderApp({
      path: '/tab/config',
      host: fakeHost({ kind: 'teams', config, teams: teams({ frameContext: 'settings', meetingId: '19:meeting_abc@thread.v2' }) }),
    });
    await screen.findByText(/I mötet visar fliken kontrollpunkterna i sidopanelen/);
    expect(screen.queryByRole('radio')).toBeNull();
    let result = '';
    // The page registers its save handler in an effect, which may run after its heading is on screen.
    await waitFor(() => expect(onSave).not.toBeNull());
    act(() => onSave!({ notifySuccess: () => (result = 'success'), notifyFailure: (r) => (result = `failure ${r}`) }));
    await waitFor(() => expect(result).toBe('success'));
    expect(saved).toEqual([
      {
        entityId: 'dpo-board-meeting',
        contentUrl: `${window.location.origin}/tab/meeting`,
        websiteUrl: `${window.location.origin}/tab/`,
        suggestedDisplayName: 'DPO Board – Uppföljningsmöte',
      },
    ]);
    expect(api.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
