/**
 * The Teams app package of one environment: appPackage/manifest.json and its localization files
 * with the `${{...}}` placeholders filled, the icons, the checks a package must pass before it is
 * uploaded, and the zip (manifest, localization files and icons at the root).
 * Package layout: https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { fillJsonText, type Variables } from './environment.js';
import { decodePng } from './png.js';
import { localizationSchemaErrors, manifestSchemaErrors, officialSchema } from './schemas.js';

type Json = Record<string, unknown>;

export interface PackageFile {
  name: string;
  bytes: Buffer;
}

export interface AppPackage {
  manifest: Json;
  /** manifest.json first, then localization files and icons, as they go into the zip. */
  files: PackageFile[];
  localizations: { languageTag: string; file: string; strings: Json; isDefault: boolean }[];
}

function parseJson(text: string, where: string): Json {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  } catch (error) {
    throw new Error(`${where} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  throw new Error(`${where} must hold a JSON object`);
}

/** A file the manifest names: relative, inside the package folder, existing. */
function packageFilePath(dir: string, name: unknown, what: string): string {
  if (typeof name !== 'string' || name === '') throw new Error(`manifest.json: ${what} is missing`);
  const file = path.resolve(dir, name);
  if (path.isAbsolute(name) || !file.startsWith(dir + path.sep))
    throw new Error(`manifest.json: ${what} "${name}" must be a path inside ${path.basename(dir)}/`);
  if (!fs.existsSync(file)) throw new Error(`manifest.json: ${what} "${name}" does not exist`);
  return file;
}

function localizationEntries(manifest: Json): { languageTag: string; file: unknown; isDefault: boolean }[] {
  const info = (manifest.localizationInfo ?? {}) as Json;
  const entries: { languageTag: string; file: unknown; isDefault: boolean }[] = [];
  if (info.defaultLanguageFile !== undefined) {
    entries.push({ languageTag: String(info.defaultLanguageTag), file: info.defaultLanguageFile, isDefault: true });
  }
  for (const extra of Array.isArray(info.additionalLanguages) ? (info.additionalLanguages as Json[]) : []) {
    entries.push({ languageTag: String(extra.languageTag), file: extra.file, isDefault: false });
  }
  return entries;
}

/** Reads and fills the package folder (default appPackage/) with the environment's variables. */
export function readAppPackage(dir: string, vars: Variables): AppPackage {
  const manifestText = fillJsonText(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'), vars, 'manifest.json');
  const manifest = parseJson(manifestText, 'manifest.json');
  const files: PackageFile[] = [{ name: 'manifest.json', bytes: Buffer.from(JSON.stringify(manifest, null, 2) + '\n') }];
  const localizations: AppPackage['localizations'] = [];
  for (const entry of localizationEntries(manifest)) {
    const file = packageFilePath(dir, entry.file, `localization file of "${entry.languageTag}"`);
    const name = path.relative(dir, file).split(path.sep).join('/');
    const text = fillJsonText(fs.readFileSync(file, 'utf8'), vars, name);
    const strings = parseJson(text, name);
    localizations.push({ languageTag: entry.languageTag, file: name, strings, isDefault: entry.isDefault });
    files.push({ name, bytes: Buffer.from(JSON.stringify(strings, null, 2) + '\n') });
  }
  const icons = (manifest.icons ?? {}) as Json;
  for (const key of ['color', 'outline'] as const) {
    const file = packageFilePath(dir, icons[key], `icons.${key}`);
    files.push({ name: path.relative(dir, file).split(path.sep).join('/'), bytes: fs.readFileSync(file) });
  }
  return { manifest, files, localizations };
}

/** The value a localization key such as `bots[0].commandLists[1].commands[2].title` points at. */
export function valueAtKey(manifest: Json, key: string): unknown {
  let current: unknown = manifest;
  for (const part of key.split('.')) {
    const match = /^([A-Za-z]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return undefined;
    current = (current as Json | undefined)?.[match[1]!];
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) current = (current as unknown[] | undefined)?.[Number(index[1])];
  }
  return current;
}

function localizationProblems(pkg: AppPackage): string[] {
  const problems: string[] = [];
  const manifestVersion = String(pkg.manifest.manifestVersion);
  for (const loc of pkg.localizations) {
    problems.push(...localizationSchemaErrors(loc.strings).map((e) => `${loc.file}: ${e}`));
    const schema = officialSchema(loc.strings.$schema);
    if (typeof schema !== 'string' && schema.version !== manifestVersion) {
      problems.push(
        `${loc.file}: its $schema is v${schema.version} but manifestVersion is ${manifestVersion}; Teams requires the same version`,
      );
    }
    for (const [key, value] of Object.entries(loc.strings)) {
      if (key === '$schema' || key === 'localizationKeys') continue;
      const target = valueAtKey(pkg.manifest, key);
      if (typeof target !== 'string') problems.push(`${loc.file}: "${key}" names no string in manifest.json`);
      else if (loc.isDefault && target !== value)
        problems.push(`${loc.file}: "${key}" differs from manifest.json, whose strings are the default language (${loc.languageTag})`);
    }
  }
  return problems;
}

function iconProblems(pkg: AppPackage): string[] {
  const icons = pkg.manifest.icons as Json;
  const problems: string[] = [];
  for (const [key, size] of [
    ['color', 192],
    ['outline', 32],
  ] as const) {
    const file = pkg.files.find((f) => f.name === icons[key]);
    if (!file) continue;
    try {
      const png = decodePng(file.bytes);
      if (png.width !== size || png.height !== size)
        problems.push(`icons.${key} ${file.name} is ${png.width}×${png.height}, must be ${size}×${size}`);
      if (key === 'outline') {
        for (let i = 0; i < png.data.length; i += 4) {
          const [r, g, b, a] = png.data.subarray(i, i + 4);
          if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
            problems.push(
              `icons.outline ${file.name} must be white on transparent; pixel ${(i / 4) % png.width},${Math.floor(i / 4 / png.width)} is rgba(${r},${g},${b},${a})`,
            );
            break;
          }
        }
      }
    } catch (error) {
      problems.push(`icons.${key} ${file.name}: ${(error as Error).message}`);
    }
  }
  return problems;
}

function hostOf(url: unknown): string | undefined {
  try {
    return typeof url === 'string' ? new URL(url).host : undefined;
  } catch {
    return undefined;
  }
}

/** Web pages and SSO must live on the declared domains, over https. */
function domainProblems(manifest: Json): string[] {
  const problems: string[] = [];
  const domains = Array.isArray(manifest.validDomains) ? (manifest.validDomains as string[]) : [];
  const pages: [string, unknown][] = [];
  (Array.isArray(manifest.staticTabs) ? (manifest.staticTabs as Json[]) : []).forEach((tab, i) => {
    pages.push([`staticTabs[${i}].contentUrl`, tab.contentUrl], [`staticTabs[${i}].websiteUrl`, tab.websiteUrl]);
  });
  (Array.isArray(manifest.configurableTabs) ? (manifest.configurableTabs as Json[]) : []).forEach((tab, i) => {
    pages.push([`configurableTabs[${i}].configurationUrl`, tab.configurationUrl]);
  });
  for (const [where, url] of pages) {
    if (url === undefined) continue;
    if (typeof url !== 'string' || !url.startsWith('https://'))
      problems.push(`${where} must be an https URL (Teams loads tabs over https only)`);
    else if (!domains.includes(hostOf(url) ?? '')) problems.push(`${where}: ${hostOf(url)} is not in validDomains`);
  }
  const sso = manifest.webApplicationInfo as Json | undefined;
  if (sso) {
    const match = /^api:\/\/([^/]+)\/([0-9a-fA-F-]{36})$/.exec(typeof sso.resource === 'string' ? sso.resource : '');
    if (!match) problems.push('webApplicationInfo.resource must be api://<tab domain>/<client id> for Teams SSO');
    else {
      if (match[2]!.toLowerCase() !== String(sso.id).toLowerCase())
        problems.push('webApplicationInfo.resource must end with webApplicationInfo.id');
      if (!domains.includes(match[1]!)) problems.push(`webApplicationInfo.resource: ${match[1]} is not in validDomains`);
    }
  }
  return problems;
}

/**
 * The message extension is the bot's (its invokes reach /api/messages), and the links it unfurls are the
 * tab's own addresses: composeExtensions[].botId is a bot of the package, and every link handler's domain
 * is one of validDomains (https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/link-unfurling).
 */
function composeExtensionProblems(manifest: Json): string[] {
  const problems: string[] = [];
  const bots = (Array.isArray(manifest.bots) ? (manifest.bots as Json[]) : []).map((b) => b.botId);
  const domains = Array.isArray(manifest.validDomains) ? (manifest.validDomains as string[]) : [];
  (Array.isArray(manifest.composeExtensions) ? (manifest.composeExtensions as Json[]) : []).forEach((extension, i) => {
    const where = `composeExtensions[${i}]`;
    if (extension.composeExtensionType !== 'apiBased' && !bots.includes(extension.botId))
      problems.push(`${where}.botId must be the botId of one of bots[]: the bot answers the extension's invokes`);
    const handlers = Array.isArray(extension.messageHandlers) ? (extension.messageHandlers as Json[]) : [];
    handlers.forEach((handler, h) => {
      const value = (handler.value ?? {}) as Json;
      const handled = Array.isArray(value.domains) ? (value.domains as unknown[]) : [];
      if (handler.type === 'link' && handled.length === 0) problems.push(`${where}.messageHandlers[${h}] names no domain`);
      for (const domain of handled) {
        if (typeof domain !== 'string' || !domains.includes(domain))
          problems.push(`${where}.messageHandlers[${h}]: ${String(domain)} is not in validDomains`);
      }
    });
  });
  return problems;
}

