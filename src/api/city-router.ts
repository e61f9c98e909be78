/**
 * The city-wide view's route (issue 14, item 3), mounted by ./router.ts:
 *   GET /api/city?year=   every unit the caller may read, as rows of the heat map (src/domain/city.ts)
 *
 * Only units the caller may read are in it (archived ones too, marked). The year is the newest any of
 * them has when none is asked for. Answers carry a weak ETag keyed like the board's (the newest change,
 * the store's content tag, the scale, today) plus what the caller may read, so a poll that finds nothing
 * new is a 304, and the serialized view is kept (ViewCache) for everyone who reads the same units:
 * neither lists the units nor reads a board.
 *
 * Reads are the board's own (src/store/city-reading.ts: listYears, getBoardData of the year and of the unit's
 * year before), so in SharePoint mode they are served from synced state like every board (synced-reads.ts):
 * what reaches Graph follows the shared sync, not the number of viewers (tests/store/sharepoint/city-cost.spec.ts).
 */
import { createHash } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Unit } from '../domain/model.js';
import { isoDay } from '../domain/period.js';
import { ALL_UNITS, unitsWhere, type Actor } from '../domain/roles.js';
import { readCityView } from '../store/city-reading.js';
import type { BoardStore } from '../store/port.js';
import { actorOf } from './auth.js';
import { parse } from './errors.js';
import { yearParam } from './schemas.js';
import { stateTagOf, ViewCache } from './view-cache.js';

export interface CityRouteOptions {
  store: BoardStore;
  /** The units the caller may read (the one rule ./router.ts answers /api/units and /api/me with). */
  readable: (actor: Actor) => Promise<Unit[]>;
  now: () => Date;
}

const cityQuery = z.object({ year: yearParam.optional() });

type Handler = (req: Request, res: Response) => Promise<void>;
const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
  handler(req, res).catch(next);
};

/**
 * A short tag of what the caller may read (unitsWhere(actor, 'read'): every unit, or these ids). With the
 * newest change (which moves when a unit is created, renamed or archived) it fixes the set of units shown,
 * so a poll is answered without listing the units; two people who read the same units share one view.
 */
function readTag(actor: Actor): string {
  const scope = unitsWhere(actor, 'read');
  const text = scope === ALL_UNITS ? ALL_UNITS : scope.join('\n');
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

export function cityRoutes(options: CityRouteOptions): Router {
  const { store, readable, now } = options;
  const api = express.Router();
  const views = new ViewCache();

  api.get(
    '/city',
    route(async (req, res) => {
      const { year } = parse(cityQuery, req.query);
      const today = isoDay(now());
      const actor = actorOf(res);
      const seq = await store.latestChangeSeq();
      const tag = stateTagOf(store);
      const etag = `W/"city-${year ?? 'latest'}-${seq}${tag ? `.${tag}` : ''}-${today}-${readTag(actor)}"`;
      if (req.get('if-none-match') === etag) {
        res.status(304).set('ETag', etag).end();
        return;
      }
      const bytes = await views.get(etag, async () => readCityView(store, { units: await readable(actor), year, today }));
      res.set('ETag', etag).set('Cache-Control', 'no-cache').type('application/json').send(bytes);
    }),
  );

  return api;
}
