/**
 * npm run package -- --env dev     builds appPackage/build/appPackage.dev.zip (and manifest.dev.json)
 *                                  from env/.env.dev, env/.env.dev.user and the process environment
 * npm run validate                 checks the package (with scripts/app-package/sample.env), the
 *                                  Entra manifest and teamsapp.yml / teamsapp.local.yml, offline
 * npm run validate -- --env dev    the same with an environment's real values
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { fileURLToPath } from 'node:url';
import { exitWithUsage, parseCommandLine, UsageError } from '../../src/cli/args.js';
import { aadManifestProblems, readAadManifest } from './aad-manifest.js';
import { checkAppPackage, readAppPackage, zipAppPackage, type AppPackage } from './app-package.js';
import { loadEnvironment, MissingVariablesError, type Variables } from './environment.js';
import { checkToolkitYaml } from './toolkit-yaml.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SAMPLE_ENV = path.join(ROOT, 'scripts/app-package/sample.env');
const TOOLKIT_FILES = ['teamsapp.yml', 'teamsapp.local.yml'];

export function sampleVariables(): Variables {
  return { ...parseEnv(fs.readFileSync(SAMPLE_ENV, 'utf8')) } as Variables;
}

/** Every problem of the package and the Toolkit files for these variables; [] when all is well. */
export async function validateAll(root: string, vars: Variables): Promise<{ pkg?: AppPackage; problems: string[] }> {
  const problems: string[] = [];
  let pkg: AppPackage | undefined;
  try {
    pkg = readAppPackage(path.join(root, 'appPackage'), vars);
    problems.push(...(await checkAppPackage(pkg)));
    const resource = String((pkg.manifest.webApplicationInfo as { resource?: string } | undefined)?.resource);
    problems.push(
      ...aadManifestProblems(readAadManifest(path.join(root, 'aad.manifest.json'), vars), resource).map((p) => `aad.manifest.json: ${p}`),
    );
  } catch (error) {
    if (!(error instanceof MissingVariablesError) && !(error instanceof Error)) throw error;
    problems.push(error.message);
  }
  for (const file of TOOLKIT_FILES) problems.push(...checkToolkitYaml(path.join(root, file)).problems);
  return { pkg, problems };
}

function report(problems: string[]): void {
  for (const problem of problems) console.error(`  ✗ ${problem}`);
}

async function runPackage(env: string): Promise<number> {
  const vars = loadEnvironment(ROOT, env);
  const pkg = readAppPackage(path.join(ROOT, 'appPackage'), vars);
  const problems = await checkAppPackage(pkg);
  if (problems.length > 0) {
    console.error(`The app package for "${env}" is not valid:`);
    report(problems);
    return 1;
  }
  const outDir = path.join(ROOT, 'appPackage', 'build');
  fs.mkdirSync(outDir, { recursive: true });
  const zipFile = path.join(outDir, `appPackage.${env}.zip`);
  fs.writeFileSync(zipFile, await zipAppPackage(pkg));
  fs.writeFileSync(path.join(outDir, `manifest.${env}.json`), pkg.files[0]!.bytes);
  console.log(`${path.relative(process.cwd(), zipFile)}: ${pkg.files.map((f) => f.name).join(', ')}`);
  console.log(
    `  app id ${String(pkg.manifest.id)}, version ${String(pkg.manifest.version)}, manifest ${String(pkg.manifest.manifestVersion)}`,
  );
  return 0;
}

async function runValidate(env: string | undefined): Promise<number> {
  const vars = env ? loadEnvironment(ROOT, env) : sampleVariables();
  const { problems } = await validateAll(ROOT, vars);
  const what = env ? `environment "${env}"` : `sample values (${path.relative(ROOT, SAMPLE_ENV)})`;
  if (problems.length > 0) {
    console.error(`Validation failed with ${what}:`);
    report(problems);
    return 1;
  }
  console.log(`✓ appPackage/ against the official Teams schemas (manifest and localization), icons, domains, the message extension`);
  console.log(`✓ aad.manifest.json: access_as_user, pre-authorised clients, app roles`);
  console.log(`✓ ${TOOLKIT_FILES.join(', ')} against the Toolkit's YAML schema`);
  console.log(`  (filled with ${what})`);
  return 0;
}

const USAGE = `usage: npm run package [-- --env NAME]    the app package for env/.env.NAME (default TEAMSFX_ENV or dev)
       npm run validate [-- --env NAME]   checks the package, aad.manifest.json and the Toolkit files`;

/** The command and --env, or exits with the usage (code 2) when the command line is not one of the two forms. */
function readCommandLine(argv: string[]): { command: 'package' | 'validate'; env: string | undefined } {
  try {
    const { positionals, values } = parseCommandLine(argv, {
      usage: USAGE,
      options: { env: { type: 'string' } },
      positionals: ['command'],
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const command = positionals[0];
    if (command !== 'package' && command !== 'validate')
      throw new UsageError(command ? `unknown command ${JSON.stringify(command)}` : 'no command');
    return { command, env: values.env };
  } catch (error) {
    if (error instanceof UsageError) exitWithUsage(USAGE, error.message);
    throw error;
  }
}

async function main(argv: string[]): Promise<number> {
  const command = readCommandLine(argv);
  const env = command.command === 'package' ? (command.env ?? process.env.TEAMSFX_ENV ?? 'dev') : command.env;
  try {
    return command.command === 'package' ? await runPackage(env!) : await runValidate(env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    if (error instanceof MissingVariablesError && env) {
      console.error(
        `  Looked in env/.env.${env}, env/.env.${env}.user and the process environment; \`atk provision --env ${env}\` writes the ids and domains.`,
      );
    }
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
