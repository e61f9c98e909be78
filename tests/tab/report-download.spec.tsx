// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderApp, urlOf } from './harness.js';

afterEach(cleanup);

describe('the annual report download on the action plan', () => {
  const saved: { name: string; size: number }[] = [];
  beforeEach(() => {
    saved.length = 0;
    // jsdom has no object URLs or downloads: record what the tab hands to the browser.
    URL.createObjectURL = vi.fn(() => 'blob:report');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, size: 0 });
    });
  });

  it('fetches the deck of the board’s year as the signed-in user and saves it under the server’s name', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    const urls: string[] = [];
    const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) => {
      urls.push(urlOf(input));
      return api.fetch(input, init);
    }) as typeof fetch;
    api.override((req) =>
      req.path === '/api/reports/deck.pptx'
        ? { status: 200, body: 'PK', headers: { 'Content-Disposition': 'attachment; filename=dso-arsrapport-intraservice-2023.pptx' } }
        : undefined,
    );
    renderApp({ user: 'reader', path: '/tab/action-plan', api: { ...api, fetch: fetchImpl } });
    await user.click(await screen.findByRole('button', { name: 'Ladda ner årsrapport 2023' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Bildspel (PowerPoint)' }));
    await waitFor(() => expect(saved.map((f) => f.name)).toEqual(['dso-arsrapport-intraservice-2023.pptx']));
    expect(urls).toContain('/api/reports/deck.pptx?unit=intraservice&year=2023&lang=sv');
    const request = api.requests.find((r) => r.path === '/api/reports/deck.pptx')!;
    expect(request.headers['x-local-user']).toBe('reader');
    expect(screen.getByRole('status').textContent).toBe('dso-arsrapport-intraservice-2023.pptx är nedladdad.');
  });

  it('asks for the deck as of the day the user chose', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    api.override((req) =>
      req.path === '/api/reports/deck.pptx'
        ? { status: 200, body: 'PK', headers: { 'Content-Disposition': 'attachment; filename=dso-arsrapport-intraservice-2023.pptx' } }
        : undefined,
    );
    const urls: string[] = [];
    const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) => {
      urls.push(input instanceof Request ? input.url : input.toString());
      return api.fetch(input, init);
    }) as typeof fetch;
    renderApp({ user: 'reader', path: '/tab/action-plan', api: { ...api, fetch: fetchImpl } });
    const day = await screen.findByLabelText('Försening bedöms per');
    await user.type(day, '2024-11-06');
    await user.click(screen.getByRole('button', { name: 'Ladda ner årsrapport 2023' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Bildspel (PowerPoint)' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(urls).toContain('/api/reports/deck.pptx?unit=intraservice&year=2023&lang=sv&asOf=2024-11-06');
  });

  it('shows the server’s error when a download is refused', async () => {
    const user = userEvent.setup();
    const api = fakeApi();
    api.override((req) =>
      req.path === '/api/reports/workbook.xlsx'
        ? { status: 404, body: { error: { code: 'not_found', message: 'Rapportåret finns inte.' } } }
        : undefined,
    );
    renderApp({ user: 'dpo', path: '/tab/action-plan', api });
    await user.click(await screen.findByRole('button', { name: 'Ladda ner årsrapport 2023' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Arbetsbok (Excel)' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Rapportåret finns inte.');
    expect(saved).toEqual([]);
  });
});
