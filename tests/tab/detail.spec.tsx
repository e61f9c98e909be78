// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, openDialog, renderApp } from './harness.js';

afterEach(cleanup);

const heading = 'Kontrollpunkt 4: Register över personuppgiftsbehandlingar';

describe('the control point detail', () => {
  it('opens by deep link with status, activities, assessments by year and the status history', async () => {
    renderApp({ path: '/tab/control-points/4' });
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeTruthy();
    const activities = screen.getByTestId('activities');
    expect(within(activities).getAllByRole('listitem')).toHaveLength(5);
    expect(within(activities).getAllByText('Pågående').length).toBeGreaterThan(0);
    expect(screen.getByRole('img', { name: /Dataskyddsombudets nivå per år: 2023: 3 \(Delvis uppfylld\)/ })).toBeTruthy();
    expect(within(screen.getByTestId('status-history')).getByText(/Det finns ett personuppgiftsregister idag/)).toBeTruthy();
  });

  it('gives the CISO the status form and activity editing, not the assessment form', async () => {
    renderApp({ user: 'ciso', path: '/tab/control-points/4' });
    await screen.findByRole('heading', { level: 1, name: heading });
    await waitFor(() => expect(screen.getByTestId('status-form')).toBeTruthy());
    expect(screen.queryByTestId('assessment-form')).toBeNull();
    expect(screen.getByRole('button', { name: 'Ny aktivitet' })).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Ändra aktiviteten:/ })).toHaveLength(5);
  });

  it('gives the DPO the assessment form only', async () => {
    renderApp({ user: 'dpo', path: '/tab/control-points/4' });
    await screen.findByRole('heading', { level: 1, name: heading });
    await waitFor(() => expect(screen.getByTestId('assessment-form')).toBeTruthy());
    expect(screen.queryByTestId('status-form')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Ny aktivitet' })).toBeNull();
  });

  it('shows a reader no way to change anything', async () => {
    renderApp({ user: 'reader', path: '/tab/control-points/4' });
    await screen.findByRole('heading', { level: 1, name: heading });
    await waitFor(() => expect(screen.getByTestId('read-only')).toBeTruthy());
    expect(screen.queryByTestId('status-form')).toBeNull();
    expect(screen.queryByTestId('assessment-form')).toBeNull();
    expect(screen.queryByRole('button', { name: /Ändra/ })).toBeNull();
  });

  it('posts a status update with an Idempotency-Key and clears the form when saved', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ user: 'ciso', path: '/tab/control-points/4' });
    const form = await screen.findByTestId('status-form');
    await user.type(within(form).getByRole('textbox', { name: /Statustext/ }), 'Registret är verifierat.');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Förvaltningens egen nivå' }), '4');
    await user.click(within(form).getByRole('button', { name: 'Publicera status' }));
    await waitFor(() => expect(within(form).getByText('Sparat.')).toBeTruthy());
    const post = api.requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe('/api/control-points/4/status-updates');
    expect(post.body).toMatchObject({ text: 'Registret är verifierat.', unitLevel: 4 });
    expect(post.headers['idempotency-key']).toMatch(/\S{8,}/);
    expect(post.headers['x-local-user']).toBe('ciso');
    expect(within(form).getByRole<HTMLTextAreaElement>('textbox', { name: /Statustext/ }).value).toBe('');
  });

  it("shows the server's error in a MessageBar, keeps what was typed, and retries with the same key", async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    let fail = true;
    api.override((req) =>
      req.method === 'POST' && fail
        ? { status: 409, body: { error: { code: 'conflict', message: 'Någon annan har ändrat detta under tiden.' } } }
        : undefined,
    );
    renderApp({ user: 'ciso', path: '/tab/control-points/4', api });
    const form = await screen.findByTestId('status-form');
    const text = within(form).getByRole<HTMLTextAreaElement>('textbox', { name: /Statustext/ });
    await user.type(text, 'Viktig text som inte får försvinna');
    await user.click(within(form).getByRole('button', { name: 'Publicera status' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('Någon annan har ändrat detta under tiden.');
    expect(text.value).toBe('Viktig text som inte får försvinna');
    fail = false;
    await user.click(within(form).getByRole('button', { name: 'Publicera status' }));
    await waitFor(() => expect(text.value).toBe(''));
    const posts = api.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.headers['idempotency-key']).toBe(posts[0]!.headers['idempotency-key']);
  });

  it('lets the DPO assess with a level and a comment', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ user: 'dpo', path: '/tab/control-points/4' });
    const form = await screen.findByTestId('assessment-form');
    await user.click(within(form).getByRole('radio', { name: '4 · Till stor del uppfylld' }));
    await user.type(within(form).getByRole('textbox', { name: 'Kommentar' }), 'Registret är på plats.');
    await user.click(within(form).getByRole('button', { name: 'Spara bedömning' }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'POST')).toBe(true));
    const post = api.requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe('/api/control-points/4/assessments');
    expect(post.body).toEqual({ level: 4, comment: 'Registret är på plats.' });
  });

  it('edits an activity with its version through a dialog', async () => {
    const user = userEvent.setup();
    const { api } = renderApp({ user: 'editor', path: '/tab/control-points/4' });
    await screen.findByRole('heading', { level: 1, name: heading });
    const edit = await screen.findAllByRole('button', { name: /^Ändra aktiviteten:/ });
    const dialog = await openDialog(user, edit[1]!);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Tillstånd', hidden: true }), 'done');
    await user.click(within(dialog).getByRole('button', { name: 'Spara', hidden: true }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = api.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe('/api/activities/13');
    expect(patch.body).toMatchObject({ state: 'done', version: 1, dueTo: '2025-Q2', workPackage: 'Systemstod' });
  });

  it('says so when the control point does not exist', async () => {
    renderApp({ path: '/tab/control-points/99' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Kontrollpunkten finns inte.' })).toBeTruthy();
  });
});
