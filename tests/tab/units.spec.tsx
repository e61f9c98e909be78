// @vitest-environment jsdom
/**
 * The tab knows units (issue 14): the unit switcher on every view keeps the view, every request names the unit shown,
 * `can` answers for that unit, a channel tab shows the unit its channel follows, the personal tab opens on the city
 * view for someone who may read more than one unit, and an address naming a unit one may not read says so.
 * Deep links: https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { TeamsContextInfo } from '../../tab/src/host/host.js';
import { extraUnit, fakeApi, fakeHost, renderApp, type FakeApi } from './harness.js';

afterEach(cleanup);

const KULTUR = extraUnit('kultur', 'Kulturförvaltningen');
const EXAMPLE = extraUnit('exempel-01', 'Exempel 01 – Parkförvaltningen', { example: true });
const OLD = extraUnit('gammal', 'Gamla förvaltningen', { archived: true });
const CHANNEL = '19:kultur@thread.tacv2';

const teams = (extra: Partial<TeamsContextInfo> = {}): TeamsContextInfo => ({
  userName: 'Dana Dataskydd',
  userPrincipalName: 'dpo@example.org',
  teamName: 'Kultur',
  channelName: 'Allmänt',
  channelId: null,
  meetingId: null,
  frameContext: 'content',
  entityId: 'dpo-board-board',
  ...extra,
});

const severalUnits = (extra: Parameters<typeof fakeApi>[0] = {}): FakeApi => fakeApi({ units: [KULTUR, EXAMPLE, OLD], ...extra });

/** The GETs of a path, as the unit each named. */
const unitsAsked = (api: FakeApi, path: string) => api.requests.filter((r) => r.method === 'GET' && r.path === path).map((r) => r.unit);

describe('the unit switcher', () => {
  it('lists the readable units with their marks, the whole city first and archived units last', async () => {
    const user = userEvent.setup({ delay: null });
    renderApp({ api: severalUnits(), path: '/tab/units/kultur/' });
    await user.click(await screen.findByRole('combobox', { name: 'Förvaltning' }));
    const listbox = await screen.findByRole('listbox', { hidden: true });
    const options = within(listbox)
      .getAllByRole('option', { hidden: true })
      .map((o) => o.textContent);
    expect(options).toEqual([
      'Hela staden (alla förvaltningar)',
      expect.stringMatching(/^Exempel 01 – ParkförvaltningenExempel.*\(exempel\)/),
      'Intraservice',
      'Kulturförvaltningen',
      expect.stringMatching(/^Gamla förvaltningenArkiverad.*\(arkiverad\)/),
    ]);
    expect(within(listbox).getByRole('option', { name: 'Kulturförvaltningen', selected: true, hidden: true })).toBeTruthy();
  });

  it('keeps the view when another unit is chosen, and asks about that unit', async () => {
    const user = userEvent.setup({ delay: null });
    const api = severalUnits();
    renderApp({ api, path: '/tab/control-points/4' });
    await screen.findByRole('heading', { level: 1, name: /^Kontrollpunkt 4: / });
    await user.click(await screen.findByRole('combobox', { name: 'Förvaltning' }));
    const listbox = await screen.findByRole('listbox', { hidden: true });
    await user.click(within(listbox).getByRole('option', { name: 'Kulturförvaltningen', hidden: true }));
    await waitFor(() => expect(window.location.pathname).toBe('/tab/units/kultur/control-points/4'));
    await screen.findByRole('heading', { level: 1, name: /^Kontrollpunkt 4: / });
    await waitFor(() => expect(unitsAsked(api, '/api/control-points/4')).toEqual([null, 'kultur']));
    expect(unitsAsked(api, '/api/board')).toContain('kultur');
    expect(await screen.findByText(/Göteborgs Stad · Kulturförvaltningen · /)).toBeTruthy();
  });

  it('stays in the chosen unit when moving between its views, and leads to the city', async () => {
    const user = userEvent.setup({ delay: null });
    const api = severalUnits();
    renderApp({ api, path: '/tab/units/kultur/' });
    await screen.findByText(/Göteborgs Stad · Kulturförvaltningen · /);
    // A card's link names the unit too, so opening it in a new window shows the same unit.
    const card = within(screen.getByTestId('cp-4')).getByRole('link');
    expect(card.getAttribute('href')).toBe('/tab/units/kultur/control-points/4');
    await user.click(screen.getByRole('tab', { name: 'Handlingsplan' }));
    await waitFor(() => expect(window.location.pathname).toBe('/tab/units/kultur/action-plan'));
    await waitFor(() => expect(unitsAsked(api, '/api/action-plan')).toEqual(['kultur']));
    await user.click(screen.getByRole('tab', { name: 'Hela staden' }));
    await waitFor(() => expect(window.location.pathname).toBe('/tab/city'));
  });

  it('marks an example unit wherever the header names it', async () => {
    renderApp({ api: severalUnits(), path: '/tab/units/exempel-01/' });
    expect(await screen.findByText(/Göteborgs Stad · Exempel 01 – Parkförvaltningen \(exempel\) · /)).toBeTruthy();
  });

  it('is not shown to someone who reads one unit', async () => {
    renderApp({ path: '/tab/' });
    await screen.findByRole('heading', { level: 1, name: /^Kontrollpunkter / });
    expect(screen.queryByTestId('unit-switcher')).toBeNull();
    expect(screen.queryByRole('tab', { name: 'Hela staden' })).toBeNull();
  });
});

