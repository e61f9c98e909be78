/**
 * Downloads of the annual report: the deck (PPTX), the workbook (XLSX) and the tables as CSV,
 * for everyone who may read the unit's board; and the city's summary deck and workbook
 * (GET /api/reports/city?format=pptx|xlsx) over the units the caller may read, no others. Same identities, role checks and JSON errors as the
 * rest of the API; mounted at /api/reports before the API router. Reports are built in worker
 * threads (src/report/workers.ts), within limits per person and in all (src/report/limits.ts).
 */
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Locale } from '../domain/model.js';
import { ReportLimits } from '../report/limits.js';
import { unitsWhere } from '../domain/roles.js';
import {
  CITY_FORMATS,
  renderCityReport,
  renderReport,
  type RenderedReport,
  type ReportBuilder,
  type ReportFormat,
} from '../report/render.js';
import type { Contact } from '../report/deck-slides.js';
import { ReportWorkers } from '../report/workers.js';
import { TABLE_NAMES, type TableName } from '../report/tables.js';
import type { BoardStore } from '../store/port.js';
import { actorOf, authenticate, requirePermission, type IdentityProvider } from './auth.js';
import { errorHandler, notFoundRoute, parse } from './errors.js';
import { localeOf } from './locale.js';
import { dateParam, yearParam } from './schemas.js';

export interface ReportsRouterOptions {
  store: BoardStore;
  identity: IdentityProvider;
  defaultUnit: string;
  contact: Contact | null;
  now?: () => Date;
  log?: (error: unknown) => void;
  /** Builds the bytes; the process's report workers by default. */
  build?: ReportBuilder;
  limits?: ReportLimits;
}

/** The report workers of this process, started on the first report, shared by every router. */
let processWorkers: ReportWorkers | undefined;
const inWorkers: ReportBuilder = (job) => (processWorkers ??= new ReportWorkers()).run(job);

const reportQuery = z.object({
  unit: z.string().min(1).max(100).optional(),
  year: yearParam.optional(),
  lang: z.enum(['sv', 'en']).optional(),
  sep: z.enum(['semicolon', 'comma']).optional(),
  /** The day overdue is judged by (the year's status date for a closed year, else today, when absent). */
  asOf: dateParam.optional(),
});
const tableParam = z.object({ table: z.enum(TABLE_NAMES) });
/** A filter switch as the tab sends it: present as "true" or "1". */
const flag = z.enum(['true', '1', 'false', '0']).transform((v) => v === 'true' || v === '1');
const cityQuery = z.object({
  format: z.enum(CITY_FORMATS).default('pptx'),
  year: yearParam.optional(),
  lang: z.enum(['sv', 'en']).optional(),
  asOf: dateParam.optional(),
  /** The city view's one filter (src/domain/city.ts filterCityView), as the tab's heat map applies it. */
  focusOnly: flag.optional(),
  overdueOnly: flag.optional(),
  workPackage: z.string().min(1).max(100).optional(),
});

type Handler = (req: Request, res: Response) => Promise<void>;
const route = (handler: Handler) => (req: Request, res: Response, next: (e?: unknown) => void) => {
  handler(req, res).catch(next);
};

/** Links to the city's deck and workbook for a year, as the tab's city view offers them. */
export function cityReportLinks(base: string, year: number, lang: Locale) {
  const q = `&year=${year}&lang=${lang}`;
  return { pptx: `${base}/api/reports/city?format=pptx${q}`, xlsx: `${base}/api/reports/city?format=xlsx${q}` };
}

/** Links to every download for a unit and year, as the tab and the bot show them. */
export function reportLinks(base: string, unit: string, year: number, lang: Locale) {
  const q = `?unit=${encodeURIComponent(unit)}&year=${year}&lang=${lang}`;
  return {
    pptx: `${base}/api/reports/deck.pptx${q}`,
    xlsx: `${base}/api/reports/workbook.xlsx${q}`,
    csv: Object.fromEntries(TABLE_NAMES.map((t) => [t, `${base}/api/reports/${t}.csv${q}`])) as Record<TableName, string>,
  };
}

export function createReportsRouter(options: ReportsRouterOptions): Router {
  const { store, defaultUnit } = options;
  const now = options.now ?? (() => new Date());
  const build = options.build ?? inWorkers;
  const limits = options.limits ?? new ReportLimits();
  const router = express.Router();
  router.use(authenticate(options.identity));
  const attach = (res: Response, report: RenderedReport) => {
    res.attachment(report.fileName);
    res.set('Content-Type', report.contentType).set('Cache-Control', 'private, no-store').send(report.bytes);
  };

  // The city: only the units the caller may read are in it (a unit they may not read is left out, not refused).
  router.get(
    '/city',
    route(async (req, res) => {
      const query = parse(cityQuery, req.query);
      const actor = actorOf(res);
      const request = {
        year: query.year,
        format: query.format,
        locale: query.lang ?? localeOf(req),
        readable: unitsWhere(actor, 'read'),
        filter: {
          ...(query.focusOnly ? { focusOnly: true } : {}),
          ...(query.overdueOnly ? { overdueOnly: true } : {}),
          ...(query.workPackage === undefined ? {} : { workPackage: query.workPackage }),
        },
        asOf: query.asOf,
        now: now(),
      };
      attach(res, await limits.run(actor.id, () => renderCityReport(store, request, build)));
    }),
  );

  // Reading a unit one may not read is refused (403), whichever report of it is asked for.
  router.use(requirePermission('read', (req) => parse(reportQuery, req.query).unit ?? defaultUnit));

  const send = async (req: Request, res: Response, format: ReportFormat, table?: TableName) => {
    const query = parse(reportQuery, req.query);
    const request = {
      unitId: query.unit ?? defaultUnit,
      year: query.year,
      format,
      locale: query.lang ?? localeOf(req),
      table,
      separator: query.sep === 'comma' ? (',' as const) : (';' as const),
      contact: options.contact,
      asOf: query.asOf,
      now: now(),
    };
    attach(res, await limits.run(actorOf(res).id, () => renderReport(store, request, build)));
  };

  router.get(
    '/',
    route(async (req, res) => {
      const query = parse(reportQuery, req.query);
      const unit = query.unit ?? defaultUnit;
      const years = await store.listYears(unit);
      const year = query.year ?? years.at(-1) ?? 0;
      res.json({ unit, years, year, links: reportLinks('', unit, year, query.lang ?? localeOf(req)) });
    }),
  );
  router.get(
    '/deck.pptx',
    route((req, res) => send(req, res, 'pptx')),
  );
  router.get(
    '/workbook.xlsx',
    route((req, res) => send(req, res, 'xlsx')),
  );
  router.get(
    '/:table.csv',
    route(async (req, res) => {
      const { table } = parse(tableParam, req.params);
      await send(req, res, 'csv', table);
    }),
  );
  router.use(notFoundRoute);
  router.use(errorHandler(options.log ?? ((e) => console.error(e)), store));
  return router;
}
