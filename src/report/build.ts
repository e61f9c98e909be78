/**
 * Report bytes from report data: a unit's deck (pptxgenjs), workbook (exceljs) or one table as
 * CSV, or the city's deck and workbook. A pure function of its input, so it runs the same in a
 * worker thread (the server, src/report/workers.ts) and in the calling thread (the CLI). Only
 * this module loads the heavy builders, each when its format is first asked for.
 */
import type { Locale } from '../domain/model.js';
import { toCsv, type Separator } from './csv.js';
import type { CityReportData } from './city-deck.js';
import type { Contact } from './deck.js';
import type { ReportData } from './report-data.js';
import { tableByName, type TableName } from './tables.js';

export type ReportFormat = 'pptx' | 'xlsx' | 'csv';

/** How to build: everything but the data, structured-cloneable for a worker. */
export interface BuildOptions {
  format: ReportFormat;
  locale: Locale;
  table?: TableName | undefined;
  separator?: Separator | undefined;
  contact?: Contact | null | undefined;
}

export interface Built {
  bytes: Uint8Array;
  /** Slides, for a deck. */
  slides?: number;
}

/** Each format loads its own builder on first use: a CSV never loads pptxgenjs or exceljs. */
export async function buildReport(data: ReportData, options: BuildOptions): Promise<Built> {
  if (options.format === 'pptx') {
    const { buildDeck } = await import('./deck.js');
    const deck = await buildDeck(data, { locale: options.locale, contact: options.contact ?? null });
    return { bytes: deck.bytes, slides: deck.slides.length };
  }
  if (options.format === 'xlsx') return { bytes: await (await import('./xlsx.js')).buildWorkbook(data, options.locale) };
  return { bytes: toCsv(tableByName(options.table ?? 'board', data, options.locale), options.separator ?? ';') };
}

/** The city's report: its deck or its workbook (no CSV: the city has several tables of different shapes). */
export type CityFormat = Exclude<ReportFormat, 'csv'>;

/** One report to build, as a worker is sent it (structured-cloneable). */
export type ReportJob =
  | { kind: 'unit'; data: ReportData; options: BuildOptions }
  | { kind: 'city'; data: CityReportData; options: { format: CityFormat; locale: Locale } };

export async function buildJob(job: ReportJob): Promise<Built> {
  if (job.kind === 'unit') return buildReport(job.data, job.options);
  if (job.options.format === 'pptx') {
    const deck = await (await import('./city-deck.js')).buildCityDeck(job.data, job.options.locale);
    return { bytes: deck.bytes, slides: deck.slides.length };
  }
  return { bytes: await (await import('./city-workbook.js')).buildCityWorkbook(job.data, job.options.locale) };
}