describe('permissions per unit', () => {
  it('offers the DPO the assessment form in a unit they assess, not in one they only read', async () => {
    const api = severalUnits({ readOnly: ['kultur'] });
    renderApp({ api, path: '/tab/units/intraservice/control-points/4' });
    await screen.findByTestId('assessment-form');
    cleanup();
    renderApp({ api, path: '/tab/units/kultur/control-points/4' });
    await screen.findByRole('heading', { level: 1, name: /^Kontrollpunkt 4: / });
    expect(screen.queryByTestId('assessment-form')).toBeNull();
  });
});

describe('a unit one may not read', () => {
  it('says so, and asks the server nothing about it', async () => {
    const api = severalUnits();
    renderApp({ api, path: '/tab/units/hemlig/control-points/4' });
    await screen.findByRole('heading', { level: 1, name: 'Förvaltningen kan inte visas' });
    expect(screen.getByText('Förvaltningen ”hemlig” finns inte, eller så har du inte behörighet att läsa den.')).toBeTruthy();
    expect(api.requests.filter((r) => r.unit === 'hemlig')).toEqual([]);
    await userEvent.setup({ delay: null }).click(screen.getByRole('link', { name: 'Till startsidan' }));
    await waitFor(() => expect(window.location.pathname).toBe('/tab/'));
  });
});

describe('the start view', () => {
  it('is the city view in the personal tab for someone who reads several units', async () => {
    renderApp({ api: severalUnits(), path: '/tab/' });
    await waitFor(() => expect(window.location.pathname).toBe('/tab/city'));
    expect(screen.getByRole('tab', { name: 'Hela staden', selected: true })).toBeTruthy();
  });

  it('is the board for someone who reads one unit', async () => {
    const api = fakeApi();
    renderApp({ api, path: '/tab/' });
    await screen.findByRole('heading', { level: 1, name: /^Kontrollpunkter / });
    await waitFor(() => expect(api.requests.some((r) => r.path === '/api/me')).toBe(true));
    expect(window.location.pathname).toBe('/tab/');
  });

  it('is what a deep link names, with its unit', async () => {
    const api = severalUnits();
    const host = fakeHost({ kind: 'teams', teams: teams(), startPage: { subPageId: 'units/kultur/control-points/4', path: '/tab/' } });
    renderApp({ api, host });
    await screen.findByRole('heading', { level: 1, name: /^Kontrollpunkt 4: / });
    expect(window.location.pathname).toBe('/tab/units/kultur/control-points/4');
    expect(unitsAsked(api, '/api/control-points/4')).toEqual(['kultur']);
  });

  it('is the unit the channel follows in a channel tab, never the city', async () => {
    const api = severalUnits({ channelUnits: { [CHANNEL]: 'kultur' } });
    renderApp({ api, host: fakeHost({ kind: 'teams', teams: teams({ channelId: CHANNEL }) }) });
    await screen.findByText(/Göteborgs Stad · Kulturförvaltningen · /);
    expect(window.location.pathname).toBe('/tab/');
    // The board the boot script fetched (the default unit's) is not shown: the channel's unit is asked for.
    expect(unitsAsked(api, '/api/board')).toEqual(['kultur']);
    expect(screen.queryByText(/Göteborgs Stad · Intraservice · /)).toBeNull();
  });
});

