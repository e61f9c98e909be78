/**
 * The DPO's scale setup and "Om uppgifterna" / "About this data" (issue 12, item 1):
 * GET /api/scale/setup (signed in): the setup, the scale it gives, its log of changes, and whether the caller may change it;
 * PUT /api/scale/setup (DPO): count, direction and labels from the version read, which re-reads the interpreted marks;
 * GET /api/about-data?unit=&year= (signed in): how the seed read the report, every mark with its column, line and current level.
 */
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { isInterpreted, latestByControlPoint } from '../domain/interpretation.js';
import { authorize } from '../domain/rules.js';
import { DomainError } from '../domain/errors.js';
import { SCALE_DIRECTIONS, SCALE_LEVELS } from '../domain/scale.js';
import type { BoardStore } from '../store/port.js';
import type { ScaleSetupService } from '../store/scale-setup.js';
import { actorOf, authenticate, type IdentityProvider } from './auth.js';
import { errorHandler, notFoundRoute, parse } from './errors.js';
import { boardQuery } from './schemas.js';

export interface ScaleRouterOptions {
  store: BoardStore;
  scaleSetup: ScaleSetupService;
  identity: IdentityProvider;
  defaultUnit: string;
  now?: () => Date;
  /** Called after a change, so the change feed posts the re-read marks at once. */
  afterWrite?: () => void;
  log?: (error: unknown) => void;
}

const label = z.strictObject({ sv: z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(60) });
const setupBody = z.strictObject({
  count: z.number().int().min(SCALE_LEVELS.min).max(SCALE_LEVELS.max),
  direction: z.enum(SCALE_DIRECTIONS),
  labels: z.array(label).max(SCALE_LEVELS.max).nullable(),
  version: z.number().int().min(0),
});

type Handler = (req: Request, res: Response) => Promise<void>;
const route = (handler: Handler) => (req: Request, res: Response, next: (e?: unknown) => void) => {
  handler(req, res).catch(next);
};

export function createScaleRouter(options: ScaleRouterOptions): Router {
  const { store, scaleSetup, defaultUnit } = options;
  const now = options.now ?? (() => new Date());
  const api = express.Router();
  api.use(['/scale/setup', '/about-data'], authenticate(options.identity));

  api.get(
    '/scale/setup',
    route(async (_req, res) => {
      res.json({ ...(await scaleSetup.view()), canEdit: await scaleSetup.mayChange(actorOf(res)) });
    }),
  );

  api.put(
    '/scale/setup',
    // Refused before the body is read: the scale is the city's (ScaleSetupService.mayChange).
    (_req: Request, res: Response, next: (e?: unknown) => void) => {
      scaleSetup
        .mayChange(actorOf(res))
        .then((may) => next(may ? undefined : new DomainError('forbidden', { permission: 'assess' })))
        .catch(next);
    },
    express.json({ limit: '16kb' }),
    route(async (req, res) => {
      const body = parse(setupBody, req.body);
      const source = req.get('x-dpo-client') === 'tab' ? 'tab' : 'api';
      const view = await scaleSetup.change(body, { actor: actorOf(res), source, now: now() });
      options.afterWrite?.();
      res.json({ ...view, canEdit: true });
    }),
  );

  api.get(
    '/about-data',
    route(async (req, res) => {
      const query = parse(boardQuery, req.query);
      const unitId = query.unit ?? defaultUnit;
      authorize(actorOf(res), 'read', unitId);
      const year = query.year ?? (await store.listYears(unitId)).at(-1) ?? 0;
      const [reading, board] = await Promise.all([scaleSetup.reading(unitId, year), store.getBoardData(unitId, year)]);
      const latest = latestByControlPoint(board.assessments, year);
      const marks = (reading?.marks ?? []).map((m) => {
        const current = latest.get(m.controlPoint) ?? null;
        return { ...m, level: current?.level ?? null, interpreted: current ? isInterpreted(current) : false };
      });
      const { setup } = await scaleSetup.view();
      res.json({ unitId, year, reading, marks, setup, scale: scaleSetup.scale.toJSON() });
    }),
  );

  api.use(['/scale/setup', '/about-data'], notFoundRoute);
  api.use(errorHandler(options.log ?? ((e) => console.error(e)), store));
  return api;
}
