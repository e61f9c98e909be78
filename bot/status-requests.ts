/**
 * Status requests in Teams (issue 13 item 3). The DPO or the CISO asks the person responsible for
 * a control point for a new status, from the tab (POST /api/status-requests) or the bot ("begär
 * status 4"). The bot sends that person a card in their personal chat; their answer (Action.Execute
 * "statusRequest.answer") is stored as a status update under their own name (the change feed posts
 * it to the channel like any other change), and the requester's card is updated in place.
 *
 * Teams and Bot Framework pages followed:
 * - proactive messages, creating the personal chat when there is none:
 *   https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
 *   (POST /v3/conversations with the member, the bot and the tenant:
 *   https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#create-conversation)
 * - the roster the person is found in: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context#fetch-the-roster-or-user-profile
 * - Universal Actions (Action.Execute, refresh with userIds):
 *   https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards
 * - updating a sent card in place (PUT /v3/conversations/{id}/activities/{activityId}):
 *   https://learn.microsoft.com/microsoftteams/platform/bots/how-to/update-and-delete-bot-messages
 *
 * A request past its due date gets exactly one reminder: the reminder's claim
 * (`status-request-reminder:<unit>:<id>`, src/changes/post-claims.ts) is completed after the
 * connector's 2xx, so no other instance and no restart sends it again.
 */
import {
  TeamsInfo,
  TurnContext,
  type ChannelAccount,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
} from 'botbuilder';
import { DomainError, details } from '../src/domain/errors.js';
import type { ControlPointData, Locale, Unit } from '../src/domain/model.js';
import { isoDay } from '../src/domain/period.js';
import { authorize, LIMITS } from '../src/domain/rules.js';
import { can, rolesIn, type Actor } from '../src/domain/roles.js';
import { levelLabel, type Scale } from '../src/domain/scale.js';
import { dueDateOf, responsibleAmong, type StatusRequest } from '../src/domain/status-requests.js';
import type { Identity, TeamsAccount } from '../src/identity/index.js';
import type { PostClaims } from '../src/changes/post-claims.js';
import type { AppStateStore, BoardStore, SavedConversation, StoreWriteContext } from '../src/store/port.js';
import { answerStatusRequest, type StatusRequestStore } from '../src/store/status-requests.js';
import { renderCard, type CardAttachment } from './cards.js';
import { fill, formatWhen, localeOf, STRINGS } from './i18n.js';
import { chosenLevel, type StatusRequestAction } from './invoke.js';
import { tabLink, type LinkSettings } from './links.js';
import { linkedUnit, refusalIn } from './units.js';
import { subPageIdOf, type TabPage } from '../src/domain/tab-pages.js';

/** The audience of the Bot Connector's tokens (Teams' public cloud). */
const CONNECTOR_AUDIENCE = 'https://api.botframework.com';
/** How many roster members are asked about their role when the owner names a role, not a person. */
const ROSTER_LOOKUPS = 60;

export interface StatusRequestDeskOptions {
  adapter: CloudAdapter;
  botAppId: string;
  store: BoardStore;
  identity: Pick<Identity, 'fromTeamsAccount'>;
  links: () => LinkSettings;
  /** The default unit: the card's link names any other unit (the personal tab opens the default one). */
  defaultUnit?: string;
  /** The same claims as the status posts: one reminder per request across instances and restarts. */
  claims: PostClaims;
  /** A personal chat the bot created starts hearing status posts from now (StatusPostNotifier). */
  startPostsAt(conversationId: string): Promise<void>;
  /** After an answer was stored, so the change feed posts it at once. */
  afterWrite(): void;
  log(message: string, error?: unknown): void;
}

/** Someone in Teams the bot can reach: a saved personal chat, or a roster member it can open one with. */
interface Reachable {
  account: TeamsAccount & { id: string; name: string };
  serviceUrl: string;
  tenantId: string | undefined;
  chat: SavedConversation | undefined;
}

/** Where a card of a request was sent: the requester's copy and the asked person's card. */
interface SentCard {
  reference: Partial<ConversationReference>;
  activityId: string;
  locale: Locale;
}
interface RequestCards {
  requester?: SentCard;
  asked?: SentCard;
}

