/**
 * Who the tab acts as, what they may do, and the live board everyone's views share.
 * The server decides permissions (GET /api/me); the UI only hides what would be refused.
 *
 * The tab shows one unit at a time (issue 14): the unit its route names ('/tab/units/<id>/…'), else the unit
 * the channel tab's channel follows (GET /api/channel-tabs/:channelId), else the server's default unit. The
 * session's client asks about that unit on every request, its board is that unit's, and `can` answers for it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Permission } from '../../../src/domain/roles.js';
import type { BoardView } from '../../../src/domain/views.js';
import { ApiClient, type Identity } from '../api/client.js';
import { SsoTokens } from '../auth/sso.js';
import { BoardPoller, type PollStatus } from '../api/live.js';
import { TabPresence, type Presence } from '../host/presence.js';
import { useRouter } from '../routing/router.js';
import type { PrefetchedBoard } from './boot.js';
import type { Me, SessionInfo, UnitInfo } from './types.js';

/**
 * Whether the current unit can be shown: 'resolving' while the channel's unit is asked for, 'unreadable' when the
 * unit is unknown or not one the person may read (the tab says so instead of showing a view), 'ready' otherwise.
 */
export type UnitStatus = 'resolving' | 'unreadable' | 'ready';

export interface SessionValue {
  session: SessionInfo;
  /** Asks about the current unit (every request names it). */
  client: ApiClient;
  me: Me | null;
  /** The unit the tab shows; null while it is the server's default unit and its board has not arrived. */
  unitId: string | null;
  unitStatus: UnitStatus;
  /** The units the person may read (archived ones too), for the unit switcher; null until known. */
  units: UnitInfo[] | null;
  /** The demo user acted as in AUTH_MODE=local. */
  demoUserId: string | null;
  switchDemoUser: (id: string) => void;
  /** Whether the person may do this in the current unit. */
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
  /** The board fetched while the app loaded (boot.ts), used when it was read as the same user (for the default unit). */
  prefetchedBoard?: PrefetchedBoard | null;
  /** The channel of a channel tab (its unit is the one the channel follows); null elsewhere. */
  channelId?: string | null;
  /** Whether the tab is seen (the host's: Teams suspends cached tabs); the page's visibility unless given. */
  presence?: Presence | undefined;
  children: ReactNode;
}

/**
 * A named unit waits for /api/me, which says whether it may be read: a unit one may not read is not asked for at all.
 * The default unit (none named) shows at once, with the board the boot script fetched.
 */
function unitStatusOf(unit: string | null, channelPending: boolean, me: Me | null): UnitStatus {
  if (channelPending) return 'resolving';
  if (unit === null) return 'ready';
  if (!me) return 'resolving';
  return Object.hasOwn(me.permissionsByUnit, unit) ? 'ready' : 'unreadable';
}

/** The unit the route names, if the route is one unit's view. */
function useRouteUnit(): string | null {
  const { route } = useRouter();
  return 'unitId' in route && route.unitId ? route.unitId : null;
}

/** The unit the channel follows (the server's answer), null outside a channel; undefined while it is asked for. */
function useChannelUnit(client: ApiClient, channelId: string | null, needed: boolean): string | null | undefined {
  const [answer, setAnswer] = useState<{ channelId: string; unitId: string | null } | null>(null);
  useEffect(() => {
    if (!channelId || !needed) return;
    let live = true;
    client.get<{ unitId: string }>(`/api/channel-tabs/${encodeURIComponent(channelId)}`).then(
      (value) => live && setAnswer({ channelId, unitId: value.unitId }),
      // Without an answer the tab shows the default unit, as it did before units; the sign-in error shows from /api/me.
      () => live && setAnswer({ channelId, unitId: null }),
    );
    return () => {
      live = false;
    };
  }, [client, channelId, needed]);
  if (!channelId) return null;
  return answer?.channelId === channelId ? answer.unitId : undefined;
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
  const baseClient = useMemo(() => {
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
    baseClient.get<Me>('/api/me').then(
      (value) => live && (setMe(value), setLoadError(null)),
      (error: Error) => live && setLoadError(error),
    );
    return () => {
      live = false;
    };
  }, [baseClient]);

  const routeUnit = useRouteUnit();
  const channelUnit = useChannelUnit(baseClient, props.channelId ?? null, routeUnit === null);
  const requestedUnit = routeUnit ?? channelUnit ?? null;
  const client = useMemo(() => baseClient.forUnit(requestedUnit), [baseClient, requestedUnit]);
  const unitStatus = unitStatusOf(requestedUnit, routeUnit === null && channelUnit === undefined, me);

  // The boot script read the default unit's board as the demo user: it is the first client's board when that asks about the default unit.
  const [boot] = useState(() =>
    props.prefetchedBoard && props.prefetchedBoard.user === demoUserId && requestedUnit === null
      ? { client, ...props.prefetchedBoard }
      : null,
  );
  const [shown, setShown] = useState<{ client: ApiClient; board: BoardView } | null>(boot && { client: boot.client, board: boot.data });
  const board = shown?.client === client ? shown.board : null;
  const [live, setLive] = useState<PollStatus | null>(null);
  const intervalMs = props.pollIntervalMs === undefined ? 2000 : props.pollIntervalMs;
  // The host's presence is the host's for the tab's life; without one, the page's visibility.
  const [presence] = useState(() => props.presence ?? new TabPresence());
  // One poller per client (a new one when the person, the sign-in or the unit changes); it runs while mounted and seen.
  const poller = useMemo(
    () =>
      new BoardPoller({
        client,
        intervalMs,
        onBoard: (next) => setShown({ client, board: next }),
        onStatus: setLive,
        initialEtag: boot?.client === client ? boot.etag : null,
        presence,
      }),
    [client, intervalMs, boot, presence],
  );
  const polling = unitStatus === 'ready';
  useEffect(() => {
    if (!polling) return;
    poller.start();
    return () => poller.stop();
  }, [poller, polling]);

  const units = useReadableUnits(baseClient, me, board?.changeSeq);

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
  const unitId = requestedUnit ?? board?.unit.id ?? null;
  const can = useCallback(
    (permission: Permission) =>
      Boolean((requestedUnit === null ? me?.permissions : me?.permissionsByUnit[requestedUnit])?.includes(permission)),
    [me, requestedUnit],
  );

  const value: SessionValue = {
    session,
    client,
    me,
    unitId,
    unitStatus,
    units,
    demoUserId,
    switchDemoUser,
    can,
    board,
    live,
    refresh,
    loadError,
    retrySignIn,
  };
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

/** The units the person may read (GET /api/units, those /api/me lists), read again when the board's change sequence moves. */
function useReadableUnits(client: ApiClient, me: Me | null, changeSeq: number | undefined): UnitInfo[] | null {
  const [units, setUnits] = useState<{ client: ApiClient; units: UnitInfo[] } | null>(null);
  useEffect(() => {
    if (!me) return;
    let live = true;
    client.get<{ units: UnitInfo[] }>('/api/units').then(
      (answer) => live && setUnits({ client, units: answer.units.filter((u) => Object.hasOwn(me.permissionsByUnit, u.id)) }),
      // The switcher is left out without the list; the views say what failed.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, me, changeSeq]);
  return units?.client === client ? units.units : null;
}
