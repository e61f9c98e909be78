/**
 * Units as data (issue 14 item 1), mounted by ./router.ts before its one-unit check (the unit is the path's):
 *   GET   /api/units       every unit the caller reads, archived and example units included; the people responsible
 *                          by name and role, with e-mail and Entra object id only where the caller may reach them
 *                          (manageUnits there, or its DPO or CISO: seesUnitContacts, src/domain/units.ts)
 *   POST  /api/units       manageUnits in every unit: 201 with the unit, its first year and twelve control points;
 *                          an Idempotency-Key repeat answers the first unit
 *   PATCH /api/units/:id   manageUnits in that unit: rename, people responsible, archive or restore, under `version`
 * Refused before the body is read when the caller lacks the permission; the store applies the rules (src/domain/units.ts).
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Unit } from '../domain/model.js';
import { ALL_UNITS, type Actor } from '../domain/roles.js';
import { unitAsSeenBy } from '../domain/units.js';
import type { BoardStore, StoreWriteContext } from '../store/port.js';
import { actorOf, requirePermission } from './auth.js';
import { parse } from './errors.js';
import * as schemas from './schemas.js';

export interface UnitRouteOptions {
  store: BoardStore;
  /** The units the caller may read (the one rule /api/me and the city view use too). */
  readable: (actor: Actor) => Promise<Unit[]>;
  contextOf: (req: Request, res: Response) => StoreWriteContext;
  /** The JSON body parser and the idempotency keys the other writes use, run after the permission check. */
  body: RequestHandler[];
}

type Handler = (req: Request, res: Response) => Promise<void>;
const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
  handler(req, res).catch(next);
};

export function unitRoutes(options: UnitRouteOptions): Router {
  const { store, readable, contextOf, body } = options;
  const api = express.Router();
  const unitOfPath = (req: Request) => parse(schemas.unitParam, req.params).id;

  api.get(
    '/units',
    route(async (_req, res) => {
      const actor = actorOf(res);
      res.json({ units: (await readable(actor)).map((unit) => unitAsSeenBy(unit, actor)) });
    }),
  );

  api.post(
    '/units',
    requirePermission('manageUnits', () => ALL_UNITS),
    ...body,
    route(async (req, res) => {
      const input = parse(schemas.newUnitBody, req.body);
      res.status(201).json(await store.createUnit(input, contextOf(req, res)));
    }),
  );

  api.patch(
    '/units/:id',
    requirePermission('manageUnits', unitOfPath),
    ...body,
    route(async (req, res) => {
      const { version, ...patch } = parse(schemas.unitPatchBody, req.body);
      res.json(await store.updateUnit(unitOfPath(req), { ...patch, expectedVersion: version }, contextOf(req, res)));
    }),
  );

  return api;
}
