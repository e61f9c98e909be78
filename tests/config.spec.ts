import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import fs from 'node:fs';
import path from 'node:path';
import { tempDataDir } from './helpers/server.js';

describe('configuration', () => {
  it('has defaults that run the app locally on the embedded store', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, store: 'sqlite', authMode: 'local', defaultUnit: 'intraservice', seedOnStart: true });
    expect(config.sqliteFile).toMatch(/data\/dpo-board\.sqlite$/);
    expect(config.localUsers.users.map((u) => u.id)).toEqual(['dpo', 'ciso', 'editor', 'reader']);
  });

  it('refuses local identities in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'local' })).toThrow(/refused when NODE_ENV=production/);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ STORE: 'excel' })).toThrow(/STORE/);
    expect(() => loadConfig({ SEED_ON_START: 'maybe' })).toThrow(/SEED_ON_START/);
  });

  it('reads an organisation’s own scale and refuses one with gaps', () => {
    const dir = tempDataDir();
    const good = path.join(dir, 'scale.json');
    const levels = ['Röd', 'Gul', 'Grön'].map((sv, i) => ({ level: i + 1, label: { sv, en: sv } }));
    fs.writeFileSync(good, JSON.stringify({ levels }));
    expect(loadConfig({ SCALE_FILE: good }).scale.levels).toHaveLength(3);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ levels: [levels[0], { ...levels[2], level: 3 }] }));
    expect(() => loadConfig({ SCALE_FILE: bad })).toThrow(/1..n/);
  });

  it('switches to Entra SSO when an Entra app is configured, also in production', () => {
    const entra = { ENTRA_CLIENT_ID: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', ENTRA_TENANT_ID: '11111111-2222-4333-8444-555555555555', BOT_ENABLED: 'false' };
    const config = loadConfig({ NODE_ENV: 'production', ...entra });
    expect(config.authMode).toBe('entra');
    expect(config.entra).toMatchObject({
      allowedTenants: [entra.ENTRA_TENANT_ID],
      jwksUri: `https://login.microsoftonline.com/${entra.ENTRA_TENANT_ID}/discovery/v2.0/keys`,
    });
    expect(() => loadConfig({ AUTH_MODE: 'entra' })).toThrow(/ENTRA_CLIENT_ID and ENTRA_TENANT_ID/);
    expect(() => loadConfig({ ...entra, ENTRA_JWKS_URI: 'http://keys.example.org/keys' })).toThrow(/https/);
    expect(() => loadConfig({ ...entra, ENTRA_CLIENT_ID: 'not-a-guid' })).toThrow(/ENTRA_CLIENT_ID/);
  });
});
