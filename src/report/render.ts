/**
 * One entry point for every report format, shared by the HTTP routes and the CLI: reads the
 * data through the port, has it built (in a worker thread for the server, in the calling
 * thread for the CLI), and names the file. The builders are loaded only when a report is built.
 */
import type { IsoDate, Locale } from '../domain/model.js';
import { isoDay } from '../domain/period.js';
import type { BoardStore } from '../store/port.js';
import type { Built, BuildOptions, ReportFormat } from './build.js';
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

/** Turns report data into bytes: a worker pool's build, or buildInThisThread. */
export type ReportBuilder = (data: ReportData, options: BuildOptions) => Promise<Built>;

/** Builds in the calling thread (the CLI, tests); loads the builders on first use. */
export const buildInThisThread: ReportBuilder = async (data, options) => (await import('./build.js')).buildReport(data, options);

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
  const built = await build(data, options);
  return {
    bytes: Buffer.from(built.bytes.buffer, built.bytes.byteOffset, built.bytes.byteLength),
    contentType: CONTENT_TYPES[request.format],
    fileName: fileNameOf(data, request.format, locale, request.table),
    ...(built.slides === undefined ? {} : { slides: built.slides }),
  };
}
