/** What index.html's inline boot script fetched before the app's JavaScript ran. */
import type { BoardView } from '../../../src/domain/views.js';
import type { SessionInfo } from './types.js';

export interface PrefetchedBoard {
  user: string;
  etag: string | null;
  data: BoardView;
}

interface BootGlobals {
  __dpoBoot?: { session: Promise<SessionInfo>; board: Promise<PrefetchedBoard | null> };
}

async function fetchSession(): Promise<SessionInfo> {
  const res = await fetch('/api/session', { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`GET /api/session: ${res.status}`);
  return (await res.json()) as SessionInfo;
}

export function bootSession(): Promise<SessionInfo> {
  return (window as BootGlobals).__dpoBoot?.session ?? fetchSession();
}

/** The board fetched during boot; null when there is none (not local mode, or it failed). */
export function bootBoard(): Promise<PrefetchedBoard | null> {
  return (window as BootGlobals).__dpoBoot?.board ?? Promise.resolve(null);
}
