// @vitest-environment jsdom
/**
 * Marks read from the report (issue 12, item 1): the note "tolkad från rapporten" on the board's cards and in the
 * detail, and the DPO's one-click "Bekräfta", which appends the DPO's own assessment at the same level through the
 * assessment API; once the detail is read again the note and the button are gone.
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, fakeHost, fixtures, renderApp } from './harness.js';

afterEach(cleanup);

const cp4 = 'Kontrollpunkt 4: Register över personuppgiftsbehandlingar';

describe('an interpreted mark', () => {
  it('carries the note on every board card whose mark was read from the report, in the meter’s text too', async () => {
    renderApp();
    const board = await screen.findByTestId('board');
    const cards = within(board).getAllByRole('listitem');
    for (const card of cards) expect(within(card).getByTestId('interpreted-note').textContent).toBe(' · tolkad från rapporten');
    expect(within(cards[3]!).getByRole('meter').getAttribute('aria-valuetext')).toMatch(/\(tolkad från rapporten\)$/);
  });

  it('has no note once the latest mark is the DPO’s own', async () => {
    const api = fakeApi();
    const board = structuredClone(fixtures.board);
    board.controlPoints[0]!.dpo = { ...board.controlPoints[0]!.dpo, id: 99, assessedBy: 'dpo', interpreted: false };
    api.override((req) => (req.path === '/api/board' ? { status: 200, body: board } : undefined));
    renderApp({ api });
    const cards = within(await screen.findByTestId('board')).getAllByRole('listitem');
    await waitFor(() => expect(within(cards[0]!).queryByTestId('interpreted-note')).toBeNull());
    expect(within(cards[1]!).getByTestId('interpreted-note')).toBeTruthy();
  });

  it('is marked in the detail’s meter and history, for every reader', async () => {
    renderApp({ user: 'reader', path: '/tab/control-points/4' });
    await screen.findByRole('heading', { level: 1, name: cp4 });
    const latest = screen.getByTestId('latest-status');
    expect(within(latest).getByTestId('interpreted-note')).toBeTruthy();
    expect(within(screen.getByTestId('assessments')).getByTestId('interpreted-note').textContent).toContain('tolkad från rapporten');
    expect(screen.queryByTestId('confirm-mark')).toBeNull();
  });

  it('is not the CISO’s to confirm', async () => {
    renderApp({ user: 'ciso', path: '/tab/control-points/4' });
    await screen.findByTestId('status-form');
    expect(screen.queryByRole('button', { name: /Bekräfta/ })).toBeNull();
  });

  it('is confirmed by the DPO with one click: the same level appended as their own, and the note goes', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    const confirmed = structuredClone(fixtures.detail4);
    const year = confirmed.assessmentsByYear[0]!;
    const own = { ...year.latest, id: 40, assessedBy: 'dpo', assessedByName: 'Dataskyddsombud', interpreted: false, comment: 'Bekräftad' };
    year.assessments.push(own);
    year.latest = own;
    let posted = false;
    api.override((req) => {
      if (req.method === 'POST') posted = true;
      return req.method === 'GET' && req.path === '/api/control-points/4' && posted ? { status: 200, body: confirmed } : undefined;
    });
    renderApp({ user: 'dpo', path: '/tab/control-points/4', api });
    const bar = await screen.findByTestId('confirm-mark');
    expect(bar.textContent).toContain('3 · Delvis uppfylld – tolkad från rapporten');
    await user.click(within(bar).getByRole('button', { name: 'Bekräfta nivå 3 · Delvis uppfylld som din egen bedömning' }));
    await waitFor(() => expect(screen.queryByTestId('confirm-mark')).toBeNull());
    const post = api.requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe('/api/control-points/4/assessments');
    expect(post.body).toEqual({ level: 3, comment: 'Bekräftad: nivån som lästes från rapportens markering.' });
    expect(post.headers['idempotency-key']).toMatch(/\S{8,}/);
    expect(within(screen.getByTestId('latest-status')).queryByTestId('interpreted-note')).toBeNull();
    expect(within(screen.getByTestId('assessments')).getAllByTestId('interpreted-note')).toHaveLength(1);
  });

  it('says it in English beside the Swedish', async () => {
    renderApp({ user: 'dpo', path: '/tab/control-points/4', host: fakeHost({ locale: 'en' }) });
    const bar = await screen.findByTestId('confirm-mark');
    expect(bar.textContent).toContain('interpreted from the report');
    expect(within(bar).getByRole('button', { name: /^Confirm level 3 · / })).toBeTruthy();
  });
});
