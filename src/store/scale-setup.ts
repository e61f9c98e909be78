/**
 * The DPO's scale setup, kept in the store's app state (one source for every surface), and the
 * live scale the stores, the API, the bot and the reports read where they read the configured scale.
 *
 * A change (DPO only, from the version it was made from) re-reads the interpreted marks of each
 * unit's open year from their columns and appends the new levels as assessments recorded as the
 * interpretation (history is append-only; the change log posts them like any assessment), then
 * keeps the setup with a log entry of who changed what. The DPO's own marks are never moved. Two changes
 * from the same version, on any instances, make one change: the other is refused with 409 (ScaleSetupService.change).
 */
import {
  checkScaleSetup,
  initialSetup,
  INTERPRETER_ID,
  isInterpreted,
  latestByControlPoint,
  readingSetting,
  remapComment,
  remapsFor,
  SCALE_SETUP_SETTING,
  scaleFromSetup,
  type Remap,
  type ReportReading,
  type ScaleFacts,
  type ScaleSetup,
} from '../domain/interpretation.js';
import { scaleChanged } from '../domain/changes.js';
import { DomainError } from '../domain/errors.js';
import type { ChangeRecord, IsoTimestamp, Localized } from '../domain/model.js';
import { authorize, type WriteContext } from '../domain/rules.js';
import { can, canSomewhere, grantsEverywhere, type Actor } from '../domain/roles.js';
import type { Scale, ScaleDirection, ScaleLevel } from '../domain/scale.js';
import type { BoardStore } from './port.js';

/**
 * A Scale whose levels follow the DPO's setup; handed to the stores in place of the configured scale.
 * `levels` is an own property (replaced, never mutated), so a structured clone to a report worker keeps it.
 */
export class LiveScale implements Scale {
  levels: ScaleLevel[];
  /** The version of the setup the levels follow (-1 before one was read). */
  version = -1;
  constructor(readonly configured: Scale) {
    this.levels = configured.levels;
  }
  follow(setup: ScaleSetup): void {
    this.levels = scaleFromSetup(setup, this.configured).levels;
    this.version = setup.version;
  }
  toJSON(): Scale {
    return { levels: this.levels };
  }
}

/**
 * A tag of the scale a view was built with, for cache keys: a view cached by change sequence alone
 * could keep an instance's old labels when another instance's scale.changed is seen before the feed follows it.
 */
export function scaleTag(scale: Scale): string {
  return scale instanceof LiveScale ? `s${scale.version}` : '';
}

/** One change of the setup, as kept in its log. */
export interface ScaleSetupChange {
  version: number;
  by: string;
  byName: string;
  at: IsoTimestamp;
  from: { count: number; direction: ScaleDirection; labelled: boolean };
  to: { count: number; direction: ScaleDirection; labelled: boolean };
  /** The interpreted marks the change moved. */
  remapped: (Remap & { unitId: string; year: number })[];
}

interface KeptSetup extends ScaleSetup {
  log: ScaleSetupChange[];
}

export interface ScaleSetupInput {
  count: number;
  direction: ScaleDirection;
  labels: Localized[] | null;
  /** The version the DPO's change was made from. */
  version: number;
}

/** What the setup view shows: the setup, the scale it gives, and the log of changes (newest first). */
export interface ScaleSetupView {
  setup: ScaleSetup;
  scale: Scale;
  log: ScaleSetupChange[];
}

const INTERPRETER_NAME = 'Tolkning av rapporten';

/** The lease a change of the setup holds across instances (AppStateStore.acquireLease): one change at a time. */
const CHANGE_LEASE_KEY = 'scale-setup:change';
/** Long enough for the re-read marks of every unit to be written on SharePoint; released as soon as the change ends. */
const CHANGE_LEASE_MS = 10 * 60_000;

const scaleConflict = () => new DomainError('conflict', { what: 'scale' });

/** Kept at seed import: how the report was read, for the about view and to know the interpreted marks. */
export async function keepReading(store: Pick<BoardStore, 'appState'>, reading: ReportReading): Promise<void> {
  await store.appState.putSetting(readingSetting(reading.unitId, reading.year), reading);
}
const summary = (s: ScaleSetup) => ({ count: s.count, direction: s.direction, labelled: s.labels !== null });
const facts = (s: ScaleSetup): ScaleFacts => ({ count: s.count, direction: s.direction, labels: s.labels });

