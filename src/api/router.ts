/**
 * The HTTP API the tab uses. Reads build domain views from store data; writes pass the
 * caller, the source and an optional Idempotency-Key to the store, which applies the rules.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { ChangeRecord, ChangeSource } from '../domain/model.js';
import { isoDay } from '../domain/period.js';
import { ALL_UNITS, can, permissionsOf, type Actor, type Permission } from '../domain/roles.js';
import { authorize } from '../domain/rules.js';
import type { Unit } from '../domain/model.js';
import { unitChangeSeenBy } from '../domain/units.js';
import { buildActionPlan, buildBoard, buildControlPointDetail } from '../domain/views.js';
import { isUnitChange } from '../words/index.js';
import { startYearOnce } from '../store/year-requests.js';
import type { BoardStore, DelegatedCredential, StoreWriteContext } from '../store/port.js';
import { actionPlanRoutes } from './action-plan-router.js';
import { cityRoutes } from './city-router.js';
import { actorOf, authenticate, requirePermission, type IdentityProvider } from './auth.js';
import { errorHandler, notFoundRoute, parse } from './errors.js';
import { evidenceRoutes } from './evidence-router.js';
import { statusRequestRoutes, type StatusRequestSender } from './status-requests-router.js';
import { unitRoutes } from './units-router.js';
import { IDEMPOTENCY_HEADER, idempotencyKeys, requestIdOf } from './idempotency.js';
import * as schemas from './schemas.js';
import { stateTagOf, ViewCache } from './view-cache.js';

export interface ApiOptions {
  store: BoardStore;
  identity: IdentityProvider;
  defaultUnit: string;
  now?: () => Date;
  /** Called after every successful write, so the change feed can read the log at once. */
  afterWrite?: () => void;
  log?: (error: unknown) => void;
  /**
   * The signed-in person's own credential for a write (on-behalf-of, GRAPH_ON_BEHALF_OF=true),
   * made from the request's SSO token; undefined = the store writes with its own identity.
   */
  delegation?: (req: Request) => DelegatedCredential | undefined;
  /** Sends the tab's status requests to the person asked (the bot's StatusRequestDesk); undefined when the bot is off. */
  statusRequests?: StatusRequestSender | undefined;
}

const CLIENT_HEADER = 'x-dpo-client';

/** Async route handlers whose rejections reach the error handler. */
type Handler = (req: Request, res: Response) => Promise<void>;
const route = (handler: Handler) => (req: Request, res: Response, next: (e?: unknown) => void) => {
  handler(req, res).catch(next);
};

