// @vitest-environment jsdom
/**
 * The units page in the tab (/tab/admin/units, issue 14 item 1): active units and, apart, archived ones, with their
 * people responsible; someone who manages units everywhere creates one (the id checked as the server checks it);
 * a unit's DPO renames it and names its people under its version, and archives it after a confirmation; a reader
 * sees no units page. The server decides every write (tests/api/units.spec.ts).
 */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Unit } from '../../src/domain/model.js';
import { permissionsOf } from '../../src/domain/roles.js';
import { extraUnit, fakeApi, fixtures, openDialog, renderApp, type FakeApi, managedFixtureUnit } from './harness.js';

afterEach(cleanup);

/** Puts text in a field as one paste: typing it key by key is slow under load, and keys are not what is tested here. */
async function fillIn(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.paste(text);
}

const intraservice = managedFixtureUnit();
const old: Unit = {
  ...extraUnit('gamla-forvaltningen', 'Gamla förvaltningen', { archived: true }),
  responsible: [],
  version: 5,
};

/** The API with full units (GET /api/units answers people and versions); `everywhere`: /api/me as an administrator. */
function unitsApi(everywhere = false): FakeApi {
  const api = fakeApi({ units: [old] });
  api.override((req) =>
    req.method === 'GET' && req.path === '/api/units' ? { status: 200, body: { units: [intraservice, old] } } : undefined,
  );
  if (everywhere) {
    const admin = {
      id: 'dpo',
      displayName: 'Administratör (demo)',
      roles: ['admin' as const],
      grants: [{ role: 'admin' as const, units: '*' as const }],
    };
    api.override((req) =>
      req.method === 'GET' && req.path === '/api/me'
        ? {
            status: 200,
            body: {
              ...admin,
              permissions: permissionsOf(admin, 'intraservice'),
              permissionsByUnit: { intraservice: permissionsOf(admin, 'intraservice'), [old.id]: permissionsOf(admin, old.id) },
              authMode: 'local',
            },
          }
        : undefined,
    );
  }
  return api;
}

