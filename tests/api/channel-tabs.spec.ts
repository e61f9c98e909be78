/**
 * The channel tab's configuration page picks the unit its channel follows (issue 14, items 3 and 4): over HTTP against
 * the real server and SQLite. The page calls PUT /api/channel-tabs/:channelId { entityId, unitId } before Teams saves
 * the tab (https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/create-tab-pages/configuration-page), and
 * the tab asks GET /api/channel-tabs/:channelId which unit to show. The choice is ChannelUnits.follow's, the same
 * one the bot's `följ <enhet>` makes (src/store/channel-units.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantsEverywhere } from '../../src/domain/roles.js';
import { CHANNEL_UNITS_SETTING } from '../../src/store/channel-units.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';

const CHANNEL = '19:kultur-kanal@thread.tacv2';
const tabPath = (channelId: string) => `/api/channel-tabs/${encodeURIComponent(channelId)}`;
const system = { actor: { id: 'test', displayName: 'Test', roles: [], grants: grantsEverywhere(['admin']) }, source: 'api' as const };

let server: TestServer;

beforeAll(async () => {
  // The DPO follows every unit; the CISO is Intraservice's only (a role without units is the default unit's).
  const dataDir = tempDataDir();
  const users = {
    defaultUser: 'dpo',
    users: [
      { id: 'dpo', displayName: 'Dataskyddsombud', roles: ['dpo'], units: '*' },
      { id: 'ciso', displayName: 'CISO Intraservice', roles: ['ciso'] },
      { id: 'editor', displayName: 'Redaktör', roles: ['editor'] },
      { id: 'reader', displayName: 'Läsare', roles: ['reader'] },
    ],
  };
  fs.writeFileSync(path.join(dataDir, 'users.json'), JSON.stringify(users));
  server = await startTestServer({ LOCAL_USERS_FILE: path.join(dataDir, 'users.json') }, dataDir);
  const now = new Date('2026-01-15T09:00:00Z');
  await server.store.createUnit(
    { id: 'kultur', name: 'Kulturförvaltningen', nameEn: 'Culture', organisation: 'Göteborgs Stad', year: 2025 },
    {
      ...system,
      now,
    },
  );
  await server.store.createUnit(
    { id: 'gammal', name: 'Gammal förvaltning', nameEn: 'Old unit', organisation: 'Göteborgs Stad', year: 2025 },
    {
      ...system,
      now,
    },
  );
  const old = (await server.store.listUnits()).find((u) => u.id === 'gammal')!;
  await server.store.updateUnit('gammal', { archived: true, expectedVersion: old.version }, { ...system, now });
});

afterAll(() => server?.dispose());

async function following(user: string, channelId: string) {
  const res = await server.call(user, 'GET', tabPath(channelId));
  expect(res.status).toBe(200);
  return (await res.json()) as { channelId: string; unitId: string; following: boolean };
}

describe('the unit a channel tab shows', () => {
  it('is the default unit while the channel never chose one', async () => {
    expect(await following('reader', '19:ny-kanal@thread.tacv2')).toEqual({
      channelId: '19:ny-kanal@thread.tacv2',
      unitId: server.config.defaultUnit,
      following: false,
    });
  });

  it('is the one the configuration page picked, kept in the app state the bot reads too', async () => {
    const res = await server.call('dpo', 'PUT', tabPath(CHANNEL), { entityId: 'dpo-board-board', unitId: 'kultur' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ channelId: CHANNEL, entityId: 'dpo-board-board', unitId: 'kultur' });
    expect(await following('dpo', CHANNEL)).toEqual({ channelId: CHANNEL, unitId: 'kultur', following: true });
    const kept = (await server.store.appState.getSetting(CHANNEL_UNITS_SETTING)) as Record<string, { unitId: string; followedBy: string }>;
    expect(kept[CHANNEL]).toMatchObject({ unitId: 'kultur', followedBy: 'dpo' });
  });

  it('stays when the tab is saved again without a unit', async () => {
    const res = await server.call('dpo', 'PUT', tabPath(CHANNEL), { entityId: 'dpo-board-plan' });
    expect(await res.json()).toEqual({ channelId: CHANNEL, entityId: 'dpo-board-plan', unitId: 'kultur' });
  });

  it('refuses a unit the person may not read, an unknown and an archived unit, and saves nothing then', async () => {
    const channel = '19:intraservice-kanal@thread.tacv2';
    const refused = [
      { user: 'ciso', unitId: 'kultur', status: 403, code: 'forbidden' },
      { user: 'dpo', unitId: 'finns-inte', status: 404, code: 'not_found' },
      { user: 'dpo', unitId: 'gammal', status: 409, code: 'unit_archived' },
      { user: 'dpo', unitId: '', status: 400, code: 'invalid_input' },
    ];
    for (const { user, unitId, status, code } of refused) {
      const res = await server.call(user, 'PUT', tabPath(channel), { entityId: 'dpo-board-board', unitId });
      expect(res.status, unitId).toBe(status);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, unitId).toBe(code);
      expect(body.error.message).not.toMatch(/at .*\.ts|\/work\//);
    }
    expect(await following('dpo', channel)).toMatchObject({ unitId: server.config.defaultUnit, following: false });
    expect(((await server.store.appState.getSetting('channel-tabs')) as Record<string, unknown> | null)?.[channel]).toBeUndefined();
  });

  it('answers only a signed-in person, for a Teams channel id', async () => {
    expect((await server.call(null, 'GET', tabPath(CHANNEL))).status).toBe(401);
    expect((await server.call('dpo', 'GET', tabPath('a:personal-chat'))).status).toBe(400);
  });
});
