/**
 * Every setting of DPO Board, read from the environment, parsed and checked here and
 * nowhere else. README.md and .env.example list the same variables.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ALL_UNITS, APP_ROLE_VALUES } from './domain/roles.js';
import { APP_ROOT } from './paths.js';
import type { EntraSettings } from './identity/entra-token.js';
import { localUsersProblem, localUsersSchema, teamsUserMappingSchema, type LocalUsers, type TeamsUserMapping } from './identity/local.js';
import { DEFAULT_SCALE, validateScale, type Scale } from './domain/scale.js';
import { isTimeZone, WEEKDAYS, type WeeklyTime } from './schedule/calendar.js';

/** A time of day, HH:MM on the 24-hour clock. */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');

export type { LocalUsers } from './identity/local.js';

const scaleSchema = z.object({
  levels: z.array(z.object({ level: z.number().int(), label: z.object({ sv: z.string().min(1), en: z.string().min(1) }) })).min(2),
});

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  /** Unset counts as development only while the demo identities stay on loopback (see checkLocalMode). */
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Default: 127.0.0.1 in AUTH_MODE=local, 0.0.0.0 in AUTH_MODE=entra. */
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().default('./data'),
  STORE: z.enum(['sqlite', 'sharepoint']).default('sqlite'),
  /** STORE=sharepoint: the site by id (hostname,siteCollectionId,webId) or by URL. */
  SHAREPOINT_SITE_ID: z.string().min(1).optional(),
  SHAREPOINT_SITE_URL: z.url({ protocol: /^https$/ }).optional(),
  /** Poll interval of the direct-edit sync (delta per list), in seconds. */
  SHAREPOINT_SYNC_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  /** With PUBLIC_URL (webhooks drive the sync): the safety-net poll, in case a notification is lost. */
  SHAREPOINT_SAFETY_POLL_SECONDS: z.coerce.number().min(1).max(3600).default(120),
  /** A board read may ask for a sync when the last one is older than this (polling only; with webhooks the safety net's interval). */
  SHAREPOINT_READ_SYNC_SECONDS: z.coerce.number().min(1).max(3600).default(10),
  /** Graph root: a national cloud, a proxy or a test server; always https. */
  GRAPH_BASE_URL: z.url({ protocol: /^https$/ }).default('https://graph.microsoft.com/v1.0'),
  /** App-only Graph auth: the app registration with Sites.Selected, a client secret or a certificate. */
  GRAPH_TENANT_ID: z.string().min(1).optional(),
  GRAPH_CLIENT_ID: z.string().min(1).optional(),
  GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
  GRAPH_CERT_KEY_FILE: z.string().min(1).optional(),
  GRAPH_CERT_THUMBPRINT: z
    .string()
    .regex(/^[0-9A-Fa-f]{64}$/, 'SHA-256 thumbprint, 64 hex digits')
    .optional(),
  GRAPH_CERT_X5C_FILE: z.string().min(1).optional(),
  /** A static bearer token (e.g. from Graph Explorer) instead of app-only auth, for trying a tenant. */
  GRAPH_TOKEN: z.string().min(1).optional(),
  /** Microsoft Entra sign-in host for Graph tokens (another for a national cloud). */
  GRAPH_AUTHORITY_HOST: z.url({ protocol: /^https$/ }).default('https://login.microsoftonline.com'),
  GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** The app's public https address; Graph change notifications are sent to PUBLIC_URL/graph/notifications. */
  PUBLIC_URL: z.url().optional(),
  /** Shared secret echoed in Graph notifications (generated and kept in the app-state list when unset). */
  GRAPH_WEBHOOK_CLIENT_STATE: z.string().min(16).max(128).optional(),
  /** local unless an Entra app is configured (ENTRA_CLIENT_ID), then entra. */
  AUTH_MODE: z.enum(['local', 'entra']).optional(),
  ENTRA_CLIENT_ID: z.uuid().optional(),
  ENTRA_TENANT_ID: z.uuid().optional(),
  /** Comma-separated tenant ids allowed besides the home tenant. */
  ENTRA_ALLOWED_TENANTS: z.string().optional(),
  ENTRA_APP_ID_URI: z.string().startsWith('api://').optional(),
  ENTRA_AUTHORITY_HOST: z.url({ protocol: /^https$/ }).default('https://login.microsoftonline.com'),
  /** Signing keys; default the tenant's v2 discovery keys. http is accepted only for loopback (tests). */
  ENTRA_JWKS_URI: z.url().optional(),
  /**
   * The bot's roles in AUTH_MODE=entra: from the person's app role assignments (default), or
   * from Entra group membership when set, e.g. "DPO=<group id>,CISO=<group id>,Editor=<group id>".
   */
  ENTRA_ROLE_GROUPS: z.string().optional(),
  /**
   * Roles per unit from Entra group membership, e.g. "ciso:intraservice=<group id>,dpo:*=<group id>"
   * (<role>:<unit id or *>=<group object id>); README "Roller per förvaltning / Roles per unit".
   */
  ENTRA_UNIT_GROUPS: z.string().optional(),
  /** How long a person's looked-up roles are kept, in seconds. */
  ENTRA_ROLE_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** STORE=sharepoint, AUTH_MODE=entra: writes by a signed-in person go to Graph with their on-behalf-of token. */
  GRAPH_ON_BEHALF_OF: flag.default(false),
  /** The delegated Graph permissions asked for on behalf of the person (comma-separated). */
  GRAPH_ON_BEHALF_OF_SCOPES: z.string().min(1).default('Sites.Selected'),
  LOCAL_USERS_FILE: z.string().default(path.join(APP_ROOT, 'config/local-users.json')),
  DEFAULT_UNIT: z.string().min(1).default('intraservice'),
  /** Every known person reads every unit (otherwise: the default unit and the units of their grants). */
  READ_ALL_UNITS: flag.default(false),
  SCALE_FILE: z.string().optional(),
  SEED_FILE: z.string().optional(),
  SEED_ON_START: flag.default(true),
  /** The demo user the tab opens as in AUTH_MODE=local (defaults to localUsers.defaultUser). */
  TAB_DEFAULT_USER: z.string().min(1).optional(),
  /** Where the built tab lives (npm run build:tab writes it). */
  TAB_DIST_DIR: z.string().default(path.join(APP_ROOT, 'dist/tab')),
  /** The contact slide of the annual report deck; the slide is left out while the name is empty. */
  REPORT_CONTACT_NAME: z.string().max(200).default(''),
  /** Title lines, separated by '|' (e.g. "CISO|Enhetschef Styrning och uppföljning"). */
  REPORT_CONTACT_TITLE: z.string().max(500).default(''),
  REPORT_CONTACT_EMAIL: z.union([z.literal(''), z.email()]).default(''),
  /** The bot at POST /api/messages (on unless false). */
  BOT_ENABLED: flag.default(true),
  /** The bot's Entra app registration (Azure Bot resource); unset = local unauthenticated traffic only. */
  MICROSOFT_APP_ID: z.uuid().optional(),
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  MICROSOFT_APP_TENANT_ID: z.uuid().optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  /** Certificate credential instead of a secret: SHA-1 thumbprint and the PEM private key file. */
  MICROSOFT_APP_CERT_THUMBPRINT: z
    .string()
    .regex(/^[0-9A-Fa-f]{40}$/, 'SHA-1 thumbprint, 40 hex digits')
    .optional(),
  MICROSOFT_APP_CERT_KEY_FILE: z.string().min(1).optional(),
  /** The Teams app (manifest) id and the tab's entityId, for deep links from cards into the tab. */
  TEAMS_APP_ID: z.uuid().optional(),
  TEAMS_TAB_ENTITY_ID: z.string().min(1).max(64).default('board'),
  /** AUTH_MODE=local: which Teams users act as which demo user (the Playground's default user is the DPO). */
  BOT_LOCAL_USERS_FILE: z.string().default(path.join(APP_ROOT, 'bot/local-teams-users.json')),
  /** More status changes than this at once for one conversation become one digest card. */
  BOT_DIGEST_THRESHOLD: z.coerce.number().int().min(1).max(50).default(3),
  /** A status post that meets 429/5xx is tried this often, backing off from BOT_POST_RETRY_MS, then again after BOT_POST_RETRY_LATER_S. */
  BOT_POST_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  BOT_POST_RETRY_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  BOT_POST_RETRY_LATER_S: z.coerce.number().min(0.1).max(3600).default(30),
  /** Instances share the posts: one holds a conversation's claim this long (renewed while posting), so a killed holder's wait this long. */
  BOT_POST_LEASE_S: z.coerce.number().min(1).max(3600).default(120),
  /** The weekly digest to every channel (src/schedule/): on which day and at what time, in SCHEDULE_TIME_ZONE. */
  DIGEST_ENABLED: flag.default(true),
  DIGEST_DAY: z.enum(WEEKDAYS).default('monday'),
  DIGEST_TIME: clockTime.default('08:00'),
  /** Reminders of overdue work, on working days from REMINDER_TIME, at most once a week per item. */
  REMINDERS_ENABLED: flag.default(true),
  REMINDER_TIME: clockTime.default('08:00'),
  SCHEDULE_TIME_ZONE: z.string().refine(isTimeZone, 'an IANA time zone, e.g. Europe/Stockholm').default('Europe/Stockholm'),
  /** How often an instance looks whether a digest or reminders are due (cheap until they are). */
  SCHEDULE_CHECK_S: z.coerce.number().min(1).max(3600).default(60),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  store: 'sqlite' | 'sharepoint';
  sqliteFile: string;
  sharepoint: SharePointSettings | undefined;
  authMode: 'local' | 'entra';
  entra: EntraSettings | undefined;
  /** AUTH_MODE=entra: where the bot looks up a person's roles (Graph); undefined = Teams users read only. */
  directory: DirectorySettings | undefined;
  /** Writes by a signed-in person go to SharePoint with their on-behalf-of token. */
  graphOnBehalfOf: boolean;
  /** The delegated permissions asked for on behalf of the person, e.g. ['Sites.Selected']. */
  graphOnBehalfOfScopes: string[];
  localUsers: LocalUsers;
  /** AUTH_MODE=local: the demo-users file, read again when it changes (src/identity/local.ts). */
  localUsersFile: string | undefined;
  /** READ_ALL_UNITS: every known person reads every unit. */
  readAllUnits: boolean;
  /** AUTH_MODE=local: Teams users -> demo users (BOT_LOCAL_USERS_FILE); empty in AUTH_MODE=entra. */
  teamsUsers: TeamsUserMapping;
  defaultUnit: string;
  scale: Scale;
  seedFile: string | undefined;
  seedOnStart: boolean;
  /** defaultUser: TAB_DEFAULT_USER, the demo user the tab opens as (unset: the demo-users file's defaultUser, as the file is now). */
  tab: { defaultUser: string | undefined; distDir: string };
  /** The annual report: its contact slide (null when REPORT_CONTACT_NAME is empty). */
  report: { contact: { name: string; title: string; email: string } | null };
  bot: BotSettings | undefined;
}

