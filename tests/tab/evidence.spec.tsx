// @vitest-environment jsdom
/** Evidence on the control-point detail: the list everyone reads, the form for the DPO, the CISO and editors. */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/domain/evidence.js';
import { fakeApi, openDialog, renderApp } from './harness.js';

afterEach(cleanup);

const heading = 'Kontrollpunkt 4: Register över personuppgiftsbehandlingar';
const item = (over: Partial<Evidence>): Evidence => ({
  id: '1',
  unitId: 'intraservice',
  controlPoint: 4,
  title: 'Utdrag ur PU-registret',
  url: 'https://intraservice.sharepoint.com/sites/dpo/DPO%20Underlag/pu-register.xlsx',
  kind: 'registerExtract',
  date: '2024-10-01',
  origin: 'link',
  addedBy: 'ciso',
  addedByName: 'CISO Intraservice',
  addedAt: '2024-10-02T08:00:00.000Z',
  ...over,
});

/** A fake API keeping the evidence of control point 4 in memory. */
function apiWithEvidence(initial: Evidence[]) {
  const api = fakeApi();
  const stored = [...initial];
  api.override((req) => {
    const removal = /^\/api\/control-points\/4\/evidence\/(.+)$/.exec(req.path);
    if (req.method === 'DELETE' && removal) {
      const at = stored.findIndex((e) => e.id === decodeURIComponent(removal[1]!));
      if (at < 0) return { status: 404, body: { error: { code: 'not_found', message: 'Underlaget finns inte.' } } };
      return { status: 200, body: stored.splice(at, 1)[0] };
    }
    if (req.path !== '/api/control-points/4/evidence') return undefined;
    if (req.method === 'GET') return { status: 200, body: { evidence: stored } };
    const body = req.body as Pick<Evidence, 'title' | 'url' | 'kind' | 'date'>;
    const saved = item({ ...body, id: String(stored.length + 1), addedByName: 'Dataskyddsombud' });
    stored.push(saved);
    return { status: 201, body: saved };
  });
  return api;
}

describe('evidence on the control-point detail', () => {
  it('lists evidence with its kind, date and who added it, a library file as a file, and no form for a reader', async () => {
    const api = apiWithEvidence([
      item({}),
      item({ id: 'file:7', title: 'Dataskyddspolicy.pdf', kind: 'policy', origin: 'library', date: '2024-06-12' }),
    ]);
    renderApp({ user: 'reader', path: '/tab/control-points/4', api });
    await screen.findByRole('heading', { level: 1, name: heading });
    const section = screen.getByTestId('evidence');
    const link = await within(section).findByRole('link', { name: 'Utdrag ur PU-registret' });
    expect(link.getAttribute('href')).toBe(item({}).url);
    expect(within(section).getByText(/Registerutdrag · 1 okt\. 2024 · Tillagt av CISO Intraservice/)).toBeTruthy();
    expect(within(section).getByText(/Policy · 12 juni 2024 · Fil i DPO Underlag/)).toBeTruthy();
    expect(within(section).queryByTestId('evidence-form')).toBeNull();
    expect(
      within(section).getByText('Bara dataskyddsombudet och förvaltningens CISO och redaktörer kan lägga till underlag.'),
    ).toBeTruthy();
  });

  it('lets the DPO add an https link, which is posted once and then listed', async () => {
    const api = apiWithEvidence([]);
    renderApp({ user: 'dpo', path: '/tab/control-points/4', api });
    await screen.findByRole('heading', { level: 1, name: heading });
    const section = screen.getByTestId('evidence');
    expect(await within(section).findByText('Inget underlag ännu.')).toBeTruthy();
    const form = within(section).getByTestId('evidence-form');
    const user = userEvent.setup();
    await user.type(within(form).getByRole('textbox', { name: /Titel/ }), 'Protokoll ledningsgrupp');
    const url = within(form).getByRole('textbox', { name: /Länk/ });
    await user.clear(url);
    await user.type(url, 'https://intraservice.sharepoint.com/protokoll.pdf');
    await user.selectOptions(within(form).getByRole('combobox', { name: /Typ/ }), 'minutes');
    await user.click(within(form).getByRole('button', { name: 'Lägg till underlag' }));
    await waitFor(() => expect(within(section).getByRole('link', { name: 'Protokoll ledningsgrupp' })).toBeTruthy());
    const posts = api.requests.filter((r) => r.method === 'POST' && r.path === '/api/control-points/4/evidence');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject({
      title: 'Protokoll ledningsgrupp',
      url: 'https://intraservice.sharepoint.com/protokoll.pdf',
      kind: 'minutes',
    });
    expect(posts[0]!.headers['idempotency-key']).toMatch(/\S/);
  });

  it('lets whoever added a link remove it, after asking, and then lists it no more', async () => {
    const api = apiWithEvidence([item({}), item({ id: '2', title: 'Rutin för registret', addedBy: 'editor', addedByName: 'Redaktör' })]);
    renderApp({ user: 'ciso', path: '/tab/control-points/4', api });
    await screen.findByRole('heading', { level: 1, name: heading });
    const section = screen.getByTestId('evidence');
    await within(section).findByRole('link', { name: 'Utdrag ur PU-registret' });
    // The CISO added the first link; the editor's is not theirs to remove.
    expect(within(section).queryByRole('button', { name: 'Ta bort: Rutin för registret' })).toBeNull();
    const user = userEvent.setup();
    // openDialog (tests/tab/harness.tsx) says why dialogs are found with hidden elements included in jsdom.
    const dialog = await openDialog(user, within(section).getByRole('button', { name: 'Ta bort: Utdrag ur PU-registret' }));
    expect(within(dialog).getByText('Ta bort underlaget Utdrag ur PU-registret?')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Ta bort', hidden: true }));
    await waitFor(() => expect(within(section).queryByRole('link', { name: 'Utdrag ur PU-registret' })).toBeNull());
    expect(within(section).getByRole('status').textContent).toBe('Underlaget togs bort.');
    expect(within(section).getByRole('link', { name: 'Rutin för registret' })).toBeTruthy();
    const deletes = api.requests.filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.path)).toEqual(['/api/control-points/4/evidence/1']);
  });

  it('lets the DPO remove anyone’s link but never a library file, which is removed in the library', async () => {
    const api = apiWithEvidence([item({}), item({ id: 'file:7', title: 'Dataskyddspolicy.pdf', origin: 'library' })]);
    renderApp({ user: 'dpo', path: '/tab/control-points/4', api });
    await screen.findByRole('heading', { level: 1, name: heading });
    const section = screen.getByTestId('evidence');
    await within(section).findByRole('link', { name: 'Dataskyddspolicy.pdf' });
    expect(within(section).getByRole('button', { name: 'Ta bort: Utdrag ur PU-registret' })).toBeTruthy();
    expect(within(section).queryByRole('button', { name: 'Ta bort: Dataskyddspolicy.pdf' })).toBeNull();
  });

  it('offers a reader no removal', async () => {
    renderApp({ user: 'reader', path: '/tab/control-points/4', api: apiWithEvidence([item({})]) });
    await screen.findByRole('heading', { level: 1, name: heading });
    const section = screen.getByTestId('evidence');
    await within(section).findByRole('link', { name: 'Utdrag ur PU-registret' });
    expect(within(section).queryByRole('button', { name: /Ta bort/ })).toBeNull();
  });
});
