/**
 * Units in the bot (issue 14 item 4). A conversation follows one unit (src/store/channel-units.ts):
 * its commands answer for that unit unless another is named at the end ("status 4 i Kultur",
 * bot/commands.ts), and `följ <enhet>` / `follow <unit>` changes it; `följer` / `following` says which.
 * Every unit a command is about is checked here against the person's grants (src/domain/roles.ts):
 * reading a unit needs 'read' there, and a card that writes names its unit in the refusal.
 */
import { DomainError, details } from '../src/domain/errors.js';
import type { Locale, Unit } from '../src/domain/model.js';
import { can, canSomewhere, type Actor, type Permission } from '../src/domain/roles.js';
import { findUnit, unitLabel } from '../src/domain/units.js';
import { errorMessage, forbiddenIn } from '../src/words/errors.js';
import type { ChannelUnits } from '../src/store/channel-units.js';
import type { BoardStore } from '../src/store/port.js';
import { noticeCard, type CardAttachment } from './cards.js';
import { fill, STRINGS } from './i18n.js';

/** How many units an answer lists by name before it says "…". */
const LISTED_UNITS = 12;

/** Words in both languages, as a DomainError the bot shows as a notice (src/words: `unprocessable` says its details). */
function refusal(words: (locale: Locale) => string): DomainError {
  return new DomainError('unprocessable', details(words('sv'), words('en')));
}

export interface BotUnitsOptions {
  store: Pick<BoardStore, 'listUnits'>;
  channelUnits: ChannelUnits;
}

export class BotUnits {
  constructor(private readonly options: BotUnitsOptions) {}

  get defaultUnit(): string {
    return this.options.channelUnits.defaultUnit;
  }

  /** The unit the conversation follows (the default unit when it never chose). */
  followedBy(conversationId: string): Promise<string> {
    return this.options.channelUnits.unitOf(conversationId);
  }

  /**
   * The unit a command is about: the one named (its id, Swedish or English name), else the
   * conversation's. Refused, with the units one may choose from, when the name matches none; refused
   * when the person may not read it. `actor` is asked only for a unit other than the default one
   * (every known person reads the default unit: no role lookup for it).
   */
  async unitFor(conversationId: string, named: string | undefined, actor: () => Promise<Actor>): Promise<Unit> {
    const units = await this.options.store.listUnits();
    const unitId = named === undefined ? await this.followedBy(conversationId) : undefined;
    const unit = named === undefined ? units.find((u) => u.id === unitId) : findUnit(units, named);
    if (!unit) {
      if (named === undefined) throw new DomainError('not_found', { what: 'unit' });
      const readable = await this.readable(units, actor);
      throw refusal((locale) => fill(STRINGS[locale].units.unknown, { text: named, units: listOf(readable, locale) }));
    }
    if (unit.id !== this.defaultUnit) this.checkReads(await actor(), unit);
    return unit;
  }

  /** The unit by its id (a card's data names it). */
  async byId(unitId: string): Promise<Unit> {
    const unit = (await this.options.store.listUnits()).find((u) => u.id === unitId);
    if (!unit) throw new DomainError('not_found', { what: 'unit' });
    return unit;
  }

  /** Refuses a unit the person may not read. */
  checkReads(actor: Actor, unit: Unit): void {
    if (!can(actor, 'read', unit.id)) {
      throw refusal((locale) => fill(STRINGS[locale].units.notReadable, { unit: unitLabel(unit, locale) }));
    }
  }

  /** Why the person may not do this in the unit, in their language; null when they may (refusalIn). */
  refusalOf(actor: Actor, permission: Permission, unit: LabelledUnit, nowhere: string, locale: Locale): string | null {
    return refusalIn(actor, permission, unit, nowhere, locale);
  }