/** Told after the setup changed, with the scale it gives (STORE=sharepoint: the Level choice columns follow it). */
export type ScaleFollower = (scale: Scale) => Promise<void>;

/**
 * The setup is read from the store at start and whenever the change log says it changed (scale.changed,
 * from this instance or another on the same store: followChanges), and served from memory in between,
 * so what reaches the store does not grow with the number of viewers.
 */
export class ScaleSetupService {
  private current: Promise<KeptSetup> | undefined;
  private readonly readings = new Map<string, Promise<ReportReading | null>>();

  constructor(
    private readonly store: BoardStore,
    readonly scale: LiveScale,
    private readonly followers: readonly ScaleFollower[] = [],
  ) {}

  /** The same setup and live scale over another view of the store (the server's synced reads). */
  over(store: BoardStore): ScaleSetupService {
    return new ScaleSetupService(store, this.scale, this.followers);
  }

  /** Reads the kept setup again and makes the live scale follow it (at start, and when the log says it changed). */
  async load(): Promise<ScaleSetup> {
    this.current = undefined;
    this.readings.clear();
    const { log: _log, ...setup } = await this.kept();
    return setup;
  }

  /** The change feed's listener: a change of the setup or a new import, by any instance, is read again. */
  async followChanges(changes: readonly ChangeRecord[]): Promise<void> {
    if (changes.some((c) => c.kind === 'scale.changed' || c.kind === 'seed.imported')) await this.load();
  }

  async view(): Promise<ScaleSetupView> {
    const { log, ...setup } = await this.kept();
    return { setup, scale: this.scale.toJSON(), log: [...log].reverse() };
  }

  /** How the unit's year was read from the report; null when it was not seeded from one. */
  reading(unitId: string, year: number): Promise<ReportReading | null> {
    const key = readingSetting(unitId, year);
    let reading = this.readings.get(key);
    if (!reading) {
      reading = this.store.appState.getSetting(key).then((value) => (value as ReportReading | null) ?? null);
      void reading.catch(() => this.readings.delete(key));
      this.readings.set(key, reading);
    }
    return reading;
  }

  /**
   * The scale is the city's, one for every unit: a change reinterprets every unit's marks, so it needs the
   * DPO's role ('assess') in every unit there is (read from the store's synced state).
   */
  async mayChange(actor: Actor): Promise<boolean> {
    const units = await this.store.listUnits();
    return canSomewhere(actor, 'assess') && units.every((u) => can(actor, 'assess', u.id));
  }

  /**
   * Changes the setup from the version the DPO saw, once across instances. The change holds a lease on the
   * setup (the app state's claim keys), so a second change made at the same moment on any instance is refused
   * (409) before it touches anything; the version is checked again under the lease, and the save is a
   * compare-and-swap on the kept version (AppStateStore.updateSetting), so even a change whose lease ran out
   * cannot overwrite another's. Refused: nothing is remapped, saved or logged.
   */
  async change(input: ScaleSetupInput, ctx: WriteContext): Promise<ScaleSetupView> {
    for (const unit of await this.store.listUnits()) authorize(ctx.actor, 'assess', unit.id);
    const lease = await this.store.appState.acquireLease(CHANGE_LEASE_KEY, ctx.now, CHANGE_LEASE_MS);
    if (!lease) throw scaleConflict();
    try {
      // The version check reads the store, not this instance's memory: another instance may have changed it.
      this.current = undefined;
      const kept = await this.kept();
      if (input.version !== kept.version) throw scaleConflict();
      const problem = checkScaleSetup(input, await this.highestKeptLevel());
      if (problem) throw new DomainError('invalid_input', { details: problem });
      await this.apply(input, kept, ctx);
    } finally {
      // A release that fails leaves the lease to run out by itself (CHANGE_LEASE_MS); the change stands or fails on its own.
      await this.store.appState.releaseLease(lease).catch(() => undefined);
    }
    return this.view();
  }

