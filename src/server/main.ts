import { createUsersService } from './accounts/index.js';
import { buildApp } from './app.js';
import { APP_VERSION, ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { cleanupPartialUploads } from './media/index.js';
import { acquireServerLock } from './ops/run-lock.js';

function printInitialAdmin(username: string, password: string, url: string): void {
  const lines = [
    '',
    '================================================================',
    ' Союзлифт Аудит: создан первый администратор / first admin created',
    `   Адрес:  ${url}`,
    `   Логин:  ${username}`,
    `   Пароль: ${password}`,
    ' Пароль одноразовый: при первом входе его нужно сменить.',
    ' This one-time password must be changed at first login.',
    '================================================================',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

async function main(): Promise<void> {
  const config = loadConfig();
  // DATA_DIR/souzlift.pid: `souzlift restore` refuses to run under a live server; monit watches it.
  const lock = acquireServerLock(config);
  process.on('exit', () => lock.release());
  const logging = createLogger({
    level: config.logLevel,
    logDir: config.logDir,
    stdoutLevel: config.logStdoutLevel,
  });
  const { app, ctx } = await buildApp(config, {
    logger: logging.logger,
    migrate: process.argv.includes('--migrate'),
  });

  const initialAdmin = await createUsersService({ db: ctx.db, clock: ctx.clock }).ensureInitialAdmin();
  // Uploads interrupted by a crash leave *.part files: nothing references them.
  const removedParts = await cleanupPartialUploads(config.mediaDir);
  if (removedParts) app.log.warn({ removedParts }, 'removed partial uploads');
  await app.listen({ host: config.host, port: config.port });
  if (initialAdmin) printInitialAdmin(initialAdmin.username, initialAdmin.password, config.publicUrl);
  app.log.info({ version: APP_VERSION, host: config.host, port: config.port }, 'souzlift started');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Stop accepting connections, let requests in flight finish, then close the database.
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    await app.close();
    logging.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGHUP', () => {
    logging.reopen();
    app.log.info('log file reopened');
  });
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`souzlift: ${message}\n`);
  process.exit(1);
});
