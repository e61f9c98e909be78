/**
 * Two DPOs save the scale setup at the same moment on two instances (issue 12 item 1; src/store/scale-setup.ts):
 * both from the same version, so exactly one change is made. The other is refused with 409 before it touches
 * anything: no marks re-read, no setup saved, no scale.changed logged. And the save itself is a compare-and-swap
 * on the kept version (AppStateStore.updateSetting), so a change that finds another's setup saved under it in the
 * meantime (an instance whose lease ran out) is refused too, and the other's setup stays.
 *  - SQLite: two store objects over one file.
 *  - SharePoint: two stores on one site of the strict Graph test server, each with its own Graph client. The lease
 *    is an item of the app-state list whose Title is unique (the server refuses a second with 409, as SharePoint
 *    does), and the setup is written under its item's eTag (If-Match: a stale eTag gets 412,
 *    https://learn.microsoft.com/en-us/graph/api/listitem-update).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { INTERPRETER_ID, SCALE_SETUP_SETTING, type ScaleSetup } from '../../src/domain/interpretation.js';
import type { ChangeRecord } from '../../src/domain/model.js';
import { DEFAULT_SCALE } from '../../src/domain/scale.js';
import { importSeedFile } from '../../src/store/open.js';
import type { BoardStore } from '../../src/store/port.js';
import { LiveScale, ScaleSetupService, type ScaleFollower, type ScaleSetupInput } from '../../src/store/scale-setup.js';
import { SharePointData } from '../../src/store/sharepoint/data-access.js';
import { sharePointOn } from '../../src/store/sharepoint/open.js';
import { followLevelChoices } from '../../src/store/sharepoint/provision.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDataDir } from '../helpers/server.js';
import { ctx } from './actors.js';
import { graphFor, startHarness, type Harness } from './sharepoint/harness.js';

const labels = ['Svag', 'Låg', 'Medel', 'God', 'Stark'].map((sv, i) => ({ sv, en: ['Weak', 'Low', 'Medium', 'Good', 'Strong'][i]! }));
/** Two DPOs' changes from version 0: one turns the scale, the other names its levels. */
const TURN: ScaleSetupInput = { count: 5, direction: 'lowRight', labels: null, version: 0 };
const NAME: ScaleSetupInput = { count: 5, direction: 'lowLeft', labels, version: 0 };

interface Instance {
  store: BoardStore;
  setup: ScaleSetupService;
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).code;
}

/** The changes logged after `cursor`. */
async function loggedSince(store: BoardStore, cursor: number): Promise<ChangeRecord[]> {
  return store.changesSince(cursor, 10_000);
}