  /** `följ <enhet>`: the conversation follows the unit named (ChannelUnits.follow checks it); the answer says what changed. */
  async follow(
    conversationId: string,
    named: string,
    actor: Actor,
    locale: Locale,
    now: Date,
  ): Promise<{ card: CardAttachment; changed: boolean }> {
    const units = await this.options.store.listUnits();
    const unit = findUnit(units, named);
    if (!unit) {
      const readable = await this.readable(units, () => Promise.resolve(actor));
      throw refusal((l) => fill(STRINGS[l].units.unknown, { text: named, units: listOf(readable, l) }));
    }
    this.checkReads(actor, unit);
    const result = await this.options.channelUnits.follow(conversationId, unit.id, actor, now);
    const t = STRINGS[locale].units;
    const label = unitLabel(result.unit, locale);
    if (!result.changed) return { card: noticeCard(locale, fill(t.alreadyFollowing, { unit: label })), changed: false };
    const previous = units.find((u) => u.id === result.previous);
    const text = fill(t.followed, { unit: label, previous: previous ? unitLabel(previous, locale) : result.previous });
    return { card: noticeCard(locale, text, { title: t.followedTitle, color: 'Good' }), changed: true };
  }

  /** `följer`: which unit the conversation follows, and how to change it. */
  async following(conversationId: string, locale: Locale): Promise<CardAttachment> {
    return noticeCard(locale, await this.followingText(conversationId, locale));
  }

  /** "Här följer jag …": the unit followed, whether by choice or as the default, and how to change it (also on the welcome and help cards). */
  async followingText(conversationId: string, locale: Locale): Promise<string> {
    const map = await this.options.channelUnits.current();
    const unitId = map.unitOf(conversationId);
    const unit = (await this.options.store.listUnits()).find((u) => u.id === unitId);
    const t = STRINGS[locale].units;
    const label = unit ? unitLabel(unit, locale) : unitId;
    return map.followingOf(conversationId) ? fill(t.following, { unit: label }) : fill(t.followingDefault, { unit: label });
  }

  /** The units a person may read and follow (not archived), for the answer to a name that matches none. */
  private async readable(units: Unit[], actor: () => Promise<Actor>): Promise<Unit[]> {
    const open = units.filter((u) => !u.archived);
    if (open.every((u) => u.id === this.defaultUnit)) return open;
    const who = await actor();
    return open.filter((u) => u.id === this.defaultUnit || can(who, 'read', u.id));
  }
}

type LabelledUnit = Pick<Unit, 'id' | 'name' | 'nameEn' | 'example' | 'archived'>;

/**
 * Why the person may not do this in the unit, in their language; null when they may. A person who may
 * do it in another unit is told it is about this unit ("Din roll i Kultur får inte …"); a person who
 * may do it nowhere gets `nowhere` (the surface's own words, e.g. "only the DPO assesses").
 */
export function refusalIn(actor: Actor, permission: Permission, unit: LabelledUnit, nowhere: string, locale: Locale): string | null {
  if (can(actor, permission, unit.id)) return null;
  if (!canSomewhere(actor, permission)) return nowhere;
  return `${errorMessage(forbiddenIn(permission, unit), locale)} ${STRINGS[locale].units.nothingSaved}`;
}

/** "Intraservice, Kultur (exempel), …" */
function listOf(units: Unit[], locale: Locale): string {
  const names = units.slice(0, LISTED_UNITS).map((u) => unitLabel(u, locale));
  return units.length > LISTED_UNITS ? `${names.join(', ')}, …` : names.join(', ');
}

/**
 * The unit a link into the tab names (C4: 'units/<id>/…'), or undefined for a link without one. A link
 * without a unit means the tab's unit (the channel's, else the default), so only a link about the
 * default unit, posted where the default unit is followed, leaves it out: links stay as they were before
 * several units, and every other link opens its own unit wherever it is clicked.
 */
export function linkedUnit(unitId: string, conversationUnit: string, defaultUnit: string): string | undefined {
  return unitId === defaultUnit && conversationUnit === defaultUnit ? undefined : unitId;
}
