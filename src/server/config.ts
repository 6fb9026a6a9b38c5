import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const LogLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_PATH: z.string().min(1).optional(),
  MEDIA_DIR: z.string().min(1).optional(),
  LOG_DIR: z.string().min(1).optional(),
  BACKUP_DIR: z.string().min(1).optional(),
  CLIENT_DIR: z.string().min(1).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8000'),
  SESSION_SECRET: z.string().min(1).optional(),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  TRUST_PROXY: bool.default(false),
  MEDIA_ACCEL_REDIRECT: z.string().default('off'),
  DISK_MIN_FREE_MB: z.coerce.number().int().min(0).default(1024),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Союзлифт Аудит <noreply@souzlift.local>'),
  LOG_LEVEL: LogLevelSchema.default('info'),
  LOG_STDOUT_LEVEL: LogLevelSchema.optional(),
  LOGIN_MAX_FAILURES_PER_USER: z.coerce.number().int().min(1).default(10),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  BACKUP_KEEP_DAILY: z.coerce.number().int().min(1).default(7),
  BACKUP_KEEP_WEEKLY: z.coerce.number().int().min(0).default(4),
  SUPPORT_EMAIL: z.string().default('support@souzlift.local'),
  SUPPORT_PHONE: z.string().default(''),
  SERVICE_USER: z.string().default(''),
});

export interface Config {
  production: boolean;
  host: string;
  port: number;
  dataDir: string;
  databasePath: string;
  mediaDir: string;
  logDir: string;
  backupDir: string;
  clientDir: string;
  publicUrl: string;
  secureCookies: boolean;
  sessionSecret: string | null;
  sessionTtlDays: number;
  trustProxy: boolean;
  /** nginx `internal` location prefix for X-Accel-Redirect, or null to stream from Node. */
  mediaAccelRedirect: string | null;
  diskMinFreeMb: number;
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: string;
  /** What of it also goes to stdout (the journal under systemd); app.log gets everything. */
  logStdoutLevel: string;
  loginMaxFailuresPerUser: number;
  loginMaxFailuresPerIp: number;
  backupKeepDaily: number;
  backupKeepWeekly: number;
  supportEmail: string;
  supportPhone: string;
  serviceUser: string;
}

export class ConfigError extends Error {}

const PACKAGE_ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * Reads the configuration from the environment, over an optional `.env` file in the working
 * directory (the environment wins). Fails fast, naming every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  const fromFile = envFile && existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  const merged: Record<string, string | undefined> = { ...fromFile, ...env };
  const parsed = EnvSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Ошибка конфигурации — ${lines.join('; ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const production = e.NODE_ENV === 'production';
  if (production && !e.SESSION_SECRET) {
    throw new ConfigError('Ошибка конфигурации — SESSION_SECRET: обязателен в production');
  }
  const accel = e.MEDIA_ACCEL_REDIRECT.trim();
  return {
    production,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databasePath: path.resolve(e.DATABASE_PATH ?? path.join(dataDir, 'db.sqlite3')),
    mediaDir: path.resolve(e.MEDIA_DIR ?? path.join(dataDir, 'media')),
    logDir: path.resolve(e.LOG_DIR ?? path.join(dataDir, 'logs')),
    backupDir: path.resolve(e.BACKUP_DIR ?? path.join(dataDir, 'backups')),
    clientDir: path.resolve(e.CLIENT_DIR ?? path.join(PACKAGE_ROOT, 'dist', 'client')),
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
    secureCookies: e.PUBLIC_URL.startsWith('https:'),
    sessionSecret: e.SESSION_SECRET ?? null,
    sessionTtlDays: e.SESSION_TTL_DAYS,
    trustProxy: e.TRUST_PROXY,
    mediaAccelRedirect: ['', 'off', 'false', '0'].includes(accel) ? null : accel.replace(/\/+$/, ''),
    diskMinFreeMb: e.DISK_MIN_FREE_MB,
    smtpUrl: e.SMTP_URL || null,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    logStdoutLevel: e.LOG_STDOUT_LEVEL ?? e.LOG_LEVEL,
    loginMaxFailuresPerUser: e.LOGIN_MAX_FAILURES_PER_USER,
    loginMaxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
    backupKeepDaily: e.BACKUP_KEEP_DAILY,
    backupKeepWeekly: e.BACKUP_KEEP_WEEKLY,
    supportEmail: e.SUPPORT_EMAIL,
    supportPhone: e.SUPPORT_PHONE,
    serviceUser: e.SERVICE_USER,
  };
}

export const APP_VERSION: string = JSON.parse(
  readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'),
).version;
export { PACKAGE_ROOT };