/** How the bot authenticates to Bot Framework; `none` accepts only local, unauthenticated traffic. */
export type BotCredentials =
  | { kind: 'none' }
  | { kind: 'secret'; appId: string; tenantId: string; password: string }
  | { kind: 'certificate'; appId: string; tenantId: string; thumbprint: string; privateKey: string }
  | { kind: 'managedIdentity'; appId: string; tenantId: string };

export interface BotSettings {
  credentials: BotCredentials;
  /** Base of links into the tab (PUBLIC_URL); the server's own address when unset. */
  publicUrl: string | undefined;
  teamsAppId: string | undefined;
  tabEntityId: string;
  digestThreshold: number;
  retry: { maxAttempts: number; baseDelayMs: number; retryLaterMs: number; leaseMs: number };
  /** The weekly digest (null: off for every channel) and reminders of overdue work (src/schedule/). */
  schedule: ScheduleSettings;
}

export interface ScheduleSettings {
  digest: WeeklyTime | null;
  reminders: { time: string; timeZone: string } | null;
  checkMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function readJson<T>(file: string, schema: z.ZodType<T>, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${what} ${file} cannot be read: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`${what} ${file} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function loadScale(file: string | undefined): Scale {
  if (!file) return DEFAULT_SCALE;
  const scale = readJson(file, scaleSchema, 'SCALE_FILE');
  const problem = validateScale(scale);
  if (problem) throw new ConfigError(`SCALE_FILE ${file}: ${problem}`);
  return scale;
}

function entraSettings(e: z.infer<typeof envSchema>): EntraSettings {
  if (!e.ENTRA_CLIENT_ID || !e.ENTRA_TENANT_ID) {
    throw new ConfigError('AUTH_MODE=entra needs ENTRA_CLIENT_ID and ENTRA_TENANT_ID');
  }
  const jwksUri = e.ENTRA_JWKS_URI ?? `${e.ENTRA_AUTHORITY_HOST}/${e.ENTRA_TENANT_ID}/discovery/v2.0/keys`;
  const url = new URL(jwksUri);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !loopback) throw new ConfigError('ENTRA_JWKS_URI must be https');
  const others = (e.ENTRA_ALLOWED_TENANTS ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return {
    clientId: e.ENTRA_CLIENT_ID,
    appIdUri: e.ENTRA_APP_ID_URI,
    allowedTenants: [...new Set([e.ENTRA_TENANT_ID, ...others])],
    jwksUri,
    authorityHost: e.ENTRA_AUTHORITY_HOST.replace(/\/$/, ''),
  };
}

export interface DirectorySettings {
  /** The Graph client the lookups use: the SharePoint store's settings, or GRAPH_* with STORE=sqlite. */
  graph: { graphBaseUrl: string; auth: GraphAuthSettings; timeoutMs: number };
  /** The app whose role assignments count (ENTRA_CLIENT_ID). */
  appId: string;
  /** App role value (DPO, CISO, Editor) -> Entra group ids; undefined = app role assignments. */
  roleGroups: Record<string, string[]> | undefined;
  /** ENTRA_UNIT_GROUPS: `<role>:<unit>` -> Entra group ids; undefined = none. */
  unitGroups: Record<string, string[]> | undefined;
  cacheTtlMs: number;
}

function roleGroups(value: string | undefined): Record<string, string[]> | undefined {
  if (!value?.trim()) return undefined;
  const out: Record<string, string[]> = {};
  for (const pair of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [role, group] = pair.split('=').map((x) => x.trim());
    if (!role || !(APP_ROLE_VALUES as string[]).includes(role) || !group || !z.uuid().safeParse(group).success) {
      throw new ConfigError(`ENTRA_ROLE_GROUPS: "${pair}" is not <${APP_ROLE_VALUES.join('|')}>=<group object id>`);
    }
    (out[role] ??= []).push(group.toLowerCase());
  }
  if (new Set(Object.values(out).flat()).size > 20)
    throw new ConfigError('ENTRA_ROLE_GROUPS: at most 20 groups (checkMemberGroups checks 20 per request)');
  return out;
}

/** One entry of ENTRA_UNIT_GROUPS: <role>:<unit id or *>=<group object id> (the administrator only for every unit). */
const unitGroupEntry = z
  .string()
  .regex(/^(admin:\*|(dpo|ciso|editor|reader):(\*|[a-z0-9-]{2,40}))=[^=]+$/)
  .refine((entry) => z.uuid().safeParse(entry.split('=')[1]).success);

function unitGroups(value: string | undefined): Record<string, string[]> | undefined {
  const entries = (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  const out: Record<string, string[]> = {};
  for (const entry of entries) {
    if (!unitGroupEntry.safeParse(entry).success) {
      throw new ConfigError(`ENTRA_UNIT_GROUPS: "${entry}" is not <dpo|ciso|editor|reader>:<unit id|${ALL_UNITS}>=<group object id>`);
    }
    const [key, group] = entry.split('=') as [string, string];
    (out[key] ??= []).push(group.toLowerCase());
  }
  return out;
}

function directorySettings(e: z.infer<typeof envSchema>, sharepoint: SharePointSettings | undefined): DirectorySettings | undefined {
  const graph =
    sharepoint ??
    (e.GRAPH_TOKEN || e.GRAPH_CLIENT_ID
      ? { graphBaseUrl: e.GRAPH_BASE_URL.replace(/\/+$/, ''), auth: graphAuth(e), timeoutMs: e.GRAPH_TIMEOUT_MS }
      : undefined);
  const groups = roleGroups(e.ENTRA_ROLE_GROUPS);
  const perUnit = unitGroups(e.ENTRA_UNIT_GROUPS);
  if (!graph) {
    if (groups)
      throw new ConfigError('ENTRA_ROLE_GROUPS needs Graph credentials (GRAPH_TENANT_ID, GRAPH_CLIENT_ID and a secret or certificate)');
    if (perUnit)
      throw new ConfigError('ENTRA_UNIT_GROUPS needs Graph credentials (GRAPH_TENANT_ID, GRAPH_CLIENT_ID and a secret or certificate)');
    return undefined;
  }
  return {
    graph: { graphBaseUrl: graph.graphBaseUrl, auth: graph.auth, timeoutMs: graph.timeoutMs },
    appId: e.ENTRA_CLIENT_ID!,
    roleGroups: groups,
    unitGroups: perUnit,
    cacheTtlMs: e.ENTRA_ROLE_CACHE_SECONDS * 1000,
  };
}

/** On-behalf-of exchanges the SSO token (audience: ENTRA_CLIENT_ID) with the same app's credentials. */
function checkOnBehalfOf(e: z.infer<typeof envSchema>, authMode: Config['authMode'], sharepoint: SharePointSettings | undefined): boolean {
  if (!e.GRAPH_ON_BEHALF_OF) return false;
  if (authMode !== 'entra' || !sharepoint) throw new ConfigError('GRAPH_ON_BEHALF_OF=true needs AUTH_MODE=entra and STORE=sharepoint');
  if (sharepoint.auth.kind !== 'app')
    throw new ConfigError('GRAPH_ON_BEHALF_OF=true needs GRAPH_CLIENT_ID with a secret or certificate, not GRAPH_TOKEN');
  if (sharepoint.auth.clientId !== e.ENTRA_CLIENT_ID) {
    throw new ConfigError(
      'GRAPH_ON_BEHALF_OF=true needs GRAPH_CLIENT_ID to be the SSO app (ENTRA_CLIENT_ID): the token exchanged is issued to that app',
    );
  }
  return true;
}

export type GraphAuthSettings =
  | { kind: 'token'; token: string }
  | {
      kind: 'app';
      tenantId: string;
      clientId: string;
      clientSecret?: string;
      certificate?: { privateKeyFile: string; thumbprintSha256: string; x5cFile?: string };
      authorityHost: string;
    };

export interface SharePointSettings {
  /** Site id or site URL. */
  site: string;
  graphBaseUrl: string;
  auth: GraphAuthSettings;
  timeoutMs: number;
  syncIntervalMs: number;
  /** With webhooks: the safety-net poll interval. */
  safetyPollMs: number;
  /** Polling: a read may ask for a sync when the last one is older than this. */
  readSyncMs: number;
  /** https base for Graph change notifications; undefined = poll only. */
  publicUrl: string | undefined;
  webhookClientState: string | undefined;
}

function graphAuth(e: z.infer<typeof envSchema>): GraphAuthSettings {
  if (e.GRAPH_TOKEN) return { kind: 'token', token: e.GRAPH_TOKEN };
  const tenantId = e.GRAPH_TENANT_ID;
  const clientId = e.GRAPH_CLIENT_ID;
  if (!tenantId || !clientId)
    throw new ConfigError('STORE=sharepoint needs GRAPH_TOKEN, or GRAPH_TENANT_ID and GRAPH_CLIENT_ID with a secret or certificate');
  const authorityHost = e.GRAPH_AUTHORITY_HOST.replace(/\/$/, '');
  if (e.GRAPH_CERT_KEY_FILE || e.GRAPH_CERT_THUMBPRINT) {
    if (!e.GRAPH_CERT_KEY_FILE || !e.GRAPH_CERT_THUMBPRINT)
      throw new ConfigError('a Graph certificate needs GRAPH_CERT_KEY_FILE and GRAPH_CERT_THUMBPRINT');
    const certificate = {
      privateKeyFile: e.GRAPH_CERT_KEY_FILE,
      thumbprintSha256: e.GRAPH_CERT_THUMBPRINT,
      ...(e.GRAPH_CERT_X5C_FILE ? { x5cFile: e.GRAPH_CERT_X5C_FILE } : {}),
    };
    return { kind: 'app', tenantId, clientId, certificate, authorityHost };
  }
  if (!e.GRAPH_CLIENT_SECRET)
    throw new ConfigError('app-only Graph auth needs GRAPH_CLIENT_SECRET or a certificate (GRAPH_CERT_KEY_FILE, GRAPH_CERT_THUMBPRINT)');
  return { kind: 'app', tenantId, clientId, clientSecret: e.GRAPH_CLIENT_SECRET, authorityHost };
}

function sharePointSettings(e: z.infer<typeof envSchema>): SharePointSettings {
  const site = e.SHAREPOINT_SITE_ID ?? e.SHAREPOINT_SITE_URL;
  if (!site) throw new ConfigError('STORE=sharepoint needs SHAREPOINT_SITE_ID or SHAREPOINT_SITE_URL');
  if (e.PUBLIC_URL && !e.PUBLIC_URL.startsWith('https://')) {
    console.warn(
      `PUBLIC_URL ${e.PUBLIC_URL} is not https: Graph change notifications are off, direct edits are polled every ${e.SHAREPOINT_SYNC_SECONDS} s`,
    );
  }
  return {
    site,
    graphBaseUrl: e.GRAPH_BASE_URL.replace(/\/+$/, ''),
    auth: graphAuth(e),
    timeoutMs: e.GRAPH_TIMEOUT_MS,
    syncIntervalMs: e.SHAREPOINT_SYNC_SECONDS * 1000,
    safetyPollMs: e.SHAREPOINT_SAFETY_POLL_SECONDS * 1000,
    readSyncMs: e.SHAREPOINT_READ_SYNC_SECONDS * 1000,
    publicUrl: e.PUBLIC_URL?.startsWith('https://') ? e.PUBLIC_URL.replace(/\/+$/, '') : undefined,
    webhookClientState: e.GRAPH_WEBHOOK_CLIENT_STATE,
  };
}

function botCredentials(e: z.infer<typeof envSchema>): BotCredentials {
  const appId = e.MICROSOFT_APP_ID;
  if (!appId) return { kind: 'none' };
  const tenantId = e.MICROSOFT_APP_TENANT_ID;
  if (!tenantId) throw new ConfigError('MICROSOFT_APP_ID needs MICROSOFT_APP_TENANT_ID (the bot is single-tenant)');
  if (e.MICROSOFT_APP_TYPE === 'UserAssignedMSI') {
    if (e.MICROSOFT_APP_PASSWORD) throw new ConfigError('MICROSOFT_APP_TYPE=UserAssignedMSI takes no MICROSOFT_APP_PASSWORD');
    return { kind: 'managedIdentity', appId, tenantId };
  }
  if (e.MICROSOFT_APP_CERT_THUMBPRINT || e.MICROSOFT_APP_CERT_KEY_FILE) {
    if (!e.MICROSOFT_APP_CERT_THUMBPRINT || !e.MICROSOFT_APP_CERT_KEY_FILE) {
      throw new ConfigError('a bot certificate needs MICROSOFT_APP_CERT_THUMBPRINT and MICROSOFT_APP_CERT_KEY_FILE');
    }
    let privateKey: string;
    try {
      privateKey = fs.readFileSync(e.MICROSOFT_APP_CERT_KEY_FILE, 'utf8');
    } catch (error) {
      throw new ConfigError(`MICROSOFT_APP_CERT_KEY_FILE ${e.MICROSOFT_APP_CERT_KEY_FILE} cannot be read: ${(error as Error).message}`);
    }
    return { kind: 'certificate', appId, tenantId, thumbprint: e.MICROSOFT_APP_CERT_THUMBPRINT, privateKey };
  }
  if (!e.MICROSOFT_APP_PASSWORD)
    throw new ConfigError('MICROSOFT_APP_ID needs MICROSOFT_APP_PASSWORD, a certificate, or MICROSOFT_APP_TYPE=UserAssignedMSI');
  return { kind: 'secret', appId, tenantId, password: e.MICROSOFT_APP_PASSWORD };
}

function botSettings(e: z.infer<typeof envSchema>, authMode: Config['authMode']): BotSettings | undefined {
  if (!e.BOT_ENABLED) return undefined;
  const credentials = botCredentials(e);
  // Without credentials the endpoint checks no Bot Framework token: for the local demo only.
  if (credentials.kind === 'none' && authMode === 'entra') {
    throw new ConfigError(
      'AUTH_MODE=entra: the bot needs its Bot Framework credentials (MICROSOFT_APP_ID, MICROSOFT_APP_TENANT_ID and a secret, certificate or ' +
        'MICROSOFT_APP_TYPE=UserAssignedMSI), or BOT_ENABLED=false',
    );
  }
  return {
    credentials,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    teamsAppId: e.TEAMS_APP_ID,
    tabEntityId: e.TEAMS_TAB_ENTITY_ID,
    digestThreshold: e.BOT_DIGEST_THRESHOLD,
    retry: {
      maxAttempts: e.BOT_POST_ATTEMPTS,
      baseDelayMs: e.BOT_POST_RETRY_MS,
      retryLaterMs: Math.round(e.BOT_POST_RETRY_LATER_S * 1000),
      leaseMs: Math.round(e.BOT_POST_LEASE_S * 1000),
    },
    schedule: {
      digest: e.DIGEST_ENABLED ? { day: e.DIGEST_DAY, time: e.DIGEST_TIME, timeZone: e.SCHEDULE_TIME_ZONE } : null,
      reminders: e.REMINDERS_ENABLED ? { time: e.REMINDER_TIME, timeZone: e.SCHEDULE_TIME_ZONE } : null,
      checkMs: Math.round(e.SCHEDULE_CHECK_S * 1000),
    },
  };
}

const ENTRA_VARIABLES = ['ENTRA_CLIENT_ID', 'ENTRA_TENANT_ID', 'ENTRA_APP_ID_URI', 'ENTRA_ALLOWED_TENANTS'] as const;

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare) || bare === '::ffff:127.0.0.1';
}

/**
 * AUTH_MODE=local trusts a header anyone can set, so it runs only as a deliberate demo: never
 * beside Entra settings, only with NODE_ENV development or test (unset counts as development
 * while the server stays on loopback, so `npm start` works as it is), and a HOST off loopback
 * only on purpose, with a warning.
 */
function checkLocalMode(e: z.infer<typeof envSchema>, host: string): void {
  const entra = ENTRA_VARIABLES.filter((name) => e[name] !== undefined);
  if (entra.length > 0) {
    throw new ConfigError(`AUTH_MODE=local is refused while Entra settings are present (${entra.join(', ')}): use AUTH_MODE=entra`);
  }
  const loopback = isLoopbackHost(host);
  if (e.NODE_ENV === 'production') {
    throw new ConfigError('AUTH_MODE=local trusts a header anyone can set; it is refused when NODE_ENV=production');
  }
  if (e.NODE_ENV === undefined && !loopback) {
    throw new ConfigError(
      `AUTH_MODE=local on HOST=${host} needs NODE_ENV=development or test; without NODE_ENV it listens on loopback only`,
    );
  }
  if (!loopback) {
    console.warn(
      `AUTH_MODE=local on HOST=${host}: anyone who can reach this server can act as the DPO (X-Local-User). Use it for a demo only.`,
    );
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`invalid configuration: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  const authMode = e.AUTH_MODE ?? (e.ENTRA_CLIENT_ID ? 'entra' : 'local');
  const host = e.HOST ?? (authMode === 'local' ? '127.0.0.1' : '0.0.0.0');
  if (authMode === 'local') checkLocalMode(e, host);
  const localUsers = readJson(e.LOCAL_USERS_FILE, localUsersSchema, 'LOCAL_USERS_FILE');
  const usersProblem = localUsersProblem(localUsers);
  if (usersProblem) throw new ConfigError(`LOCAL_USERS_FILE: ${usersProblem}`);
  const tabDefaultUser = e.TAB_DEFAULT_USER;
  if (tabDefaultUser !== undefined && !localUsers.users.some((u) => u.id === tabDefaultUser)) {
    throw new ConfigError(`TAB_DEFAULT_USER ${tabDefaultUser} is not among the users of LOCAL_USERS_FILE`);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const sharepoint = e.STORE === 'sharepoint' ? sharePointSettings(e) : undefined;
  return {
    env: e.NODE_ENV ?? 'development',
    port: e.PORT,
    host,
    dataDir,
    store: e.STORE,
    sqliteFile: path.join(dataDir, 'dpo-board.sqlite'),
    sharepoint,
    authMode,
    entra: authMode === 'entra' ? entraSettings(e) : undefined,
    directory: authMode === 'entra' ? directorySettings(e, sharepoint) : undefined,
    graphOnBehalfOf: checkOnBehalfOf(e, authMode, sharepoint),
    graphOnBehalfOfScopes: e.GRAPH_ON_BEHALF_OF_SCOPES.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    localUsers,
    localUsersFile: authMode === 'local' ? path.resolve(e.LOCAL_USERS_FILE) : undefined,
    readAllUnits: e.READ_ALL_UNITS,
    // Also without the bot: the mapping's object ids recognise demo users' direct SharePoint edits.
    teamsUsers: authMode === 'local' ? readJson(e.BOT_LOCAL_USERS_FILE, teamsUserMappingSchema, 'BOT_LOCAL_USERS_FILE') : { users: [] },
    defaultUnit: e.DEFAULT_UNIT,
    scale: loadScale(e.SCALE_FILE),
    seedFile: e.SEED_FILE,
    seedOnStart: e.SEED_ON_START,
    tab: { defaultUser: tabDefaultUser, distDir: path.resolve(e.TAB_DIST_DIR) },
    report: {
      contact: e.REPORT_CONTACT_NAME.trim()
        ? { name: e.REPORT_CONTACT_NAME.trim(), title: e.REPORT_CONTACT_TITLE.trim(), email: e.REPORT_CONTACT_EMAIL }
        : null,
    },
    bot: botSettings(e, authMode),
  };
}
