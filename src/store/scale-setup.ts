/**
 * The DPO's scale setup, kept in the store's app state (one source for every surface), and the
 * live scale the stores, the API, the bot and the reports read where they read the configured scale.
 *
 * A change (DPO only, from the version it was made from) re-reads the interpreted marks of each
 * unit's open year from their columns and appends the new levels as assessments recorded as the
 * interpretation (history is append-only; the change log posts them like any assessment), then
 * keeps the setup with a log entry of who changed what. The DPO's own marks are never moved.
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
  type ScaleSetup,
} from '../domain/interpretation.js';
import { DomainError } from '../domain/errors.js';
import type { IsoTimestamp, Localized } from '../domain/model.js';
import { authorize, type WriteContext } from '../domain/rules.js';
import type { Scale, ScaleDirection, ScaleLevel } from '../domain/scale.js';
import type { BoardStore } from './port.js';

/**
 * A Scale whose levels follow the DPO's setup; handed to the stores in place of the configured scale.
 * `levels` is an own property (replaced, never mutated), so a structured clone to a report worker keeps it.
 */
export class LiveScale implements Scale {
  levels: ScaleLevel[];
  constructor(readonly configured: Scale) {
    this.levels = configured.levels;
  }
  follow(setup: ScaleSetup): void {
    this.levels = scaleFromSetup(setup, this.configured).levels;
  }
  toJSON(): Scale {
    return { levels: this.levels };
  }
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

/** Kept at seed import: how the report was read, for the about view and to know the interpreted marks. */
export async function keepReading(store: Pick<BoardStore, 'appState'>, reading: ReportReading): Promise<void> {
  await store.appState.putSetting(readingSetting(reading.unitId, reading.year), reading);
}
const summary = (s: ScaleSetup) => ({ count: s.count, direction: s.direction, labelled: s.labels !== null });

export class ScaleSetupService {
  constructor(
    private readonly store: BoardStore,
    readonly scale: LiveScale,
  ) {}

  /** The same setup and live scale over another view of the store (the server's synced reads). */
  over(store: BoardStore): ScaleSetupService {
    return new ScaleSetupService(store, this.scale);
  }

  /** Reads the kept setup and makes the live scale follow it (at start, and when another instance changed it). */
  async load(): Promise<ScaleSetup> {
    const { log: _log, ...setup } = await this.kept();
    this.scale.follow(setup);
    return setup;
  }

  async view(): Promise<ScaleSetupView> {
    const { log, ...setup } = await this.kept();
    this.scale.follow(setup);
    return { setup, scale: this.scale.toJSON(), log: [...log].reverse() };
  }

  /** How the unit's year was read from the report; null when it was not seeded from one. */
  async reading(unitId: string, year: number): Promise<ReportReading | null> {
    return ((await this.store.appState.getSetting(readingSetting(unitId, year))) as ReportReading | null) ?? null;
  }

  async change(input: ScaleSetupInput, ctx: WriteContext): Promise<ScaleSetupView> {
    authorize(ctx.actor, 'assess');
    const kept = await this.kept();
    if (input.version !== kept.version) throw new DomainError('conflict', { what: 'scale' });
    const problem = checkScaleSetup(input, await this.highestKeptLevel());
    if (problem) throw new DomainError('invalid_input', { details: problem });
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
    const remapped = await this.remap(next, ctx);
    const entry: ScaleSetupChange = {
      version: next.version,
      by: ctx.actor.id,
      byName: ctx.actor.displayName,
      at: next.changedAt!,
      from: summary(kept),
      to: summary(next),
      remapped,
    };
    await this.store.appState.putSetting(SCALE_SETUP_SETTING, { ...next, log: [...kept.log, entry] } satisfies KeptSetup);
    return this.view();
  }

  private async kept(): Promise<KeptSetup> {
    const value = (await this.store.appState.getSetting(SCALE_SETUP_SETTING)) as KeptSetup | null;
    return value ?? { ...initialSetup(this.scale.configured), log: [] };
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
        actor: { id: INTERPRETER_ID, displayName: INTERPRETER_NAME, roles: ['dpo'] },
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
