/** Boot: find the host (Teams or a plain browser) and the session, then render. */
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { bootBoard, bootSession } from './app/boot.js';
import { detectHost } from './host/host.js';

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
Promise.all([detectHost(), bootSession(), bootBoard()]).then(
  ([host, session, board]) => createRoot(rootElement).render(<App host={host} session={session} prefetchedBoard={board} />),
  (error: unknown) => renderFailure(rootElement, error),
);
