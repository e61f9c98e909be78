/** The report downloads and the year turn over real HTTP, on a temp SQLite file seeded from the report. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { parseCsv } from './csv-parse.js';
import { flat, inspectPptx, overflows } from './pptx-inspect.js';

// Decks are built in a fresh report worker (pptxgenjs loaded there first): the deck spec's bound.
describe('GET /api/reports and POST /api/years', { timeout: 60_000 }, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      BOT_ENABLED: 'false',
      REPORT_CONTACT_NAME: 'Anna (Anna-Lena) Björk',
      REPORT_CONTACT_TITLE: 'Chief Information Security Officer (CISO)',
      REPORT_CONTACT_EMAIL: 'anna.bjork@intraservice.goteborg.se',
    });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
  /** The file name of an attachment (RFC 6266: a token, or a quoted string). */
  const fileName = (res: Response) => /^attachment; filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1];

  it('lists the downloads for the newest year', async () => {
    const res = await server.call('reader', 'GET', '/api/reports');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      unit: string;
      years: number[];
      year: number;
      links: { pptx: string; xlsx: string; csv: Record<string, string> };
    };
    expect(body).toMatchObject({ unit: 'intraservice', years: [2023], year: 2023 });
    expect(body.links.pptx).toBe('/api/reports/deck.pptx?unit=intraservice&year=2023&lang=sv');
    expect(Object.keys(body.links.csv)).toEqual(['board', 'action-plan', 'activities', 'evidence']);
  });

  it('a reader downloads the deck, named for the unit and year, with the configured contact slide', async () => {
    const res = await server.call('reader', 'GET', '/api/reports/deck.pptx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(fileName(res)).toBe('dso-arsrapport-intraservice-2023.pptx');
    const deck = await inspectPptx(await bytesOf(res));
    expect(flat(deck.slides[0]!.text)).toContain('Dataskyddsombudets årsrapport 2023');
    expect(flat(deck.slides.at(-1)!.text)).toContain('Anna (Anna-Lena) Björk');
    expect(overflows(deck)).toEqual([]);
  });

  it('English on request, by query or by Accept-Language', async () => {
    const byQuery = await server.call('reader', 'GET', '/api/reports/deck.pptx?lang=en');
    expect(fileName(byQuery)).toBe('dpo-annual-report-intraservice-2023.pptx');
    const byHeader = await server.call('reader', 'GET', '/api/reports/board.csv', undefined, { 'Accept-Language': 'en' });
    const rows = parseCsv((await bytesOf(byHeader)).toString('utf8').slice(1), ';');
    expect(rows[0]!.slice(0, 3)).toEqual(['Year', 'No.', 'Control point']);
  });

  it('the workbook and the CSV tables download and read back', async () => {
    const xlsx = await server.call('editor', 'GET', '/api/reports/workbook.xlsx?year=2023');
    expect(xlsx.status).toBe(200);
    expect(fileName(xlsx)).toBe('dso-arsrapport-intraservice-2023.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytesOf(xlsx)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Kontrollpunkter', 'Handlingsplan', 'Aktiviteter', 'Underlag']);

    const csv = await server.call('reader', 'GET', '/api/reports/action-plan.csv?sep=comma');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(fileName(csv)).toBe('dso-arsrapport-intraservice-2023-action-plan.csv');
    const bytes = await bytesOf(csv);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(bytes.toString('utf8').slice(1), ',');
    expect(rows.filter((r) => r[0] === 'Anvisning')).toHaveLength(31);
  });

  it('refuses strangers and bad input with the API’s JSON errors, in the caller’s language', async () => {
    const anonymous = await server.call(null, 'GET', '/api/reports/deck.pptx');
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    // the DPO reads every unit, so hears there is none; a reader of the default unit is refused another (roles per unit)
    const unknownUnit = await server.call('dpo', 'GET', '/api/reports/deck.pptx?unit=nowhere', undefined, { 'Accept-Language': 'sv' });
    expect(unknownUnit.status).toBe(404);
    expect((await server.call('reader', 'GET', '/api/reports/deck.pptx?unit=nowhere')).status).toBe(403);
    expect(await unknownUnit.json()).toEqual({ error: { code: 'not_found', message: 'Förvaltningen finns inte.' } });
    const unknownYear = await server.call('reader', 'GET', '/api/reports/workbook.xlsx?year=2019');
    expect(unknownYear.status).toBe(404);
    const badTable = await server.call('reader', 'GET', '/api/reports/secrets.csv');
    expect(badTable.status).toBe(400);
    const badLang = await server.call('reader', 'GET', '/api/reports/deck.pptx?lang=de');
    expect(badLang.status).toBe(400);
    const badAsOf = await server.call('reader', 'GET', '/api/reports/deck.pptx?asOf=2024-02-30');
    expect(badAsOf.status).toBe(400);
    const asOf = await server.call('reader', 'GET', '/api/reports/board.csv?asOf=2024-11-06');
    expect(asOf.status).toBe(200);
    expect(await asOf.text()).not.toContain(';Ja\r\n');
    const nothing = await server.call('reader', 'GET', '/api/reports/nothing');
    expect(nothing.status).toBe(404);
  });

  it('only the DPO or the CISO turns the year; the new year starts unassessed and its deck compares', async () => {
    for (const who of ['reader', 'editor']) {
      const refused = await server.call(who, 'POST', '/api/years', {});
      expect(refused.status).toBe(403);
    }
    const bad = await server.call('dpo', 'POST', '/api/years', { year: 'next' });
    expect(bad.status).toBe(400);
    const started = await server.call('dpo', 'POST', '/api/years', {});
    expect(started.status).toBe(201);
    expect(await started.json()).toMatchObject({ unitId: 'intraservice', year: 2024 });
    const again = await server.call('ciso', 'POST', '/api/years', { year: 2024 });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('year_not_next');

    const years = await server.call('reader', 'GET', '/api/years');
    expect(await years.json()).toEqual({ unitId: 'intraservice', years: [2023, 2024] });
    const board = (await (await server.call('reader', 'GET', '/api/board')).json()) as {
      year: number;
      controlPoints: { dpo: unknown; activities: { ongoing: number } }[];
    };
    expect(board.year).toBe(2024);
    expect(board.controlPoints.every((cp) => cp.dpo === null)).toBe(true);
    expect(board.controlPoints.some((cp) => cp.activities.ongoing > 0)).toBe(true);
    const changes = (await (await server.call('reader', 'GET', '/api/changes?since=0&limit=500')).json()) as {
      changes: { kind: string; year: number }[];
    };
    expect(changes.changes.filter((c) => c.kind === 'year.started')).toEqual([expect.objectContaining({ year: 2024 })]);

    const deck = await server.call('reader', 'GET', '/api/reports/deck.pptx');
    expect(fileName(deck)).toBe('dso-arsrapport-intraservice-2024.pptx');
    const text = flat((await inspectPptx(await bytesOf(deck))).slides.map((s) => s.text).join(' '));
    expect(text).toContain('Dataskyddsombud 2023');
    expect(text).toContain('Nivå 2023: Nivå 5 av 5 → nu: Ej bedömd');
    const old = await server.call('reader', 'GET', '/api/reports/deck.pptx?year=2023');
    expect(fileName(old)).toBe('dso-arsrapport-intraservice-2023.pptx');
  });
});