const MEETING_CONTEXTS = ['meetingChatTab', 'meetingDetailsTab', 'meetingSidePanel', 'meetingStage'];

/**
 * Meeting tabs: Teams adds a tab to a meeting in its group chat, so a configurable tab with a meeting
 * context needs the groupChat scope (https://learn.microsoft.com/microsoftteams/platform/apps-in-teams-meetings/build-tabs-for-meeting),
 * and sharing to the stage needs the meetingStage context and the MeetingStage.Write.Chat RSC permission
 * (ChannelMeetingStage.Write.Group too when the tab is in teams, for channel meetings)
 * (https://learn.microsoft.com/microsoftteams/platform/apps-in-teams-meetings/build-apps-for-teams-meeting-stage).
 */
function meetingProblems(manifest: Json): string[] {
  const problems: string[] = [];
  const authorization = (manifest.authorization ?? {}) as Json;
  const rsc = (((authorization.permissions ?? {}) as Json).resourceSpecific ?? []) as Json[];
  const granted = (name: string) => rsc.some((p) => p.name === name && p.type === 'Delegated');
  (Array.isArray(manifest.configurableTabs) ? (manifest.configurableTabs as Json[]) : []).forEach((tab, i) => {
    const where = `configurableTabs[${i}]`;
    const contexts = Array.isArray(tab.context) ? (tab.context as string[]) : [];
    const scopes = Array.isArray(tab.scopes) ? (tab.scopes as string[]) : [];
    if (contexts.some((c) => MEETING_CONTEXTS.includes(c)) && !scopes.includes('groupChat'))
      problems.push(`${where}: a meeting context needs the groupChat scope (meetings add tabs in their chat)`);
    if (contexts.includes('meetingSidePanel') && !contexts.includes('meetingStage'))
      problems.push(`${where}: the side panel shares to the stage, so the context needs meetingStage too`);
    if (!contexts.includes('meetingStage')) return;
    if (!granted('MeetingStage.Write.Chat'))
      problems.push(
        `${where}: sharing to the stage needs the delegated RSC permission MeetingStage.Write.Chat in authorization.permissions`,
      );
    if (scopes.includes('team') && !granted('ChannelMeetingStage.Write.Group'))
      problems.push(
        `${where}: sharing to the stage of a channel meeting needs the delegated RSC permission ChannelMeetingStage.Write.Group`,
      );
  });
  return problems;
}

/** Every problem that would make Teams refuse the package, or the package not work; [] when none. */
export async function checkAppPackage(pkg: AppPackage): Promise<string[]> {
  const manifestSchema = officialSchema(pkg.manifest.$schema);
  const problems = (await manifestSchemaErrors(pkg.manifest)).map((e) => `manifest.json: ${e}`);
  if (typeof manifestSchema !== 'string' && manifestSchema.version !== String(pkg.manifest.manifestVersion)) {
    problems.push(`manifest.json: $schema is v${manifestSchema.version} but manifestVersion is ${String(pkg.manifest.manifestVersion)}`);
  }
  return [
    ...problems,
    ...localizationProblems(pkg),
    ...iconProblems(pkg),
    ...domainProblems(pkg.manifest).map((p) => `manifest.json: ${p}`),
    ...composeExtensionProblems(pkg.manifest).map((p) => `manifest.json: ${p}`),
    ...meetingProblems(pkg.manifest).map((p) => `manifest.json: ${p}`),
  ];
}

/** The zip Teams accepts: every file at the root, deterministic bytes for the same input. */
export async function zipAppPackage(pkg: AppPackage): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2024, 0, 1));
  for (const file of pkg.files) zip.file(file.name, file.bytes, { date, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'UNIX' });
}
