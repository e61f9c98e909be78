// @vitest-environment jsdom
/**
 * The city-wide heat map in jsdom (issue 14, item 3): what each square says in words, the grid's keyboard
 * movement (one tab stop, arrows, Home/End, Enter opens the unit's control point), the filters through
 * filterCityView, the spread row, the year picker and the city downloads. Contrast and the themes are checked
 * in Chromium with axe (tests/e2e/city-heatmap.spec.ts).
 */
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { summarizeCity, type CityCell, type CityRow, type CityView } from '../../src/domain/city.js';
import type { Locale } from '../../src/domain/model.js';
import { neutralScale } from '../../src/domain/scale.js';
import { FIXED_CONTROL_POINTS } from '../../src/domain/units.js';
import type { PrefetchedBoard } from '../../tab/src/app/boot.js';
import { SessionProvider } from '../../tab/src/app/session.js';
import { I18nProvider } from '../../tab/src/i18n/i18n.js';
import { RouterProvider } from '../../tab/src/routing/router.js';
import { CityPage } from '../../tab/src/views/CityPage.js';
import { moveInGrid } from '../../tab/src/views/city/grid-keys.js';
import { toneOf } from '../../tab/src/views/city/tones.js';
import { fakeApi, fixtures, urlOf } from './harness.js';

afterEach(cleanup);

const LEVELS = neutralScale(5).levels;
const COLUMNS = FIXED_CONTROL_POINTS.map((cp) => ({ ...cp }));

function cells(levels: (number | null)[], extra: Record<number, Partial<CityCell>> = {}): CityCell[] {
  return COLUMNS.map(({ number }, i) => ({
    controlPoint: number,
    level: levels[i] ?? null,
    interpreted: false,
    focus: false,
    overdue: 0,
    workPackages: [],
    previousLevel: null,
    trend: levels[i] == null ? null : 'new',
    match: true,
    ...extra[number],
  }));
}

function row(unit: CityRow['unit'], year: number | null, rowCells: CityCell[]): CityRow {
  return {
    unit,
    year,
    cells: rowCells,
    overdue: rowCells.reduce((n, c) => n + c.overdue, 0),
    focus: rowCells.filter((c) => c.focus).map((c) => c.controlPoint),
  };
}

/** Three units as GET /api/city answers them: the report's unit (marks interpreted), an example unit with a history, an archived unit without the year. */
function cityView(year: number): CityView {
  const rows = [
    row(
      { id: 'intraservice', name: 'Intraservice', nameEn: 'Intraservice', example: false, archived: false },
      year,
      cells([5, 3, 2, 3, 2, 1, 3, 4, 2, 2, 3, 3], {
        1: { interpreted: true, focus: true },
        2: { interpreted: true, overdue: 1, workPackages: ['Incident'] },
        4: { interpreted: true, focus: true },
        6: { interpreted: true, workPackages: ['Utbildning'] },
        7: { interpreted: true, focus: true },
      }),
    ),
    row(
      { id: 'exempel-01', name: 'Exempel 01 – Kulturförvaltningen', nameEn: 'Example 01 – Culture', example: true, archived: false },
      year,
      cells([4, 2, 3, 1, null, 5, 4, 4, 3, 2, 1, 2], {
        1: { previousLevel: 2, trend: 'up' },
        2: { previousLevel: 3, trend: 'down', workPackages: ['Incident'] },
        3: { previousLevel: 3, trend: 'same' },
        4: { overdue: 2, focus: true },
      }),
    ),
    row({ id: 'gamla', name: 'Gamla förvaltningen', nameEn: 'The old unit', example: false, archived: true }, null, cells([])),
  ];
  return {
    year,
    years: [2023, 2024],
    asOf: '2024-11-06',
    levels: LEVELS,
    controlPoints: COLUMNS,
    workPackages: [
      { key: 'Incident', name: 'Incident' },
      { key: 'Utbildning', name: 'Utbildning' },
    ],
    rows,
    summary: summarizeCity(rows, COLUMNS, LEVELS),
    changeSeq: fixtures.board.changeSeq,
  };
}

interface Rendered {
  /** The requests' URLs, parsed (the session's client may add the current unit to the query). */
  urls: URL[];
}

