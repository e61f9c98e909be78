/**
 * The DPO Board bot: installation, commands and the assessment card's Universal Actions.
 * Every read and write goes through the BoardStore port and the domain rules.
 */
import { createHash } from 'node:crypto';
import {
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type AppBasedLinkQuery,
  type Attachment,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import { DomainError } from '../src/domain/errors.js';
import { errorMessage } from '../src/words/errors.js';
import type { Locale } from '../src/domain/model.js';
import { can, type Actor } from '../src/domain/roles.js';
import { buildBoard, buildControlPointDetail } from '../src/domain/views.js';
import { isoDay } from '../src/domain/period.js';
import type { AppStateStore, BoardStore, ConversationScope, SavedConversation } from '../src/store/port.js';
import {
  assessCard,
  boardCard,
  CARD_CONTENT_TYPE,
  cardUnit,
  controlPointCard,
  focusCard,
  reportCard,
  helpCard,
  noticeCard,
  welcomeCard,
  type AssessCardInput,
  type CardAttachment,
} from './cards.js';
import { evidenceLink } from './evidence.js';
import { subPageIdOf } from '../src/domain/tab-pages.js';
import { parseCommand, type Command } from './commands.js';
import { switchDigest, type DigestSwitch } from './digest-setting.js';
import type { WeeklyTime } from '../src/schedule/calendar.js';
import { fill, localeOf, STRINGS } from './i18n.js';
import type { Identity } from '../src/identity/index.js';
import { cardAction, chosenLevel, statusRequestAction, type CardAction } from './invoke.js';
import type { StatusRequestDesk } from './status-requests.js';
import { tabLink, type LinkSettings } from './links.js';
import { BotUnits, linkedUnit } from './units.js';
import { ChannelUnits } from '../src/store/channel-units.js';
import type { Unit } from '../src/domain/model.js';
import type { TabPage } from '../src/domain/tab-pages.js';
import {
  extensionRefusal,
  pageOfAddress,
  searchNamingUnit,
  searchResponse,
  unfurlResponse,
  type ExtensionContext,
} from './message-extension.js';
import { findUnit } from '../src/domain/units.js';
import { ConversationRoster } from './roster.js';

export interface BotDependencies {
  store: BoardStore;
  appState: AppStateStore;
  /** Who a Teams user is (src/identity): the same module the API and the SharePoint sync ask. */
  identity: Pick<Identity, 'fromTeamsAccount'>;
  links: () => LinkSettings;
  defaultUnit: string;
  /** A conversation that starts hearing status posts gets none from before. */
  startPostsAt(conversationId: string): Promise<void>;
  /** After the bot stored something, so the change feed reads the log at once. */
  afterWrite(): void;
  /** Status requests (bot/status-requests.ts): "begär status 4" and the request card's Action.Execute. */
  statusRequests?: StatusRequestDesk;
  /** When the weekly digest goes out (src/schedule/); null or absent: off for the whole app. */
  digestAt?: WeeklyTime | null;
  /** Which unit each conversation follows (src/store/channel-units.ts); one on the app state when absent. */
  channelUnits?: ChannelUnits;
  now?: () => Date;
}

/** A page of one unit's views (the link names the unit where it must: bot/units.ts linkedUnit). */
type PageOfUnit = Exclude<TabPage, { kind: 'city' }>;

/** Links into the tab about one unit, from one conversation. */
type UnitLink = (page: PageOfUnit, label: string) => string;

/** Teams threads a channel reply as "<channel id>;messageid=<id>"; posts go to the channel itself. */
export function channelConversationId(id: string): string {
  return id.split(';')[0]!;
}

function scopeOf(context: TurnContext): ConversationScope {
  const type = context.activity.conversation.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat' || context.activity.conversation.isGroup) return 'groupChat';
  return 'personal';
}

const asAttachment = (card: CardAttachment): Attachment => card;
const DAY = 24 * 60 * 60 * 1000;

export class DpoBot extends TeamsActivityHandler {
  private readonly now: () => Date;
  private readonly units: BotUnits;
  private readonly roster = new ConversationRoster();

  constructor(private readonly deps: BotDependencies) {
    super();
    this.now = deps.now ?? (() => new Date());
    const channelUnits =
      deps.channelUnits ?? new ChannelUnits(deps.appState, { defaultUnit: deps.defaultUnit, listUnits: () => deps.store.listUnits() });
    this.units = new BotUnits({ store: deps.store, channelUnits });
    this.onMessage(async (context, next) => {
      if (await this.firstDelivery(context)) await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      if (await this.firstDelivery(context)) await this.install(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forget(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      this.roster.forget(context.activity.conversation.id);
      if (context.activity.membersAdded?.some((m) => m.id === botId)) await this.install(context);
      await next();
    });
    this.onTeamsTeamDeletedEvent(async (_team, context, next) => {
      await this.forget(context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const botId = context.activity.recipient.id;
      this.roster.forget(context.activity.conversation.id);
      if (context.activity.membersRemoved?.some((m) => m.id === botId)) await this.forget(context);
      await next();
    });
  }

  /** False when the channel redelivers an activity already handled (same activity id). */
  private async firstDelivery(context: TurnContext): Promise<boolean> {
    const id = context.activity.id;
    if (!id) return true;
    return this.deps.appState.claimOnce(`activity:${context.activity.conversation.id}:${id}`, this.now(), DAY);
  }

  private conversationOf(context: TurnContext, subscribed: boolean): SavedConversation {
    const reference = TurnContext.getConversationReference(context.activity);
    const id = channelConversationId(context.activity.conversation.id);
    const conversation = { ...reference.conversation!, id };
    // Only what a later post needs: no activityId (a post starts its own thread).
    const { activityId: _activityId, ...rest } = reference;
    return {
      id,
      scope: scopeOf(context),
      reference: { ...rest, conversation },
      locale: localeOf(context.activity.locale),
      subscribed,
      updatedAt: this.now().toISOString(),
    };
  }

  /** Installed in a team, a group chat or a personal chat: remember it and say hello once. */
  private async install(context: TurnContext): Promise<void> {
    const saved = this.conversationOf(context, false);
    const existing = await this.deps.appState.getConversation(saved.id);
    // Teams sends installationUpdate and conversationUpdate for one installation; not every one carries a locale.
    const locale = context.activity.locale ? saved.locale : (existing?.locale ?? saved.locale);
    const { created } = await this.deps.appState.saveConversation({ ...saved, locale, subscribed: existing?.subscribed ?? false });
    if (!created) return;
    await this.deps.startPostsAt(saved.id);
    const card = welcomeCard(saved.locale, {
      personal: saved.scope === 'personal',
      boardUrl: this.link('', STRINGS[saved.locale].openBoard, context),
      following: await this.followingHint(context, saved.locale),
    });
    await context.sendActivity({ attachments: [asAttachment(card)] });
  }

  private async forget(context: TurnContext): Promise<void> {
    await this.deps.appState.removeConversation(channelConversationId(context.activity.conversation.id));
  }

  private where(context: TurnContext): { conversationId: string; scope: ConversationScope } {
    return { conversationId: channelConversationId(context.activity.conversation.id), scope: scopeOf(context) };
  }

  private digestSwitch(): DigestSwitch {
    return { appState: this.deps.appState, digestAt: this.deps.digestAt ?? null, now: this.now };
  }

  private link(page: string, label: string, context: TurnContext): string {
    const channelId = scopeOf(context) === 'channel' ? channelConversationId(context.activity.conversation.id) : undefined;
    return tabLink(this.deps.links(), { page, label, channelId });
  }

  /** Links about the unit from this conversation: they name the unit unless it is the default one followed here. */
  private async linksOf(context: TurnContext, unitId: string): Promise<UnitLink> {
    const followed = await this.units.followedBy(this.where(context).conversationId);
    const named = linkedUnit(unitId, followed, this.deps.defaultUnit);
    return (page, label) => this.link(subPageIdOf(named ? { ...page, unitId: named } : page), label, context);
  }

  /** The unit a command is about: the one named at its end, else the conversation's (bot/units.ts checks it may be read). */
  private unitOf(context: TurnContext, named: string | undefined): Promise<Unit> {
    return this.units.unitFor(this.where(context).conversationId, named, () => this.actorOf(context));
  }

  /** The unit as cards name it: its label when the app has more than one unit (cardUnit), else none. */
  private async unitNamed(unitId: string, locale: Locale): Promise<string | undefined> {
    return cardUnit(await this.deps.store.listUnits(), unitId, locale);
  }

  /** "Här följer jag …" on the welcome and help cards, when there is more than one open unit to choose from. */
  private async followingHint(context: TurnContext, locale: Locale): Promise<string> {
    const open = (await this.deps.store.listUnits()).filter((u) => !u.archived);
    return open.length > 1 ? this.units.followingText(this.where(context).conversationId, locale) : '';
  }

  private async reply(context: TurnContext, card: CardAttachment): Promise<void> {
    await context.sendActivity({ attachments: [asAttachment(card)] });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const locale = localeOf(context.activity.locale);
    const known = await this.deps.appState.getConversation(channelConversationId(context.activity.conversation.id));
    if (!known) await this.rememberQuietly(context);
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const command = parseCommand(text);
    try {
      await this.runCommand(context, command, locale);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await this.reply(context, noticeCard(locale, errorMessage(error, locale), { title: STRINGS[locale].errorTitle, color: 'Attention' }));
    }
  }

  /** A conversation the bot hears from but never saved (installed before, or its record was lost). */
  private async rememberQuietly(context: TurnContext): Promise<void> {
    const saved = this.conversationOf(context, false);
    const { created } = await this.deps.appState.saveConversation(saved);
    if (created) await this.deps.startPostsAt(saved.id);
  }

  private async runCommand(context: TurnContext, command: Command, locale: Locale): Promise<void> {
    const t = STRINGS[locale];
    switch (command.kind) {
      case 'help':
      case 'unknown': {
        const help = { boardUrl: this.link('', t.openBoard, context), following: await this.followingHint(context, locale) };
        const unknownText = command.kind === 'unknown' ? command.text : undefined;
        return this.reply(context, helpCard(locale, { ...help, ...(unknownText ? { unknownText } : {}) }));
      }
      case 'follow':
        return this.follow(context, command.unit, locale);
      case 'following':
        return this.reply(context, await this.units.following(this.where(context).conversationId, locale));
      case 'digest':
        return this.reply(context, await switchDigest(this.digestSwitch(), this.where(context), command.on, locale));
      case 'subscribe':
      case 'unsubscribe':
        return this.subscription(context, command.kind === 'subscribe', locale);
    }
    const unit = await this.unitOf(context, command.unit);
    const link = await this.linksOf(context, unit.id);
    switch (command.kind) {
      case 'status':
        return this.reply(context, boardCard(locale, await this.board(unit.id), link({ kind: 'board' }, t.openBoard)));
      case 'statusOf':
        return this.statusOf(context, unit.id, command.controlPoint, locale, link);
      case 'focus':
        return this.reply(
          context,
          focusCard(
            locale,
            await this.board(unit.id),
            (n, label) => link({ kind: 'controlPoint', number: n }, label),
            await this.unitNamed(unit.id, locale),
          ),
        );
      case 'report':
        return this.reply(context, reportCard(locale, await this.board(unit.id), link({ kind: 'actionPlan' }, t.reportDownload)));
      case 'assess':
        return this.assess(context, unit, command.controlPoint, locale);
      case 'requestStatus':
        return this.requestStatus(context, unit, command.controlPoint, locale);
    }
  }

  /** "följ <enhet>": the conversation follows the unit from now on, and hears none of its earlier changes. */
  private async follow(context: TurnContext, named: string, locale: Locale): Promise<void> {
    const { conversationId } = this.where(context);
    const { card, changed } = await this.units.follow(conversationId, named, await this.actorOf(context), locale, this.now());
    if (changed) await this.deps.startPostsAt(conversationId);
    await this.reply(context, card);
  }

  /** "begär status 4": the card goes to the person responsible; the reply here is the requester's copy, updated when answered. */
  private async requestStatus(context: TurnContext, unit: Unit, n: number, locale: Locale): Promise<void> {
    const desk = this.deps.statusRequests;
    if (!desk) return this.reply(context, noticeCard(locale, STRINGS[locale].statusRequest.unavailable, { color: 'Attention' }));
    const actor = await this.actorOf(context);
    const nowhere = errorMessage(new DomainError('forbidden', { permission: 'requestStatus' }), locale);
    const refused = this.units.refusalOf(actor, 'requestStatus', unit, nowhere, locale);
    if (refused) return this.reply(context, noticeCard(locale, refused, { title: STRINGS[locale].errorTitle, color: 'Attention' }));
    const { request, delivered } = await desk.ask({ unitId: unit.id, controlPoint: n }, actor, { source: 'bot', now: this.now() }, context);
    await desk.sendRequesterCopy(request, { turn: context, requester: actor, now: this.now(), delivered });
  }

  private async board(unitId: string) {
    const data = await this.deps.store.getBoardData(unitId);
    return buildBoard(data, this.deps.store.scale, isoDay(this.now()));
  }

  private async detail(unitId: string, controlPoint: number) {
    const data = await this.deps.store.getControlPointData(unitId, controlPoint);
    return buildControlPointDetail(data, this.deps.store.scale, isoDay(this.now()));
  }

  private async latestYear(unitId: string): Promise<number> {
    const years = await this.deps.store.listYears(unitId);
    const year = years.at(-1);
    if (year === undefined) throw new DomainError('not_found', { what: 'year' });
    return year;
  }

  private async statusOf(context: TurnContext, unitId: string, n: number, locale: Locale, link: UnitLink): Promise<void> {
    const [detail, year] = await Promise.all([this.detail(unitId, n), this.latestYear(unitId)]);
    const title = fill(STRINGS[locale].controlPointTitle, { n, title: detail.controlPoint.title });
    const url = link({ kind: 'controlPoint', number: n }, title);
    const evidenceUrl = link({ kind: 'controlPoint', number: n, section: 'evidence' }, title);
    const evidence = await evidenceLink(this.deps.store, unitId, n, evidenceUrl);
    await this.reply(context, controlPointCard(locale, detail, year, url, evidence, await this.unitNamed(unitId, locale)));
  }

  private async assess(context: TurnContext, unit: Unit, n: number, locale: Locale): Promise<void> {
    const actor = await this.actorOf(context);
    const refused = this.units.refusalOf(actor, 'assess', unit, STRINGS[locale].onlyDpo, locale);
    const card = await this.assessView(context, locale, { unitId: unit.id, year: await this.latestYear(unit.id), cp: n }, actor, {
      ...(refused ? { message: { text: refused, tone: 'attention' as const } } : {}),
    });
    await this.reply(context, card);
  }

  private async assessView(
    context: TurnContext,
    locale: Locale,
    ref: { unitId: string; year: number; cp: number },
    actor: Actor,
    extra: Partial<AssessCardInput> = {},
  ): Promise<CardAttachment> {
    const detail = await this.detail(ref.unitId, ref.cp);
    const title = fill(STRINGS[locale].controlPointTitle, { n: ref.cp, title: detail.controlPoint.title });
    const link = await this.linksOf(context, ref.unitId);
    return assessCard(locale, {
      detail,
      unitId: ref.unitId,
      year: ref.year,
      canAssess: can(actor, 'assess', ref.unitId),
      unit: await this.unitNamed(ref.unitId, locale),
      userIds: await this.refreshUserIds(context),
      tabUrl: link({ kind: 'controlPoint', number: ref.cp }, title),
      evidence: await evidenceLink(
        this.deps.store,
        ref.unitId,
        ref.cp,
        link({ kind: 'controlPoint', number: ref.cp, section: 'evidence' }, title),
      ),
      ...extra,
    });
  }

  /** Whose Teams clients refresh the card automatically: the conversation's members (up to 60), read once per roster window. */
  private async refreshUserIds(context: TurnContext): Promise<string[]> {
    const self = context.activity.from?.id ? [context.activity.from.id] : [];
    try {
      const members = await this.roster.ids(context.activity.conversation.id, async () =>
        (await TeamsInfo.getPagedMembers(context, 60)).members.map((m) => m.id),
      );
      return [...new Set([...self, ...members])].slice(0, 60);
    } catch {
      return self;
    }
  }

  /**
   * The caller, from the identity module. `roles: 'none'` (reading, which every known person may): without the
   * Entra object id the module checks the tenant only and looks no roles up in Graph, so reads cost Graph nothing per person.
   */
  private actorOf(context: TurnContext, roles: 'needed' | 'none' = 'needed'): Promise<Actor> {
    const from = context.activity.from;
    const tenantId =
      context.activity.conversation?.tenantId ?? (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const aadObjectId = roles === 'needed' ? from.aadObjectId : undefined;
    return this.deps.identity.fromTeamsAccount({ id: from.id, aadObjectId, name: from.name, tenantId });
  }

  private async subscription(context: TurnContext, on: boolean, locale: Locale): Promise<void> {
    const t = STRINGS[locale];
    if (scopeOf(context) !== 'personal') return this.reply(context, noticeCard(locale, t.personalOnly));
    const id = channelConversationId(context.activity.conversation.id);
    const before = await this.deps.appState.getConversation(id);
    if ((before?.subscribed ?? false) === on) {
      return this.reply(context, noticeCard(locale, on ? t.alreadySubscribed : t.notSubscribed));
    }
    if (on) await this.deps.startPostsAt(id);
    await this.deps.appState.saveConversation({ ...this.conversationOf(context, on), locale });
    await this.reply(context, noticeCard(locale, on ? t.subscribed : t.unsubscribed, { color: 'Good' }));
  }

  /** The message extension's search (composeExtension/query): bot/message-extension.ts. */
  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const units = await this.deps.store.listUnits();
    const { query: searched, unit } = searchNamingUnit(query, (name) => findUnit(units, name) !== null);
    return this.extension(context, unit, (ctx) => searchResponse(ctx, searched));
  }

  /** Link unfurling of the tab's addresses (composeExtension/queryLink): bot/message-extension.ts. */
  protected override handleTeamsAppBasedLinkQuery(context: TurnContext, query: AppBasedLinkQuery): Promise<MessagingExtensionResponse> {
    const page = pageOfAddress(query.url ?? '', this.deps.links().publicUrl);
    const unit = page && page.kind !== 'city' ? page.unitId : undefined;
    return this.extension(context, unit, (ctx) => unfurlResponse(ctx, query.url));
  }

  /** Runs an extension invoke on its unit; a unit that is unknown or may not be read is the answer's message. */
  private async extension(
    context: TurnContext,
    unit: string | undefined,
    answer: (ctx: ExtensionContext) => Promise<MessagingExtensionResponse>,
  ): Promise<MessagingExtensionResponse> {
    let ctx: ExtensionContext;
    try {
      ctx = await this.extensionContext(context, unit);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return extensionRefusal(error, localeOf(context.activity.locale));
    }
    return answer(ctx);
  }

  /** The extension reads the conversation's unit, or the unit a search names at its end ("4 i Kultur"). */
  private async extensionContext(context: TurnContext, named?: string): Promise<ExtensionContext> {
    const unit = await this.unitOf(context, named);
    const link = await this.linksOf(context, unit.id);
    return {
      locale: localeOf(context.activity.locale),
      board: () => this.board(unit.id),
      store: this.deps.store,
      unitId: unit.id,
      today: isoDay(this.now()),
      // Reading the default unit needs no roles (no Graph request per search); another unit does.
      actor: () => this.actorOf(context, unit.id === this.deps.defaultUnit ? 'none' : 'needed'),
      link,
      publicUrl: this.deps.links().publicUrl,
    };
  }

  /** Action.Execute from the assessment card: validated, role-checked, stored once, answered with the updated card. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const locale = localeOf(context.activity.locale);
    const pending = this.cardFor(context, value.action, locale);
    if (!pending) {
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: 'unknown or malformed card action' },
      };
    }
    try {
      const card = await pending;
      return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card.content };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const card = noticeCard(locale, errorMessage(error, locale), { title: STRINGS[locale].errorTitle, color: 'Attention' });
      return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card.content };
    }
  }

  /** The card an Action.Execute is answered with; null for a verb no card of the bot sends. */
  private cardFor(context: TurnContext, action: unknown, locale: Locale): Promise<CardAttachment> | null {
    const request = statusRequestAction.safeParse(action);
    if (request.success && this.deps.statusRequests) return this.deps.statusRequests.onAction(context, request.data, this.now());
    const parsed = cardAction.safeParse(action);
    return parsed.success ? this.cardActionResult(context, parsed.data, locale) : null;
  }

  private async cardActionResult(context: TurnContext, action: CardAction, locale: Locale): Promise<CardAttachment> {
    const actor = await this.actorOf(context);
    const ref = { unitId: action.data.unit, year: action.data.year, cp: action.data.cp };
    const unit = await this.units.byId(ref.unitId);
    this.units.checkReads(actor, unit);
    if (action.verb === 'assessment.refresh') return this.assessView(context, locale, ref, actor);
    const t = STRINGS[locale];
    // The card names its unit: a DPO of another unit (or a CISO) is refused here, and the store's rules refuse it again.
    const refused = this.units.refusalOf(actor, 'assess', unit, t.onlyDpo, locale);
    if (refused) return this.assessView(context, locale, ref, actor, { message: { text: refused, tone: 'attention' } });
    const level = chosenLevel(action.data.level);
    if (level === null)
      return this.assessView(context, locale, ref, actor, { message: { text: t.assessLevelRequired, tone: 'attention' } });
    const comment = (action.data.comment ?? '').trim();
    try {
      await this.deps.store.addAssessment(
        { unitId: ref.unitId, year: ref.year, controlPoint: ref.cp, level, comment },
        { actor, source: 'bot', now: this.now(), requestId: assessmentRequestId(actor, action.data.formId, level, comment) },
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      return this.assessView(context, locale, ref, actor, { message: { text: errorMessage(error, locale), tone: 'attention' }, level });
    }
    this.deps.afterWrite();
    return this.assessView(context, locale, ref, actor, { message: { text: t.assessedSaved, tone: 'good' } });
  }
}

/**
 * One assessment per card instance and answer: Teams' retry of an invoke and a double click
 * carry the same form id and inputs, so they map to one request id and are stored once.
 */
export function assessmentRequestId(actor: Actor, formId: string, level: number, comment: string): string {
  const digest = createHash('sha256').update(`${level}\u0000${comment}`).digest('hex').slice(0, 16);
  return `bot:${actor.id}:${formId}:${digest}`;
}