/** The contract both stores meet; `instances` gives two instances over one store, seeded from the report. */
function describeRace(name: string, instances: () => Promise<{ a: Instance; b: Instance; dispose: () => Promise<void> }>): void {
  describe(`two changes of the scale setup at once: ${name}`, { timeout: 120_000 }, () => {
    let a: Instance;
    let b: Instance;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ a, b, dispose } = await instances());
    });
    afterEach(async () => {
      await dispose();
    });

    it('makes exactly one of two changes from the same version; the other is refused with 409 and leaves no trace', async () => {
      const cursor = await a.store.latestChangeSeq();
      const [byA, byB] = await Promise.allSettled([a.setup.change(TURN, ctx('dpo')), b.setup.change(NAME, ctx('dpo'))]);
      const won = [byA, byB].filter((r) => r.status === 'fulfilled');
      const lost = [byA, byB].filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(DomainError);
      expect((lost[0]!.reason as DomainError).code).toBe('conflict');

      const winner = byA.status === 'fulfilled' ? TURN : NAME;
      const kept = (await a.store.appState.getSetting(SCALE_SETUP_SETTING)) as ScaleSetup & { log: { remapped: unknown[] }[] };
      expect(kept).toMatchObject({ version: 1, direction: winner.direction, labels: winner.labels });
      expect(kept.log).toHaveLength(1);

      const logged = await loggedSince(a.store, cursor);
      expect(logged.filter((c) => c.kind === 'scale.changed')).toHaveLength(1);
      // The marks re-read are the winner's alone (turning the scale moves the interpreted marks; naming the levels moves none).
      const reRead = logged.filter((c) => c.kind === 'assessment.added' && c.actorId === INTERPRETER_ID);
      expect(reRead).toHaveLength(kept.log[0]!.remapped.length);
      expect(logged).toHaveLength(1 + reRead.length);

      // The loser's instance goes on with what the store keeps, and a retry from the new version is welcome.
      await b.setup.load();
      expect((await b.setup.view()).setup.version).toBe(1);
      await b.setup.change({ ...(winner === TURN ? NAME : TURN), direction: 'lowRight', version: 1 }, ctx('dpo'));
      expect(((await a.store.appState.getSetting(SCALE_SETUP_SETTING)) as ScaleSetup).version).toBe(2);
    });

    it('refuses a change that finds another setup saved under it while it worked (the save is a compare-and-swap)', async () => {
      // Instance b saves version 1 while a re-reads its marks, as an instance whose lease ran out would.
      const other: ScaleSetup & { log: [] } = {
        ...TURN,
        version: 1,
        changedBy: 'dpo2',
        changedByName: 'Andra DPO',
        changedAt: '2026-11-28T10:00:00.000Z',
        log: [],
      };
      a.setup = new ScaleSetupService(a.store, a.setup.scale, [
        async () => void (await b.store.appState.putSetting(SCALE_SETUP_SETTING, other)),
      ]);
      const cursor = await a.store.latestChangeSeq();
      expect(await codeOf(a.setup.change(NAME, ctx('dpo')))).toBe('conflict');
      expect(await a.store.appState.getSetting(SCALE_SETUP_SETTING)).toEqual(other);
      expect((await loggedSince(a.store, cursor)).filter((c) => c.kind === 'scale.changed')).toEqual([]);
      // a's live scale is the kept one again, not the refused change's.
      expect(a.setup.scale.levels.map((l) => l.label.sv)).toEqual([
        'Nivå 1 av 5',
        'Nivå 2 av 5',
        'Nivå 3 av 5',
        'Nivå 4 av 5',
        'Nivå 5 av 5',
      ]);
    });
  });
}

describeRace('two instances over one SQLite file', async () => {
  const dir = tempDataDir();
  const file = path.join(dir, 'scale.sqlite');
  const open = () => {
    const scale = new LiveScale(DEFAULT_SCALE);
    const store = openSqliteStore({ file, scale });
    return { store, setup: new ScaleSetupService(store, scale) };
  };
  const a = open();
  await importSeedFile(a.store);
  const b = open();
  await Promise.all([a.setup.load(), b.setup.load()]);
  return {
    a,
    b,
    async dispose() {
      await a.store.close();
      await b.store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeRace('two instances on one SharePoint site (strict Graph test server)', async () => {
  const scaleA = new LiveScale(DEFAULT_SCALE);
  const h: Harness = await startHarness({ pageSize: 50 }, { data: (options) => new SharePointData({ ...options, scale: scaleA }) });
  await importSeedFile(h.store);
  const graphB = graphFor(h.server);
  const scaleB = new LiveScale(DEFAULT_SCALE);
  const dataB = new SharePointData({ graph: graphB, site: h.server.siteUrl, scale: scaleB });
  const storeB = sharePointOn(dataB).store;
  // Each instance makes the level choice columns follow its own change, as the server's follower does.
  const follower =
    (graph: typeof h.graph, data: SharePointData): ScaleFollower =>
    async (next) =>
      void (await followLevelChoices(graph, await data.lists(), next));
  const a = { store: h.store, setup: new ScaleSetupService(h.store, scaleA, [follower(h.graph, h.data)]) };
  const b = { store: storeB, setup: new ScaleSetupService(storeB, scaleB, [follower(graphB, dataB)]) };
  await Promise.all([a.setup.load(), b.setup.load()]);
  return {
    a,
    b,
    async dispose() {
      await storeB.close();
      await h.dispose();
    },
  };
});
