/**
 * The personal tab's start view (issue 14): the city view for someone who may read more than one unit, the board
 * otherwise. Decided once, when the person is known (GET /api/me), and only when the tab opened on its plain start
 * address: a deep link's sub-page id, an address naming a view or a unit, a channel tab and a meeting tab keep theirs.
 */
import { useEffect, useRef } from 'react';
import type { Host } from '../host/host.js';
import { routeOfSubPage, useRouter, type Route } from '../routing/router.js';
import { useSession } from './session.js';
import type { Me } from './types.js';

/** Whether a tab that opened on `first` starts on the city view for this person. */
export function startsOnCity(first: Route, host: Pick<Host, 'teams' | 'startPage'>, me: Pick<Me, 'permissionsByUnit'>): boolean {
  const personal = !host.teams?.channelId && !host.teams?.meetingId;
  const linked = routeOfSubPage(host.startPage?.subPageId) !== null;
  const plainStart = first.name === 'board' && first.unitId === undefined;
  return personal && !linked && plainStart && Object.keys(me.permissionsByUnit).length > 1;
}

export function useStartView(host: Pick<Host, 'teams' | 'startPage'>): void {
  const { route, navigate } = useRouter();
  const { me } = useSession();
  const first = useRef(route);
  const decided = useRef(false);
  useEffect(() => {
    if (decided.current || !me) return;
    decided.current = true;
    // Someone who moved on before the answer came keeps where they went.
    if (route === first.current && startsOnCity(first.current, host, me)) navigate({ name: 'city' }, { replace: true });
  }, [me, route, host, navigate]);
}
