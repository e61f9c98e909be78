/** Boot: find the host (Teams or a plain browser) and the session, then render. */
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import type { SessionInfo } from './app/types.js';
import { detectHost } from './host/host.js';

async function loadSession(): Promise<SessionInfo> {
  const res = await fetch('/api/session', { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`GET /api/session: ${res.status}`);
  return (await res.json()) as SessionInfo;
}

function renderFailure(root: HTMLElement, error: unknown) {
  root.innerHTML = '';
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.style.cssText = 'font-family:Segoe UI,sans-serif;padding:24px';
  const sv = document.createElement('p');
  sv.textContent = 'DPO Board kunde inte starta: servern svarar inte. Försök igen om en stund.';
  const en = document.createElement('p');
  en.lang = 'en';
  en.textContent = `DPO Board could not start: the server does not answer. (${error instanceof Error ? error.message : String(error)})`;
  box.append(sv, en);
  root.append(box);
}

const rootElement = document.getElementById('root')!;
Promise.all([detectHost(), loadSession()]).then(
  ([host, session]) => createRoot(rootElement).render(<App host={host} session={session} />),
  (error: unknown) => renderFailure(rootElement, error),
);