export interface AskInput {
  unitId: string;
  controlPoint: number;
  /** The last day to answer; STATUS_REQUEST_DAYS.default days from now when omitted. */
  dueDate?: string | undefined;
}

export interface AskOutcome {
  request: StatusRequest;
  /** False when the card could not be delivered now (the reminder tries again at the due date). */
  delivered: boolean;
}

const cardsKey = (r: Pick<StatusRequest, 'unitId' | 'id'>) => `status-request-cards:${r.unitId}:${r.id}`;
export const reminderKey = (r: Pick<StatusRequest, 'unitId' | 'id'>) => `status-request-reminder:${r.unitId}:${r.id}`;

/** What the connector answered, as an Error for the log (it throws RestErrors; anything else is wrapped). */
function asError(failure: unknown): Error {
  return failure instanceof Error ? failure : new Error('the Bot Connector refused the request');
}

function userOf(conversation: SavedConversation): Reachable | undefined {
  const ref = conversation.reference as Partial<ConversationReference>;
  const user = ref.user;
  if (conversation.scope !== 'personal' || !user?.id || !ref.serviceUrl) return undefined;
  return {
    account: { id: user.id, name: user.name ?? user.id, aadObjectId: user.aadObjectId, tenantId: ref.conversation?.tenantId },
    serviceUrl: ref.serviceUrl,
    tenantId: ref.conversation?.tenantId,
    chat: conversation,
  };
}

export class StatusRequestDesk {
  constructor(private readonly options: StatusRequestDeskOptions) {}

  private get requests(): StatusRequestStore {
    const requests = this.options.store.statusRequests;
    if (!requests)
      throw new DomainError('unprocessable', details('lagret sparar inga statusförfrågningar.', 'the store keeps no status requests.'));
    return requests;
  }

  private async unitOf(unitId: string): Promise<Unit> {
    const unit = (await this.options.store.listUnits()).find((u) => u.id === unitId);
    if (!unit) throw new DomainError('not_found', { what: 'unit' });
    return unit;
  }

  private get appState(): AppStateStore {
    return this.options.store.appState;
  }

  // ---- asking ---------------------------------------------------------------------------------

  /**
   * Stores a request for the control point's owner and sends them the card. `turn` is the bot
   * conversation the request was typed in (its roster is searched too); the API has none.
   */
  async ask(input: AskInput, requester: Actor, ctx: Omit<StoreWriteContext, 'actor'>, turn?: TurnContext): Promise<AskOutcome> {
    authorize(requester, 'requestStatus', input.unitId);
    const data = await this.options.store.getControlPointData(input.unitId, input.controlPoint);
    const year = (await this.options.store.listYears(input.unitId)).at(-1);
    if (year === undefined) throw new DomainError('not_found', { what: 'year' });
    const asked = await this.findResponsible(input.unitId, data.controlPoint.owner, turn);
    if (!asked) {
      throw new DomainError('unprocessable', {
        details: {
          sv: fill(STRINGS.sv.statusRequest.nobody, { owner: data.controlPoint.owner, n: input.controlPoint }),
          en: fill(STRINGS.en.statusRequest.nobody, { owner: data.controlPoint.owner, n: input.controlPoint }),
        },
      });
    }
    const request = await this.requests.create(
      {
        unitId: input.unitId,
        year,
        controlPoint: input.controlPoint,
        askedId: asked.account.id,
        askedName: asked.account.name,
        dueDate: dueDateOf(input.dueDate, ctx.now),
      },
      { ...ctx, actor: requester },
    );
    const delivered = await this.deliverToAsked(request, asked, ctx.now, false);
    return { request, delivered };
  }

