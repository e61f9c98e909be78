/**
 * Which unit a conversation follows (issue 14, item 4; contract C5). A channel follows one unit:
 * its status posts, reminders and weekly digest are that unit's, and the bot's commands there
 * answer for it unless another unit is named. A conversation that never chose follows the default
 * unit (DEFAULT_UNIT), so installs from before several units keep working as they did.
 *
 * Chosen with `följ <enhet>` / `follow <unit>` (bot/units.ts) or on the channel tab's
 * configuration page (src/api/channel-tabs-router.ts): both call `follow`, the one place that
 * checks the choice (the unit exists, is not archived, and the person may read it).
 * A personal or group chat follows a unit the same way: a subscribed personal chat hears the
 * status posts of the unit it follows.
 *
 * Kept as one setting in the app state (both stores: survives restarts, shared by instances).
 * Lookups use a copy read at most `maxAgeMs` ago (the server: 0 on SQLite, where a read is one local
 * query; a minute on SharePoint, where it is a Graph request, never one per viewer); `fresh()` reads the
 * setting now (the status posts and the schedule do so once per run, so a follow made on another instance
 * is obeyed at once).
 * A follow is a compare-and-swap on the setting (AppStateStore.updateSetting: SQLite one transaction,
 * SharePoint a write under the item's eTag), so follows of two conversations made at the same moment
 * on two instances are both kept.
 */
import { DomainError, notFound } from '../domain/errors.js';
import type { IsoTimestamp, Unit } from '../domain/model.js';
import { can, type Actor } from '../domain/roles.js';
import { checkUnitWritable } from '../domain/units.js';
import type { AppStateStore } from './port.js';

export const CHANNEL_UNITS_SETTING = 'channel-units';
/** How old the copy may get by default before a lookup reads the setting again. */
export const CHANNEL_UNITS_MAX_AGE_MS = 60_000;

/** A conversation's explicit choice of unit. */
export interface Following {
  conversationId: string;
  unitId: string;
  followedAt: IsoTimestamp;
  /** The actor id of who chose it. */
  followedBy: string;
}

type Kept = Record<string, Following>;

/** Who follows what, as read at one moment: answers every conversation (the default unit when it never chose). */
export class FollowingMap {
  constructor(
    private readonly kept: Kept,
    readonly defaultUnit: string,
  ) {}

  unitOf(conversationOrChannelId: string): string {
    const id = conversationKey(conversationOrChannelId);
    return Object.hasOwn(this.kept, id) ? this.kept[id]!.unitId : this.defaultUnit;
  }

  /** The explicit choice, or null when the conversation follows the default unit by never choosing. */
  followingOf(conversationOrChannelId: string): Following | null {
    const id = conversationKey(conversationOrChannelId);
    return Object.hasOwn(this.kept, id) ? this.kept[id]! : null;
  }

  /** Those of `conversations` that follow the unit (explicitly, or the default unit by never choosing). */
  followersOf<T extends { id: string }>(unitId: string, conversations: readonly T[]): T[] {
    return conversations.filter((c) => this.unitOf(c.id) === unitId);
  }
}

export interface ChannelUnitsOptions {
  defaultUnit: string;
  /** Every unit, archived ones too (BoardStore.listUnits: on SharePoint the synced state). */
  listUnits: () => Promise<Unit[]>;
  /** How old the copy may get before a lookup reads the setting again. */
  maxAgeMs?: number;
  now?: () => number;
}

/** What a follow did: the unit now followed and the one followed before. */
export interface FollowResult {
  unit: Unit;
  previous: string;
  changed: boolean;
}

export class ChannelUnits {
  private copy: FollowingMap;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<FollowingMap> | null = null;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly appState: AppStateStore,
    private readonly options: ChannelUnitsOptions,
  ) {
    this.maxAgeMs = options.maxAgeMs ?? CHANNEL_UNITS_MAX_AGE_MS;
    this.now = options.now ?? Date.now;
    this.copy = new FollowingMap({}, options.defaultUnit);
  }

  get defaultUnit(): string {
    return this.options.defaultUnit;
  }

  /** Reads the setting now (once at a time: callers during a read share it). */
  fresh(): Promise<FollowingMap> {
    this.reading ??= this.appState
      .getSetting(CHANNEL_UNITS_SETTING)
      .then((value) => this.keep(keptOf(value)))
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  /** The copy, read again when older than maxAgeMs. */
  async current(): Promise<FollowingMap> {
    return this.now() - this.readAt > this.maxAgeMs ? this.fresh() : this.copy;
  }

  /** The unit the conversation (or channel; a reply's ";messageid=" is ignored) follows: the default unit when it never chose. */
  async unitOf(conversationOrChannelId: string): Promise<string> {
    return (await this.current()).unitOf(conversationOrChannelId);
  }

  /** Those of `conversations` that follow the unit, read now (for posting: another instance may have changed it). */
  async followersOf<T extends { id: string }>(unitId: string, conversations: readonly T[]): Promise<T[]> {
    return (await this.fresh()).followersOf(unitId, conversations);
  }

  /**
   * The conversation follows the unit from now on. Refused (DomainError) when the unit is unknown
   * (not_found), archived (unit_archived) or one the actor may not read (forbidden).
   */
  async follow(conversationOrChannelId: string, unitId: string, actor: Actor, now: Date = new Date(this.now())): Promise<FollowResult> {
    const unit = await this.followable(unitId, actor);
    const id = conversationKey(conversationOrChannelId);
    const following: Following = { conversationId: id, unitId: unit.id, followedAt: now.toISOString(), followedBy: actor.id };
    let previous = this.options.defaultUnit;
    // Compare-and-swap on the setting: a follow of another conversation made at the same moment elsewhere is kept.
    const { value } = await this.appState.updateSetting<Kept>(CHANNEL_UNITS_SETTING, (stored) => {
      const kept = keptOf(stored);
      previous = kept[id]?.unitId ?? this.options.defaultUnit;
      return kept[id]?.unitId === unit.id ? undefined : { ...kept, [id]: following };
    });
    this.keep(keptOf(value));
    return { unit, previous, changed: previous !== unit.id };
  }

  /** The unit a follow may choose, or the reason it may not. */
  private async followable(unitId: string, actor: Actor): Promise<Unit> {
    const unit = (await this.options.listUnits()).find((u) => u.id === unitId);
    if (!unit) throw notFound('unit');
    checkUnitWritable(unit);
    if (!can(actor, 'read', unit.id)) throw new DomainError('forbidden', { permission: 'read', unitId: unit.id });
    return unit;
  }

  private keep(kept: Kept): FollowingMap {
    this.copy = new FollowingMap(kept, this.options.defaultUnit);
    this.readAt = this.now();
    return this.copy;
  }
}

/** Teams threads a channel reply as "<channel id>;messageid=<id>": the channel is what follows. */
function conversationKey(id: string): string {
  return id.split(';')[0]!;
}

function keptOf(value: unknown): Kept {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const kept: Kept = {};
  for (const [conversationId, entry] of Object.entries(value as Record<string, Partial<Following>>)) {
    if (typeof entry?.unitId === 'string') {
      kept[conversationId] = {
        conversationId,
        unitId: entry.unitId,
        followedAt: entry.followedAt ?? '',
        followedBy: entry.followedBy ?? '',
      };
    }
  }
  return kept;
}
