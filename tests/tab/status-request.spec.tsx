// @vitest-environment jsdom
/** "Begär status" on the control-point detail: for the DPO and the CISO only, the due date posted once, the answer said in words. */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusRequest } from '../../src/domain/status-requests.js';
import { openRequest } from '../fixtures/status-requests.js';
import { fakeApi, openDialog, renderApp } from './harness.js';

afterEach(cleanup);

const heading = 'Kontrollpunkt 4: Register över personuppgiftsbehandlingar';
const request = openRequest;

/** A fake API keeping the open status requests in memory, answering a POST as the server does (201, request and delivery). */
function apiWithRequests(delivered: boolean) {
  const api = fakeApi();
  const stored: StatusRequest[] = [];
  api.override((req) => {
    if (req.method === 'GET' && req.path === '/api/status-requests') return { status: 200, body: { requests: stored } };
    if (req.method !== 'POST' || req.path !== '/api/control-points/4/status-requests') return undefined;
    const saved = request({ id: String(stored.length + 1), dueDate: (req.body as { dueDate: string }).dueDate });
    stored.push(saved);
    return { status: 201, body: { request: saved, delivered } };
  });
  return api;
}

describe('requesting a status from the control-point detail', () => {
  it('shows no button to a reader or an editor', async () => {
    for (const user of ['reader', 'editor']) {
      renderApp({ user, path: '/tab/control-points/4', api: apiWithRequests(true) });
      await screen.findByRole('heading', { level: 1, name: heading });
      expect(screen.queryByRole('button', { name: 'Begär status', hidden: true }), user).toBeNull();
      cleanup();
    }
  });

  it('lets the DPO send a request with a due date once, says where it went, and lists it as waiting', async () => {
    const user = userEvent.setup();
    const api = apiWithRequests(true);
    renderApp({ user: 'dpo', path: '/tab/control-points/4', api });
    await screen.findByRole('heading', { level: 1, name: heading });
    const dialog = await openDialog(user, await screen.findByRole('button', { name: 'Begär status', hidden: true }));
    expect(within(dialog).getByText(/DPO Board skickar ett kort till CISO Intraservice i Teams/)).toBeTruthy();
    const due = within(dialog).getByLabelText(/Svara senast/);
    await user.clear(due);
    await user.type(due, '2026-12-10');
    await user.click(within(dialog).getByRole('button', { name: 'Skicka förfrågan', hidden: true }));
    const section = screen.getByTestId('status-request');
    expect(await within(section).findByText('Förfrågan är skickad till Megan Bowen. Svar senast 10 dec. 2026.')).toBeTruthy();
    expect(
      await within(section).findByText('Väntar på svar från Megan Bowen (begärt av Dataskyddsombud, senast 10 dec. 2026)'),
    ).toBeTruthy();
    const posts = api.requests.filter((r) => r.method === 'POST' && r.path === '/api/control-points/4/status-requests');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ dueDate: '2026-12-10' });
    expect(posts[0]!.headers['idempotency-key']).toMatch(/\S/);
  });

  it('tells the CISO when the card did not reach the person, and shows the server refusal in words', async () => {
    const user = userEvent.setup();
    const api = apiWithRequests(false);
    renderApp({ user: 'ciso', path: '/tab/control-points/4', api });
    await screen.findByRole('heading', { level: 1, name: heading });
    let dialog = await openDialog(user, await screen.findByRole('button', { name: 'Begär status', hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Skicka förfrågan', hidden: true }));
    expect(await screen.findByText(/kortet kom inte fram till Megan Bowen/)).toBeTruthy();

    api.override((req) =>
      req.method === 'POST'
        ? { status: 422, body: { error: { code: 'unprocessable', message: 'Jag hittar ingen i Teams för "CISO Intraservice".' } } }
        : undefined,
    );
    dialog = await openDialog(user, screen.getByRole('button', { name: 'Begär status', hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Skicka förfrågan', hidden: true }));
    await waitFor(() => expect(within(dialog).getByText(/Jag hittar ingen i Teams/)).toBeTruthy());
  });
});
