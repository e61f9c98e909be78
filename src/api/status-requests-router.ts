/**
 * Status-request routes of the tab's API (issue 13 item 3), mounted by ./router.ts:
 *   GET  /api/status-requests                          the unit's open requests (everyone who reads)
 *   POST /api/control-points/:number/status-requests  the DPO or the CISO asks the control point's owner (201)
 * The request is stored by the store (src/domain/status-requests.ts checks it); the card goes out
 * through the bot (bot/status-requests.ts), which is the only part that knows Teams accounts.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { DomainError, details } from '../domain/errors.js';
import { authorize } from '../domain/rules.js';
import type { Actor } from '../domain/roles.js';
import type { StatusRequest } from '../domain/status-requests.js';
import type { BoardStore, StoreWriteContext } from '../store/port.js';
import type { StatusRequestStore } from '../store/status-requests.js';
import { actorOf } from './auth.js';
import { parse } from './errors.js';
import * as schemas from './schemas.js';

/** What sends a request to the person asked (the bot's StatusRequestDesk); the API never speaks to Teams itself. */
export interface StatusRequestSender {
  ask(
    input: { unitId: string; controlPoint: number; dueDate?: string | undefined },
    requester: Actor,
    ctx: Omit<StoreWriteContext, 'actor'>,
  ): Promise<{ request: StatusRequest; delivered: boolean }>;
  sendRequesterCopy(request: StatusRequest, copy: { requester: Actor; now: Date; delivered: boolean }): Promise<void>;
}

export interface StatusRequestRouteOptions {
  store: BoardStore;
  /** The bot's sender; undefined when the bot is off (BOT_ENABLED=false): a request is refused, nobody could be asked. */
  sender: StatusRequestSender | undefined;
  unitOf: (req: Request) => string;
  contextOf: (req: Request, res: Response) => StoreWriteContext;
  /** The JSON body parser and the idempotency keys the other writes use, run after the role check. */
  bodyAndKeys: express.RequestHandler[];
  log: (error: unknown) => void;
}

const requestBody = z.strictObject({
  /** The last day to answer (YYYY-MM-DD); a week from today when left out. */
  dueDate: schemas.dateParam.optional(),
});

type Handler = (req: Request, res: Response) => Promise<void>;
const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
  handler(req, res).catch(next);
};

function unavailable(): DomainError {
  return new DomainError(
    'unprocessable',
    details(
      'statusförfrågningar skickas av DPO Boards bot i Teams, och boten är inte igång här.',
      "status requests are sent by DPO Board's bot in Teams, and the bot is not running here.",
    ),
  );
}

export function statusRequestRoutes(options: StatusRequestRouteOptions): Router {
  const { store, unitOf, contextOf } = options;
  const api = express.Router();
  const requests = (): StatusRequestStore => {
    if (!store.statusRequests) throw unavailable();
    return store.statusRequests;
  };
  const mayRequest = (req: Request, res: Response, next: NextFunction) => {
    authorize(actorOf(res), 'requestStatus', unitOf(req));
    next();
  };

  api.get(
    '/status-requests',
    route(async (req, res) => {
      res.json({ requests: await requests().listOpen(unitOf(req)) });
    }),
  );

  api.post(
    '/control-points/:number/status-requests',
    mayRequest,
    ...options.bodyAndKeys,
    route(async (req, res) => {
      const { number } = parse(schemas.controlPointParam, req.params);
      const body = parse(requestBody, req.body ?? {});
      const sender = options.sender;
      if (!sender || !store.statusRequests) throw unavailable();
      const { actor, ...ctx } = contextOf(req, res);
      const outcome = await sender.ask({ unitId: unitOf(req), controlPoint: number, dueDate: body.dueDate }, actor, ctx);
      // The requester's copy in their personal chat is a courtesy: the request stands without it.
      await sender.sendRequesterCopy(outcome.request, { requester: actor, now: ctx.now, delivered: outcome.delivered }).catch(options.log);
      res.status(201).json(outcome);
    }),
  );
  return api;
}