describe('the units page', () => {
  it('lists active units and, apart, archived ones, with their people; only someone who manages every unit may create', async () => {
    const api = unitsApi();
    renderApp({ user: 'dpo', path: '/tab/admin/units', api });
    const active = await screen.findByRole('region', { name: 'Aktiva förvaltningar' });
    const archived = screen.getByRole('region', { name: 'Arkiverade förvaltningar' });
    expect(within(active).getByText('Cia So (CISO, cia@example.invalid)')).toBeTruthy();
    expect(within(archived).getByText('Gamla förvaltningen (arkiverad)')).toBeTruthy();
    expect(within(active).queryByText(/Gamla förvaltningen/)).toBeNull();
    // Creating needs manageUnits in every unit: this DPO holds it in their units only.
    expect(screen.queryByRole('button', { name: 'Ny förvaltning' })).toBeNull();
    expect(screen.getByRole('tab', { name: 'Förvaltningar' })).toBeTruthy();
  });

  it("the unit's DPO renames it and names its people, under the version read", async () => {
    const user = userEvent.setup();
    const api = unitsApi();
    renderApp({ user: 'dpo', path: '/tab/admin/units', api });
    const active = await screen.findByRole('region', { name: 'Aktiva förvaltningar' });
    const dialog = await openDialog(user, within(active).getByRole('button', { name: 'Ändra Intraservice' }));
    const nameEn = within(dialog).getByRole('textbox', { name: 'Namn på engelska', hidden: true });
    await user.clear(nameEn);
    await fillIn(user, nameEn, 'Intraservice Administration');
    await user.click(within(dialog).getByRole('button', { name: 'Lägg till ansvarig', hidden: true }));
    const second = within(dialog).getByRole('group', { name: 'Ansvarig 2', hidden: true });
    await user.selectOptions(within(second).getByRole('combobox', { name: 'Roll', hidden: true }), 'editor');
    await fillIn(user, within(second).getByRole('textbox', { name: 'Namn', hidden: true }), 'Eddie Tor');
    await fillIn(user, within(second).getByRole('textbox', { name: 'E-post', hidden: true }), 'eddie@example.invalid');
    await user.click(within(dialog).getByRole('button', { name: 'Spara', hidden: true }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = api.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe('/api/units/intraservice');
    expect(patch.headers['idempotency-key']).toBeTruthy();
    expect(patch.body).toEqual({
      name: 'Intraservice',
      nameEn: 'Intraservice Administration',
      organisation: 'Göteborgs Stad',
      responsible: [
        { role: 'ciso', name: 'Cia So', email: 'cia@example.invalid' },
        { role: 'editor', name: 'Eddie Tor', email: 'eddie@example.invalid' },
      ],
      version: 3,
    });
  });

  it('archives a unit after a confirmation that says what it means, and restores an archived one', async () => {
    const user = userEvent.setup();
    const api = unitsApi();
    renderApp({ user: 'dpo', path: '/tab/admin/units', api });
    const active = await screen.findByRole('region', { name: 'Aktiva förvaltningar' });
    const dialog = await openDialog(user, within(active).getByRole('button', { name: 'Arkivera Intraservice' }));
    expect(within(dialog).getByText(/All historik finns kvar att läsa/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Arkivera', hidden: true }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'PATCH')).toBe(true));
    expect(api.requests.find((r) => r.method === 'PATCH')).toMatchObject({
      path: '/api/units/intraservice',
      body: { archived: true, version: 3 },
    });

    const archived = screen.getByRole('region', { name: 'Arkiverade förvaltningar' });
    const restore = await openDialog(user, within(archived).getByRole('button', { name: 'Återställ Gamla förvaltningen' }));
    await user.click(within(restore).getByRole('button', { name: 'Återställ', hidden: true }));
    await waitFor(() => expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2));
    expect(api.requests.filter((r) => r.method === 'PATCH')[1]).toMatchObject({
      path: '/api/units/gamla-forvaltningen',
      body: { archived: false, version: 5 },
    });
  });

  it('someone who manages every unit creates one: the id is checked before it is sent, then posted with its first year', async () => {
    const user = userEvent.setup();
    const api = unitsApi(true);
    renderApp({ user: 'dpo', path: '/tab/admin/units', api });
    const dialog = await openDialog(user, await screen.findByRole('button', { name: 'Ny förvaltning' }));
    await fillIn(user, within(dialog).getByRole('textbox', { name: 'Id', hidden: true }), 'Kultur förv');
    await fillIn(user, within(dialog).getByRole('textbox', { name: 'Namn på svenska', hidden: true }), 'Kulturförvaltningen');
    await fillIn(user, within(dialog).getByRole('textbox', { name: 'Namn på engelska', hidden: true }), 'Culture Administration');
    await user.click(within(dialog).getByRole('button', { name: 'Spara', hidden: true }));
    expect(within(dialog).getByText(/Id:t ska vara 2–40 tecken/)).toBeTruthy();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
    const id = within(dialog).getByRole('textbox', { name: 'Id', hidden: true });
    await user.clear(id);
    await fillIn(user, id, 'kultur');
    await user.click(within(dialog).getByRole('button', { name: 'Spara', hidden: true }));
    await waitFor(() => expect(api.requests.some((r) => r.method === 'POST')).toBe(true));
    expect(api.requests.find((r) => r.method === 'POST')).toMatchObject({
      path: '/api/units',
      body: {
        id: 'kultur',
        name: 'Kulturförvaltningen',
        nameEn: 'Culture Administration',
        organisation: 'Göteborgs Stad',
        responsible: [],
        year: new Date().getFullYear(),
      },
    });
  });

  it('a reader sees no units tab, and the page says who manages units', async () => {
    renderApp({ user: 'reader', path: '/tab/admin/units', api: unitsApi() });
    expect(await screen.findByText(/Bara administratören, och dataskyddsombudet för sina förvaltningar/)).toBeTruthy();
    await waitFor(() => expect(screen.getByText(/Läsare \(demo\)/)).toBeTruthy());
    expect(screen.queryByRole('tab', { name: 'Förvaltningar' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Aktiva förvaltningar' })).toBeNull();
    expect(fixtures.session.demo!.users.some((u) => u.id === 'reader')).toBe(true);
  });
});
