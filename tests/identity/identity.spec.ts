/**
 * The one identity module: a request, a Teams account and a SharePoint editor in, an Actor out.
 * Each place where the paths decide differently is a test below ("differs: ..."). The role
 * directory here is a counting stand-in for our own RoleLookup port (the Graph side of it is
 * proven against the Graph test server in entra-directory.spec.ts); tokens are checked for real
 * in tests/api/entra-identity.spec.ts, so the verifier here only hands over claims.
 */
import { describe, expect, it } from 'vitest';
import type { JWTPayload } from 'jose';
import { loadConfig } from '../../src/config.js';
import { DomainError } from '../../src/domain/errors.js';
import { grantedRoles } from '../../src/identity/actor.js';
import { createIdentity, entraIdentity, LocalDirectory, localIdentity, type RoleLookup } from '../../src/identity/index.js';

const HOME = '11111111-2222-4333-8444-555555555555';
const PARTNER = '22222222-2222-4333-8444-555555555555';
const FOREIGN = '99999999-2222-4333-8444-555555555555';
const DANA = '0b5e6a1c-1d2e-4f30-9a4b-5c6d7e8f9a01';
const NORA = '0b5e6a1c-1d2e-4f30-9a4b-5c6d7e8f9a02';

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] });
/** A compact-JWS-shaped stand-in token; the stand-in verifier reads the person from its first part. */
const bearer = (who: string) => headers({ authorization: `Bearer ${who}.payload.signature` });
/** What every known person reads without READ_ALL_UNITS: the default unit. */
const READS_DEFAULT = { role: 'reader', units: ['intraservice'] } as const;
const inDefault = (...roles: ('dpo' | 'ciso' | 'editor')[]) => [...roles.map((role) => ({ role, units: ['intraservice'] })), READS_DEFAULT];

describe('role values', () => {
  it('grants the board roles of known app role values only, once each', () => {
    expect(grantedRoles(['DPO', 'Editor', 'DPO', 'Admin', 'Owner', 7, 'constructor', '__proto__'])).toEqual(['dpo', 'editor', 'admin']);
    expect(grantedRoles('DPO')).toEqual([]);
    expect(grantedRoles(undefined)).toEqual([]);
  });
});

