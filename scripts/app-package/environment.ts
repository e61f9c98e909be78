/**
 * Teams Toolkit environments: env/.env.<name> (committed), env/.env.<name>.user (secrets, git-ignored)
 * and the process environment, and the `${{NAME}}` placeholders filled from them, with the Toolkit's
 * rules (component/utils/common.js expandEnvironmentVariable in @microsoft/teamsfx-core): a placeholder
 * needs a non-empty value, except APP_NAME_SUFFIX, which may be empty.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

export type Variables = Record<string, string>;

const PLACEHOLDER = /\$\{\{ *([A-Za-z_][A-Za-z0-9_]*) *\}\}/g;
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

export class MissingVariablesError extends Error {
  override name = 'MissingVariablesError';
  constructor(
    readonly missing: string[],
    where: string,
  ) {
    super(
      `${where}: no value for ${missing.map((m) => `\${{${m}}}`).join(', ')}. Set ${missing.length === 1 ? 'it' : 'them'} in the environment file or the process environment.`,
    );
  }
}

export function environmentFiles(root: string, env: string): string[] {
  if (!/^[A-Za-z0-9_-]+$/.test(env)) throw new Error(`invalid environment name "${env}"`);
  return [path.join(root, 'env', `.env.${env}`), path.join(root, 'env', `.env.${env}.user`)];
}

/**
 * The variables of one environment: its files in order, then the process environment on top
 * (as the Toolkit does, a value set in the shell wins). TEAMSFX_ENV is the environment's name.
 */
export function loadEnvironment(root: string, env: string, processEnv: NodeJS.ProcessEnv = process.env): Variables {
  const [committed, user] = environmentFiles(root, env);
  if (!fs.existsSync(committed!)) throw new Error(`no environment "${env}": ${path.relative(root, committed!)} does not exist`);
  const vars: Variables = { TEAMSFX_ENV: env };
  for (const file of [committed!, user!]) {
    if (fs.existsSync(file)) Object.assign(vars, parseEnv(fs.readFileSync(file, 'utf8')));
  }
  for (const [key, value] of Object.entries(processEnv)) {
    if (value !== undefined) vars[key] = value;
  }
  return vars;
}

export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

function hasValue(name: string, vars: Variables): boolean {
  const value = vars[name];
  return value !== undefined && (value !== '' || MAY_BE_EMPTY.has(name));
}

/**
 * Fills every placeholder of a JSON text. Values are escaped for a JSON string, since placeholders
 * stand inside strings. Throws MissingVariablesError naming every placeholder without a value.
 */
export function fillJsonText(text: string, vars: Variables, where: string): string {
  const missing = placeholdersIn(text).filter((name) => !hasValue(name, vars));
  if (missing.length > 0) throw new MissingVariablesError(missing, where);
  return text.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(vars[name]).slice(1, -1));
}
