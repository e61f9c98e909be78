/**
 * The tab's demo-user switcher (AUTH_MODE=local) lists GET /api/session's demo users, and those are the identity's:
 * the demo-users file as it is now (src/identity/local.ts reads it again when it changes). A user added to the file
 * is listed, and acts, without a restart; one removed is neither listed nor let in; a file that no longer parses
 * keeps the last good list in both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

interface Session {
  authMode: string;
  demo: { defaultUser: string; users: { id: string; displayName: string; roles: string[] }[] };
}

const user = (id: string, roles: string[], units: string[] | '*' = '*') => ({
  id,
  displayName: `${id} (demo)`,
  email: `${id}@example.invalid`,
  roles,
  units,
});

const DPO = user('dpo', ['dpo']);
const READER = user('reader', ['reader']);
const CISO = user('ciso-ny', ['ciso'], ['intraservice']);

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

/** A server reading its demo users from a file of this test's own, which the test then changes. */
async function serverWithUsersFile(users: object, env: Record<string, string> = {}) {
  const dataDir = tempDataDir();
  const file = path.join(dataDir, 'local-users.json');
  const teamsFile = path.join(dataDir, 'teams-users.json');
  fs.writeFileSync(file, JSON.stringify(users));
  fs.writeFileSync(teamsFile, JSON.stringify({ users: [] }));
  server = await startTestServer({ BOT_ENABLED: 'false', LOCAL_USERS_FILE: file, BOT_LOCAL_USERS_FILE: teamsFile, ...env }, dataDir);
  const running = server;
  return {
    /** Replaces the file as an editor saving it does (a new file renamed over the old one). */
    write(content: object | string) {
      fs.writeFileSync(`${file}.new`, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      fs.renameSync(`${file}.new`, file);
    },
    async session(): Promise<Session> {
      const res = await running.call(null, 'GET', '/api/session');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      return (await res.json()) as Session;
    },
    me: async (id: string) => (await running.call(id, 'GET', '/api/me')).status,
  };
}

describe('GET /api/session lists the demo users as the file is now', () => {
  it('lists a user added to the file without a restart, and that user is let in; a removed one is neither', async () => {
    const app = await serverWithUsersFile({ defaultUser: 'dpo', users: [DPO, READER] });
    expect((await app.session()).demo.users.map((u) => u.id)).toEqual(['dpo', 'reader']);
    expect(await app.me('ciso-ny')).toBe(401);

    app.write({ defaultUser: 'dpo', users: [DPO, READER, CISO] });
    const session = await app.session();
    expect(session.demo.users).toEqual([
      { id: 'dpo', displayName: 'dpo (demo)', roles: ['dpo'] },
      { id: 'reader', displayName: 'reader (demo)', roles: ['reader'] },
      { id: 'ciso-ny', displayName: 'ciso-ny (demo)', roles: ['ciso'] },
    ]);
    expect(JSON.stringify(session)).not.toContain('@'); // no e-mail addresses, as before
    expect(await app.me('ciso-ny')).toBe(200);

    app.write({ defaultUser: 'dpo', users: [DPO, CISO] });
    expect((await app.session()).demo.users.map((u) => u.id)).toEqual(['dpo', 'ciso-ny']);
    expect(await app.me('reader')).toBe(401);
  });

  it("opens the tab as the file's defaultUser as it is now", async () => {
    const app = await serverWithUsersFile({ defaultUser: 'dpo', users: [DPO, READER] });
    expect((await app.session()).demo.defaultUser).toBe('dpo');
    app.write({ defaultUser: 'reader', users: [DPO, READER] });
    expect((await app.session()).demo.defaultUser).toBe('reader');
  });

  it('opens the tab as TAB_DEFAULT_USER while the file lists them, else as the file says', async () => {
    const app = await serverWithUsersFile({ defaultUser: 'dpo', users: [DPO, READER] }, { TAB_DEFAULT_USER: 'reader' });
    expect((await app.session()).demo.defaultUser).toBe('reader');
    app.write({ defaultUser: 'dpo', users: [DPO, CISO] });
    expect((await app.session()).demo.defaultUser).toBe('dpo');
  });

  it('keeps the last good list when the file no longer parses, in the list and in who is let in', async () => {
    const app = await serverWithUsersFile({ defaultUser: 'dpo', users: [DPO, READER] });
    app.write({ defaultUser: 'dpo', users: [DPO, READER, CISO] });
    expect((await app.session()).demo.users).toHaveLength(3);
    app.write('{ "users": [ broken');
    expect((await app.session()).demo.users.map((u) => u.id)).toEqual(['dpo', 'reader', 'ciso-ny']);
    expect(await app.me('ciso-ny')).toBe(200);
  });
});
