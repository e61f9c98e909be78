/**
 * The action plan's own items (åtgärder: neither instructions nor trainings), mounted by ./router.ts:
 *   POST  /api/action-plan/items       the CISO and editors (writePlan), 201 with the item; an
 *                                      Idempotency-Key repeat answers the first item
 *   PATCH /api/action-plan/items/:id   the same, under the item's `version` (409 when stale)
 * The plan itself is read with GET /api/action-plan. The store applies the rules (src/domain/action-plan.ts).
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { BoardStore, StoreWriteContext } from '../store/port.js';
import { parse } from './errors.js';
import * as schemas from './schemas.js';

export interface ActionPlanRouteOptions {
  store: BoardStore;
  unitOf: (req: Request) => string;
  contextOf: (req: Request, res: Response) => StoreWriteContext;
  /** The role check, the JSON body parser and the idempotency keys, as the other writes run them. */
  writePlan: express.RequestHandler[];
}

type Handler = (req: Request, res: Response) => Promise<void>;
const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
  handler(req, res).catch(next);
};

export function actionPlanRoutes(options: ActionPlanRouteOptions): Router {
  const { store, unitOf, contextOf, writePlan } = options;
  const api = express.Router();

  api.post(
    '/action-plan/items',
    ...writePlan,
    route(async (req, res) => {
      const body = parse(schemas.newActionPlanItemBody, req.body);
      res.status(201).json(await store.createActionPlanItem({ unitId: unitOf(req), ...body }, contextOf(req, res)));
    }),
  );

  api.patch(
    '/action-plan/items/:id',
    ...writePlan,
    route(async (req, res) => {
      const { id } = parse(schemas.idParam, req.params);
      const { version, ...patch } = parse(schemas.actionPlanItemPatchBody, req.body);
      res.json(await store.updateActionPlanItem(unitOf(req), id, { ...patch, expectedVersion: version }, contextOf(req, res)));
    }),
  );

  return api;
}
