// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeHost, fixtures, renderApp } from './harness.js';

afterEach(cleanup);

describe('the board', () => {
  it('shows the twelve control points with their Swedish titles and both levels as meters', async () => {
    renderApp();
    const board = await screen.findByTestId('board');
    const cards = within(board).getAllByRole('listitem');
    expect(cards).toHaveLength(12);
    for (const cp of fixtures.board.controlPoints) {
      const link = within(board).getByRole('link', { name: `Kontrollpunkt ${cp.number}: ${cp.title}` });
      expect(link.getAttribute('href')).toBe(`/tab/control-points/${cp.number}`);
    }
    const first = within(cards[0]!).getAllByRole('meter');
    expect(first).toHaveLength(1); // the unit gave no own level in the seed: no meter, a text
    expect(first[0]!.getAttribute('aria-valuenow')).toBe(String(fixtures.board.controlPoints[0]!.dpo.level));
    expect(first[0]!.getAttribute('aria-valuetext')).toBe('Dataskyddsombud: nivå 5 av 5, Uppfylld (tolkad från rapporten)');
    expect(within(cards[0]!).getByText('Ingen egen nivå angiven')).toBeTruthy();
    expect(within(cards[0]!).getByText('Fokus 2024')).toBeTruthy();
  });

  it('filters by focus, work package, level and search, and sorts', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByTestId('board');
    const count = () => screen.getByTestId('shown-count').textContent;
    expect(count()).toBe('Visar 12 av 12 kontrollpunkter');

    await user.click(screen.getByRole('checkbox', { name: 'Endast fokusområden' }));
    expect(count()).toBe('Visar 3 av 12 kontrollpunkter');
    const numbers = () =>
      within(screen.getByTestId('board'))
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('data-testid'));
    expect(numbers()).toEqual(['cp-1', 'cp-4', 'cp-7']);
    await user.click(screen.getByRole('button', { name: 'Rensa filter' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Huvudpaket' }), 'Incident');
    expect(numbers()).toEqual(['cp-2']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Huvudpaket' }), '');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Dataskyddsombudets nivå' }), '1');
    expect(numbers()).toEqual(['cp-6']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Dataskyddsombudets nivå' }), '');

    await user.type(screen.getByRole('searchbox', { name: 'Sök' }), 'biträdesavtal');
    expect(numbers()).toEqual(['cp-3']);
    await user.clear(screen.getByRole('searchbox', { name: 'Sök' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Sortera' }), 'levelDesc');
    expect(numbers()[0]).toBe('cp-1');
    expect(numbers().at(-1)).toBe('cp-6');
  });

  it('opens a control point by click, with its own URL', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(await screen.findByRole('link', { name: /Kontrollpunkt 4:/ }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Kontrollpunkt 4: Register över personuppgiftsbehandlingar' }),
    ).toBeTruthy();
    expect(window.location.pathname).toBe('/tab/control-points/4');
  });

  it('speaks English when the host says so', async () => {
    renderApp({ host: fakeHost({ locale: 'en' }) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Control points 2023' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Focus areas only' })).toBeTruthy();
  });

  it('reads the board as the demo user, naming the tab and the language', async () => {
    const { api } = renderApp({ user: 'reader' });
    await screen.findByTestId('board');
    const boardCalls = api.requests.filter((r) => r.path === '/api/board');
    expect(boardCalls[0]!.headers['x-local-user']).toBe('reader');
    expect(boardCalls[0]!.headers['x-dpo-client']).toBe('tab');
    expect(boardCalls[0]!.headers['accept-language']).toBe('sv');
    await waitFor(() => expect(screen.getByText(/Uppdaterad/)).toBeTruthy());
  });
});
