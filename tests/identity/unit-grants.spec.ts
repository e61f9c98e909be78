/**
 * Where roles per unit come from (contract C2, README "Roller per förvaltning / Roles per unit"):
 * the demo-users file (roles and units per user, read again when it changes), Entra app roles (the
 * default unit; Admin every unit) and groups per unit (ENTRA_UNIT_GROUPS), and the units' people
 * responsible, read from the store. The directory here is a stand-in for our own RoleLookup port (its
 * Graph side is proven in entra-directory.spec.ts); the units are a stand-in for the store's listUnits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { can, unitsWhere } from '../../src/domain/roles.js';
import { entraIdentity, LocalDirectory, localIdentity, LocalUsersFile, type RoleLookup } from '../../src/identity/index.js';
import type { UnitPeopleSource } from '../../src/identity/index.js';
import { tempDataDir } from '../helpers/server.js';

const A = 'intraservice';
const B = 'exempel-01';
const C = 'exempel-02';
const HOME = '11111111-2222-4333-8444-555555555555';
const DANA = '0b5e6a1c-1d2e-4f30-9a4b-5c6d7e8f9a01';
const EVA = '0b5e6a1c-1d2e-4f30-9a4b-5c6d7e8f9a03';
const GROUP = '7d1c6a52-3b9e-4f0a-9c2d-1e5f6a7b8c9d';
const defaults = { defaultUnit: A, readAllUnits: false };
const header = (id: string) => ({ get: (name: string) => (name.toLowerCase() === 'x-local-user' ? id : undefined) });

/** The units and their people responsible, as the store lists them (archived ones too). */
const units: UnitPeopleSource = {
  listUnits: () =>
    Promise.resolve([
      { id: A, responsible: [] },
      { id: B, responsible: [{ role: 'ciso', name: 'Eva Ek', email: 'Eva.Ek@example.org' }] },
      { id: C, responsible: [{ role: 'editor', name: 'Dana', email: 'other@example.org', aadObjectId: DANA.toUpperCase() }] },
    ]),
};

