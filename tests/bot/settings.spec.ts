/** Bot settings: credentials from the environment, and what the endpoint accepts without them. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { authenticationOptions } from '../../bot/adapter.js';
import { tabLink } from '../../bot/links.js';
import { startTestServer, tempDataDir } from '../helpers/server.js';
import * as A from './activities.js';

const APP = '6f1c2b1e-9d0a-4a43-9c7e-2f3b8f0c1a11';
const TENANT = 'c0ffee00-1234-4abc-8def-0123456789ab';
const base = { NODE_ENV: 'test' };

describe('bot settings', () => {
  it('runs without credentials locally only: in AUTH_MODE=entra it refuses to start without them', () => {
    expect(loadConfig(base).bot?.credentials).toEqual({ kind: 'none' });
    const entra = { ENTRA_CLIENT_ID: APP, ENTRA_TENANT_ID: TENANT };
    for (const env of [
      { NODE_ENV: 'production', ...entra },
      { ...base, ...entra },
      { ...base, ...entra, BOT_ENABLED: 'true' },
    ]) {
      expect(() => loadConfig(env)).toThrow(/AUTH_MODE=entra: the bot needs its Bot Framework credentials .* or BOT_ENABLED=false/);
    }
    expect(loadConfig({ NODE_ENV: 'production', ...entra, BOT_ENABLED: 'false' }).bot).toBeUndefined();
    const withSecret = { MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_PASSWORD: 's3cret' };
    expect(loadConfig({ NODE_ENV: 'production', ...entra, ...withSecret }).bot?.credentials.kind).toBe('secret');
    expect(loadConfig({ ...base, BOT_ENABLED: 'false' }).bot).toBeUndefined();
  });

  it('takes a secret, a certificate or a managed identity, single-tenant', () => {
    const secret = loadConfig({ ...base, MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_PASSWORD: 's3cret' }).bot!
      .credentials;
    expect(authenticationOptions(secret)).toEqual({
      MicrosoftAppId: APP,
      MicrosoftAppPassword: 's3cret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT,
    });
    const dir = tempDataDir();
    const keyFile = path.join(dir, 'bot.pem');
    fs.writeFileSync(keyFile, '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n');
    const cert = loadConfig({
      ...base,
      MICROSOFT_APP_ID: APP,
      MICROSOFT_APP_TENANT_ID: TENANT,
      MICROSOFT_APP_CERT_THUMBPRINT: 'A'.repeat(40),
      MICROSOFT_APP_CERT_KEY_FILE: keyFile,
    }).bot!.credentials;
    expect(authenticationOptions(cert)).toMatchObject({ CertificateThumbprint: 'A'.repeat(40) });
    expect(authenticationOptions(cert).CertificatePrivateKey).toContain('BEGIN PRIVATE KEY');
    fs.rmSync(dir, { recursive: true, force: true });
    const msi = loadConfig({ ...base, MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_TYPE: 'UserAssignedMSI' }).bot!
      .credentials;
    expect(authenticationOptions(msi)).toEqual({ MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT });
  });

  it.each([
    [{ MICROSOFT_APP_ID: APP }, /MICROSOFT_APP_TENANT_ID/],
    [{ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT }, /MICROSOFT_APP_PASSWORD/],
    [
      { MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_PASSWORD: 'x' },
      /takes no/,
    ],
    [
      { MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_CERT_THUMBPRINT: 'A'.repeat(40) },
      /MICROSOFT_APP_CERT_KEY_FILE/,
    ],
    [
      { MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_TYPE: 'MultiTenant', MICROSOFT_APP_PASSWORD: 'x' },
      /MICROSOFT_APP_TYPE/,
    ],
  ])('refuses incomplete credentials %#', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });

  it('refuses an unauthenticated activity once credentials are configured', async () => {
    const server = await startTestServer({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_PASSWORD: 's3cret' });
    try {
      const res = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(A.message('http://127.0.0.1:9/', A.PERSONAL, A.USERS.dpo, 'hjälp')),
      });
      expect(res.status).toBe(401);
    } finally {
      await server.dispose();
    }
  });

  it('links to the tab itself locally, and with a Teams deep link once the app id is known', () => {
    const local = { publicUrl: 'http://localhost:3978', teamsAppId: undefined, tabEntityId: 'board' };
    expect(tabLink(local, { page: 'control-points/4', label: 'KP 4' })).toBe('http://localhost:3978/tab/control-points/4');
    const teams = { publicUrl: 'https://board.example.se', teamsAppId: APP, tabEntityId: 'board' };
    const link = new URL(tabLink(teams, { page: 'control-points/4', label: 'Kontrollpunkt 4', channelId: '19:abc@thread.tacv2' }));
    expect(link.origin + link.pathname).toBe(`https://teams.microsoft.com/l/entity/${APP}/board`);
    expect(link.searchParams.get('webUrl')).toBe('https://board.example.se/tab/control-points/4');
    expect(link.searchParams.get('label')).toBe('Kontrollpunkt 4');
    // No channel tab saved in that channel: the personal tab, which takes no channelId (tests/bot/links.spec.ts has the rest).
    expect(JSON.parse(link.searchParams.get('context')!)).toEqual({ subEntityId: 'control-points/4' });
  });
});
