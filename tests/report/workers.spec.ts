/**
 * Reports off the main thread: the worker pool (src/report/workers.ts), the limits per person
 * and in all (src/report/limits.ts) over real HTTP, and text that reaches a deck with a
 * control character in it (stored before the rule existed, or edited in SharePoint).
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import express from 'express';
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReportsRouter } from '../../src/api/reports-router.js';
import type { Actor } from '../../src/domain/roles.js';
import { ReportLimits } from '../../src/report/limits.js';
import { loadReportData } from '../../src/report/report-data.js';
import type { ReportBuilder } from '../../src/report/render.js';
import { ReportWorkers } from '../../src/report/workers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { seededStore, TODAY, UNIT, type SeededStore } from './fixture.js';
import { flat, inspectPptx } from './pptx-inspect.js';

const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string) => { window: { DOMParser: new () => DOMParser } };
};
const parser = new new JSDOM('').window.DOMParser();
/** True when the text is well-formed XML 1.0 (jsdom's XML parser is strict and reports a parsererror otherwise). */
const wellFormed = (xml: string) => parser.parseFromString(xml, 'application/xml').getElementsByTagName('parsererror').length === 0;

// Decks are heavy (pptxgenjs loaded into a fresh worker, then built): the same bound as tests/report/deck.spec.ts.
describe('a control character stored in a status does not reach the deck', { timeout: 60_000 }, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ BOT_ENABLED: 'false' });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('the deck built in the worker is valid XML throughout and shows the text without the NUL', async () => {
    expect(wellFormed('<a>Före\u0000efter</a>')).toBe(false);
    const db = new Database(server.config.sqliteFile);
    db.prepare('UPDATE status_updates SET text = ? || text WHERE control_point = 1').run('Före\u0000efter\u0007 ');
    db.close();

    const res = await server.call('reader', 'GET', '/api/reports/deck.pptx');
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const zip = await JSZip.loadAsync(bytes);
    const parts = Object.keys(zip.files).filter((name) => name.endsWith('.xml') || name.endsWith('.rels'));
    expect(parts.length).toBeGreaterThan(20);
    for (const name of parts) expect(wellFormed(await zip.file(name)!.async('string')), name).toBe(true);
    const text = flat((await inspectPptx(bytes)).slides.map((s) => s.text).join(' '));
    expect(text).toContain('Föreefter');
  });
});

describe('the report workers', { timeout: 60_000 }, () => {
  let seeded: SeededStore;
  let workers: ReportWorkers;
  beforeEach(async () => {
    seeded = await seededStore();
  });
  afterEach(async () => {
    await workers?.close();
    await seeded.dispose();
  });

  it('build several reports with no more workers than their size, each one right', async () => {
    workers = new ReportWorkers({ size: 2 });
    const data = await loadReportData(seeded.store, UNIT, undefined, TODAY);
    const tables = ['board', 'action-plan', 'activities', 'board'] as const;
    const built = await Promise.all(tables.map((table) => workers.build(data, { format: 'csv', locale: 'sv', table })));
    expect(workers.started).toBeLessThanOrEqual(2);
    const texts = built.map((b) => Buffer.from(b.bytes).toString('utf8'));
    expect(texts[0]).toContain('Dataskyddsorganisation');
    expect(texts[1]).toContain('IIFS 01');
    expect(texts[3]).toBe(texts[0]);
    const deck = await workers.build(data, { format: 'pptx', locale: 'en' });
    expect(deck.slides).toBeGreaterThan(10);
    expect((await inspectPptx(deck.bytes)).slides.length).toBe(deck.slides);
  });

  it('a build that fails rejects with its message only, and the next build still works', async () => {
    workers = new ReportWorkers({ size: 1 });
    const broken = { ...(await loadReportData(seeded.store, UNIT, undefined, TODAY)), controlPoints: null } as never;
    await expect(workers.build(broken, { format: 'csv', locale: 'sv' })).rejects.toThrow(/Cannot read properties of null/);
    const data = await loadReportData(seeded.store, UNIT, undefined, TODAY);
    expect((await workers.build(data, { format: 'csv', locale: 'sv' })).bytes.length).toBeGreaterThan(100);
  });

  it('refuse new work once closed, and fail what was waiting', async () => {
    workers = new ReportWorkers({ size: 1 });
    await workers.close();
    await expect(workers.build({} as never, { format: 'csv', locale: 'sv' })).rejects.toThrow(/closed/);
  });
});

describe('limits on reports on their way, over HTTP', () => {
  let seeded: SeededStore;
  let url: string;
  let close: () => Promise<void>;
  /** Builds wait here until the test lets them go, so what is "on its way" is known exactly. */
  let pending: (() => void)[];

  beforeEach(async () => {
    seeded = await seededStore();
    pending = [];
    const held: ReportBuilder = () => new Promise((resolve) => pending.push(() => resolve({ bytes: new TextEncoder().encode('a;b\r\n') })));
    const person = (id: string): Actor => ({
      id,
      displayName: id,
      roles: ['reader'],
      grants: [{ role: 'reader' as const, units: '*' as const }],
    });
    const identity = {
      mode: 'local' as const,
      fromRequest: (req: { get(name: string): string | undefined }) => Promise.resolve(person(req.get('x-user') ?? 'anon')),
    };
    const app = express();
    app.use(
      '/api/reports',
      createReportsRouter({
        store: seeded.store,
        identity,
        defaultUnit: UNIT,
        contact: null,
        build: held,
        limits: new ReportLimits({ perPerson: 1, total: 2 }),
      }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/reports/board.csv`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterEach(async () => {
    await close();
    await seeded.dispose();
  });

  const get = (user: string, lang = 'sv') => fetch(url, { headers: { 'x-user': user, 'Accept-Language': lang } });
  /** Resolves once `n` builds are held (each request reaches the builder after its data is read). */
  const held = async (n: number) => {
    while (pending.length < n) await new Promise((resolve) => setImmediate(resolve));
  };

  it('one person gets 429 for a second report while the first is building; others get theirs; beyond the total, 429 for all', async () => {
    const first = get('anna');
    await held(1);
    const again = await get('anna');
    expect(again.status).toBe(429);
    expect(again.headers.get('retry-after')).toBe('5');
    expect(await again.json()).toEqual({
      error: { code: 'report_user_busy', message: 'Du har redan 1 rapporter på väg. Vänta tills de är klara.' },
    });

    const second = get('bo');
    await held(2);
    const full = await get('cecilia', 'en');
    expect(full.status).toBe(429);
    expect(await full.json()).toEqual({
      error: { code: 'report_busy', message: 'Many reports are being built right now. Try again in a moment.' },
    });

    for (const release of pending.splice(0)) release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    const after = get('anna');
    await held(1);
    pending.splice(0)[0]!();
    expect((await after).status).toBe(200);
  });
});