describe('AUTH_MODE=local', () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  const users = config.localUsers.users.map((u) => (u.id === 'ciso' ? { ...u, aadObjectId: DANA.toUpperCase() } : u));
  const identity = localIdentity(new LocalDirectory(users, config.teamsUsers));

  it('is what the default configuration builds', () => {
    expect(createIdentity(config).mode).toBe('local');
  });

  it('knows a demo user by X-Local-User, and nobody without it', async () => {
    expect(await identity.fromRequest(headers({ 'x-local-user': 'editor' }))).toMatchObject({ id: 'editor', roles: ['editor'] });
    expect(await identity.fromRequest(headers({ 'x-local-user': 'mallory' }))).toBeNull();
    expect(await identity.fromRequest(headers({}))).toBeNull();
  });

  it('gives one person the same actor on all three paths', async () => {
    const byHeader = await identity.fromRequest(headers({ 'x-local-user': 'dpo' }));
    const byTeams = await identity.fromTeamsAccount({ id: 'user-id-0', name: 'Alex Wilber' });
    const byEditor = await identity.fromSharePointEditor({ email: 'DPO@example.invalid', displayName: 'Someone' });
    expect(byHeader).toEqual({
      id: 'dpo',
      displayName: 'Dataskyddsombud (demo)',
      email: 'dpo@example.invalid',
      roles: ['dpo'],
      grants: [{ role: 'dpo', units: '*' }, READS_DEFAULT],
    });
    expect(byTeams).toEqual(byHeader);
    expect(byEditor).toEqual(byHeader);
  });

  it("finds a SharePoint editor by object id: the demo user's own, or the one the Teams mapping gives", async () => {
    expect(await identity.fromSharePointEditor({ id: DANA, email: 'dana@example.org' })).toMatchObject({ id: 'ciso', roles: ['ciso'] });
    expect(await identity.fromSharePointEditor({ id: '00000000-0000-0000-0000-0000000000022' })).toMatchObject({ id: 'editor' });
  });

  it('differs: an unknown Teams user and an unknown SharePoint editor read, named after their channel; an unknown header is refused', async () => {
    expect(await identity.fromTeamsAccount({ id: '29:x', aadObjectId: NORA, name: 'Nora' })).toEqual({
      id: `teams:${NORA}`,
      displayName: 'Nora',
      roles: ['reader'],
      grants: [READS_DEFAULT],
    });
    expect(await identity.fromTeamsAccount({ id: '29:y' })).toEqual({
      id: 'teams:29:y',
      displayName: '29:y',
      roles: ['reader'],
      grants: [READS_DEFAULT],
    });
    expect(await identity.fromSharePointEditor({ id: NORA, displayName: 'Nora' })).toEqual({
      id: `sharepoint:${NORA}`,
      displayName: 'Nora',
      roles: ['reader'],
      grants: [READS_DEFAULT],
    });
    expect(await identity.fromSharePointEditor({})).toEqual({
      id: 'sharepoint:unknown',
      displayName: 'unknown',
      roles: ['reader'],
      grants: [READS_DEFAULT],
    });
  });

  it('reads the Teams mapping without the bot too (SharePoint editors), and refuses a broken one with a message naming it', () => {
    expect(loadConfig({ NODE_ENV: 'test', BOT_ENABLED: 'false' }).teamsUsers.users.length).toBeGreaterThan(0);
    expect(() => loadConfig({ NODE_ENV: 'test', BOT_LOCAL_USERS_FILE: '/nonexistent/teams-users.json' })).toThrow(
      /BOT_LOCAL_USERS_FILE .* cannot be read/,
    );
  });

  it('refuses a Teams mapping that names a demo user who does not exist', () => {
    expect(() => new LocalDirectory(users, { users: [{ teamsId: 'x', localUser: 'ghost' }] })).toThrow(/unknown demo user ghost/);
  });
});

