/** A small history-API router for the tab's four views, under the /tab/ base. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type MouseEvent, type ReactNode } from 'react';

export type Route =
  | { name: 'board' }
  | { name: 'detail'; number: number }
  | { name: 'plan' }
  | { name: 'config' }
  | { name: 'scale' }
  | { name: 'about' }
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
  const detail = /^\/control-points\/(\d{1,3})$/.exec(path);
  if (detail) return { name: 'detail', number: Number(detail[1]) };
  return { name: 'notFound' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'board':
      return `${BASE}/`;
    case 'detail':
      return `${BASE}/control-points/${route.number}`;
    case 'plan':
      return `${BASE}/action-plan`;
    case 'config':
      return `${BASE}/config`;
    case 'scale':
      return `${BASE}/scale`;
    case 'about':
      return `${BASE}/about-data`;
    default:
      return `${BASE}/`;
  }
}

interface RouterValue {
  route: Route;
  navigate: (route: Route) => void;
}

const RouterContext = createContext<RouterValue>({ route: { name: 'board' }, navigate: () => undefined });

export function RouterProvider({ children, initialPath }: { children: ReactNode; initialPath?: string }) {
  const [route, setRoute] = useState<Route>(() => parseRoute(initialPath ?? window.location.pathname));
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