  /**
   * The requester's own copy, saying where the card went: a reply where they asked (the bot), or in
   * their personal chat when they asked from the tab and have one. Updated in place when answered.
   */
  async sendRequesterCopy(
    request: StatusRequest,
    copy: { turn?: TurnContext | undefined; requester: Actor; now: Date; delivered: boolean },
  ): Promise<void> {
    const message = (locale: Locale) => {
      const t = STRINGS[locale].statusRequest;
      return copy.delivered
        ? { text: fill(t.sentTo, { asked: request.askedName, due: request.dueDate }), tone: 'good' as const }
        : { text: fill(t.notDelivered, { asked: request.askedName }), tone: 'attention' as const };
    };
    if (copy.turn) {
      const locale = localeOf(copy.turn.activity.locale);
      const card = await this.card(request, locale, { viewer: null, now: copy.now, message: message(locale) });
      const sent = await copy.turn.sendActivity({ attachments: [card] });
      const reference = TurnContext.getConversationReference(copy.turn.activity);
      if (sent?.id) await this.rememberCard(request, 'requester', { reference, activityId: sent.id, locale });
      return;
    }
    const chat = (await this.personalChatOf(copy.requester))?.chat;
    if (!chat) return;
    const card = await this.card(request, chat.locale, { viewer: null, now: copy.now, message: message(chat.locale) });
    const id = await this.sendTo(chat.reference, card);
    if (id) await this.rememberCard(request, 'requester', { reference: chat.reference, activityId: id, locale: chat.locale });
  }

  // ---- answering (Action.Execute) ---------------------------------------------------------------

  /** The card for whoever's Teams client asks (refresh) or answers (answer): the form only for a writer while open. */
  async onAction(context: TurnContext, action: StatusRequestAction, now: Date): Promise<CardAttachment> {
    const locale = localeOf(context.activity.locale);
    const t = STRINGS[locale].statusRequest;
    const actor = await this.actorOf(context);
    const request = await this.requests.get(action.data.unit, action.data.id);
    const viewer = { actor, teamsId: context.activity.from.id };
    if (action.verb === 'statusRequest.refresh') return this.card(request, locale, { viewer, now });
    // The request's unit decides (issue 14): a CISO of another unit is told so, and nothing is stored.
    const refused = refusalIn(actor, 'writeStatus', await this.unitOf(request.unitId), t.onlyWriters, locale);
    if (refused) return this.card(request, locale, { viewer, now, message: { text: refused, tone: 'attention' } });
    if (request.state === 'answered')
      return this.card(request, locale, { viewer, now, message: { text: t.alreadyAnswered, tone: 'attention' } });
    const text = (action.data.text ?? '').trim();
    if (!text) return this.card(request, locale, { viewer, now, message: { text: t.textRequired, tone: 'attention' } });
    const answer = await answerStatusRequest(
      { addStatusUpdate: (i, c) => this.options.store.addStatusUpdate(i, c), appState: this.appState, statusRequests: this.requests },
      request.unitId,
      request.id,
      { text, unitLevel: chosenLevel(action.data.unitLevel) },
      { actor, source: 'bot', now },
    );
    if (!answer.stored) return this.card(answer.request, locale, { viewer, now, message: { text: t.alreadyAnswered, tone: 'attention' } });
    // Only the answer that closed the request updates the sent cards: once, however many answers raced.
    this.options.afterWrite();
    await this.updateCopies(answer.request, now);
    return this.card(answer.request, locale, { viewer, now, message: { text: t.saved, tone: 'good' } });
  }

  /** Every sent card of the request shows its answer: updated in place (the answerer's own card is the invoke's answer). */
  private async updateCopies(request: StatusRequest, now: Date): Promise<void> {
    const cards = ((await this.appState.getSetting(cardsKey(request))) ?? {}) as RequestCards;
    for (const sent of [cards.requester, cards.asked]) {
      if (!sent) continue;
      const card = await this.card(request, sent.locale, { viewer: null, now });
      await this.updateCard(sent, card).catch((error: unknown) =>
        this.options.log(`status request ${request.id}: card not updated`, error),
      );
    }
  }

  // ---- reminders ----------------------------------------------------------------------------------

  /** One reminder per open request past its due date; answers how many were sent by this call. */
  async remindPastDue(now: Date): Promise<number> {
    let sent = 0;
    for (const request of await this.requests.listPastDue(isoDay(now))) {
      const claim = await this.options.claims.claim(reminderKey(request));
      if (!claim) continue;
      if (!(await claim.keep())) continue;
      const asked = await this.reachAsked(request);
      const delivered = asked ? await this.deliverToAsked(request, asked, now, true) : false;
      if (delivered) {
        await claim.complete();
        sent += 1;
      } else {
        await claim.release();
      }
    }
    return sent;
  }

