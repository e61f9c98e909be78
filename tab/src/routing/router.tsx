/**
 * A small history-API router for the tab's views, under the /tab/ base. Inside Teams the start
 * page can come from a deep link's sub-page id (page.subPageId, src/domain/tab-pages.ts), and Teams
 * may resume a suspended tab on another page (Host.onPageRequest): both are followed here.
 * https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { tabPageOf, UNIT_SEGMENT, type ControlPointSection } from '../../../src/domain/tab-pages.js';
import type { Host, PageRequest } from '../host/host.js';

/**
 * The tab's views. A unit's views carry the unit they show (unitId, '/tab/units/<id>/…'); without one they show "this
 * tab's unit" (the channel's unit, else the default), so the paths of older links keep working.
 */
export type Route =
  | { name: 'board'; unitId?: string }
  | { name: 'detail'; number: number; section?: ControlPointSection; unitId?: string }
  | { name: 'plan'; unitId?: string }
  | { name: 'about'; unitId?: string }
  /** The meeting tab: the side panel in frame context sidePanel, the board on the stage, the board elsewhere. */
  | { name: 'meeting'; unitId?: string }
  /** What "Dela till scen" puts on the meeting stage: the board, or one control point. */
  | { name: 'stage'; number: number | null; unitId?: string }
  /** Every readable unit's twelve control points (the heat map). */
  | { name: 'city' }
  /** The administrator's page of units (create, rename, archive). */
  | { name: 'units' }
  /** The scale's setup: the city's scale, with how the report of this unit was read. */
  | { name: 'scale'; unitId?: string }
  | { name: 'config' }
  | { name: 'notFound' };

/** The views that show one unit, and so exist for every unit (the unit switcher keeps them). */
const UNIT_VIEWS = ['board', 'detail', 'plan', 'about', 'scale', 'meeting', 'stage'] as const;
export type UnitRoute = Extract<Route, { name: (typeof UNIT_VIEWS)[number] }>;

export function isUnitRoute(route: Route): route is UnitRoute {
  return (UNIT_VIEWS as readonly string[]).includes(route.name);
}

/** The same view of another unit (the switcher); a view without a unit leads to that unit's board. */
export function withUnit(route: Route, unitId: string): UnitRoute {
  return isUnitRoute(route) ? { ...route, unitId } : { name: 'board', unitId };
}

export const BASE = '/tab';

const UNIT_PREFIX = new RegExp(`^/units/(${UNIT_SEGMENT})(/.*)?$`);

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const path = rest.replace(/\/+$/, '') || '/';
  const unit = UNIT_PREFIX.exec(path);
  if (!unit) return parseUnitlessRoute(path);
  const route = parseUnitlessRoute(unit[2] ?? '/');
  return isUnitRoute(route) ? { ...route, unitId: unit[1] } : { name: 'notFound' };
}

function parseUnitlessRoute(path: string): Route {
  if (path === '/' || path === '/board') return { name: 'board' };
  if (path === '/action-plan') return { name: 'plan' };
  if (path === '/config') return { name: 'config' };
  if (path === '/scale') return { name: 'scale' };
  if (path === '/about-data') return { name: 'about' };
  if (path === '/city') return { name: 'city' };
  if (path === '/admin/units') return { name: 'units' };
  if (path === '/meeting') return { name: 'meeting' };
  if (path === '/meeting/stage') return { name: 'stage', number: null };
  const staged = /^\/meeting\/stage\/control-points\/(\d{1,3})$/.exec(path);
  if (staged) return { name: 'stage', number: Number(staged[1]) };
  const detail = /^\/control-points\/(\d{1,3})(\/evidence)?$/.exec(path);
  if (detail)
    return detail[2] ? { name: 'detail', number: Number(detail[1]), section: 'evidence' } : { name: 'detail', number: Number(detail[1]) };
  return { name: 'notFound' };
}

export function hrefOf(route: Route): string {
  const unit = 'unitId' in route && route.unitId ? `/units/${encodeURIComponent(route.unitId)}` : '';
  switch (route.name) {
    case 'board':
      return `${BASE}${unit}/`;
    case 'detail':
      return `${BASE}${unit}/control-points/${route.number}${route.section ? `/${route.section}` : ''}`;
    case 'plan':
      return `${BASE}${unit}/action-plan`;
    case 'about':
      return `${BASE}${unit}/about-data`;
    case 'meeting':
      return `${BASE}${unit}/meeting`;
    case 'stage':
      return route.number === null ? `${BASE}${unit}/meeting/stage` : `${BASE}${unit}/meeting/stage/control-points/${route.number}`;
    case 'city':
      return `${BASE}/city`;
    case 'units':
      return `${BASE}/admin/units`;
    case 'config':
      return `${BASE}/config`;
    case 'scale':
      return `${BASE}${unit}/scale`;
    default:
      return `${BASE}/`;
  }
}

