import { sql } from 'kysely';
import type { Config } from '../config.js';
import { connectDatabase } from '../db/connect.js';
import { getMigrationStatus } from '../db/migrator.js';
import { isWritableDir } from './disk.js';

export interface CheckResult {
  level: 'ok' | 'warning' | 'error';
  id: string;
  message: string;
}

/** The placeholder shipped in deploy/souzlift.env.example: strong-looking, but public. */
const EXAMPLE_SESSION_SECRET = 'Xq7vR2mT9pL4wK8zN3bF6hJ1cD5gS0aYeU4iO7tQ2rV9xW3n';

const WEAK_SECRETS = ['change-me', 'changeme', 'secret', 'please-change-this-secret', 'session-secret'];

/** Production settings that Django's `check --deploy` would flag, for this stack. */
function deployChecks(config: Config): CheckResult[] {
  const out: CheckResult[] = [];
  const secret = config.sessionSecret ?? '';
  if (!secret) out.push({ level: 'error', id: 'security.no_secret', message: 'SESSION_SECRET не задан.' });
  else if (
    secret.length < 32 ||
    WEAK_SECRETS.some((w) => secret.toLowerCase().includes(w)) ||
    new Set(secret).size < 10
  )
    out.push({
      level: 'error',
      id: 'security.weak_secret',
      message: 'SESSION_SECRET слабый: нужно не менее 32 случайных символов (openssl rand -base64 48).',
    });
  else if (secret === EXAMPLE_SESSION_SECRET)
    out.push({
      level: 'warning',
      id: 'security.example_secret',
      message: 'SESSION_SECRET взят из deploy/souzlift.env.example: замените его (openssl rand -base64 48).',
    });
  if (!config.production)
    out.push({ level: 'error', id: 'security.dev_mode', message: 'NODE_ENV не равен production.' });
  if (!config.secureCookies)
    out.push({
      level: 'error',
      id: 'security.insecure_cookies',
      message: 'PUBLIC_URL не https://: cookie сессии будут передаваться без флага Secure.',
    });
  if (!config.trustProxy)
    out.push({
      level: 'warning',
      id: 'security.proxy_not_trusted',
      message: 'TRUST_PROXY=false: за nginx приложение не увидит настоящие IP-адреса клиентов.',
    });
  if (!['127.0.0.1', '::1', 'localhost'].includes(config.host))
    out.push({
      level: 'warning',
      id: 'security.public_bind',
      message: `HOST=${config.host}: приложение доступно в обход nginx.`,
    });
  if (['debug', 'trace'].includes(config.logLevel))
    out.push({
      level: 'warning',
      id: 'logs.verbose',
      message: `LOG_LEVEL=${config.logLevel}: слишком подробные логи.`,
    });
  if (!config.smtpUrl)
    out.push({
      level: 'warning',
      id: 'mail.not_configured',
      message: 'SMTP_URL не задан: уведомления не будут отправляться.',
    });
  return out;
}

/** `souzlift check [--deploy]`: configuration, database, migrations, writable folders. */
export async function runChecks(config: Config, options: { deploy?: boolean } = {}): Promise<CheckResult[]> {
  const results: CheckResult[] = [{ level: 'ok', id: 'config', message: 'Конфигурация прочитана.' }];
  for (const [id, dir] of [
    ['dirs.data', config.dataDir],
    ['dirs.media', config.mediaDir],
    ['dirs.logs', config.logDir],
    ['dirs.backups', config.backupDir],
  ] as const) {
    results.push(
      isWritableDir(dir)
        ? { level: 'ok', id, message: `${dir} доступен для записи.` }
        : { level: 'error', id, message: `${dir} недоступен для записи.` },
    );
  }
  try {
    const handle = connectDatabase(config.databasePath, { mustExist: true });
    try {
      await sql`select 1`.execute(handle.db);
      results.push({ level: 'ok', id: 'database', message: `База данных ${config.databasePath} отвечает.` });
      const { pending } = await getMigrationStatus(handle.db);
      results.push(
        pending.length
          ? {
              level: 'error',
              id: 'migrations',
              message: `Не применены миграции: ${pending.join(', ')} (souzlift migrate).`,
            }
          : { level: 'ok', id: 'migrations', message: 'Все миграции применены.' },
      );
    } finally {
      await handle.close();
    }
  } catch (error) {
    results.push({
      level: 'error',
      id: 'database',
      message: `База данных недоступна: ${(error as Error).message}`,
    });
  }
  if (options.deploy) results.push(...deployChecks(config));
  return results;
}