  /** The person asked, as the request names them: their saved personal chat, or a new one. */
  private async reachAsked(request: StatusRequest): Promise<Reachable | undefined> {
    const chats = (await this.appState.listConversations()).map(userOf).filter((r): r is Reachable => r !== undefined);
    const chat = chats.find((r) => r.account.id === request.askedId);
    if (chat) return chat;
    const cards = ((await this.appState.getSetting(cardsKey(request))) ?? {}) as RequestCards;
    const ref = cards.asked?.reference;
    if (!ref?.serviceUrl) return undefined;
    return {
      account: { id: request.askedId, name: request.askedName },
      serviceUrl: ref.serviceUrl,
      tenantId: ref.conversation?.tenantId,
      chat: undefined,
    };
  }

  // ---- who is asked ---------------------------------------------------------------------------------

  /**
   * The control point's owner in Teams: a person whose name the owner text carries, else someone
   * holding the role it names ("CISO Intraservice": the CISO). Saved personal chats first, then the
   * roster of the conversation the request came from (or of the channels the bot is in).
   */
  private async findResponsible(unitId: string, owner: string, turn: TurnContext | undefined): Promise<Reachable | undefined> {
    const chats = (await this.appState.listConversations()).map(userOf).filter((r): r is Reachable => r !== undefined);
    const nameOf = (r: Reachable) => r.account.name;
    // A person the owner text names who already has a chat with the bot: no roster read needed.
    const [namedInChats] = await responsibleAmong(owner, chats, nameOf, () => Promise.resolve([]));
    if (namedInChats) return namedInChats;
    const roster = await this.rosterOf(turn);
    let lookups = 0; // roles are asked of every chat's person and of the first ROSTER_LOOKUPS roster members
    const rolesOf = async (r: Reachable) => {
      if (roster.includes(r) && lookups++ >= ROSTER_LOOKUPS) return [];
      const actor = await this.options.identity.fromTeamsAccount(r.account).catch(() => null);
      return actor ? rolesIn(actor, unitId) : [];
    };
    const [found] = await responsibleAmong(owner, [...chats, ...roster], nameOf, rolesOf);
    return found ? this.withChat(found, chats) : undefined;
  }

  private withChat(candidate: Reachable, chats: Reachable[]): Reachable {
    return chats.find((c) => c.account.id === candidate.account.id) ?? candidate;
  }

  /** The requester's personal chat (the tab's requests get their copy there), when they have one. */
  private async personalChatOf(actor: Actor): Promise<Reachable | undefined> {
    for (const chat of (await this.appState.listConversations()).map(userOf)) {
      if (!chat) continue;
      const who = await this.options.identity.fromTeamsAccount(chat.account).catch(() => null);
      if (who?.id === actor.id) return chat;
    }
    return undefined;
  }

  /** Members of the conversation the command came from, else of every channel the bot is installed in. */
  private async rosterOf(turn: TurnContext | undefined): Promise<Reachable[]> {
    if (turn && turn.activity.conversation.conversationType !== 'personal') return this.membersOf(turn);
    const channels = (await this.appState.listConversations()).filter((c) => c.scope === 'channel');
    const members: Reachable[] = [];
    for (const channel of channels) {
      await this.options.adapter
        .continueConversationAsync(this.options.botAppId, channel.reference as Partial<ConversationReference>, async (context) => {
          members.push(...(await this.membersOf(context)));
        })
        .catch((error: unknown) => this.options.log(`status request: roster of ${channel.id} not read`, error));
    }
    return members;
  }

  private async membersOf(context: TurnContext): Promise<Reachable[]> {
    const tenantId = context.activity.conversation?.tenantId;
    const page = await TeamsInfo.getPagedMembers(context, 500).catch(() => ({ members: [] }));
    return page.members.map((m) => ({
      account: { id: m.id, name: m.name || m.id, aadObjectId: m.aadObjectId, tenantId },
      serviceUrl: context.activity.serviceUrl,
      tenantId,
      chat: undefined,
    }));
  }

