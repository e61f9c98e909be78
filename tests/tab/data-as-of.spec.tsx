// @vitest-environment jsdom
/**
 * "Uppgifter per …" / "Data as of …": while the server says it serves older synced SharePoint data
 * (X-Data-Stale on an API answer, with X-Data-As-Of: src/api/diagnostics.ts), the tab says since
 * when, Swedish first.
 */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, fixtures, renderApp } from './harness.js';

const asOf = '2026-11-30T01:50:00.000Z';

describe('data as of', () => {
  afterEach(cleanup);

  it('shows no bar while the data is fresh', async () => {
    renderApp();
    await screen.findAllByText(fixtures.board.controlPoints[0]!.title);
    expect(screen.queryByTestId('data-as-of')).toBeNull();
  });

  it('shows since when, and why, while SharePoint throttles the app', async () => {
    const api = fakeApi();
    api.override((req) =>
      req.method === 'GET'
        ? {
            status: 200,
            body: req.path === '/api/board' ? fixtures.board : fixtures.actionPlan,
            headers: { 'X-Data-As-Of': asOf, 'X-Data-Stale': 'throttled' },
          }
        : undefined,
    );
    renderApp({ api, path: '/tab/action-plan' });
    const bar = await screen.findByTestId('data-as-of');
    expect(bar.textContent).toMatch(/^Uppgifter per .*2026/);
    expect(bar.textContent).toMatch(/SharePoint begränsar just nu appens anrop/);
  });
});
