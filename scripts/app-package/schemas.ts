/**
 * Validation against the official Teams JSON schemas that @microsoft/app-manifest ships, offline.
 * A `$schema` that does not name a shipped official schema is refused instead of fetched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';
import type { Ajv, Options, ValidateFunction } from 'ajv';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
/** CommonJS packages whose `exports.default` is the export (typed as the module under NodeNext). */
function cjsDefault<T>(module: unknown): T {
  return ((module as { default?: unknown }).default ?? module) as T;
}
const Ajv04 = cjsDefault<new (options: Options) => Ajv>(ajvDraft04);
const addFormats = cjsDefault<(ajv: Ajv, formats: string[]) => Ajv>(ajvFormats);
const SCHEMA_ROOT = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build');
const OFFICIAL =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(json-schemas\/teams\/(v[0-9.]+)\/(MicrosoftTeams(?:\.Localization)?\.schema\.json))$/i;

export interface OfficialSchema {
  file: string;
  /** "1.30" for .../teams/v1.30/... */
  version: string;
  kind: 'manifest' | 'localization';
}

/** The shipped schema a `$schema` URL names, or a reason it cannot be validated offline. */
export function officialSchema(url: unknown): OfficialSchema | string {
  if (typeof url !== 'string') return '$schema is missing';
  const match = OFFICIAL.exec(url);
  if (!match) return `$schema ${url} is not an official Teams schema URL (https://developer.microsoft.com/json-schemas/teams/vX.Y/...)`;
  const file = path.join(SCHEMA_ROOT, match[1]!);
  if (!fs.existsSync(file)) return `$schema ${url}: @microsoft/app-manifest ships no such schema, so it cannot be validated offline`;
  return { file, version: match[2]!.slice(1), kind: match[3]!.includes('Localization') ? 'localization' : 'manifest' };
}

function withSchema(json: unknown, kind: OfficialSchema['kind']): OfficialSchema | string {
  const schema = officialSchema((json as { $schema?: unknown } | null)?.$schema);
  if (typeof schema === 'string') return schema;
  return schema.kind === kind ? schema : `$schema names the ${schema.kind} schema, not the ${kind} schema`;
}

/** Schema errors of an app manifest, through AppManifestUtils.validateAgainstSchema (loads the shipped schema). */
export async function manifestSchemaErrors(manifest: unknown): Promise<string[]> {
  const schema = withSchema(manifest, 'manifest');
  if (typeof schema === 'string') return [schema];
  return AppManifestUtils.validateAgainstSchema(manifest as TeamsManifest);
}

const localizationValidators = new Map<string, ValidateFunction>();

/**
 * Schema errors of a localization file. AppManifestUtils cannot compile the official Localization
 * schema (one of its patterns, `...\b]\.description$`, is invalid under the `u` flag ajv uses by
 * default), so this compiles the same shipped file with the same draft-04 ajv, without `u`.
 */
export function localizationSchemaErrors(localization: unknown): string[] {
  const schema = withSchema(localization, 'localization');
  if (typeof schema === 'string') return [schema];
  let validate = localizationValidators.get(schema.file);
  if (!validate) {
    const ajv = new Ajv04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
    addFormats(ajv, ['uri', 'email', 'regex']);
    validate = ajv.compile(JSON.parse(fs.readFileSync(schema.file, 'utf8')));
    localizationValidators.set(schema.file, validate);
  }
  if (validate(localization)) return [];
  return (validate.errors ?? []).map(
    (e) =>
      `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
  );
}