describe('the channel tab configuration page', () => {
  it('picks the unit the channel follows, and tells the server before Teams saves the tab', async () => {
    const user = userEvent.setup({ delay: null });
    const order: string[] = [];
    let onSave: ((save: { notifySuccess(): void; notifyFailure(reason?: string): void }) => void) | null = null;
    const api = severalUnits();
    api.override((req) => {
      if (req.method === 'PUT') order.push(`PUT ${req.path} ${JSON.stringify(req.body)}`);
      return undefined;
    });
    const config = {
      setValidityState: () => undefined,
      registerOnSaveHandler: (handler: typeof onSave) => (onSave = handler),
      setConfig: (c: { entityId: string; contentUrl: string; websiteUrl?: string }) => {
        order.push(`setConfig ${c.entityId} ${c.contentUrl} ${c.websiteUrl}`);
        return Promise.resolve();
      },
    };
    renderApp({
      api,
      path: '/tab/config',
      host: fakeHost({ kind: 'teams', config, teams: teams({ frameContext: 'settings', channelId: CHANNEL }) }),
    });
    const field = await screen.findByRole('combobox', { name: 'Förvaltning som kanalen följer' });
    // What the channel follows now (the default unit, never chosen) is the choice until another is picked.
    await waitFor(() => expect((field as HTMLButtonElement).textContent).toBe('Intraservice'));
    await user.click(field);
    const listbox = await screen.findByRole('listbox', { hidden: true });
    // An archived unit cannot be followed; an example unit is marked.
    expect(within(listbox).queryByRole('option', { name: /Gamla/, hidden: true })).toBeNull();
    expect(within(listbox).getByRole('option', { name: 'Exempel 01 – Parkförvaltningen (exempel)', hidden: true })).toBeTruthy();
    await user.click(within(listbox).getByRole('option', { name: 'Kulturförvaltningen', hidden: true }));
    expect(await screen.findByText('Klart att spara: DPO Board – Kontrollpunkter, för Kulturförvaltningen.')).toBeTruthy();
    let result = '';
    await waitFor(() => expect(onSave).not.toBeNull());
    onSave!({ notifySuccess: () => (result = 'success'), notifyFailure: (r) => (result = `failure ${r}`) });
    await waitFor(() => expect(result).toBe('success'));
    const origin = window.location.origin;
    expect(order).toEqual([
      `PUT /api/channel-tabs/${encodeURIComponent(CHANNEL)} {"entityId":"dpo-board-board","unitId":"kultur"}`,
      `setConfig dpo-board-board ${origin}/tab/ ${origin}/tab/units/kultur/`,
    ]);
  });

  it('leaves Teams without a tab when the server refuses the unit', async () => {
    const api = severalUnits();
    api.override((req) =>
      req.method === 'PUT' ? { status: 403, body: { error: { code: 'forbidden', message: 'Du har inte behörighet.' } } } : undefined,
    );
    const saved: string[] = [];
    let onSave: ((save: { notifySuccess(): void; notifyFailure(reason?: string): void }) => void) | null = null;
    const config = {
      setValidityState: () => undefined,
      registerOnSaveHandler: (handler: typeof onSave) => (onSave = handler),
      setConfig: (c: { entityId: string }) => {
        saved.push(c.entityId);
        return Promise.resolve();
      },
    };
    renderApp({
      api,
      path: '/tab/config',
      host: fakeHost({ kind: 'teams', config, teams: teams({ frameContext: 'settings', channelId: CHANNEL }) }),
    });
    await screen.findByRole('combobox', { name: 'Förvaltning som kanalen följer' });
    let result = '';
    await waitFor(() => expect(onSave).not.toBeNull());
    onSave!({ notifySuccess: () => (result = 'success'), notifyFailure: (r) => (result = `failure ${r}`) });
    await waitFor(() => expect(result).toBe('failure Du har inte behörighet.'));
    expect(saved).toEqual([]);
  });
});
