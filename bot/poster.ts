/**
 * Posts status changes as cards into saved conversations (proactive messages through
 * CloudAdapter.continueConversationAsync), and turns the channel's answer into an outcome
 * the notifier understands: 403/404 = the app was removed; 429/5xx/network = retry. The
 * connector client (core-rest-pipeline) already retries 429 (after Retry-After) and 5xx a
 * few times itself; what still fails comes here and the notifier backs off further.
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 */
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { ChangeRecord, Locale } from '../src/domain/model.js';
import type { BoardStore } from '../src/store/port.js';
import type { PostOutcome, StatusPost, StatusPoster } from '../src/changes/status-posts.js';
import { digestCard, statusChangeCard, type ChangeContext } from './cards.js';
import { fill, STRINGS } from './i18n.js';
import { tabLink, type LinkSettings } from './links.js';

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
}

export function createStatusPoster(options: PosterOptions): StatusPoster {
  async function titles(changes: ChangeRecord[]): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    for (const unitId of new Set(changes.map((c) => c.unitId))) {
      const board = await options.store.getBoardData(unitId);
      for (const cp of board.controlPoints) map.set(`${unitId}:${cp.number}`, cp.title);
    }
    return map;
  }

  function contextFor(post: StatusPost, names: Map<string, string>, locale: Locale): ChangeContext {
    const links = options.links();
    const channelId = post.conversation.scope === 'channel' ? post.conversation.id : undefined;
    const t = STRINGS[locale];
    return {
      scale: options.store.scale,
      titleOf: (n) => names.get(`${post.changes[0]!.unitId}:${n}`),
      linkOf: (change) =>
        change.controlPoint
          ? tabLink(links, {
              page: `control-points/${change.controlPoint}`,
              label: fill(t.controlPointTitle, {
                n: change.controlPoint,
                title: names.get(`${change.unitId}:${change.controlPoint}`) ?? '',
              }),
              channelId,
            })
          : tabLink(links, { page: 'action-plan', label: t.openBoard, channelId }),
      boardUrl: tabLink(links, { page: '', label: t.openBoard, channelId }),
    };
  }

  return {
    async post(post) {
      const locale = post.conversation.locale;
      const ctx = contextFor(post, await titles(post.changes), locale);
      const card = post.digest ? digestCard(locale, post.changes, ctx) : statusChangeCard(locale, post.changes[0]!, ctx);
      // Errors inside the turn would go to the adapter's onTurnError and be swallowed: keep them here.
      let failure: unknown;
      try {
        const reference = post.conversation.reference as Partial<ConversationReference>;
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
    },
  };
}