describe('demo users: roles in their units', () => {
  const directory = new LocalDirectory([
    { id: 'dpo', displayName: 'DPO', roles: ['dpo'], units: '*' },
    { id: 'ciso-b', displayName: 'CISO B', roles: ['ciso'], units: [B] },
    { id: 'plain', displayName: 'Utan enheter', roles: ['editor'] },
    { id: 'admin', displayName: 'Admin', roles: ['admin'], units: [B] },
    { id: 'reader-c', displayName: 'Läsare C', roles: ['reader'], units: [C] },
    { id: 'eva', displayName: 'Eva', email: 'eva.ek@example.org', roles: ['reader'] },
  ]);
  const identity = localIdentity(directory, { defaults, units });
  const actor = async (id: string) => (await identity.fromRequest(header(id)))!;

  it('a role with units holds there only, and every known person reads the default unit', async () => {
    const ciso = await actor('ciso-b');
    expect(ciso.grants).toEqual([
      { role: 'ciso', units: [B] },
      { role: 'reader', units: [A] },
    ]);
    expect([can(ciso, 'writeStatus', B), can(ciso, 'writeStatus', A), can(ciso, 'read', A), can(ciso, 'read', C)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it("without units a role is the default unit's; the administrator is every unit's whatever the file says", async () => {
    expect(unitsWhere(await actor('plain'), 'writeStatus')).toEqual([A]);
    const admin = await actor('admin');
    expect(unitsWhere(admin, 'manageUnits')).toBe('*');
    expect(can(admin, 'assess', B)).toBe(false);
    expect(unitsWhere(await actor('dpo'), 'assess')).toBe('*');
  });

  it('a reader reads the units they are given, and the default unit', async () => {
    expect(unitsWhere(await actor('reader-c'), 'read')).toEqual([A, C].sort());
  });

  it("adds the units' people responsible, matched by e-mail address without regard to case", async () => {
    const eva = await actor('eva');
    expect(eva.roles).toEqual(['ciso']);
    expect(unitsWhere(eva, 'writeStatus')).toEqual([B]);
  });

  it('READ_ALL_UNITS lets every known person read every unit, and nothing more', async () => {
    const all = localIdentity(directory, { defaults: { defaultUnit: A, readAllUnits: true } });
    const ciso = (await all.fromRequest(header('ciso-b')))!;
    expect([can(ciso, 'read', C), can(ciso, 'writeStatus', C)]).toEqual([true, false]);
    const stranger = await all.fromTeamsAccount({ id: '29:x', name: 'X' });
    expect(unitsWhere(stranger, 'read')).toBe('*');
  });
});

describe('the demo-users file is read again when it changes', () => {
  const dir = tempDataDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'users.json');
  const write = (units: string[]) =>
    fs.writeFileSync(file, JSON.stringify({ defaultUser: 'anna', users: [{ id: 'anna', displayName: 'Anna', roles: ['ciso'], units }] }));

  it('sees new units at the next lookup, keeps the last good users when the file breaks, and refuses a bad file at start', async () => {
    write([A]);
    const identity = localIdentity(new LocalDirectory(new LocalUsersFile(file)), { defaults });
    const writesB = async () => can((await identity.fromRequest(header('anna')))!, 'writeStatus', B);
    expect(await writesB()).toBe(false);
    write([A, B]);
    expect(await writesB()).toBe(true);
    fs.writeFileSync(file, JSON.stringify({ defaultUser: 'anna', users: [{ id: 'anna', displayName: 'Anna', roles: ['tsar'] }] }));
    expect(await writesB()).toBe(true);
    write([A]);
    expect(await writesB()).toBe(false);
    fs.writeFileSync(file, JSON.stringify({ defaultUser: 'nobody', users: [{ id: 'anna', displayName: 'Anna', roles: ['ciso'] }] }));
    expect(() => new LocalUsersFile(file)).toThrow(/defaultUser nobody/);
  });

  it('refuses a unit id that is not one at start (the configuration names the file)', () => {
    fs.writeFileSync(
      file,
      JSON.stringify({ defaultUser: 'a', users: [{ id: 'a', displayName: 'A', roles: ['ciso'], units: ['Kultur Förv'] }] }),
    );
    expect(() => loadConfig({ NODE_ENV: 'test', LOCAL_USERS_FILE: file })).toThrow(/LOCAL_USERS_FILE .* is invalid/);
  });
});

describe('Entra: app roles, groups per unit and people responsible', () => {
  const values: Record<string, string[]> = {
    [DANA]: ['CISO', `ciso:${B}`, 'dpo:*', 'editor:', 'tsar:x'],
    [EVA]: ['Admin'],
  };
  const asked: string[] = [];
  const directory: RoleLookup = {
    roleValues(oid) {
      asked.push(oid);
      return Promise.resolve(values[oid] ?? []);
    },
  };
  const identity = entraIdentity({
    verifier: {
      verify: (token) =>
        Promise.resolve(
          token.startsWith('eva.')
            ? { tid: HOME, oid: EVA, name: 'Eva Ek', preferred_username: 'eva.ek@example.org', scp: 'access_as_user' }
            : null,
        ),
    },
    allowedTenants: [HOME],
    homeTenant: HOME,
    directory,
    directoryForTokens: true,
    defaults,
    units,
  });

  it("an app role is the default unit's; a unit group names its unit or every unit; other values count for nothing", async () => {
    const dana = await identity.fromTeamsAccount({ id: '29:dana', aadObjectId: DANA, name: 'Dana', tenantId: HOME });
    expect(dana.grants).toEqual([
      { role: 'dpo', units: '*' },
      { role: 'ciso', units: [A, B].sort() },
      // the units' people responsible: Dana is named an editor of C by her object id
      { role: 'editor', units: [C] },
      { role: 'reader', units: [A] },
    ]);
    expect(dana.roles).toEqual(['dpo', 'ciso', 'editor']);
  });

  it("a token's person gets the directory's Admin (every unit) and is matched to the people responsible by the token's e-mail", async () => {
    const eva = (await identity.fromRequest({ get: (n: string) => (n === 'authorization' ? 'Bearer eva.x.y' : undefined) }))!;
    expect(unitsWhere(eva, 'manageUnits')).toBe('*');
    expect(unitsWhere(eva, 'writeStatus')).toEqual([B]);
  });
});

describe('configuration of roles per unit', () => {
  const entra = { NODE_ENV: 'test', BOT_ENABLED: 'false', ENTRA_CLIENT_ID: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', ENTRA_TENANT_ID: HOME };
  const graph = { GRAPH_TENANT_ID: HOME, GRAPH_CLIENT_ID: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', GRAPH_CLIENT_SECRET: 'not-a-secret' };

  it('reads ENTRA_UNIT_GROUPS as <role>:<unit or *>=<group id>, groups in lower case', () => {
    const config = loadConfig({ ...entra, ...graph, ENTRA_UNIT_GROUPS: `ciso:${B}=${GROUP.toUpperCase()}, dpo:*=${GROUP}` });
    expect(config.directory?.unitGroups).toEqual({ [`ciso:${B}`]: [GROUP], 'dpo:*': [GROUP] });
  });

  it('refuses what is not one, and unit groups without Graph credentials', () => {
    for (const bad of [`tsar:${B}=${GROUP}`, `ciso=${GROUP}`, `ciso:${B}=not-a-guid`, `admin:${B}=${GROUP}`, `ciso:Kultur=${GROUP}`]) {
      expect(() => loadConfig({ ...entra, ...graph, ENTRA_UNIT_GROUPS: bad }), bad).toThrow(ConfigError);
    }
    expect(() => loadConfig({ ...entra, ENTRA_UNIT_GROUPS: `ciso:${B}=${GROUP}` })).toThrow(/ENTRA_UNIT_GROUPS needs Graph credentials/);
  });

  it('READ_ALL_UNITS is off unless set', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).readAllUnits).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', READ_ALL_UNITS: 'true' }).readAllUnits).toBe(true);
  });
});