  // ---- sending --------------------------------------------------------------------------------------

  /** Sends the asked person the card (a reminder says so); opens a personal chat when none is saved. */
  private async deliverToAsked(request: StatusRequest, asked: Reachable, now: Date, reminder: boolean): Promise<boolean> {
    try {
      const chat = asked.chat ?? (await this.openPersonalChat(asked, now));
      const locale = chat.locale;
      const t = STRINGS[locale].statusRequest;
      const message = reminder ? { text: fill(t.reminder, { due: request.dueDate }), tone: 'attention' as const } : undefined;
      const card = await this.card(request, locale, { viewer: { askedView: true }, now, ...(message ? { message } : {}) });
      const id = await this.sendTo(chat.reference, card);
      if (id) await this.rememberCard(request, 'asked', { reference: chat.reference, activityId: id, locale });
      return true;
    } catch (error) {
      this.options.log(`status request ${request.id}: card not delivered to ${request.askedName}`, error);
      return false;
    }
  }

  /** Creates the 1:1 conversation with the member (POST /v3/conversations) and saves it like an installation's. */
  private async openPersonalChat(asked: Reachable, now: Date): Promise<SavedConversation> {
    const member: ChannelAccount = { id: asked.account.id, name: asked.account.name };
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: { id: this.options.botAppId ? `28:${this.options.botAppId}` : 'dpo-board', name: 'DPO Board' },
      members: [member],
      ...(asked.tenantId ? { tenantId: asked.tenantId } : {}),
      channelData: asked.tenantId ? { tenant: { id: asked.tenantId } } : {},
    };
    let saved: SavedConversation | undefined;
    await this.options.adapter.createConversationAsync(
      this.options.botAppId,
      'msteams',
      asked.serviceUrl,
      CONNECTOR_AUDIENCE,
      parameters,
      (context) => {
        const reference = TurnContext.getConversationReference(context.activity);
        const { activityId: _activityId, ...rest } = reference;
        saved = {
          id: reference.conversation!.id,
          scope: 'personal',
          reference: { ...rest, user: { id: asked.account.id, name: asked.account.name, aadObjectId: asked.account.aadObjectId } },
          locale: 'sv',
          subscribed: false,
          updatedAt: now.toISOString(),
        };
        return Promise.resolve();
      },
    );
    if (!saved) throw new Error('the connector created no conversation');
    const { created } = await this.appState.saveConversation(saved);
    if (created) await this.options.startPostsAt(saved.id);
    return saved;
  }

  /** A new message in the conversation; answers the activity id the connector gave it. */
  private async sendTo(
    reference: Record<string, unknown> | Partial<ConversationReference>,
    card: CardAttachment,
  ): Promise<string | undefined> {
    let id: string | undefined;
    let failure: unknown;
    await this.options.adapter.continueConversationAsync(this.options.botAppId, reference, async (context) => {
      context.activity.id = undefined;
      try {
        id = (await context.sendActivity({ attachments: [card] }))?.id;
      } catch (error) {
        failure = error;
      }
    });
    if (failure !== undefined) throw asError(failure);
    return id;
  }

  private async updateCard(sent: SentCard, card: CardAttachment): Promise<void> {
    let failure: unknown;
    await this.options.adapter.continueConversationAsync(this.options.botAppId, sent.reference, async (context) => {
      try {
        await context.updateActivity({ type: 'message', id: sent.activityId, attachments: [card] });
      } catch (error) {
        failure = error;
      }
    });
    if (failure !== undefined) throw asError(failure);
  }

  private async rememberCard(request: StatusRequest, who: keyof RequestCards, sent: SentCard): Promise<void> {
    const cards = ((await this.appState.getSetting(cardsKey(request))) ?? {}) as RequestCards;
    await this.appState.putSetting(cardsKey(request), { ...cards, [who]: sent });
  }

  private actorOf(context: TurnContext): Promise<Actor> {
    const from = context.activity.from;
    const tenantId =
      context.activity.conversation?.tenantId ?? (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    return this.options.identity.fromTeamsAccount({ id: from.id, aadObjectId: from.aadObjectId, name: from.name, tenantId });
  }

  // ---- the card ----------------------------------------------------------------------------------------

  /**
   * The request's card. The form shows while the request is open, to the person asked (the card
   * sent to them) or to a viewer who may write status and is the person asked (a refresh).
   */
  async card(
    request: StatusRequest,
    locale: Locale,
    view: {
      viewer: { actor: Actor; teamsId: string } | { askedView: true } | null;
      now: Date;
      message?: { text: string; tone: 'good' | 'attention' };
    },
  ): Promise<CardAttachment> {
    const viewer = view.viewer;
    const canAnswer =
      request.state === 'open' &&
      viewer !== null &&
      ('askedView' in viewer || (can(viewer.actor, 'writeStatus', request.unitId) && viewer.teamsId === request.askedId));
    return statusRequestCard(locale, {
      request,
      data: await this.options.store.getControlPointData(request.unitId, request.controlPoint),
      scale: this.options.store.scale,
      canAnswer,
      links: this.options.links(),
      ...(this.options.defaultUnit ? { defaultUnit: this.options.defaultUnit } : {}),
      ...(view.message ? { message: view.message } : {}),
    });
  }
}

