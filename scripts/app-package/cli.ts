/**
 * npm run package -- --env dev     builds appPackage/build/appPackage.dev.zip (and manifest.dev.json)
 *                                  from env/.env.dev, env/.env.dev.user and the process environment
 * npm run validate                 checks the package (with scripts/app-package/sample.env), the
 *                                  Entra manifest and teamsapp.yml / teamsapp.local.yml, offline
 * npm run validate -- --env dev    the same with an environment's real values
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseEnv } from 'node:util';
import { fileURLToPath } from 'node:url';
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
    problems.push(...aadManifestProblems(readAadManifest(path.join(root, 'aad.manifest.json'), vars), resource).map((p) => `aad.manifest.json: ${p}`));
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
  console.log(`  app id ${String(pkg.manifest.id)}, version ${String(pkg.manifest.version)}, manifest ${String(pkg.manifest.manifestVersion)}`);
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
  console.log(`✓ appPackage/ against the official Teams schemas (manifest and localization), icons, domains`);
  console.log(`✓ aad.manifest.json: access_as_user, pre-authorised clients, app roles`);
  console.log(`✓ ${TOOLKIT_FILES.join(', ')} against the Toolkit's YAML schema`);
  console.log(`  (filled with ${what})`);
  return 0;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { env: { type: 'string' } } });
  const env = values.env ?? (positionals[0] === 'package' ? process.env.TEAMSFX_ENV ?? 'dev' : undefined);
  try {
    if (positionals[0] === 'package') return await runPackage(env!);
    if (positionals[0] === 'validate') return await runValidate(env);
    console.error('usage: cli.ts package [--env NAME] | validate [--env NAME]');
    return 2;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    if (error instanceof MissingVariablesError && env) {
      console.error(`  Looked in env/.env.${env}, env/.env.${env}.user and the process environment; \`npx atk provision --env ${env}\` writes the ids and domains.`);
    }
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
