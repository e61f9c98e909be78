// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { TeamsConfigApi } from '../../tab/src/host/host.js';
import { fakeHost, openDialog, renderApp } from './harness.js';

afterEach(cleanup);

describe('the action plan', () => {
  it('groups the 31 instructions by state as the report states them, with progress, trainings and sub-projects', async () => {
    renderApp({ path: '/tab/action-plan' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Handlingsplan' })).toBeTruthy();
    const count = (id: string) => within(screen.getByTestId(id)).queryAllByRole('listitem').length;
    expect(count('group-done') + count('group-ongoing') + count('group-planned') + count('group-not-stated')).toBe(31);
    expect([count('group-done'), count('group-ongoing'), count('group-planned'), count('group-not-stated')]).toEqual([4, 3, 0, 24]);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe(
      '4 av 31 anvisningar klara enligt rapporten (13 %), 3 pågående, 0 planerade, 24 utan angivet läge',
    );
    expect(screen.getByText(/Projektperiod 1 juni 2023 – 30 juni 2026/)).toBeTruthy();
    expect(count('trainings')).toBe(5);
    expect(count('sub-projects')).toBe(5);
  });

  it("lets an editor change an instruction's state", async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ user: 'editor', path: '/tab/action-plan' });
    const dialog = await openDialog(user, await screen.findByRole('button', { name: /^Ändra IIFS 05:/ }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Tillstånd', hidden: true }), 'ongoing');
    await user.type(within(dialog).getByRole('textbox', { name: /Planerat kvartal/, hidden: true }), '2025-q3');
    await user.click(within(dialog).getByRole('button', { name: 'Spara', hidden: true }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = api.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe('/api/instructions/5');
    expect(patch.body).toEqual({ state: 'ongoing', plannedFrom: null, plannedQuarter: '2025-Q3', note: null, version: 1 });
  });

  it('offers no change buttons to the DPO or a reader', async () => {
    renderApp({ user: 'reader', path: '/tab/action-plan' });
    await screen.findByRole('heading', { level: 1, name: 'Handlingsplan' });
    await waitFor(() => expect(screen.getByText(/Läsare \(demo\)/)).toBeTruthy());
    expect(screen.queryByRole('button', { name: /^Ändra IIFS/ })).toBeNull();
  });
});

describe('the demo user switcher', () => {
  it('lists every demo user with their role and switches identity', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ path: '/tab/' });
    const switcher = await screen.findByTestId('user-switcher');
    await waitFor(() => expect(switcher.textContent).toContain('Dataskyddsombud (demo)'));
    await user.click(switcher);
    const items = await screen.findAllByRole('menuitemradio');
    expect(items.map((i) => i.textContent)).toEqual([
      'Dataskyddsombud (demo)Dataskyddsombud',
      'CISO Intraservice (demo)CISO',
      'Redaktör (demo)Redaktör',
      'Läsare (demo)Läsare',
    ]);
    await user.click(items[1]!);
    await waitFor(() => expect(screen.getByTestId('user-switcher').textContent).toContain('CISO Intraservice (demo)'));
    expect(api.requests.filter((r) => r.path === '/api/me').at(-1)!.headers['x-local-user']).toBe('ciso');
    expect(window.localStorage.getItem('dpo-board.demo-user')).toBe('ciso');
  });
});

describe('the channel tab configuration page', () => {
  it('saves the chosen start view through pages.config when Teams says Save', async () => {
    const user = userEvent.setup();
    const saved: unknown[] = [];
    let onSave: Parameters<TeamsConfigApi['registerOnSaveHandler']>[0] | null = null;
    let valid = false;
    const config: TeamsConfigApi = {
      setValidityState: (v) => (valid = v),
      registerOnSaveHandler: (h) => (onSave = h),
      setConfig: async (c) => void saved.push(c),
    };
    renderApp({ path: '/tab/config', host: fakeHost({ kind: 'teams', config }) });
    await screen.findByRole('heading', { level: 1, name: 'Lägg till DPO Board som flik' });
    await user.click(screen.getByRole('radio', { name: 'Handlingsplan' }));
    expect(valid).toBe(true);
    let result = '';
    onSave!({ notifySuccess: () => (result = 'success'), notifyFailure: (r) => (result = `failure ${r}`) });
    await waitFor(() => expect(result).toBe('success'));
    expect(saved).toEqual([
      {
        entityId: 'dpo-board-plan',
        contentUrl: `${window.location.origin}/tab/action-plan`,
        websiteUrl: `${window.location.origin}/tab/action-plan`,
        suggestedDisplayName: 'DPO Board – Handlingsplan',
      },
    ]);
  });

  it('explains itself in a plain browser', async () => {
    renderApp({ path: '/tab/config' });
    expect(await screen.findByText(/Utanför Teams finns inget att spara/)).toBeTruthy();
  });
});
