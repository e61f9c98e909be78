// @vitest-environment jsdom
/** The DPO's scale setup and "Om uppgifterna" in the tab, against answers shaped as src/api/scale-router.ts gives them. */
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { initialSetup } from '../../src/domain/interpretation.js';
import { DEFAULT_SCALE, neutralScale } from '../../src/domain/scale.js';
import { fakeApi, renderApp } from './harness.js';

afterEach(cleanup);

const setup = { ...initialSetup(DEFAULT_SCALE) };
function scaleApi(canEdit: boolean) {
  const api = fakeApi();
  api.override((req) => {
    if (req.path === '/api/scale/setup' && req.method === 'GET')
      return { status: 200, body: { setup, scale: neutralScale(5), log: [], canEdit } };
    if (req.path === '/api/scale/setup' && req.method === 'PUT') {
      const body = req.body as { count: number; direction: 'lowLeft' | 'lowRight'; version: number };
      const next = {
        ...setup,
        ...body,
        version: body.version + 1,
        changedBy: 'dpo',
        changedByName: 'Dataskyddsombud (demo)',
        changedAt: '2026-11-30T03:00:00Z',
      };
      const entry = {
        version: 1,
        by: 'dpo',
        byName: 'Dataskyddsombud (demo)',
        at: next.changedAt,
        from: { count: 5, direction: 'lowLeft', labelled: false },
        to: { count: 5, direction: body.direction, labelled: false },
        remapped: [{ controlPoint: 1, from: 5, to: 1, column: 10, unitId: 'intraservice', year: 2023 }],
      };
      return { status: 200, body: { setup: next, scale: neutralScale(5), log: [entry], canEdit: true } };
    }
    if (req.path === '/api/about-data') {
      const reading = {
        unitId: 'intraservice',
        year: 2023,
        reportFile: 'dpo-annual-report-2023.txt',
        method: 'X:ets läge räknas i blanksteg.',
        columns: { left: 4, right: 10 },
        marks: [{ controlPoint: 1, title: 'Dataskyddsorganisation', column: 10, line: 175 }],
        interpretedBy: 'dataskyddsombud',
        notes: ['Kontrollpunkt 7 förekommer två gånger (rad 144–158).'],
      };
      const marks = [{ ...reading.marks[0], level: 5, interpreted: true }];
      return { status: 200, body: { unitId: 'intraservice', year: 2023, reading, marks, setup, scale: neutralScale(5) } };
    }
    return undefined;
  });
  return api;
}

describe('Om uppgifterna', () => {
  it('shows the method, every X with its column and report line, its level as interpreted, and the notes', async () => {
    renderApp({ user: 'reader', path: '/tab/about-data', api: scaleApi(false) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Om uppgifterna' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('about-method').textContent).toMatch(/blanksteg/));
    const row = screen.getByTestId('about-mark-1');
    expect(within(row).getByText('10')).toBeTruthy();
    expect(within(row).getByText('175')).toBeTruthy();
    expect(row.textContent).toContain('5 · Nivå 5 av 5');
    expect(within(row).getByText('tolkad från rapporten')).toBeTruthy();
    expect(screen.getByTestId('about-notes').textContent).toContain('rad 144–158');
  });
});

describe('the scale setup', () => {
  it('is read-only to everyone but the DPO', async () => {
    renderApp({ user: 'ciso', path: '/tab/scale', api: scaleApi(false) });
    expect(await screen.findByText('Bara dataskyddsombudet ändrar skalan.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Spara skalan' })).toBeNull();
  });

  it('lets the DPO turn the direction; the change is sent from the version read and the log shows it', async () => {
    const api = scaleApi(true);
    renderApp({ user: 'dpo', path: '/tab/scale', api });
    const form = await screen.findByTestId('scale-setup');
    await userEvent.click(within(form).getByRole('radio', { name: 'Lägst till höger' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Spara skalan' }));
    expect(await screen.findByText('Skalan är sparad. 1 tolkade markeringar lästes om.')).toBeTruthy();
    const put = api.requests.find((r) => r.method === 'PUT');
    expect(put?.body).toEqual({ count: 5, direction: 'lowRight', labels: null, version: 0 });
  });
});
