/**
 * Idempotency-Key: a key names one request. Its first use binds the key to what was asked
 * (method, path, query and body); a repeat of the same request goes on to the store, which
 * answers it with the record it stored the first time (by request id); the same key with a
 * different body or target is refused with 422 instead of handing back the old record.
 *
 * The binding lives in the store's app state (a claim-once key and a named cursor holding a
 * 48-bit digest), so it survives restarts and is shared by every instance.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler, Request } from 'express';
import { DomainError } from '../domain/errors.js';
import type { AppStateStore } from '../store/port.js';
import { actorOf } from './auth.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const MAX_KEY_LENGTH = 200;

/** JSON with object keys sorted, so the same body in another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The body's content without `version`: that is the precondition a change applies on (like
 * If-Match), not the change. After a 409 conflict the tab sends the same change again, with the
 * same key, on the newer version, and that is the same request.
 */
function contentOf(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body ?? null;
  const { version: _precondition, ...content } = body as Record<string, unknown>;
  return content;
}

/** What a request asks for, as a non-negative safe integer (48 bits of SHA-256). */
export function requestFingerprint(req: Pick<Request, 'method' | 'baseUrl' | 'path' | 'query' | 'body'>): number {
  const target = `${req.method} ${req.baseUrl}${req.path}`;
  return parseInt(digest(canonical([target, req.query, contentOf(req.body)])).slice(0, 12), 16);
}

/** The key as the store's request id: scoped to the caller, so two people's keys never meet. */
export function requestIdOf(actorId: string, key: string): string {
  return `${actorId}:${key.slice(0, MAX_KEY_LENGTH)}`;
}

/** Binds the key on its first use; refuses its reuse for another request (422) or while the first is being bound (409). */
export async function checkIdempotencyKey(state: AppStateStore, requestId: string, fingerprint: number, now: Date): Promise<void> {
  const name = `idempotency:${digest(requestId).slice(0, 40)}`;
  if (await state.claimOnce(name, now)) {
    await state.setCursor(name, fingerprint);
    return;
  }
  const bound = await state.getCursor(name);
  if (bound === null) throw new DomainError('idempotency_in_progress');
  if (bound !== fingerprint) throw new DomainError('idempotency_key_reused');
}

/** Middleware for write routes, after the caller, their role and the body are known. */
export function idempotencyKeys(state: AppStateStore, now: () => Date): RequestHandler {
  return (req, res, next) => {
    const key = req.get(IDEMPOTENCY_HEADER);
    if (!key) {
      next();
      return;
    }
    checkIdempotencyKey(state, requestIdOf(actorOf(res).id, key), requestFingerprint(req), now()).then(() => next(), next);
  };
}
