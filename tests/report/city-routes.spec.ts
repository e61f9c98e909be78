/**
 * GET /api/reports/city over real HTTP (the server as it runs, decks built in its report workers):
 * the city's deck and workbook hold the units the caller may read and no others (contract C2), and a
 * unit's own report of a unit the caller may not read is refused.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { seedCityFile } from './city-fixture.js';
import { flat, inspectPptx } from './pptx-inspect.js';

// Decks are built in a fresh report worker (pptxgenjs loaded there first): the deck spec's bound.
describe('GET /api/reports/city', { timeout: 120_000 }, () => {
  let server: TestServer;
  beforeAll(async () => {
    const dataDir = tempDataDir();
    await seedCityFile(`${dataDir}/dpo-board.sqlite`, 3);
    server = await startTestServer({ BOT_ENABLED: 'false' }, dataDir);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const unitsOnHeatMap = async (res: Response) => {
    const deck = await inspectPptx(Buffer.from(await res.arrayBuffer()));
    const text = flat(deck.slides[1]!.text);
    return ['Intraservice', 'Exempel 01 – ', 'Exempel 02 – ', 'Exempel 03 – '].filter((u) => text.includes(u));
  };

  it('gives the DPO (every unit) the deck over every unit, as an attachment', async () => {
    const res = await server.call('dpo', 'GET', '/api/reports/city?format=pptx&lang=sv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?dso-uppfoljning-alla-forvaltningar-\d{4}\.pptx"?$/);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await unitsOnHeatMap(res)).toEqual(['Intraservice', 'Exempel 01 – ', 'Exempel 02 – ', 'Exempel 03 – ']);
  });

  it("leaves out the units a CISO of one example unit may not read, in the deck and in the workbook, and refuses another unit's report", async () => {
    const deck = await server.call('ciso-exempel', 'GET', '/api/reports/city?format=pptx');
    expect(deck.status).toBe(200);
    // The default unit (everyone reads it) and their own.
    expect(await unitsOnHeatMap(deck)).toEqual(['Intraservice', 'Exempel 01 – ']);

    const book = await server.call('ciso-exempel', 'GET', '/api/reports/city?format=xlsx&lang=en');
    expect(book.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await book.arrayBuffer());
    const ids = workbook.getWorksheet('Levels')!.getColumn(2).values.slice(2);
    expect([...new Set(ids)].sort()).toEqual(['exempel-01', 'intraservice']);

    const other = await server.call('ciso-exempel', 'GET', '/api/reports/deck.pptx?unit=exempel-02');
    expect(other.status).toBe(403);
  });

  it('refuses a city CSV and an unknown switch value with 400, in words', async () => {
    const csv = await server.call('dpo', 'GET', '/api/reports/city?format=csv');
    expect(csv.status).toBe(400);
    const flag = await server.call('dpo', 'GET', '/api/reports/city?focusOnly=perhaps');
    expect(flag.status).toBe(400);
    expect(JSON.stringify(await flag.json())).not.toMatch(/\/work\/|at .+\.ts/);
  });
});