/** The requests to a path, each as its query's parameters without the session's unit. */
function queriesTo(urls: URL[], pathname: string): Record<string, string>[] {
  return urls.filter((u) => u.pathname === pathname).map((u) => Object.fromEntries([...u.searchParams].filter(([key]) => key !== 'unit')));
}

/** The city page inside the tab's providers, against the harness's fake API with GET /api/city answered here. */
function renderCity(locale: Locale = 'sv'): Rendered {
  const api = fakeApi();
  const urls: URL[] = [];
  const fetchImpl = ((input: RequestInfo | URL, init?: RequestInit) => {
    const parsed = new URL(urlOf(input), 'http://tab.test');
    urls.push(parsed);
    if (parsed.pathname === '/api/city') {
      const year = Number(parsed.searchParams.get('year') ?? 2024);
      return Promise.resolve(
        new Response(JSON.stringify(cityView(year)), { status: 200, headers: { 'Content-Type': 'application/json' } }),
      );
    }
    if (parsed.pathname === '/api/reports/city') {
      const name = `dso-staden-${parsed.searchParams.get('year')}.${parsed.searchParams.get('format')}`;
      return Promise.resolve(new Response('PK', { status: 200, headers: { 'Content-Disposition': `attachment; filename=${name}` } }));
    }
    return api.fetch(input, init);
  }) as typeof fetch;
  window.localStorage.clear();
  window.history.replaceState(null, '', '/tab/city');
  const user = fixtures.session.demo!.defaultUser;
  // As App nests them: the router first (the session's unit is the one the route names).
  render(
    <FluentProvider theme={teamsLightTheme} lang={locale}>
      <I18nProvider locale={locale}>
        <RouterProvider>
          <SessionProvider
            session={fixtures.session}
            locale={locale}
            networkMessage="network"
            fetchImpl={fetchImpl}
            pollIntervalMs={null}
            prefetchedBoard={{
              user,
              etag: `W/"board-${fixtures.board.changeSeq}"`,
              data: fixtures.board as unknown as PrefetchedBoard['data'],
            }}
          >
            <CityPage />
          </SessionProvider>
        </RouterProvider>
      </I18nProvider>
    </FluentProvider>,
  );
  return { urls };
}

const grid = () => screen.findByRole('grid', { name: /Värmekarta 2024/ });
const unitRows = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .filter((r) => r.hasAttribute('data-unit'));
const cellOf = (table: HTMLElement, unitRow: number, controlPoint: number) =>
  within(unitRows(table)[unitRow]!).getAllByRole('gridcell')[controlPoint - 1]!;

