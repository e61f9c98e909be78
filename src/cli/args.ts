/**
 * The command-line scripts' arguments (npm run seed, report, provision, package, validate), read one way:
 * node:util parseArgs with strict: true, so an option a script does not know (a typo, or one from a newer
 * version such as `--demo-units`) stops it with a clear message and the usage, exit code 2, before it touches
 * any store. `--help` prints the usage and exits 0.
 * https://nodejs.org/docs/latest-v20.x/api/util.html#utilparseargsconfig
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandLine<O extends Options> {
  /** The usage text, starting with `usage: npm run ...`. */
  usage: string;
  options: O;
  /** Names of the positional arguments the command takes, in order; none unless given. */
  positionals?: readonly string[];
}

/** A command line the script cannot run with; the message says what is wrong, in English. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What parseArgs complains about, said shortly (its own messages explain the `--` convention at length). */
function usageMessage(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${JSON.stringify(quoted ?? '')}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return error.message.replace(/\.$/, '');
    default:
      return error.message;
  }
}

/** Parses `argv` strictly; throws UsageError for anything the command does not take. */
export function parseCommandLine<O extends Options>(argv: readonly string[], command: CommandLine<O>) {
  const allowed = command.positionals ?? [];
  try {
    const parsed = parseArgs({
      args: [...argv],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: allowed.length > 0,
      strict: true,
    });
    if (parsed.positionals.length > allowed.length)
      throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[allowed.length])}`);
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (error instanceof Error && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      throw new UsageError(usageMessage(error));
    throw error;
  }
}

/**
 * Parses the process's own arguments for a script: on `--help` prints the usage and exits 0; on a usage error
 * prints the message and the usage to stderr and exits 2. Otherwise returns what parseArgs returns.
 */
export function commandLineOrExit<O extends Options>(command: CommandLine<O>, argv: readonly string[] = process.argv.slice(2)) {
  try {
    const parsed = parseCommandLine(argv, command);
    if ((parsed.values as { help?: boolean }).help === true) {
      console.log(command.usage);
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    exitWithUsage(command.usage, error.message);
  }
}

/** Prints a usage error and the usage to stderr and ends the process with exit code 2. */
export function exitWithUsage(usage: string, message: string): never {
  console.error(`error: ${message}`);
  console.error(usage);
  process.exit(2);
}
