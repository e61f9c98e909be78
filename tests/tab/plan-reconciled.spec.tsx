// @vitest-environment jsdom
/**
 * The action plan as the report states it (issue 12 item 2): instructions with no stated state apart, periods of
 * two quarters, the plan's items that are neither instructions nor trainings, and the contact the DPO keeps.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { openDialog, renderApp } from './harness.js';

afterEach(cleanup);

describe('the action plan, reconciled with the report', () => {
  it('shows the instructions the report names no state for as "Ej angivet", and periods of two quarters', async () => {
    renderApp({ path: '/tab/action-plan' });
    const notStated = await screen.findByTestId('group-not-stated');
    expect(within(notStated).getByRole('heading', { level: 2 }).textContent).toBe('Läge ej angivet (24)');
    expect(within(within(notStated).getByTestId('instruction-11')).getByText('Ej angivet')).toBeTruthy();
    expect(within(within(notStated).getByTestId('instruction-11')).getByText(/Teknisk säkerhet/)).toBeTruthy();
    const ongoing = screen.getByTestId('group-ongoing');
    expect(within(within(ongoing).getByTestId('instruction-10')).getByText(/Q4 2024 – Q1 2025/)).toBeTruthy();
    const trainings = within(screen.getByTestId('trainings')).getAllByRole('listitem');
    expect(trainings.at(-1)?.textContent).toBe('Utbildningar · Q4 2024 – Q1 2025Planerad');
  });

  it('lists the plan’s other items with their period, due date and the instruction they concern', async () => {
    renderApp({ path: '/tab/action-plan' });
    const items = await screen.findByTestId('plan-items');
    const rows = within(items).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([
      'Införande av PU-register och informationssäkerhetsdatabasQ4 2024 – Q1 2025 · Klart senast 31 dec. 2024Pågående',
      'Fortsatt uppdatering av anvisning för informationssäkerhetQ4 2024 – Q1 2025 · IIFS 01Pågående',
      '6 av 9 anvisningar inom Teknisk SäkerhetQ4 2024 – Q1 2025Pågående',
    ]);
    expect(screen.queryByText(/rapporten anger inte/)).toBeNull();
  });

  it('shows the contact from the report, and lets the DPO change it', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ user: 'dpo', path: '/tab/action-plan' });
    const card = await screen.findByTestId('contact');
    expect(within(card).getByText('Anna (Anna-Lena) Björk')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'anna.bjork@intraservice.goteborg.se' }).getAttribute('href')).toBe(
      'mailto:anna.bjork@intraservice.goteborg.se',
    );
    const dialog = await openDialog(user, within(card).getByRole('button', { name: 'Ändra kontakt' }));
    const role = within(dialog).getByRole('textbox', { name: 'Roll', hidden: true });
    await user.clear(role);
    await user.type(role, 'Enhetschef');
    await user.click(within(dialog).getByRole('button', { name: 'Spara', hidden: true }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = api.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe('/api/contact');
    expect(patch.body).toEqual({
      name: 'Anna (Anna-Lena) Björk',
      title: 'Chief Information Security Officer (CISO)',
      role: 'Enhetschef',
      organisation: 'GÖTEBORGS STAD Intraservice',
      email: 'anna.bjork@intraservice.goteborg.se',
      version: 1,
    });
  });

  it('offers the change to no one but the DPO', async () => {
    renderApp({ user: 'ciso', path: '/tab/action-plan' });
    const card = await screen.findByTestId('contact');
    await waitFor(() => expect(screen.getByText(/CISO Intraservice \(demo\)/)).toBeTruthy());
    expect(within(card).queryByRole('button', { name: 'Ändra kontakt' })).toBeNull();
  });
});
