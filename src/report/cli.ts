/**
 * npm run report -- --unit <id> | --all  --format pptx|xlsx|csv --out <file> [options]
 *   --unit <id>: the unit's annual report (the default unit when neither is given);
 *   --all: the city's summary deck or workbook over every unit (the heat map, the spread, focus areas, overdue work).
 * Opens the configured store (as the server does, seeding an empty one when SEED_ON_START
 * allows) and writes the report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { exitWithUsage, parseCommandLine, UsageError } from '../cli/args.js';
import { loadConfig } from '../config.js';
import type { CityFilter } from '../domain/city.js';
import { DomainError } from '../domain/errors.js';
import { isIsoDate } from '../domain/period.js';
import { importSeedFile, openStore } from '../store/open.js';
import type { BoardStore } from '../store/port.js';
import { errorMessage } from '../words/errors.js';
import type { Contact } from './deck-slides.js';
import { CITY_FORMATS, REPORT_FORMATS, renderCityReport, renderReport, type RenderedReport, type ReportFormat } from './render.js';
import { TABLE_NAMES, type TableName } from './tables.js';

const USAGE = `usage: npm run report -- [--unit <id> | --all] --format pptx|xlsx|csv --out <file> [options]
  --unit <id>      one unit's annual report (default: the configured default unit)
  --all            the city's summary over every unit: --format pptx (deck) or xlsx (workbook)
  --year <year>    the report year (default: the newest)
  --lang sv|en     the report's language (default sv)
  --as-of YYYY-MM-DD  the day overdue is judged by (default: a closed year's status date, else today)
 with --unit:  --table ${TABLE_NAMES.join('|')}  --sep semicolon|comma   (CSV)
 with --all:   --focus-only  --overdue-only  --work-package <key>   (the city view's filters)`;

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
  all: { type: 'boolean' },
  lang: { type: 'string' },
  table: { type: 'string' },
  sep: { type: 'string' },
  'as-of': { type: 'string' },
  'focus-only': { type: 'boolean' },
  'overdue-only': { type: 'boolean' },
  'work-package': { type: 'string' },
} as const;

type Values = ReturnType<typeof parseCommandLine<typeof OPTIONS>>['values'];

/** Options that belong to the other kind of report are refused, not silently ignored. */
function refuse(values: Values, names: (keyof typeof OPTIONS)[], why: string): void {
  const given = names.filter((n) => values[n] !== undefined);
  if (given.length > 0) throw new UsageError(`${given.map((n) => `--${n}`).join(', ')} ${given.length === 1 ? 'goes' : 'go'} ${why}`);
}

export function parseCliArgs(argv: string[]) {
  const { values } = parseCommandLine(argv, { usage: USAGE, options: OPTIONS });
  if (values.help) return undefined;
  if (values.all && values.unit !== undefined) throw new UsageError('--unit and --all exclude each other: one unit, or every unit');
  const format = oneOf<ReportFormat>(values.format, REPORT_FORMATS, 'format');
  if (!format) throw new UsageError('--format is required');
  if (!values.out) throw new UsageError('--out is required');
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100))
    throw new UsageError('--year must be a year such as 2024');
  const asOf = values['as-of'];
  if (asOf !== undefined && !isIsoDate(asOf)) throw new UsageError('--as-of must be a date such as 2024-11-06');
  const common = { out: values.out, year, lang: oneOf(values.lang, ['sv', 'en'] as const, 'lang') ?? 'sv', asOf };
  if (values.all) {
    refuse(values, ['table', 'sep'], "with --unit (a unit's CSV tables); --all writes a deck or a workbook");
    const cityFormat = oneOf(format, CITY_FORMATS, 'format (with --all)');
    if (!cityFormat) throw new UsageError('--format is required');
    const filter: CityFilter = {
      ...(values['focus-only'] ? { focusOnly: true } : {}),
      ...(values['overdue-only'] ? { overdueOnly: true } : {}),
      ...(values['work-package'] === undefined ? {} : { workPackage: values['work-package'] }),
    };
    return { kind: 'city' as const, format: cityFormat, filter, ...common };
  }
  refuse(values, ['focus-only', 'overdue-only', 'work-package'], "with --all (the city view's filters)");
  return {
    kind: 'unit' as const,
    format,
    unit: values.unit,
    table: oneOf<TableName>(values.table, TABLE_NAMES, 'table'),
    separator: oneOf(values.sep, ['semicolon', 'comma'] as const, 'sep') === 'comma' ? (',' as const) : (';' as const),
    ...common,
  };
}

type CliArgs = NonNullable<ReturnType<typeof parseCliArgs>>;

/** The report the arguments ask for: the city's over every unit, or one unit's. */
function render(store: BoardStore, args: CliArgs, defaultUnit: string, contact: Contact | null): Promise<RenderedReport> {
  if (args.kind === 'city') {
    const { year, format, lang: locale, filter, asOf } = args;
    return renderCityReport(store, { year, format, locale, readable: '*', filter, asOf });
  }
  return renderReport(store, {
    unitId: args.unit ?? defaultUnit,
    year: args.year,
    format: args.format,
    locale: args.lang,
    table: args.table,
    separator: args.separator,
    contact,
    asOf: args.asOf,
  });
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
    const report = await render(store, args, config.defaultUnit, config.report.contact);
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
