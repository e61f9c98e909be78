/**
 * A small history-API router for the tab's views, under the /tab/ base. Inside Teams the start
 * page can come from a deep link's sub-page id (page.subPageId, src/domain/tab-pages.ts), and Teams
 * may resume a suspended tab on another page (Host.onPageRequest): both are followed here.
 * https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import { tabPageOf, type ControlPointSection } from '../../../src/domain/tab-pages.js';
import type { Host, PageRequest } from '../host/host.js';

export type Route =
  | { name: 'board' }
  | { name: 'detail'; number: number; section?: ControlPointSection }
  | { name: 'plan' }
  | { name: 'config' }
  | { name: 'scale' }
  | { name: 'about' }
  /** The meeting tab: the side panel in frame context sidePanel, the board on the stage, the board elsewhere. */
  | { name: 'meeting' }
  /** What "Dela till scen" puts on the meeting stage: the board, or one control point. */
  | { name: 'stage'; number: number | null }
  | { name: 'notFound' };

export const BASE = '/tab';

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const path = rest.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/board') return { name: 'board' };
  if (path === '/action-plan') return { name: 'plan' };
  if (path === '/config') return { name: 'config' };
  if (path === '/scale') return { name: 'scale' };
  if (path === '/about-data') return { name: 'about' };
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
  switch (route.name) {
    case 'board':
      return `${BASE}/`;
    case 'detail':
      return `${BASE}/control-points/${route.number}${route.section ? `/${route.section}` : ''}`;
    case 'plan':
      return `${BASE}/action-plan`;
    case 'config':
      return `${BASE}/config`;
    case 'scale':
      return `${BASE}/scale`;
    case 'about':
      return `${BASE}/about-data`;
    case 'meeting':
      return `${BASE}/meeting`;
    case 'stage':
      return route.number === null ? `${BASE}/meeting/stage` : `${BASE}/meeting/stage/control-points/${route.number}`;
    default:
      return `${BASE}/`;
  }
}

interface RouterValue {
  route: Route;
  navigate: (route: Route) => void;
}

const RouterContext = createContext<RouterValue>({ route: { name: 'board' }, navigate: () => undefined });

/** The view a deep link's sub-page id names, or null when it names none of ours (then the content URL decides). */
export function routeOfSubPage(subPageId: string | null | undefined): Route | null {
  const page = subPageId ? tabPageOf(subPageId) : null;
  if (!page) return null;
  switch (page.kind) {
    case 'board':
      return { name: 'board' };
    case 'controlPoint':
      return page.section ? { name: 'detail', number: page.number, section: page.section } : { name: 'detail', number: page.number };
    case 'actionPlan':
      return { name: 'plan' };
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
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: Route) => {
    const href = hrefOf(next);
    if (href !== window.location.pathname) window.history.pushState(null, '', href);
    setRoute(next);
    document.documentElement.scrollTop = 0;
  }, []);
  useEffect(() => pageRequests?.onPageRequest((request) => navigate(routeOfRequest(request))), [pageRequests, navigate]);
  const value = useMemo(() => ({ route, navigate }), [route, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export const useRouter = (): RouterValue => useContext(RouterContext);

/** Click handler for links: plain clicks navigate in-app, modified clicks open as the browser would. */
export function useLinkClick(route: Route): (event: MouseEvent<HTMLElement>) => void {
  const { navigate } = useRouter();
  return (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(route);
  };
}
