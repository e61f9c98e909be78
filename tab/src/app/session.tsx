/**
 * Who the tab acts as, what they may do, and the live board everyone's views share.
 * The server decides permissions (GET /api/me); the UI only hides what would be refused.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Permission } from '../../../src/domain/roles.js';
import type { BoardView } from '../../../src/domain/views.js';
import { ApiClient, type Identity } from '../api/client.js';
import { SsoTokens } from '../auth/sso.js';
import { BoardPoller, type PollStatus } from '../api/live.js';
import type { PrefetchedBoard } from './boot.js';
import type { Me, SessionInfo } from './types.js';

export interface SessionValue {
  session: SessionInfo;
  client: ApiClient;
  me: Me | null;
  /** The demo user acted as in AUTH_MODE=local. */
  demoUserId: string | null;
  switchDemoUser: (id: string) => void;
  can: (permission: Permission) => boolean;
  board: BoardView | null;
  live: PollStatus | null;
  /** Re-reads the board now; views depending on the board's change sequence follow. */
  refresh: () => Promise<void>;
  loadError: Error | null;
  /** Signs in again from the start (after consent was given in the pop-up). */
  retrySignIn: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export const DEMO_USER_KEY = 'dpo-board.demo-user';

function initialDemoUser(session: SessionInfo): string | null {
  if (!session.demo) return null;
  const stored = safeStorage()?.getItem(DEMO_USER_KEY);
  return session.demo.users.some((u) => u.id === stored) ? (stored as string) : session.demo.defaultUser;
}

export function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export interface SessionProviderProps {
  session: SessionInfo;
  locale: 'sv' | 'en';
  networkMessage: string;
  signInMessage?: string;
  getAuthToken?: (() => Promise<string>) | undefined;
  /** See BoardPollerOptions.intervalMs; null (component tests) turns the periodic check off. */
  pollIntervalMs?: number | null;
  fetchImpl?: typeof fetch;
  /** The board fetched while the app loaded (boot.ts), used when it was read as the same user. */
  prefetchedBoard?: PrefetchedBoard | null;
  children: ReactNode;
}

export function SessionProvider(props: SessionProviderProps) {
  const { session, locale, networkMessage, signInMessage, getAuthToken, fetchImpl } = props;
  const [demoUserId, setDemoUserId] = useState(() => initialDemoUser(session));
  // Each sign-in attempt starts from a new token cache: after consent Teams must be asked again.
  const [signInAttempt, setSignInAttempt] = useState(0);
  const sso = useMemo(
    () => ({ attempt: signInAttempt, tokens: new SsoTokens(getAuthToken ?? (() => Promise.reject(new Error('no sign-in available')))) }),
    [getAuthToken, signInAttempt],
  );
  const client = useMemo(() => {
    const identity: Identity = demoUserId
      ? { kind: 'local', userId: demoUserId }
      : { kind: 'token', getToken: (fresh) => sso.tokens.get(fresh) };
    return new ApiClient({
      identity,
      locale,
      networkMessage,
      ...(signInMessage ? { signInMessage } : {}),
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
  }, [demoUserId, locale, networkMessage, signInMessage, sso, fetchImpl]);

  const [me, setMe] = useState<Me | null>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);
  useEffect(() => {
    let live = true;
    client.get<Me>('/api/me').then(
      (value) => live && (setMe(value), setLoadError(null)),
      (error: Error) => live && setLoadError(error),
    );
    return () => {
      live = false;
    };
  }, [client]);

  const prefetched = props.prefetchedBoard && props.prefetchedBoard.user === demoUserId ? props.prefetchedBoard : null;
  const [board, setBoard] = useState<BoardView | null>(prefetched?.data ?? null);
  const [live, setLive] = useState<PollStatus | null>(null);
  const intervalMs = props.pollIntervalMs === undefined ? 2000 : props.pollIntervalMs;
  const prefetchedEtag = prefetched?.etag ?? null;
  // One poller per client (a new one when the person or the sign-in changes); it runs while mounted.
  const poller = useMemo(
    () => new BoardPoller({ client, intervalMs, onBoard: setBoard, onStatus: setLive, initialEtag: prefetchedEtag }),
    [client, intervalMs, prefetchedEtag],
  );
  useEffect(() => {
    poller.start();
    const onVisible = () => document.visibilityState === 'visible' && void poller.refresh();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      poller.stop();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [poller]);

  const switchDemoUser = useCallback((id: string) => {
    safeStorage()?.setItem(DEMO_USER_KEY, id);
    setMe(null);
    setDemoUserId(id);
  }, []);
  const retrySignIn = useCallback(() => {
    setLoadError(null);
    setSignInAttempt((n) => n + 1);
  }, []);
  const refresh = useCallback(() => poller.refresh(), [poller]);
  const can = useCallback((permission: Permission) => Boolean(me?.permissions.includes(permission)), [me]);

  const value: SessionValue = { session, client, me, demoUserId, switchDemoUser, can, board, live, refresh, loadError, retrySignIn };
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}