export interface NavigateOptions {
  /** Replaces the current history entry (a start view decided after loading) instead of adding one. */
  replace?: boolean;
  /** Goes to the view as it stands: a unit's view naming no unit shows the tab's own unit, not the one shown now. */
  tabUnit?: boolean;
}

interface RouterValue {
  route: Route;
  /** Goes to a view; a unit's view that names no unit stays in the unit the current route names (unless options.tabUnit). */
  navigate: (route: Route, options?: NavigateOptions) => void;
}

const RouterContext = createContext<RouterValue>({ route: { name: 'board' }, navigate: () => undefined });

/** `next`, in the unit `current` names when `next` is a unit's view naming none (moving within a unit keeps it). */
export function inUnitOf(current: Route, next: Route): Route {
  if (!isUnitRoute(next) || next.unitId !== undefined || !isUnitRoute(current) || current.unitId === undefined) return next;
  return { ...next, unitId: current.unitId };
}

/** The view a deep link's sub-page id names, or null when it names none of ours (then the content URL decides). */
export function routeOfSubPage(subPageId: string | null | undefined): Route | null {
  const page = subPageId ? tabPageOf(subPageId) : null;
  if (!page) return null;
  if (page.kind === 'city') return { name: 'city' };
  const unit = page.unitId ? { unitId: page.unitId } : {};
  switch (page.kind) {
    case 'board':
      return { name: 'board', ...unit };
    case 'controlPoint':
      return page.section
        ? { name: 'detail', number: page.number, section: page.section, ...unit }
        : { name: 'detail', number: page.number, ...unit };
    case 'actionPlan':
      return { name: 'plan', ...unit };
  }
}

/** What Teams asked for: the sub-page id's view, else the requested content URL's. */
export function routeOfRequest(request: PageRequest): Route {
  return routeOfSubPage(request.subPageId) ?? parseRoute(request.path);
}

type PageRequests = Pick<Host, 'startPage' | 'onPageRequest'>;

function startRoute(initialPath: string | undefined, requests: PageRequests | undefined): Route {
  const fromPath = parseRoute(initialPath ?? window.location.pathname);
  // The configuration page and the meeting views are what Teams framed; a sub-page id is for the board's views.
  if (fromPath.name === 'config' || fromPath.name === 'meeting' || fromPath.name === 'stage') return fromPath;
  const fromLink = routeOfSubPage(requests?.startPage?.subPageId);
  if (fromLink && !initialPath) window.history.replaceState(null, '', hrefOf(fromLink));
  return fromLink ?? fromPath;
}

export function RouterProvider({
  children,
  initialPath,
  pageRequests,
}: {
  children: ReactNode;
  initialPath?: string;
  /** The host's start page and later page requests (inside Teams). */
  pageRequests?: PageRequests;
}) {
  const [route, setRoute] = useState<Route>(() => startRoute(initialPath, pageRequests));
  const current = useRef(route);
  useLayoutEffect(() => {
    current.current = route;
  }, [route]);
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = useCallback((next: Route, options: NavigateOptions = {}) => {
    const href = hrefOf(next);
    if (options.replace) window.history.replaceState(null, '', href);
    else if (href !== window.location.pathname) window.history.pushState(null, '', href);
    setRoute(next);
    document.documentElement.scrollTop = 0;
  }, []);
  const navigate = useCallback(
    (next: Route, options?: NavigateOptions) => go(options?.tabUnit ? next : inUnitOf(current.current, next), options),
    [go],
  );
  // What Teams asks for is taken as it stands: a sub-page id without a unit means the tab's own unit.
  useEffect(() => pageRequests?.onPageRequest((request) => go(routeOfRequest(request))), [pageRequests, go]);
  const value = useMemo(() => ({ route, navigate }), [route, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export const useRouter = (): RouterValue => useContext(RouterContext);

/** The address of a view as a link shows it: in the current route's unit, as navigate goes there. */
export function useHref(route: Route): string {
  return hrefOf(inUnitOf(useRouter().route, route));
}

/** Click handler for links: plain clicks navigate in-app, modified clicks open as the browser would. */
export function useLinkClick(route: Route): (event: MouseEvent<HTMLElement>) => void {
  const { navigate } = useRouter();
  return (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(route);
  };
}
