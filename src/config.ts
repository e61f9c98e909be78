/**
 * Every setting of DPO Board, read from the environment, parsed and checked here and
 * nowhere else. README.md and .env.example list the same variables.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLES } from './domain/roles.js';
import { APP_ROOT } from './paths.js';
import { DEFAULT_SCALE, validateScale, type Scale } from './domain/scale.js';

const localUsersSchema = z.object({
  defaultUser: z.string().min(1),
  users: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        displayName: z.string().min(1).max(200),
        email: z.string().optional(),
        roles: z.array(z.enum(ROLES)).min(1),
      }),
    )
    .min(1),
});
export type LocalUsers = z.infer<typeof localUsersSchema>;

const scaleSchema = z.object({
  levels: z
    .array(z.object({ level: z.number().int(), label: z.object({ sv: z.string().min(1), en: z.string().min(1) }) }))
    .min(2),
});

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  STORE: z.enum(['sqlite']).default('sqlite'),
  AUTH_MODE: z.enum(['local']).default('local'),
  LOCAL_USERS_FILE: z.string().default(path.join(APP_ROOT, 'config/local-users.json')),
  DEFAULT_UNIT: z.string().min(1).default('intraservice'),
  SCALE_FILE: z.string().optional(),
  SEED_FILE: z.string().optional(),
  SEED_ON_START: flag.default(true),
  /** The demo user the tab opens as in AUTH_MODE=local (defaults to localUsers.defaultUser). */
  TAB_DEFAULT_USER: z.string().min(1).optional(),
  /** Where the built tab lives (npm run build:tab writes it). */
  TAB_DIST_DIR: z.string().default(path.join(APP_ROOT, 'dist/tab')),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  store: 'sqlite';
  sqliteFile: string;
  authMode: 'local';
  localUsers: LocalUsers;
  defaultUnit: string;
  scale: Scale;
  seedFile: string | undefined;
  seedOnStart: boolean;
  tab: { defaultUser: string; distDir: string };
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(`invalid configuration: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  if (e.AUTH_MODE === 'local' && e.NODE_ENV === 'production') {
    throw new ConfigError('AUTH_MODE=local trusts a header anyone can set; it is refused when NODE_ENV=production');
  }
  const localUsers = readJson(e.LOCAL_USERS_FILE, localUsersSchema, 'LOCAL_USERS_FILE');
  if (!localUsers.users.some((u) => u.id === localUsers.defaultUser)) {
    throw new ConfigError(`LOCAL_USERS_FILE: defaultUser ${localUsers.defaultUser} is not among the users`);
  }
  const tabDefaultUser = e.TAB_DEFAULT_USER ?? localUsers.defaultUser;
  if (!localUsers.users.some((u) => u.id === tabDefaultUser)) {
    throw new ConfigError(`TAB_DEFAULT_USER ${tabDefaultUser} is not among the users of LOCAL_USERS_FILE`);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    store: e.STORE,
    sqliteFile: path.join(dataDir, 'dpo-board.sqlite'),
    authMode: e.AUTH_MODE,
    localUsers,
    defaultUnit: e.DEFAULT_UNIT,
    scale: loadScale(e.SCALE_FILE),
    seedFile: e.SEED_FILE,
    seedOnStart: e.SEED_ON_START,
    tab: { defaultUser: tabDefaultUser, distDir: path.resolve(e.TAB_DIST_DIR) },
  };
}
