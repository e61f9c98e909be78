/**
 * The one sync schedule every viewer shares: concurrent askers share a run, a read asks only when
 * the last run is older than the bound, nothing starts while Graph asks us to back off, and the
 * freshness the tab shows follows the last successful run. The clock is a variable; no timers.
 */
import { describe, expect, it } from 'vitest';
import { SyncSchedule, type SyncOutcome } from '../../../src/store/sharepoint/schedule.js';

function deferred() {
  let resolve!: (o: SyncOutcome) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<SyncOutcome>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function setup() {
  const clock = { now: 1_000_000 };
  const state = { throttled: false };
  const runs: ReturnType<typeof deferred>[] = [];
  const errors: unknown[] = [];
  const schedule = new SyncSchedule(
    () => {
      const d = deferred();
      runs.push(d);
      return d.promise;
    },
    { intervalMs: 60_000, readBoundMs: 10_000, throttled: () => state.throttled, now: () => clock.now, onError: (e) => errors.push(e) },
  );
  return { clock, state, runs, errors, schedule };
}

describe('SyncSchedule', () => {
  it('concurrent pokes share one run; a poke during a run gives exactly one more run after it', async () => {
    const { runs, schedule } = setup();
    const a = schedule.poke();
    const b = schedule.poke();
    const c = schedule.poke();
    expect(runs).toHaveLength(1);
    runs[0]!.resolve({ changed: 0 });
    await Promise.all([a, b, c]);
    await Promise.resolve();
    expect(runs).toHaveLength(2);
    runs[1]!.resolve({ changed: 0 });
    await schedule.idle();
    expect(runs).toHaveLength(2);
  });

  it('a read asks for a sync only when the last one started longer ago than the bound', async () => {
    const { clock, runs, schedule } = setup();
    schedule.readRequested();
    expect(runs).toHaveLength(1);
    for (let i = 0; i < 100; i += 1) schedule.readRequested();
    expect(runs).toHaveLength(1);
    runs[0]!.resolve({ changed: 0 });
    await schedule.idle();
    clock.now += 9_999;
    for (let i = 0; i < 100; i += 1) schedule.readRequested();
    expect(runs).toHaveLength(1);
    clock.now += 1;
    for (let i = 0; i < 100; i += 1) schedule.readRequested();
    expect(runs).toHaveLength(2);
    runs[1]!.resolve({ changed: 0 });
    await schedule.idle();
  });

  it('starts nothing while Graph asks us to back off, and says the data is as of the last good sync', async () => {
    const { clock, state, runs, schedule } = setup();
    void schedule.poke();
    runs[0]!.resolve({ changed: 1 });
    await schedule.idle();
    const synced = clock.now;
    expect(schedule.freshness()).toEqual({ asOf: new Date(synced), stale: false, reason: null });
    state.throttled = true;
    clock.now += 120_000;
    await schedule.poke();
    schedule.readRequested();
    expect(runs).toHaveLength(1);
    expect(schedule.freshness()).toEqual({ asOf: new Date(synced), stale: true, reason: 'throttled' });
    state.throttled = false;
    void schedule.poke();
    expect(runs).toHaveLength(2);
    runs[1]!.resolve({ changed: 0 });
    await schedule.idle();
    expect(schedule.freshness()).toEqual({ asOf: new Date(clock.now), stale: false, reason: null });
  });

  it('a failed sync is stale until the next one succeeds; listeners hear of successful runs only', async () => {
    const { clock, runs, errors, schedule } = setup();
    const heard: SyncOutcome[] = [];
    schedule.onSynced((o) => heard.push(o));
    void schedule.poke();
    runs[0]!.resolve({ changed: 2 });
    await schedule.idle();
    const synced = clock.now;
    clock.now += 30_000;
    void schedule.poke();
    runs[1]!.reject(new Error('Graph 503'));
    await schedule.idle();
    expect(errors).toHaveLength(1);
    expect(schedule.freshness()).toEqual({ asOf: new Date(synced), stale: true, reason: 'sync-failed' });
    expect(heard).toEqual([{ changed: 2 }]);
    clock.now += 30_000;
    void schedule.poke();
    runs[2]!.resolve({ changed: 0 });
    await schedule.idle();
    expect(schedule.freshness().stale).toBe(false);
    expect(heard).toEqual([{ changed: 2 }, { changed: 0 }]);
  });
});