describe('AUTH_MODE=entra', () => {
  const claims: Record<string, JWTPayload> = {
    dana: {
      tid: HOME,
      oid: DANA.toUpperCase(),
      name: 'Dana Dataskydd',
      preferred_username: 'dana@example.org',
      scp: 'access_as_user',
      roles: ['DPO'],
    },
    danaNoRoles: { tid: HOME, oid: DANA, name: 'Dana Dataskydd', scp: 'access_as_user' },
    app: { tid: HOME, oid: NORA, roles: ['DPO'], idtyp: 'app' },
  };
  function build(options: { directoryForTokens?: boolean; directory?: boolean } = {}) {
    const asked: string[] = [];
    const directory: RoleLookup = {
      roleValues(oid) {
        asked.push(oid);
        return Promise.resolve(oid === DANA ? ['DPO', 'Editor'] : []);
      },
    };
    const identity = entraIdentity({
      verifier: { verify: (token) => Promise.resolve(claims[token.split('.')[0]!] ?? null) },
      allowedTenants: [HOME, PARTNER],
      homeTenant: HOME,
      directory: options.directory === false ? undefined : directory,
      directoryForTokens: options.directoryForTokens ?? false,
    });
    return { identity, asked };
  }

  it("takes a token's person (object id in lower case, as Teams and SharePoint name them) and roles claim, not the directory's", async () => {
    const { identity, asked } = build();
    expect(await identity.fromRequest(bearer('dana'))).toEqual({
      id: DANA,
      displayName: 'Dana Dataskydd',
      email: 'dana@example.org',
      roles: ['dpo'],
      grants: inDefault('dpo'),
    });
    expect(await identity.fromRequest(bearer('forged'))).toBeNull();
    expect(await identity.fromRequest(headers({ 'x-local-user': 'dpo' }))).toBeNull();
    expect(asked).toEqual([]);
  });

  it('refuses an app-only token with not_a_person (403)', async () => {
    const { identity } = build();
    const refusal = await identity.fromRequest(bearer('app')).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'not_a_person', status: 403 });
  });

  it("differs: a token's roles are its own, while Teams users and SharePoint editors get the directory's", async () => {
    const { identity, asked } = build();
    const teams = await identity.fromTeamsAccount({ id: '29:dana', aadObjectId: DANA.toUpperCase(), name: 'Dana', tenantId: HOME });
    const editor = await identity.fromSharePointEditor({ id: DANA, email: 'dana@example.org', displayName: 'Dana Dataskydd' });
    const request = await identity.fromRequest(bearer('danaNoRoles'));
    expect(teams).toEqual({ id: DANA, displayName: 'Dana', roles: ['dpo', 'editor'], grants: inDefault('dpo', 'editor') });
    expect(editor).toEqual({
      id: DANA,
      displayName: 'Dana Dataskydd',
      email: 'dana@example.org',
      roles: ['dpo', 'editor'],
      grants: inDefault('dpo', 'editor'),
    });
    expect(request).toMatchObject({ id: DANA, roles: ['reader'] });
    expect(asked).toEqual([DANA, DANA]);
  });

  it("adds the directory's roles to a token with ENTRA_ROLE_GROUPS", async () => {
    const { identity, asked } = build({ directoryForTokens: true });
    expect(await identity.fromRequest(bearer('danaNoRoles'))).toMatchObject({ id: DANA, roles: ['dpo', 'editor'] });
    expect(asked).toEqual([DANA]);
  });

  it('differs: a Teams user of a tenant that is not allowed is refused; of another allowed tenant reads without a lookup', async () => {
    const { identity, asked } = build();
    await expect(identity.fromTeamsAccount({ id: '29:dana', aadObjectId: DANA, tenantId: FOREIGN })).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    await expect(identity.fromTeamsAccount({ id: '29:dana', aadObjectId: DANA })).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await identity.fromTeamsAccount({ id: '29:dana', aadObjectId: DANA, name: 'Dana', tenantId: PARTNER })).toEqual({
      id: DANA,
      displayName: 'Dana',
      roles: ['reader'],
      grants: [READS_DEFAULT],
    });
    expect(asked).toEqual([]);
  });

  it('lets a person nobody granted a role read, on every path', async () => {
    const { identity } = build();
    expect(await identity.fromTeamsAccount({ id: '29:nora', aadObjectId: NORA, tenantId: HOME })).toMatchObject({
      id: NORA,
      roles: ['reader'],
    });
    expect(await identity.fromTeamsAccount({ id: '29:anon', tenantId: HOME })).toEqual({
      id: 'teams:29:anon',
      displayName: '29:anon',
      roles: ['reader'],
      grants: [READS_DEFAULT],
    });
    expect(await identity.fromSharePointEditor({ id: NORA, displayName: 'Nora' })).toMatchObject({ id: NORA, roles: ['reader'] });
    expect(await identity.fromSharePointEditor({ displayName: 'SharePoint App' })).toEqual({
      id: 'sharepoint:SharePoint App',
      displayName: 'SharePoint App',
      roles: ['reader'],
      grants: [READS_DEFAULT],
    });
  });

  it('lets everyone without a token read when there is no directory (no Graph credentials)', async () => {
    const { identity } = build({ directory: false });
    expect(await identity.fromTeamsAccount({ id: '29:dana', aadObjectId: DANA, tenantId: HOME })).toMatchObject({ roles: ['reader'] });
    expect(await identity.fromSharePointEditor({ id: DANA })).toMatchObject({ roles: ['reader'] });
    expect(await identity.fromRequest(bearer('dana'))).toMatchObject({ roles: ['dpo'] });
  });

  it('is what a configuration with an Entra app builds', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      BOT_ENABLED: 'false',
      ENTRA_CLIENT_ID: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      ENTRA_TENANT_ID: HOME,
    });
    expect(createIdentity(config).mode).toBe('entra');
  });
});
