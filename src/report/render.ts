/**
 * One entry point for every report format, shared by the HTTP routes and the CLI:
 * reads the data through the port, renders it, and names the file.
 */
import type { Locale } from '../domain/model.js';
import { isoDay } from '../domain/period.js';
import type { BoardStore } from '../store/port.js';
import { toCsv, type Separator } from './csv.js';
import { buildDeck, type Contact } from './deck.js';
import { loadReportData, type ReportData } from './report-data.js';
import { tableByName, type TableName } from './tables.js';
import { buildWorkbook } from './xlsx.js';

export const REPORT_FORMATS = ['pptx', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

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
  now?: Date | undefined;
}

export interface RenderedReport {
  bytes: Buffer;
  contentType: string;
  fileName: string;
  /** Slides, for a deck. */
  slides?: number;
}

/** A file name safe on every file system: ASCII letters, digits and dashes. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'unit';
}

export function fileNameOf(data: Pick<ReportData, 'unit' | 'year'>, format: ReportFormat, locale: Locale, table?: TableName): string {
  const base = locale === 'en' ? 'dpo-annual-report' : 'dso-arsrapport';
  const part = format === 'csv' ? `-${table ?? 'board'}` : '';
  return `${base}-${slug(data.unit.name)}-${data.year}${part}.${format}`;
}

export async function renderReport(store: BoardStore, request: ReportRequest): Promise<RenderedReport> {
  const locale = request.locale ?? 'sv';
  const today = isoDay(request.now ?? new Date());
  const data = await loadReportData(store, request.unitId, request.year, today);
  const named = (bytes: Buffer, extra: Partial<RenderedReport> = {}): RenderedReport => ({
    bytes,
    contentType: CONTENT_TYPES[request.format],
    fileName: fileNameOf(data, request.format, locale, request.table),
    ...extra,
  });
  if (request.format === 'pptx') {
    const deck = await buildDeck(data, { locale, contact: request.contact ?? null });
    return named(deck.bytes, { slides: deck.slides.length });
  }
  if (request.format === 'xlsx') return named(await buildWorkbook(data, locale));
  return named(toCsv(tableByName(request.table ?? 'board', data, locale), request.separator ?? ';'));
}
