/**
 * Teams SSO tokens checked as Microsoft Entra ID v2 access tokens, against keys generated here
 * and served from a local JWKS endpoint (the same JSON shape as
 * https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys). Claims follow
 * https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

const TENANT = '11111111-2222-4333-8444-555555555555';
const OTHER_TENANT = '99999999-2222-4333-8444-555555555555';
const CLIENT_ID = '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const APP_ID_URI = `api://board.example.org/${CLIENT_ID}`;
const HOST = 'https://login.microsoftonline.com';

let server: TestServer;
let jwks: http.Server;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;

interface TokenOptions {
  claims?: Record<string, unknown>;
  key?: CryptoKey;
  kid?: string;
  expiresIn?: string | number;
  notBefore?: string | number;
  audience?: string;
  issuer?: string;
}

async function token(o: TokenOptions = {}): Promise<string> {
  const tid = (o.claims?.tid as string) ?? TENANT;
  let jwt = new SignJWT({
    tid,
    oid: 'a1b2c3',
    name: 'Dana Dataskydd',
    preferred_username: 'dana@example.org',
    ver: '2.0',
    scp: 'access_as_user',
    ...o.claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: o.kid ?? 'key-1', typ: 'JWT' })
    .setIssuer(o.issuer ?? `${HOST}/${tid}/v2.0`)
    .setAudience(o.audience ?? CLIENT_ID)
    .setIssuedAt()
    .setExpirationTime(o.expiresIn ?? '1h');
  if (o.notBefore !== undefined) jwt = jwt.setNotBefore(o.notBefore);
  return jwt.sign(o.key ?? signingKey);
}

const as = (bearer: string | null): Record<string, string> => (bearer ? { Authorization: `Bearer ${bearer}` } : {});
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', use: 'sig', alg: 'RS256' };
  jwks = http.createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const port = (jwks.address() as AddressInfo).port;
  server = await startTestServer({
    BOT_ENABLED: 'false',
    ENTRA_CLIENT_ID: CLIENT_ID,
    ENTRA_TENANT_ID: TENANT,
    ENTRA_APP_ID_URI: APP_ID_URI,
    ENTRA_JWKS_URI: `http://127.0.0.1:${port}/${TENANT}/discovery/v2.0/keys`,
  });
});

afterAll(async () => {
  await server.dispose();
  await new Promise((resolve) => jwks.close(resolve));
});

const board = (bearer: string | null, extra: Record<string, string> = {}) =>
  server.call(null, 'GET', '/api/board', undefined, { ...as(bearer), ...extra });

describe('Teams SSO tokens (AUTH_MODE=entra)', () => {
  it('is chosen when an Entra app is configured, and then ignores X-Local-User', async () => {
    expect(server.config.authMode).toBe('entra');
    expect((await board(null, { 'X-Local-User': 'dpo' })).status).toBe(401);
  });

  it('accepts a valid token for the client id or the api:// URI; roles come from the roles claim', async () => {
    const me = await server.call(null, 'GET', '/api/me', undefined, as(await token({ claims: { roles: ['DPO'] } })));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: 'a1b2c3', displayName: 'Dana Dataskydd', roles: ['dpo'], authMode: 'entra' });
    expect((await board(await token({ audience: APP_ID_URI }))).status).toBe(200);
  });

  it('lets a signed-in person without an app role read, and nothing more', async () => {
    const reader = await token();
    expect((await board(reader)).status).toBe(200);
    const write = await server.call(null, 'POST', '/api/control-points/1/assessments', { level: 3 }, as(reader));
    expect(write.status).toBe(403);
  });

  it('lets the DPO assess and refuses an assessment from a CISO token with 403', async () => {
    const dpo = await server.call(
      null,
      'POST',
      '/api/control-points/1/assessments',
      { level: 4 },
      as(await token({ claims: { roles: ['DPO'] } })),
    );
    expect(dpo.status).toBe(201);
    expect(await dpo.json()).toMatchObject({ assessedBy: 'a1b2c3', assessedByName: 'Dana Dataskydd' });
    const ciso = await server.call(
      null,
      'POST',
      '/api/control-points/1/assessments',
      { level: 4 },
      as(await token({ claims: { roles: ['CISO'] } })),
    );
    expect(ciso.status).toBe(403);
  });

  const refused: [string, () => Promise<string | null>, Record<string, string>?][] = [
    ['no token', () => Promise.resolve(null)],
    ['a token signed by another key', () => token({ key: strangerKey })],
    ['a token naming an unknown key', () => token({ kid: 'key-2' })],
    ['an expired token', () => token({ expiresIn: Math.floor(Date.now() / 1000) - 3600 })],
    ['a token not valid yet', () => token({ notBefore: Math.floor(Date.now() / 1000) + 3600 })],
    ['a token for another audience', () => token({ audience: '00000003-0000-0000-c000-000000000000' })],
    ['a token from a tenant that is not allowed', () => token({ claims: { tid: OTHER_TENANT } })],
    ['a v1 token (sts.windows.net issuer)', () => token({ issuer: `https://sts.windows.net/${TENANT}/` })],
    ['an issuer of another tenant than the tid', () => token({ issuer: `${HOST}/${OTHER_TENANT}/v2.0` })],
    [
      'an unsigned token (alg none)',
      () => {
        const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        return Promise.resolve(
          `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ aud: CLIENT_ID, iss: `${HOST}/${TENANT}/v2.0`, tid: TENANT, oid: 'x', exp: now + 600, roles: ['DPO'] })}.`,
        );
      },
    ],
    [
      'a token with its payload altered',
      async () => {
        const [h, , s] = (await token()).split('.');
        const forged = Buffer.from(
          JSON.stringify({ aud: CLIENT_ID, iss: `${HOST}/${TENANT}/v2.0`, tid: TENANT, oid: 'x', exp: 9_999_999_999, roles: ['DPO'] }),
        ).toString('base64url');
        return `${h}.${forged}.${s}`;
      },
    ],
  ];

  it.each(refused)('refuses %s with 401', async (_name, make) => {
    const res = await board(await make());
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('unauthenticated');
  });

  // An app's own token (client credentials) has app roles but no `scp`; with the optional claim
  // configured it also says idtyp "app". It is not a person and reads nothing.
  // https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference
  it.each([
    ['without scp, with app roles', { scp: undefined, roles: ['DPO'] }],
    ['with an empty scp', { scp: ' ' }],
    ['with idtyp app', { idtyp: 'app', roles: ['DPO'] }],
  ])('refuses an app-only token (%s) with 403 not_a_person, in Swedish and English', async (_name, claims) => {
    const appOnly = await token({ claims });
    const sv = await board(appOnly, { 'Accept-Language': 'sv-SE' });
    expect(sv.status).toBe(403);
    const refusal = await errorOf(sv);
    expect(refusal.code).toBe('not_a_person');
    expect(refusal.message).toContain('tillhör en app, inte en person');
    const en = await server.call(
      null,
      'POST',
      '/api/control-points/1/assessments',
      { level: 4 },
      { ...as(appOnly), 'Accept-Language': 'en' },
    );
    expect(en.status).toBe(403);
    expect((await errorOf(en)).message).toContain('belongs to an application, not a person');
  });

  it('accepts a person whose token says idtyp user', async () => {
    expect((await board(await token({ claims: { idtyp: 'user' } }))).status).toBe(200);
  });

  it('never takes a token from the query string', async () => {
    const good = await token({ claims: { roles: ['DPO'] } });
    expect((await server.call(null, 'GET', `/api/board?access_token=${good}`)).status).toBe(401);
  });

  it('reveals no demo users in entra mode, only the public values the tab needs to sign in', async () => {
    const session: unknown = await (await server.call(null, 'GET', '/api/session')).json();
    expect(session).toEqual({
      authMode: 'entra',
      entra: { clientId: CLIENT_ID, tenantId: TENANT, appIdUri: APP_ID_URI, authorityHost: HOST },
    });
  });
});
