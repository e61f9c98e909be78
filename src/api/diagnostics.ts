/**
 * How the app stands with Microsoft Graph, for the city-wide DPO and CISO and the administrator (behind
 * the API's identity check; a DPO or CISO of some units only is refused, as the figures are the city's): requests and their SharePoint cost in the last minute, throttled answers, the current
 * back-off, and how fresh the synced board is. And, on every /api answer, the age of the data
 * the board is served from (the tab shows "Uppgifter per …" / "Data as of …" while it is stale).
 *
 * GET /api/diagnostics -> { graph: GraphUsage, sync: { mode, intervalSeconds, asOf, stale, reason } | null }
 */
import express, { type RequestHandler } from 'express';
import { DomainError } from '../domain/errors.js';
import { ALL_UNITS, type Actor, type Role } from '../domain/roles.js';
import type { GraphUsage } from '../graph/budget.js';
import { actorOf, authenticate, type IdentityProvider } from './auth.js';
import { errorHandler } from './errors.js';

export const DATA_AS_OF_HEADER = 'X-Data-As-Of';
export const DATA_STALE_HEADER = 'X-Data-Stale';

export interface SyncStatus {
  mode: 'webhooks' | 'polling';
  intervalSeconds: number;
  freshness(): { asOf: Date | null; stale: boolean; reason: string | null };
}

export interface DiagnosticsSource {
  graph: { usage(): GraphUsage };
  /** The SharePoint sync, when the store is SharePoint. */
  sync?: SyncStatus;
}

/** Sets X-Data-As-Of (ISO time the synced state was last confirmed) and, while stale, X-Data-Stale (why). */
export function dataAsOfHeaders(sync: SyncStatus): RequestHandler {
  return (_req, res, next) => {
    const { asOf, stale, reason } = sync.freshness();
    if (asOf) res.set(DATA_AS_OF_HEADER, asOf.toISOString());
    if (stale) res.set(DATA_STALE_HEADER, reason ?? 'stale');
    next();
  };
}

function syncView(sync: SyncStatus) {
  const { asOf, stale, reason } = sync.freshness();
  return { mode: sync.mode, intervalSeconds: sync.intervalSeconds, asOf: asOf?.toISOString() ?? null, stale, reason };
}

/** The roles that see the city-wide Graph figures, when held in every unit. */
const DIAGNOSTICS_ROLES: readonly Role[] = ['dpo', 'ciso', 'admin'];

/** Whether the person holds a city-wide role (a grant of dpo, ciso or admin in every unit): the figures are the whole city's. */
export function seesDiagnostics(actor: Actor): boolean {
  return actor.grants.some((g) => g.units === ALL_UNITS && DIAGNOSTICS_ROLES.includes(g.role));
}

export function createDiagnosticsRouter(identity: IdentityProvider, source: DiagnosticsSource): express.Router {
  const router = express.Router();
  router.get('/diagnostics', authenticate(identity), (_req, res) => {
    if (!seesDiagnostics(actorOf(res))) throw new DomainError('forbidden', { permission: 'diagnostics' });
    res.set('Cache-Control', 'no-store').json({ graph: source.graph.usage(), sync: source.sync ? syncView(source.sync) : null });
  });
  router.use(
    '/diagnostics',
    errorHandler((e) => console.error(e)),
  );
  return router;
}
