/** Which unit a conversation follows (src/store/channel-units.ts), on a real SQLite file shared by two instances. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { Unit } from '../../src/domain/model.js';
import type { Actor } from '../../src/domain/roles.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { ChannelUnits, CHANNEL_UNITS_SETTING } from '../../src/store/channel-units.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';

const unit = (id: string, name: string, extra: Partial<Unit> = {}): Unit => ({
  id,
  name,
  nameEn: name,
  organisation: 'Göteborgs Stad',
  archived: false,
  example: false,
  responsible: [],
  version: 1,
  ...extra,
});
const UNITS = [
  unit('intraservice', 'Intraservice'),
  unit('kultur', 'Kulturförvaltningen', { nameEn: 'Culture' }),
  unit('gamla', 'Gamla förvaltningen', { archived: true }),
  unit('skola', 'Grundskoleförvaltningen', { nameEn: 'Schools' }),
];
const readerOf = (units: '*' | string[]): Actor => ({
  id: 'person',
  displayName: 'Person',
  roles: ['reader'],
  grants: [{ role: 'reader', units }],
});

describe('ChannelUnits', () => {
  let dir: string;
  let stores: SqliteStore[];
  let clock: number;
  const make = (store: SqliteStore) =>
    new ChannelUnits(store.appState, { defaultUnit: 'intraservice', listUnits: () => Promise.resolve(UNITS), now: () => clock });

  beforeEach(() => {
    dir = tempDataDir();
    const file = path.join(dir, 'units.sqlite');
    stores = [openSqliteStore({ file, scale: DEFAULT_SCALE }), openSqliteStore({ file, scale: DEFAULT_SCALE })];
    clock = Date.parse('2026-11-30T08:00:00Z');
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers the default unit for a conversation that never chose', async () => {
    const units = make(stores[0]!);
    expect(await units.unitOf('19:general@thread.tacv2')).toBe('intraservice');
    expect(await stores[0]!.appState.getSetting(CHANNEL_UNITS_SETTING)).toBeNull();
  });

  it('keeps a follow across a restart and for another instance, and a channel reply answers as its channel', async () => {
    const first = make(stores[0]!);
    const result = await first.follow('19:kultur@thread.tacv2', 'kultur', readerOf(['kultur']));
    expect(result).toMatchObject({ unit: { id: 'kultur' }, previous: 'intraservice', changed: true });
    expect(await first.unitOf('19:kultur@thread.tacv2;messageid=1700000000000')).toBe('kultur');

    const other = make(stores[1]!);
    expect(await other.unitOf('19:kultur@thread.tacv2')).toBe('kultur');
    expect(await other.unitOf('19:other@thread.tacv2')).toBe('intraservice');
    const following = (await other.fresh()).followingOf('19:kultur@thread.tacv2');
    expect(following).toEqual({
      conversationId: '19:kultur@thread.tacv2',
      unitId: 'kultur',
      followedAt: '2026-11-30T08:00:00.000Z',
      followedBy: 'person',
    });
  });

  it('names the followers of a unit among the conversations it is given: those that never chose follow the default unit', async () => {
    const units = make(stores[0]!);
    await units.follow('a', 'kultur', readerOf('*'));
    await units.follow('b', 'intraservice', readerOf('*'));
    const conversations = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(await units.followersOf('kultur', conversations)).toEqual([{ id: 'a' }]);
    expect(await units.followersOf('intraservice', conversations)).toEqual([{ id: 'b' }, { id: 'c' }]);
    expect(await units.followersOf('nobody', conversations)).toEqual([]);
  });

  it('followersOf reads the setting now: a follow made on another instance is obeyed at once', async () => {
    const poster = make(stores[0]!);
    expect(await poster.unitOf('a')).toBe('intraservice');
    await make(stores[1]!).follow('a', 'kultur', readerOf('*'));
    expect(await poster.followersOf('kultur', [{ id: 'a' }])).toEqual([{ id: 'a' }]);
  });

  it('a lookup re-reads a copy older than maxAgeMs', async () => {
    const reader = make(stores[0]!);
    expect(await reader.unitOf('a')).toBe('intraservice');
    await make(stores[1]!).follow('a', 'kultur', readerOf('*'));
    expect(await reader.unitOf('a')).toBe('intraservice');
    clock += 60_001;
    expect(await reader.unitOf('a')).toBe('kultur');
  });

  it('following the unit already followed changes nothing', async () => {
    const units = make(stores[0]!);
    await units.follow('a', 'kultur', readerOf('*'));
    clock += 1000;
    expect(await units.follow('a', 'kultur', readerOf('*'))).toMatchObject({ previous: 'kultur', changed: false });
    expect((await units.fresh()).followingOf('a')?.followedAt).toBe('2026-11-30T08:00:00.000Z');
  });

  it('refuses an unknown unit, an archived unit and a unit the person may not read, and keeps what was followed', async () => {
    const units = make(stores[0]!);
    await units.follow('a', 'kultur', readerOf(['kultur']));
    const refusal = async (unitId: string, actor: Actor) => {
      const error = await units.follow('a', unitId, actor).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      return (error as DomainError).code;
    };
    expect(await refusal('saknas', readerOf('*'))).toBe('not_found');
    expect(await refusal('gamla', readerOf('*'))).toBe('unit_archived');
    // Everyone reads the default unit (C2); a CISO of 'kultur' reads no other.
    expect(await refusal('skola', { id: 'x', displayName: 'X', roles: ['ciso'], grants: [{ role: 'ciso', units: ['kultur'] }] })).toBe(
      'forbidden',
    );
    expect(await make(stores[1]!).unitOf('a')).toBe('kultur');
  });
});