export interface StatusRequestCardInput {
  request: StatusRequest;
  /** The control point, with its status updates (the request's year's newest is the current status). */
  data: ControlPointData;
  scale: Scale;
  /** The form (new status text, the unit's own level, the answer button) while the request is open. */
  canAnswer: boolean;
  links: LinkSettings;
  /** Set: a request of another unit links to that unit's control point ('units/<id>/control-points/4'). */
  defaultUnit?: string;
  message?: { text: string; tone: 'good' | 'attention' };
}

/** The status request's card (bot/cards/status-request.json), in the viewer's language. */
export function statusRequestCard(locale: Locale, input: StatusRequestCardInput): CardAttachment {
  const { request, data, scale } = input;
  const t = STRINGS[locale];
  const words = t.statusRequest;
  const current = data.statusUpdates.filter((s) => s.year === request.year).at(-1) ?? null;
  const title = fill(words.title, { n: request.controlPoint, title: data.controlPoint.title });
  const facts = [
    { label: words.currentStatus, value: current ? `${current.statusDate} (${current.authorName})` : t.noStatus },
    ...(current?.unitLevel ? [{ label: t.unitLevel, value: levelLabel(scale, current.unitLevel, locale) }] : []),
  ];
  return renderCard('status-request', {
    title,
    askedBy: fill(words.askedBy, { requester: request.requestedByName, asked: request.askedName, due: request.dueDate }),
    message: input.message?.text ?? '',
    messageColor: input.message?.tone === 'good' ? 'Good' : 'Attention',
    answered:
      request.state === 'answered' && request.answeredAt
        ? fill(words.answeredBy, { name: request.answeredByName ?? '', when: formatWhen(request.answeredAt, locale) })
        : '',
    facts,
    currentText: current?.text ?? '',
    canAnswer: input.canAnswer,
    textLabel: words.newStatus,
    textPlaceholder: words.newStatusPlaceholder,
    textRequired: words.textRequired,
    textMax: LIMITS.statusText,
    levelLabel: t.unitLevel,
    levelPlaceholder: words.unitLevelPlaceholder,
    levelValue: current?.unitLevel ? String(current.unitLevel) : '',
    levels: scale.levels.map((l) => ({ title: `${l.level} – ${l.label[locale]}`, value: String(l.level) })),
    submit: words.submit,
    answerData: { id: request.id, unit: request.unitId },
    refreshData: { id: request.id, unit: request.unitId },
    userIds: [request.askedId],
    openTab: t.openTab,
    tabUrl: tabLink(input.links, { page: subPageIdOf(pageOf(request, input.defaultUnit)), label: title }),
  });
}

/** The request's control point as a page of the tab: naming its unit unless it is the default one. */
function pageOf(request: StatusRequest, defaultUnit: string | undefined): TabPage {
  const unitId = defaultUnit ? linkedUnit(request.unitId, defaultUnit, defaultUnit) : undefined;
  return { kind: 'controlPoint', number: request.controlPoint, ...(unitId ? { unitId } : {}) };
}
