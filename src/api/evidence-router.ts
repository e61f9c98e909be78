/**
 * Evidence routes of the tab's API (issue 12 item 4), mounted by ./router.ts:
 *   GET    /api/control-points/:number/evidence       everyone who reads
 *   POST   /api/control-points/:number/evidence       the DPO, the CISO, editors (201)
 *   DELETE /api/control-points/:number/evidence/:id   the same (200 with what was removed)
 * The store applies the rules (src/domain/evidence.ts); the body is read only once the role is known.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { authorizeEvidence } from '../domain/evidence.js';
import { DomainError } from '../domain/errors.js';
import type { BoardStore, StoreWriteContext } from '../store/port.js';
import type { EvidenceStore } from '../store/evidence.js';
import { actorOf } from './auth.js';
import { parse } from './errors.js';
import * as schemas from './schemas.js';

export interface EvidenceRouteOptions {
  store: BoardStore;
  unitOf: (req: Request) => string;
  contextOf: (req: Request, res: Response) => StoreWriteContext;
  /** The JSON body parser and the idempotency keys the other writes use, run after the role check. */
  bodyAndKeys: express.RequestHandler[];
}

type Handler = (req: Request, res: Response) => Promise<void>;
const route = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
  handler(req, res).catch(next);
};

export function evidenceRoutes(options: EvidenceRouteOptions): Router {
  const { store, unitOf, contextOf } = options;
  const api = express.Router();
  const evidenceOf = (): EvidenceStore => store.evidence;
  const mayWrite = (req: Request, res: Response, next: NextFunction) => {
    authorizeEvidence(actorOf(res), unitOf(req));
    next();
  };

  api.get(
    '/control-points/:number/evidence',
    route(async (req, res) => {
      const { number } = parse(schemas.controlPointParam, req.params);
      res.json({ evidence: await evidenceOf().list(unitOf(req), number) });
    }),
  );

  api.post(
    '/control-points/:number/evidence',
    mayWrite,
    ...options.bodyAndKeys,
    route(async (req, res) => {
      const { number } = parse(schemas.controlPointParam, req.params);
      const body = parse(schemas.evidenceBody, req.body);
      const saved = await evidenceOf().add({ unitId: unitOf(req), controlPoint: number, ...body }, contextOf(req, res));
      res.status(201).json(saved);
    }),
  );

  api.delete(
    '/control-points/:number/evidence/:id',
    mayWrite,
    route(async (req, res) => {
      const { number, id } = parse(schemas.evidenceParam, req.params);
      const store = evidenceOf();
      const unitId = unitOf(req);
      const known = (await store.list(unitId, number)).some((e) => e.id === id);
      if (!known) throw new DomainError('not_found', { what: 'evidence' });
      res.json(await store.remove(unitId, id, contextOf(req, res)));
    }),
  );
  return api;
}
