/**
 * One entry point for every report format, shared by the HTTP routes and the CLI: reads the
 * data through the port, has it built (in a worker thread for the server, in the calling
 * thread for the CLI), and names the file. The builders are loaded only when a report is built.
 */
import type { IsoDate, Locale } from '../domain/model.js';
import { isoDay } from '../domain/period.js';
import type { BoardStore } from '../store/port.js';
import type { CityFilter } from '../domain/city.js';
import type { Built, BuildOptions, CityFormat, ReportFormat, ReportJob } from './build.js';
import { loadCityReportData, type ReadableUnits } from './city-data.js';
import type { Separator } from './csv.js';
import type { Contact } from './deck-slides.js';
import { loadReportData, type ReportData } from './report-data.js';
import type { TableName } from './tables.js';

export type { ReportFormat } from './build.js';
export const REPORT_FORMATS = ['pptx', 'xlsx', 'csv'] as const satisfies readonly ReportFormat[];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface ReportRequest {
  unitId: string;
  /** The unit's newest year when omitted. */
  year?: number | undefined;
  format: ReportFormat;
  locale?: Locale | undefined;
  /** Which table a CSV holds (board by default). */
  table?: TableName | undefined;
  separator?: Separator | undefined;
  contact?: Contact | null | undefined;
  /** The day overdue is judged by; by default the year's status date for a closed year, else today. */
  asOf?: IsoDate | undefined;
  now?: Date | undefined;
}

export interface RenderedReport {
  bytes: Buffer;
  contentType: string;
  fileName: string;
  /** Slides, for a deck. */
  slides?: number;
}

/** Turns a report job into bytes: a worker pool's run, or buildInThisThread. */
export type ReportBuilder = (job: ReportJob) => Promise<Built>;

/** Builds in the calling thread (the CLI, tests); loads the builders on first use. */
export const buildInThisThread: ReportBuilder = async (job) => (await import('./build.js')).buildJob(job);

/** A file name safe on every file system: ASCII letters, digits and dashes. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'unit'
  );
}

export function fileNameOf(data: Pick<ReportData, 'unit' | 'year'>, format: ReportFormat, locale: Locale, table?: TableName): string {
  const base = locale === 'en' ? 'dpo-annual-report' : 'dso-arsrapport';
  const part = format === 'csv' ? `-${table ?? 'board'}` : '';
  return `${base}-${slug(data.unit.name)}-${data.year}${part}.${format}`;
}

export const CITY_FORMATS = ['pptx', 'xlsx'] as const satisfies readonly CityFormat[];

export interface CityReportRequest {
  /** The newest year some readable unit has when omitted. */
  year?: number | undefined;
  format: CityFormat;
  locale?: Locale | undefined;
  /** The units the person may read: every unit ('*') or these. */
  readable: ReadableUnits;
  /** The one filter of the city view (the tab's filters). */
  filter?: CityFilter | undefined;
  /** The day overdue is judged by (today when absent, as the city view in the tab). */
  asOf?: IsoDate | undefined;
  now?: Date | undefined;
}

export function cityFileNameOf(year: number, format: CityFormat, locale: Locale): string {
  return `${locale === 'en' ? 'dpo-follow-up-all-units' : 'dso-uppfoljning-alla-forvaltningar'}-${year}.${format}`;
}

/** The city's deck or workbook over the units the person may read. */
export async function renderCityReport(
  store: BoardStore,
  request: CityReportRequest,
  build: ReportBuilder = buildInThisThread,
): Promise<RenderedReport> {
  const locale = request.locale ?? 'sv';
  const data = await loadCityReportData(store, {
    year: request.year,
    readable: request.readable,
    filter: request.filter ?? {},
    locale,
    today: isoDay(request.now ?? new Date()),
    asOf: request.asOf,
  });
  const built = await build({ kind: 'city', data, options: { format: request.format, locale } });
  return {
    bytes: Buffer.from(built.bytes.buffer, built.bytes.byteOffset, built.bytes.byteLength),
    contentType: CONTENT_TYPES[request.format],
    fileName: cityFileNameOf(data.view.year, request.format, locale),
    ...(built.slides === undefined ? {} : { slides: built.slides }),
  };
}

export async function renderReport(
  store: BoardStore,
  request: ReportRequest,
  build: ReportBuilder = buildInThisThread,
): Promise<RenderedReport> {
  const locale = request.locale ?? 'sv';
  const data = await loadReportData(store, request.unitId, request.year, isoDay(request.now ?? new Date()), request.asOf);
  const options: BuildOptions = {
    format: request.format,
    locale,
    table: request.table,
    separator: request.separator,
    contact: request.contact ?? null,
  };
  const built = await build({ kind: 'unit', data, options });
  return {
    bytes: Buffer.from(built.bytes.buffer, built.bytes.byteOffset, built.bytes.byteLength),
    contentType: CONTENT_TYPES[request.format],
    fileName: fileNameOf(data, request.format, locale, request.table),
    ...(built.slides === undefined ? {} : { slides: built.slides }),
  };
}
