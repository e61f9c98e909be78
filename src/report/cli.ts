/**
 * npm run report -- --year <year> --format pptx|xlsx|csv --out <file>
 *   [--unit <id>] [--lang sv|en] [--table board|action-plan|activities] [--sep semicolon|comma] [--as-of YYYY-MM-DD]
 * Opens the configured store (as the server does, seeding an empty one when SEED_ON_START
 * allows) and writes the report for the unit and year.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exitWithUsage, parseCommandLine, UsageError } from '../cli/args.js';
import { loadConfig } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { isIsoDate } from '../domain/period.js';
import { importSeedFile, openStore } from '../store/open.js';
import { errorMessage } from '../words/errors.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from './render.js';
import { TABLE_NAMES, type TableName } from './tables.js';

const USAGE = `usage: npm run report -- --year <year> --format pptx|xlsx|csv --out <file>
       [--unit <id>] [--lang sv|en] [--table ${TABLE_NAMES.join('|')}] [--sep semicolon|comma]
       [--as-of YYYY-MM-DD]  the day overdue is judged by (default: a closed year's status date, else today)`;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}

const OPTIONS = {
  year: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  unit: { type: 'string' },
  lang: { type: 'string' },
  table: { type: 'string' },
  sep: { type: 'string' },
  'as-of': { type: 'string' },
} as const;

export function parseCliArgs(argv: string[]) {
  const { values } = parseCommandLine(argv, { usage: USAGE, options: OPTIONS });
  if (values.help) return undefined;
  const format = oneOf<ReportFormat>(values.format, REPORT_FORMATS, 'format');
  if (!format) throw new UsageError('--format is required');
  if (!values.out) throw new UsageError('--out is required');
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100))
    throw new UsageError('--year must be a year such as 2024');
  const asOf = values['as-of'];
  if (asOf !== undefined && !isIsoDate(asOf)) throw new UsageError('--as-of must be a date such as 2024-11-06');
  return {
    format,
    out: values.out,
    year,
    unit: values.unit,
    lang: oneOf(values.lang, ['sv', 'en'] as const, 'lang') ?? 'sv',
    table: oneOf<TableName>(values.table, TABLE_NAMES, 'table'),
    separator: oneOf(values.sep, ['semicolon', 'comma'] as const, 'sep') === 'comma' ? (',' as const) : (';' as const),
    asOf,
  };
}

async function main(argv: string[]): Promise<void> {
  const args = parseCliArgs(argv);
  if (!args) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const { store } = await openStore(config);
  try {
    if (config.seedOnStart && (await store.isEmpty())) {
      await importSeedFile(store, config.seedFile);
      console.error('the store was empty: seeded it from the report');
    }
    const report = await renderReport(store, {
      unitId: args.unit ?? config.defaultUnit,
      year: args.year,
      format: args.format,
      locale: args.lang,
      table: args.table,
      separator: args.separator,
      contact: config.report.contact,
      asOf: args.asOf,
    });
    fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
    fs.writeFileSync(args.out, report.bytes);
    const slides = report.slides === undefined ? '' : `, ${report.slides} slides`;
    console.log(`wrote ${args.out} (${report.bytes.length} bytes${slides})`);
  } finally {
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof UsageError) exitWithUsage(USAGE, error.message);
    // A refusal of the domain is said in words (English on the command line); anything else by its message.
    console.error(error instanceof DomainError ? errorMessage(error, 'en') : error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
