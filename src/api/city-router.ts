/**
 * The city-wide view's route (issue 14, item 3), mounted by ./router.ts:
 *   GET /api/city?year=   every unit the caller may read, as rows of the heat map (src/domain/city.ts)
 *
 * Only units the caller may read are in it (archived ones too, marked). The year is the newest any of
 * them has when none is asked for. Answers carry a weak ETag keyed like the board's (the newest change,
 * the store's content tag, the scale, today) plus the set of units read, so a poll that finds nothing
 * new is a 304, and the serialized view is kept (ViewCache) for everyone who reads the same units.
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
import type { Actor } from '../domain/roles.js';
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

/** A short tag of the set of units read: two people who read the same units share one cached view. */
function unitsTag(units: readonly Unit[]): string {
  const ids = units.map((u) => u.id).sort();
  return createHash('sha256').update(ids.join('\n')).digest('base64url').slice(0, 16);
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
      const [seq, units] = await Promise.all([store.latestChangeSeq(), readable(actorOf(res))]);
      const tag = stateTagOf(store);
      const etag = `W/"city-${year ?? 'latest'}-${seq}${tag ? `.${tag}` : ''}-${today}-${unitsTag(units)}"`;
      if (req.get('if-none-match') === etag) {
        res.status(304).set('ETag', etag).end();
        return;
      }
      const bytes = await views.get(etag, () => readCityView(store, { units, year, today }));
      res.set('ETag', etag).set('Cache-Control', 'no-cache').type('application/json').send(bytes);
    }),
  );

  return api;
}
