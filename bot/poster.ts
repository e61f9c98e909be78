/**
 * Posts status changes as cards into saved conversations (proactive messages through
 * CloudAdapter.continueConversationAsync), and turns the channel's answer into an outcome
 * the notifier understands: 403/404 = the app was removed; 429/5xx/network = retry. The
 * connector client (core-rest-pipeline) already retries 429 (after Retry-After) and 5xx a
 * few times itself; what still fails comes here and the notifier backs off further.
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 */
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { BoardStore, SavedConversation } from '../src/store/port.js';
import type { PostOutcome, StatusPost, StatusPoster } from '../src/changes/status-posts.js';
import { cardUnit, digestCard, statusChangeCard, type CardAttachment, type ChangeContext } from './cards.js';
import { fill, STRINGS } from './i18n.js';
import { tabLink, type LinkSettings } from './links.js';
import { linkedUnit } from './units.js';
import { ALL_UNITS } from '../src/domain/changes.js';
import { isUnitChange } from '../src/words/index.js';
import { subPageIdOf, type TabPage } from '../src/domain/tab-pages.js';
import type { ChannelUnits } from '../src/store/channel-units.js';

interface HttpishError {
  statusCode?: number;
  response?: { status?: number; headers?: { get?(name: string): string | undefined | null } | Record<string, string> };
  message?: string;
}

function retryAfterMs(error: HttpishError): number | undefined {
  const headers = error.response?.headers;
  const raw =
    headers && typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get(name: string): string | undefined | null }).get('retry-after')
      : (headers as Record<string, string> | undefined)?.['retry-after'];
  const seconds = raw ? Number(raw) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

export function outcomeOfError(error: unknown): PostOutcome {
  const e = (error ?? {}) as HttpishError;
  const status = e.statusCode ?? e.response?.status;
  const reason = `${status ?? 'no response'}: ${e.message ?? String(error)}`.slice(0, 300);
  if (status === undefined) return { kind: 'retry', reason };
  if (status === 403 || status === 404) return { kind: 'gone', reason };
  if (status === 429 || status >= 500) {
    const afterMs = retryAfterMs(e);
    return afterMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, afterMs };
  }
  return { kind: 'rejected', reason };
}

export interface PosterOptions {
  adapter: CloudAdapter;
  botAppId: string;
  store: BoardStore;
  links: () => LinkSettings;
  /** Which unit each conversation follows: links name the unit where the tab would not know it (bot/units.ts linkedUnit). */
  channelUnits?: ChannelUnits;
}

/** Control point titles by `<unit>:<number>`, for the units of the changes. */
async function titlesOf(store: BoardStore, unitIds: Iterable<string>): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const unitId of new Set(unitIds)) {
    // A change of every unit (the scale setup) names no control point.
    if (unitId === ALL_UNITS) continue;
    const board = await store.getBoardData(unitId);
    for (const cp of board.controlPoints) map.set(`${unitId}:${cp.number}`, cp.title);
  }
  return map;
}

/** A unit's page as a sub-page id for links posted in the conversation: with the unit where the tab would not know it. */
export type UnitPages = (page: Exclude<TabPage, { kind: 'city' }>) => string;

export async function pagesOf(
  options: Pick<PosterOptions, 'channelUnits'>,
  conversation: SavedConversation,
  unitId: string,
): Promise<UnitPages> {
  const units = options.channelUnits;
  const named = units && unitId !== ALL_UNITS ? linkedUnit(unitId, await units.unitOf(conversation.id), units.defaultUnit) : undefined;
  return (page) => subPageIdOf(named ? { ...page, unitId: named } : page);
}

/** What a card needs to describe changes of one unit in a conversation: titles, links into the tab (deep links in Teams). */
export async function changeContextFor(options: PosterOptions, conversation: SavedConversation, unitId: string): Promise<ChangeContext> {
  const names = await titlesOf(options.store, [unitId]);
  const links = options.links();
  const channelId = conversation.scope === 'channel' ? conversation.id : undefined;
  const t = STRINGS[conversation.locale];
  const page = await pagesOf(options, conversation, unitId);
  const unit = cardUnit(await options.store.listUnits(), unitId, conversation.locale);
  return {
    scale: options.store.scale,
    ...(unit ? { unit } : {}),
    titleOf: (n) => names.get(`${unitId}:${n}`),
    linkOf: (change) =>
      change.controlPoint
        ? tabLink(links, {
            page: page({ kind: 'controlPoint', number: change.controlPoint }),
            label: fill(t.controlPointTitle, { n: change.controlPoint, title: names.get(`${change.unitId}:${change.controlPoint}`) ?? '' }),
            channelId,
          })
        : // A unit's own change (a new unit, an archived one) opens its board.
          tabLink(links, { page: page({ kind: isUnitChange(change) ? 'board' : 'actionPlan' }), label: t.openBoard, channelId }),
    boardUrl: tabLink(links, { page: page({ kind: 'board' }), label: t.openBoard, channelId }),
  };
}

/**
 * The unit whose words a post's card uses: its change's unit, or for a digest the unit of its board's changes.
 * A digest may also hold changes that name their own unit in their rows (the scale's '*', another unit's
 * creation or archiving: src/changes/status-posts.ts changesFor); with nothing else it names no unit ('*').
 */
function unitOfPost(post: StatusPost): string {
  if (!post.digest) return post.changes[0]!.unitId;
  return post.changes.find((c) => c.unitId !== ALL_UNITS && !isUnitChange(c))?.unitId ?? ALL_UNITS;
}

export function createStatusPoster(options: PosterOptions): StatusPoster {
  return {
    async post(post) {
      const locale = post.conversation.locale;
      const ctx = await changeContextFor(options, post.conversation, unitOfPost(post));
      const card = post.digest ? digestCard(locale, post.changes, ctx) : statusChangeCard(locale, post.changes[0]!, ctx);
      return sendProactive(options, post.conversation, card);
    },
  };
}

/**
 * Sends a card as a new message into a saved conversation (a proactive message:
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages)
 * and answers the channel's outcome.
 */
export async function sendProactive(
  options: Pick<PosterOptions, 'adapter' | 'botAppId'>,
  conversation: SavedConversation,
  card: CardAttachment,
): Promise<PostOutcome> {
  // Errors inside the turn would go to the adapter's onTurnError and be swallowed: keep them here.
  let failure: unknown;
  try {
    const reference = conversation.reference as Partial<ConversationReference>;
    await options.adapter.continueConversationAsync(options.botAppId, reference, async (context) => {
      // A new post, not a reply: without an activity id the message gets no replyToId.
      context.activity.id = undefined;
      try {
        await context.sendActivity({ attachments: [card] });
      } catch (error) {
        failure = error ?? new Error('send failed');
      }
    });
  } catch (error) {
    failure = error ?? new Error('continueConversation failed');
  }
  return failure === undefined ? { kind: 'delivered' } : outcomeOfError(failure);
}
