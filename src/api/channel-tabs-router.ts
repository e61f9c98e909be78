/**
 * The channel tab tells the server where it was added, so the bot's cards in that channel open it
 * (issue 13, item 1). The configuration page calls these after Teams saved the tab
 * (pages.config.setConfig) or when the tab is removed (pages.config.registerOnRemoveHandler):
 * https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/create-tab-pages/configuration-page
 * Issue 14: the channel follows one unit (src/store/channel-units.ts), picked on the same page.
 * GET    /api/channel-tabs/:channelId                       (signed in) → 200 { channelId, unitId, following }
 *        the unit the channel's tab shows (the default unit while the channel never chose; following: whether it chose),
 *        told only to those who may read that unit: anyone else gets 404, which says nothing about the channel
 * PUT    /api/channel-tabs/:channelId { entityId, unitId? } (signed in) → 200 { channelId, entityId, unitId }
 *        with unitId the channel follows that unit first (refused: 404 unknown, 409 archived, 403 not readable) and
 *        nothing is saved when it is refused. Any team member may configure a tab, so anyone who reads a unit may
 *        choose it; the answer's unitId is null for a caller who may not read the unit the channel keeps following
 * DELETE /api/channel-tabs/:channelId/:entityId             (signed in) → 200 { removed } (idempotent; a tab saved since in the channel stays)
 */
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { notFound } from '../domain/errors.js';
import { can, type Actor } from '../domain/roles.js';
import { CHANNEL_TAB_ENTITY_IDS, TEAMS_CHANNEL_ID } from '../domain/tab-pages.js';
import type { ChannelTabs } from '../store/channel-tabs.js';
import type { ChannelUnits } from '../store/channel-units.js';
import { actorOf, authenticate, type IdentityProvider } from './auth.js';
import { errorHandler, notFoundRoute, parse, type UnitNames } from './errors.js';

export interface ChannelTabsRouterOptions {
  channelTabs: ChannelTabs;
  /** Which unit each channel follows: the one place that checks a choice (the bot's `följ` calls it too). */
  channelUnits: Pick<ChannelUnits, 'follow' | 'current'>;
  identity: IdentityProvider;
  /** The units a refusal names (the store); a 403 names no unit without it. */
  units?: UnitNames;
  now?: () => Date;
  log?: (error: unknown) => void;
}

const channelId = z.string().regex(TEAMS_CHANNEL_ID);
const entityId = z.enum(CHANNEL_TAB_ENTITY_IDS as [string, ...string[]]);
const saveBody = z.strictObject({ entityId, unitId: z.string().min(1).max(100).optional() });

/** The unit a channel follows, as this person may be told it: null when they may not read it. */
const toldTo = (actor: Actor, unitId: string): string | null => (can(actor, 'read', unitId) ? unitId : null);

type Handler = (req: Request, res: Response) => Promise<void>;
const route = (handler: Handler) => (req: Request, res: Response, next: (e?: unknown) => void) => {
  handler(req, res).catch(next);
};

export function createChannelTabsRouter(options: ChannelTabsRouterOptions): Router {
  const now = options.now ?? (() => new Date());
  const api = express.Router();
  api.use('/channel-tabs', authenticate(options.identity));

  api.get(
    '/channel-tabs/:channelId',
    route(async (req, res) => {
      const channel = parse(channelId, req.params.channelId);
      // The kept copy (read again at most once a minute): a tab opening costs no read of its own, whoever opens it.
      const following = await options.channelUnits.current();
      const unitId = toldTo(actorOf(res), following.unitOf(channel));
      if (unitId === null) throw notFound('unit');
      res.json({ channelId: channel, unitId, following: following.followingOf(channel) !== null });
    }),
  );

  api.put(
    '/channel-tabs/:channelId',
    express.json({ limit: '1kb' }),
    route(async (req, res) => {
      const channel = parse(channelId, req.params.channelId);
      const body = parse(saveBody, req.body);
      const followed = body.unitId === undefined ? null : await options.channelUnits.follow(channel, body.unitId, actorOf(res), now());
      await options.channelTabs.save({
        channelId: channel,
        entityId: body.entityId,
        savedAt: now().toISOString(),
        savedBy: actorOf(res).id,
      });
      const unitId = followed?.unit.id ?? toldTo(actorOf(res), (await options.channelUnits.current()).unitOf(channel));
      res.json({ channelId: channel, entityId: body.entityId, unitId });
    }),
  );

  api.delete(
    '/channel-tabs/:channelId/:entityId',
    route(async (req, res) => {
      const removed = await options.channelTabs.remove(parse(channelId, req.params.channelId), parse(entityId, req.params.entityId));
      res.json({ removed });
    }),
  );

  api.use('/channel-tabs', notFoundRoute);
  api.use(errorHandler(options.log ?? ((e) => console.error(e)), options.units));
  return api;
}