describe('the city heat map', () => {
  it('shows units as rows (example and archived marked) and the twelve control points as titled columns', async () => {
    renderCity();
    const table = await grid();
    const headers = within(table).getAllByRole('columnheader');
    expect(headers).toHaveLength(13);
    expect(headers[4]!.textContent).toBe('4Register över personuppgiftsbehandlingar');
    const rowHeads = within(table)
      .getAllByRole('rowheader')
      .map((h) => h.textContent);
    expect(rowHeads).toEqual([
      'Intraservice1 försenad',
      'Exempel 01 – KulturförvaltningenExempel2 försenade',
      'Gamla förvaltningenArkiveradInget rapportår 2024',
      'Spridningförvaltningar per nivå',
    ]);
    expect(screen.getByTestId('city-count').textContent).toBe('Visar 3 av 3 förvaltningar');
  });

  it('says every square in words: the level, interpreted, focus, overdue and the change since last year', async () => {
    renderCity();
    const table = await grid();
    expect(cellOf(table, 0, 1).textContent).toContain('nivå 5, Nivå 5 av 5, tolkad från rapporten, Fokusområde, ingen nivå förra året');
    expect(cellOf(table, 0, 2).textContent).toContain('nivå 3, Nivå 3 av 5, tolkad från rapporten, 1 försenad');
    expect(cellOf(table, 1, 1).textContent).toContain('nivå 4, Nivå 4 av 5, upp från 2 förra året');
    expect(cellOf(table, 1, 2).textContent).toContain('ned från 3 förra året');
    expect(cellOf(table, 1, 3).textContent).toContain('samma som förra året');
    expect(cellOf(table, 1, 4).textContent).toContain('nivå 1, Nivå 1 av 5, Fokusområde, 2 försenade');
    expect(cellOf(table, 1, 5).textContent).toContain('Ej bedömd');
    expect(cellOf(table, 2, 1).textContent).toContain('Ej bedömd');
    // The visible number and marks are hidden from screen readers (the words say them); the number is always shown.
    const visible = cellOf(table, 1, 1).querySelector('[aria-hidden="true"]')!;
    expect(visible.textContent).toBe('4↑');
    // The tooltip names the unit and the control point, on the visible part only (screen readers hear the words once).
    expect(visible.getAttribute('title')).toBe(
      'Exempel 01 – Kulturförvaltningen · 1. Dataskyddsorganisation: nivå 4, Nivå 4 av 5, upp från 2 förra året',
    );
    expect(cellOf(table, 1, 1).hasAttribute('title')).toBe(false);
    expect(cellOf(table, 1, 1).getAttribute('data-level')).toBe('4');
  });

  it('shows the spread per control point as text in the last row', async () => {
    renderCity();
    await grid();
    const spread = within(screen.getByTestId('city-summary')).getAllByRole('gridcell');
    expect(spread).toHaveLength(12);
    // Control point 1: Intraservice 5, the example unit 4, the archived unit without the year.
    expect(spread[0]!.textContent).toBe('nivå 4: 1nivå 5: 1ej bedömd: 1min 4 · median 4,5 · max 5');
    expect(spread[4]!.textContent).toBe('nivå 2: 1ej bedömd: 2min 2 · median 2 · max 2');
  });

  it('moves between squares with the keyboard, one tab stop, and Enter opens the unit’s control point', async () => {
    const user = userEvent.setup();
    renderCity();
    const table = await grid();
    const tabStops = () => table.querySelectorAll('[tabindex="0"]');
    expect(tabStops()).toHaveLength(1);
    // The Tab key itself is pressed in Chromium (tests/e2e/city-heatmap.spec.ts): Fluent's focus manager needs layout to move it.
    cellOf(table, 0, 1).focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(cellOf(table, 0, 2));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(cellOf(table, 1, 2));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(cellOf(table, 1, 12));
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(cellOf(table, 1, 1));
    await user.keyboard('{Control>}{End}{/Control}');
    expect(document.activeElement?.closest('[data-testid="city-summary"]')).toBeTruthy();
    await user.keyboard('{Control>}{Home}{/Control}');
    expect(document.activeElement).toBe(cellOf(table, 0, 1));
    expect(tabStops()).toHaveLength(1);
    expect(tabStops()[0]).toBe(cellOf(table, 0, 1));
    await user.keyboard('{ArrowDown}{ArrowRight}{ArrowRight}{ArrowRight}{Enter}');
    await waitFor(() => expect(window.location.pathname).toBe('/tab/units/exempel-01/control-points/4'));
  });

  it('opens the unit’s control point on a click; a unit without the year has nothing to open', async () => {
    const user = userEvent.setup();
    renderCity();
    const table = await grid();
    await user.click(cellOf(table, 2, 3));
    expect(window.location.pathname).toBe('/tab/city');
    await user.click(cellOf(table, 0, 7));
    await waitFor(() => expect(window.location.pathname).toBe('/tab/units/intraservice/control-points/7'));
  });

  it('filters by focus areas, overdue work and one work package, with the one filter of the domain', async () => {
    const user = userEvent.setup();
    renderCity();
    const table = await grid();
    const count = () => screen.getByTestId('city-count').textContent;
    await user.click(screen.getByRole('checkbox', { name: 'Endast fokusområden' }));
    expect(count()).toBe('Visar 2 av 3 förvaltningar');
    expect(cellOf(table, 0, 1).textContent).not.toContain('utanför filtret');
    expect(cellOf(table, 0, 2).textContent).toContain('utanför filtret');
    await user.click(screen.getByRole('checkbox', { name: 'Endast försenade' }));
    expect(count()).toBe('Visar 1 av 3 förvaltningar');
    expect(unitRows(table).map((r) => r.getAttribute('data-unit'))).toEqual(['exempel-01']);
    await user.click(screen.getByRole('button', { name: 'Rensa filter' }));
    expect(count()).toBe('Visar 3 av 3 förvaltningar');

    await user.click(screen.getByRole('combobox', { name: 'Huvudpaket' }));
    await user.click(await screen.findByRole('option', { name: 'Utbildning' }));
    expect(count()).toBe('Visar 1 av 3 förvaltningar');
    expect(cellOf(table, 0, 6).textContent).not.toContain('utanför filtret');
    expect(cellOf(table, 0, 5).textContent).toContain('utanför filtret');
    // The spread is summed again over the rows shown.
    expect(within(screen.getByTestId('city-summary')).getAllByRole('gridcell')[0]!.textContent).toBe('nivå 5: 1min 5 · median 5 · max 5');
  });

  it('reads another year when one is picked', async () => {
    const user = userEvent.setup();
    const { urls } = renderCity();
    await grid();
    expect(queriesTo(urls, '/api/city')).toEqual([{}]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rapportår' }), '2023');
    await screen.findByRole('heading', { level: 1, name: 'Hela staden 2023' });
    expect(queriesTo(urls, '/api/city')).toContainEqual({ year: '2023' });
  });

  describe('downloads', () => {
    const saved: string[] = [];
    beforeEach(() => {
      saved.length = 0;
      URL.createObjectURL = vi.fn(() => 'blob:city');
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        saved.push(this.download);
      });
    });

    it('fetches the city deck of the year shown, in the UI language', async () => {
      const user = userEvent.setup();
      const { urls } = renderCity();
      await grid();
      await user.click(screen.getByRole('button', { name: 'Ladda ner stadens sammanställning 2024' }));
      await user.click(await screen.findByRole('menuitem', { name: 'Bildspel (PowerPoint)' }));
      await waitFor(() => expect(saved).toEqual(['dso-staden-2024.pptx']));
      expect(queriesTo(urls, '/api/reports/city')).toEqual([{ format: 'pptx', year: '2024', lang: 'sv' }]);
    });

    it('asks for the workbook with the filter the heat map shows', async () => {
      const user = userEvent.setup();
      const { urls } = renderCity();
      await grid();
      await user.click(screen.getByRole('checkbox', { name: 'Endast fokusområden' }));
      await user.click(screen.getByRole('combobox', { name: 'Huvudpaket' }));
      await user.click(await screen.findByRole('option', { name: 'Incident' }));
      await user.click(screen.getByRole('button', { name: 'Ladda ner stadens sammanställning 2024' }));
      await user.click(await screen.findByRole('menuitem', { name: 'Arbetsbok (Excel)' }));
      await waitFor(() => expect(saved).toEqual(['dso-staden-2024.xlsx']));
      expect(queriesTo(urls, '/api/reports/city')).toEqual([
        { format: 'xlsx', year: '2024', lang: 'sv', focusOnly: 'true', workPackage: 'Incident' },
      ]);
    });
  });

  it('speaks English beside Swedish', async () => {
    renderCity('en');
    const table = await screen.findByRole('grid', { name: 'Heat map 2024: units and control points' });
    expect(within(table).getAllByRole('rowheader')[1]!.textContent).toBe('Example 01 – CultureExample2 overdue');
    expect(cellOf(table, 1, 1).textContent).toContain('level 4, Level 4 of 5, up from 2 last year');
  });
});

describe('the heat map’s rules', () => {
  it('keeps keyboard moves inside the grid', () => {
    const size = { rows: 3, cols: 12 };
    expect(moveInGrid('ArrowLeft', { row: 0, col: 0 }, size)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid('ArrowDown', { row: 2, col: 5 }, size)).toEqual({ row: 2, col: 5 });
    expect(moveInGrid('PageDown', { row: 0, col: 5 }, size)).toEqual({ row: 2, col: 5 });
    expect(moveInGrid('End', { row: 1, col: 0 }, size, true)).toEqual({ row: 2, col: 11 });
    expect(moveInGrid('a', { row: 1, col: 0 }, size)).toBeNull();
  });

  it('spreads the levels of any scale over the five tones, lowest red and highest green', () => {
    expect([1, 2, 3, 4, 5].map((l) => toneOf(l, 5))).toEqual([0, 1, 2, 3, 4]);
    expect([1, 2, 3].map((l) => toneOf(l, 3))).toEqual([0, 2, 4]);
    expect(toneOf(1, 2)).toBe(0);
    expect(toneOf(10, 10)).toBe(4);
  });
});
