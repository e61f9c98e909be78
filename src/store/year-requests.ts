/**
 * Starting a report year once per request: POST /api/years sent again with its Idempotency-Key answers the year the
 * first request started, instead of starting the one after it. The other writes find their first record by request id
 * in their own rows; a year's row keeps none, so the year a request started is kept in the app state (both stores), under
 * a lease while it is being started, so a repeat at the same moment on any instance is refused (409 in progress)
 * rather than starting a second year. A start that fails gives the lease back: the request may be sent again.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.js';
import type { ReportYear } from '../domain/model.js';
import type { BoardStore, StoreWriteContext } from './port.js';

/** Long enough for a SharePoint start (two writes), short enough that a crashed instance's repeat may go again soon. */
const START_LEASE_MS = 60_000;

export async function startYearOnce(
  store: Pick<BoardStore, 'appState' | 'startYear'>,
  input: Parameters<BoardStore['startYear']>[0],
  ctx: StoreWriteContext,
): Promise<ReportYear> {
  if (!ctx.requestId) return store.startYear(input, ctx);
  const key = `year-request:${createHash('sha256').update(ctx.requestId).digest('hex').slice(0, 40)}`;
  const lease = await store.appState.acquireLease(key, ctx.now, START_LEASE_MS);
  if (!lease) {
    const first = (await store.appState.getSetting(key)) as ReportYear | null;
    if (!first) throw new DomainError('idempotency_in_progress');
    return first;
  }
  try {
    const started = await store.startYear(input, ctx);
    await store.appState.putSetting(key, started);
    await store.appState.completeLease(lease, ctx.now);
    return started;
  } catch (error) {
    await store.appState.releaseLease(lease).catch(() => undefined);
    throw error;
  }
}
