import { describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { tempDataDir } from './helpers/server.js';

const ENTRA = { ENTRA_CLIENT_ID: '6a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', ENTRA_TENANT_ID: '11111111-2222-4333-8444-555555555555' };

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('configuration', () => {
  it('has defaults that run the app locally on the embedded store', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, store: 'sqlite', authMode: 'local', defaultUnit: 'intraservice', seedOnStart: true });
    expect(config.sqliteFile).toMatch(/data\/dpo-board\.sqlite$/);
    expect(config.localUsers.users.map((u) => u.id)).toEqual(['dpo', 'ciso', 'editor', 'reader', 'ciso-exempel', 'admin']);
    expect(config.readAllUnits).toBe(false);
  });

  it('refuses local identities in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'local' })).toThrow(/refused when NODE_ENV=production/);
  });

  it('keeps the demo identities (AUTH_MODE=local) on loopback unless HOST is set, and warns when it is', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(loadConfig({ ...ENTRA, BOT_ENABLED: 'false' }).host).toBe('0.0.0.0');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(loadConfig({ HOST: 'localhost' }).host).toBe('localhost');
      expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
      expect(warn).not.toHaveBeenCalled();
      expect(loadConfig({ NODE_ENV: 'development', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/HOST=0\.0\.0\.0: anyone who can reach this server can act as the DPO/));
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses the demo identities beside Entra settings, in production, with an unknown NODE_ENV, or unset NODE_ENV off loopback', () => {
    expect(() => loadConfig({ ...ENTRA, AUTH_MODE: 'local' })).toThrow(
      /refused while Entra settings are present \(ENTRA_CLIENT_ID, ENTRA_TENANT_ID\)/,
    );
    expect(() => loadConfig({ ENTRA_TENANT_ID: ENTRA.ENTRA_TENANT_ID })).toThrow(
      /refused while Entra settings are present \(ENTRA_TENANT_ID\)/,
    );
    expect(() => loadConfig({ ENTRA_APP_ID_URI: 'api://board.example.org/x' })).toThrow(/ENTRA_APP_ID_URI/);
    expect(() => loadConfig({ NODE_ENV: 'production', HOST: '127.0.0.1' })).toThrow(/refused when NODE_ENV=production/);
    for (const odd of ['staging', 'prod', 'Development', '']) expect(() => loadConfig({ NODE_ENV: odd })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST=0\.0\.0\.0 needs NODE_ENV=development or test/);
    expect(() => loadConfig({ HOST: '10.1.2.3' })).toThrow(ConfigError);
  });

  it('listens on loopback only with the defaults (npm start)', async () => {
    const dataDir = tempDataDir();
    const running = await startServer(loadConfig({ PORT: '0', DATA_DIR: dataDir, SEED_ON_START: 'false', BOT_ENABLED: 'false' }));
    try {
      const port = Number(new URL(running.url).port);
      expect(new URL(running.url).hostname).toBe('127.0.0.1');
      expect(await accepts('127.0.0.1', port)).toBe(true);
      const outside = Object.values(os.networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal);
      if (outside) expect(await accepts(outside.address, port)).toBe(false);
    } finally {
      await running.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
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
    const entra = { ...ENTRA, BOT_ENABLED: 'false' };
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