  /** Remaps the interpreted marks, saves the setup under its kept version and logs the change. */
  private async apply(input: ScaleSetupInput, kept: KeptSetup, ctx: WriteContext): Promise<void> {
    const next: ScaleSetup = {
      count: input.count,
      direction: input.direction,
      labels: input.labels,
      version: kept.version + 1,
      changedBy: ctx.actor.id,
      changedByName: ctx.actor.displayName,
      changedAt: ctx.now.toISOString(),
    };
    this.scale.follow(next);
    try {
      // The surfaces that keep the levels' labels follow first (SharePoint's choices), so the re-read marks can be written.
      for (const follow of this.followers) await follow(this.scale.toJSON());
      const remapped = await this.remap(next, ctx);
      const entry: ScaleSetupChange = {
        version: next.version,
        by: ctx.actor.id,
        byName: ctx.actor.displayName,
        at: ctx.now.toISOString(),
        from: summary(kept),
        to: summary(next),
        remapped,
      };
      const saved: KeptSetup = { ...next, log: [...kept.log, entry] };
      await this.store.appState.updateSetting<KeptSetup>(SCALE_SETUP_SETTING, (stored) => {
        if (this.keptOf(stored).version !== kept.version) throw scaleConflict();
        return saved;
      });
      this.current = Promise.resolve(saved);
      const after = { ...facts(next), version: next.version, remapped: remapped.length };
      await this.store.logSettingChange(scaleChanged(facts(kept), after, ctx));
    } catch (error) {
      // Not saved: this instance goes on with the setup the store keeps (a retry from the same version is welcome).
      this.current = undefined;
      this.scale.follow(kept);
      throw error;
    }
  }

  /** The setup as kept in the app state, or the configured scale's when the DPO never changed it. */
  private keptOf(stored: unknown): KeptSetup {
    return (stored as KeptSetup | null) ?? { ...initialSetup(this.scale.configured), log: [] };
  }

  /** The kept setup, read once and then served from memory; the live scale follows what was read. */
  private kept(): Promise<KeptSetup> {
    this.current ??= this.store.appState.getSetting(SCALE_SETUP_SETTING).then((value) => {
      const kept = this.keptOf(value);
      this.scale.follow(kept);
      return kept;
    });
    const current = this.current;
    void current.catch(() => {
      if (this.current === current) this.current = undefined;
    });
    return current;
  }

  /** Appends the re-read level of every interpreted mark the setup moves, in each unit's open year. */
  private async remap(next: ScaleSetup, ctx: WriteContext): Promise<ScaleSetupChange['remapped']> {
    const moved: ScaleSetupChange['remapped'] = [];
    for (const unit of await this.store.listUnits()) {
      const year = (await this.store.listYears(unit.id)).at(-1);
      if (year === undefined) continue;
      const reading = await this.reading(unit.id, year);
      if (!reading) continue;
      const board = await this.store.getBoardData(unit.id, year);
      // Recorded as the interpretation, written with the store's own identity (no person's delegation).
      const interpretation: WriteContext = {
        actor: { id: INTERPRETER_ID, displayName: INTERPRETER_NAME, roles: ['dpo'], grants: grantsEverywhere(['dpo']) },
        source: ctx.source,
        now: ctx.now,
      };
      for (const remap of remapsFor(reading, latestByControlPoint(board.assessments, year), next)) {
        const input = { unitId: unit.id, year, controlPoint: remap.controlPoint, level: remap.to, comment: remapComment(remap, next) };
        await this.store.addAssessment(input, interpretation);
        moved.push({ ...remap, unitId: unit.id, year });
      }
    }
    return moved;
  }

  /**
   * The highest level the new scale must keep: the DPO's own marks, the unit's own levels and the
   * marks of closed years (history, not re-read). The scale may not shrink below it.
   */
  private async highestKeptLevel(): Promise<number> {
    let highest = 0;
    for (const unit of await this.store.listUnits()) {
      const years = await this.store.listYears(unit.id);
      for (const year of years) {
        const reRead = year === years.at(-1) && (await this.reading(unit.id, year)) !== null;
        const board = await this.store.getBoardData(unit.id, year);
        for (const a of board.assessments) if (!(reRead && isInterpreted(a))) highest = Math.max(highest, a.level);
        for (const s of board.statusUpdates) highest = Math.max(highest, s.unitLevel ?? 0);
      }
    }
    return highest;
  }
}