export function createApiRouter(options: ApiOptions): Router {
  const { store, identity, defaultUnit } = options;
  const now = options.now ?? (() => new Date());
  const api = express.Router();
  api.use((req, res, next) => {
    if (req.method !== 'GET' && options.afterWrite) {
      res.on('finish', () => {
        if (res.statusCode < 300) options.afterWrite?.();
      });
    }
    next();
  });

  const unitOf = (req: Request) => parse(schemas.boardQuery, req.query).unit ?? defaultUnit;
  const yearOf = async (req: Request, unit: string) => {
    const year = parse(schemas.boardQuery, req.query).year;
    return year ?? (await store.listYears(unit)).at(-1) ?? 0;
  };
  const contextOf = (req: Request, res: Response): StoreWriteContext => {
    const source: ChangeSource = req.get(CLIENT_HEADER) === 'tab' ? 'tab' : 'api';
    const key = req.get(IDEMPOTENCY_HEADER);
    const actor = actorOf(res);
    const onBehalfOf = options.delegation?.(req);
    return { actor, source, now: now(), ...(key ? { requestId: requestIdOf(actor.id, key) } : {}), ...(onBehalfOf ? { onBehalfOf } : {}) };
  };
  // A write's body is read only once the caller and their role are known, then its key is checked.
  const jsonBody = express.json({ limit: '64kb' });
  const keys = idempotencyKeys(store.appState, now);
  const write = (permission: Permission) => [requirePermission(permission, unitOf), jsonBody, keys];
  const readable = async (actor: Actor): Promise<Unit[]> => (await store.listUnits()).filter((u) => can(actor, 'read', u.id));

  api.get('/health', (_req, res) => {
    res.json({ status: 'ok', store: store.kind });
  });

  api.use(authenticate(identity));

  // What the caller may do: in the unit asked about (?unit=, else the default) and in every unit they may read.
  api.get(
    '/me',
    route(async (req, res) => {
      const actor = actorOf(res);
      const permissionsByUnit = Object.fromEntries((await readable(actor)).map((u) => [u.id, permissionsOf(actor, u.id)]));
      res.json({ ...actor, permissions: permissionsOf(actor, unitOf(req)), permissionsByUnit, authMode: identity.mode });
    }),
  );

  api.get('/scale', (_req, res) => {
    res.json(store.scale);
  });

  // The city-wide view: every unit the caller reads, so before the one-unit check below.
  api.use(cityRoutes({ store, readable, now }));

  // Units are listed, created, renamed and archived by the path's unit (manageUnits), so before the one-unit check below.
  api.use(unitRoutes({ store, readable, contextOf, body: [jsonBody, keys] }));

  // Every route below is about the unit of ?unit= (else the default unit): one the caller may not read is refused.
  api.use((req, res, next) => {
    authorize(actorOf(res), 'read', unitOf(req));
    next();
  });

  const boards = new ViewCache();
  api.get(
    '/board',
    route(async (req, res) => {
      const query = parse(schemas.boardQuery, req.query);
      const unit = query.unit ?? defaultUnit;
      const today = isoDay(now());
      const seq = await store.latestChangeSeq();
      const tag = stateTagOf(store);
      const etag = `W/"board-${encodeURIComponent(unit)}-${query.year ?? 'latest'}-${seq}${tag ? `.${tag}` : ''}-${today}"`;
      if (req.get('if-none-match') === etag) {
        res.status(304).set('ETag', etag).end();
        return;
      }
      const bytes = await boards.get(etag, async () => buildBoard(await store.getBoardData(unit, query.year), store.scale, today));
      res.set('ETag', etag).set('Cache-Control', 'no-cache').type('application/json').send(bytes);
    }),
  );

  api.get(
    '/control-points/:number',
    route(async (req, res) => {
      const { number } = parse(schemas.controlPointParam, req.params);
      const data = await store.getControlPointData(unitOf(req), number);
      res.json(buildControlPointDetail(data, store.scale, isoDay(now())));
    }),
  );

  api.patch(
    '/control-points/:number',
    write('writePlan'),
    route(async (req, res) => {
      const { number } = parse(schemas.controlPointParam, req.params);
      const { version, ...patch } = parse(schemas.controlPointPatchBody, req.body);
      const saved = await store.updateControlPoint(unitOf(req), number, { ...patch, expectedVersion: version }, contextOf(req, res));
      res.json(saved);
    }),
  );

  api.post(
    '/control-points/:number/assessments',
    write('assess'),
    route(async (req, res) => {
      const { number } = parse(schemas.controlPointParam, req.params);
      const body = parse(schemas.assessmentBody, req.body);
      const unitId = unitOf(req);
      const year = await yearOf(req, unitId);
      const saved = await store.addAssessment({ unitId, year, controlPoint: number, ...body }, contextOf(req, res));
      res.status(201).json(saved);
    }),
  );

  api.post(
    '/control-points/:number/status-updates',
    write('writeStatus'),
    route(async (req, res) => {
      const { number } = parse(schemas.controlPointParam, req.params);
      const body = parse(schemas.statusUpdateBody, req.body);
      const unitId = unitOf(req);
      const year = await yearOf(req, unitId);
      const ctx = contextOf(req, res);
      const input = {
        unitId,
        year,
        controlPoint: number,
        text: body.text,
        unitLevel: body.unitLevel,
        statusDate: body.statusDate ?? isoDay(ctx.now),
      };
      res.status(201).json(await store.addStatusUpdate(input, ctx));
    }),
  );

  api.post(
    '/control-points/:number/activities',
    write('writeActivities'),
    route(async (req, res) => {
      const { number } = parse(schemas.controlPointParam, req.params);
      const body = parse(schemas.newActivityBody, req.body);
      const saved = await store.createActivity({ unitId: unitOf(req), controlPoint: number, ...body }, contextOf(req, res));
      res.status(201).json(saved);
    }),
  );

  api.patch(
    '/activities/:id',
    write('writeActivities'),
    route(async (req, res) => {
      const { id } = parse(schemas.idParam, req.params);
      const { version, ...patch } = parse(schemas.activityPatchBody, req.body);
      res.json(await store.updateActivity(unitOf(req), id, { ...patch, expectedVersion: version }, contextOf(req, res)));
    }),
  );

  api.get(
    '/action-plan',
    route(async (req, res) => {
      const data = await store.getActionPlanData(unitOf(req));
      res.json(buildActionPlan(data, isoDay(now())));
    }),
  );

  api.patch(
    '/instructions/:number',
    write('writeInstructions'),
    route(async (req, res) => {
      const { number } = parse(schemas.instructionParam, req.params);
      const { version, ...patch } = parse(schemas.instructionPatchBody, req.body);
      res.json(await store.updateInstruction(unitOf(req), number, { ...patch, expectedVersion: version }, contextOf(req, res)));
    }),
  );

  api.patch(
    '/contact',
    write('editContact'),
    route(async (req, res) => {
      const { version, ...patch } = parse(schemas.contactPatchBody, req.body);
      res.json(await store.updateContact(unitOf(req), { ...patch, expectedVersion: version }, contextOf(req, res)));
    }),
  );

  api.get(
    '/years',
    route(async (req, res) => {
      const unitId = unitOf(req);
      res.json({ unitId, years: await store.listYears(unitId) });
    }),
  );

  api.post(
    '/years',
    write('startYear'),
    route(async (req, res) => {
      const { year } = parse(schemas.newYearBody, req.body ?? {});
      const started = await startYearOnce(store, { unitId: unitOf(req), ...(year === undefined ? {} : { year }) }, contextOf(req, res));
      res.status(201).json(started);
    }),
  );

  api.get(
    '/changes',
    route(async (req, res) => {
      const { since, limit } = parse(schemas.changesQuery, req.query);
      const page = await store.changesSince(since, limit);
      // Changes of units the caller may not read are left out (the city's, under '*', are everyone's); the cursor still moves past them.
      const actor = actorOf(res);
      const readableChange = (unitId: string) => unitId === ALL_UNITS || can(actor, 'read', unitId);
      // A unit's change carries its people: their contacts only where the caller may see them (as GET /api/units).
      const seen = (c: ChangeRecord) => (isUnitChange(c) ? unitChangeSeenBy(c, actor) : c);
      res.json({ changes: page.filter((c) => readableChange(c.unitId)).map(seen), cursor: page.at(-1)?.seq ?? since });
    }),
  );

  api.use(evidenceRoutes({ store, unitOf, contextOf, bodyAndKeys: [jsonBody, keys] }));
  api.use(
    statusRequestRoutes({
      store,
      sender: options.statusRequests,
      unitOf,
      contextOf,
      bodyAndKeys: [jsonBody, keys],
      log: options.log ?? ((e) => console.error(e)),
    }),
  );
  api.use(actionPlanRoutes({ store, unitOf, contextOf, writePlan: write('writePlan') }));

  api.use(notFoundRoute);
  api.use(errorHandler(options.log ?? ((e) => console.error(e)), store));
  return api;
}
