import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { clearExpiredSessions, createUsersService } from '../server/accounts/index.js';
import { seedDemoCatalog } from '../server/catalog/index.js';
import { seedChecklist } from '../server/checklists/index.js';
import { randomIds, systemClock } from '../server/clock.js';
import { APP_VERSION, loadConfig } from '../server/config.js';
import { connectDatabase, type DatabaseHandle } from '../server/db/connect.js';
import { getMigrationStatus, migrateToLatest } from '../server/db/migrator.js';
import { createSmtpTransport, drainMailQueue } from '../server/notifications/index.js';
import { runChecks } from '../server/ops/check.js';
import { registerOpsCommands } from './commands/ops.js';

/** A failure the user can act on: printed as one line, exit code 1. */
class CliError extends Error {}

async function withDatabase<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = connectDatabase(loadConfig().databasePath);
  try {
    const { pending } = await getMigrationStatus(handle.db);
    if (pending.length)
      throw new CliError(`не применены миграции (${pending.length}): выполните «souzlift migrate»`);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

async function ask(question: string): Promise<string> {
  if (!process.stdin.isTTY)
    throw new CliError(`не хватает параметра: ${question} (или запустите в терминале)`);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(`${question}: `)).trim();
  } finally {
    rl.close();
  }
}

const program = new Command()
  .name('souzlift')
  .description('Союзлифт Аудит — команды обслуживания')
  .version(APP_VERSION)
  .showHelpAfterError();

program
  .command('migrate')
  .description('применить миграции базы данных')
  .action(async () => {
    const handle = connectDatabase(loadConfig().databasePath);
    try {
      const applied = await migrateToLatest(handle.db);
      console.log(
        applied.length
          ? `Применено миграций: ${applied.length} (${applied.join(', ')})`
          : 'Нет новых миграций.',
      );
    } finally {
      await handle.close();
    }
  });

program
  .command('check')
  .description('проверить конфигурацию, базу данных, миграции и каталоги')
  .option('--deploy', 'дополнительно проверить настройки production')
  .action(async (opts: { deploy?: boolean }) => {
    const results = await runChecks(loadConfig(), { deploy: opts.deploy });
    const marks = { ok: 'OK     ', warning: 'WARNING', error: 'ERROR  ' };
    for (const r of results) console.log(`${marks[r.level]} ${r.id}: ${r.message}`);
    const errors = results.filter((r) => r.level === 'error').length;
    const warnings = results.filter((r) => r.level === 'warning').length;
    console.log(`Ошибок: ${errors}, предупреждений: ${warnings}.`);
    if (errors) throw new CliError(`проверка не пройдена: ошибок ${errors}`);
  });

program
  .command('createadmin')
  .description('создать администратора (пароль, заданный здесь, не требует смены при входе)')
  .option('--username <username>', 'имя пользователя')
  .option('--password <password>', 'пароль')
  .option('--full-name <name>', 'ФИО', 'Администратор')
  .action(async (opts: { username?: string; password?: string; fullName: string }) => {
    const username = opts.username ?? (await ask('Имя пользователя'));
    const password = opts.password ?? (await ask('Пароль'));
    await withDatabase(async ({ db }) => {
      const user = await createUsersService({ db, clock: systemClock }).createAdmin({
        username,
        password,
        fullName: opts.fullName,
      });
      console.log(`Администратор «${user.username}» создан (id ${user.id}).`);
    });
  });

program
  .command('clearsessions')
  .description('удалить истёкшие сессии')
  .action(async () => {
    await withDatabase(async ({ db }) => {
      console.log(`Удалено истёкших сессий: ${await clearExpiredSessions(db, systemClock)}`);
    });
  });

program
  .command('send-mail-queue')
  .description('отправить накопившиеся уведомления (SMTP_URL); неудачные останутся в очереди для повтора')
  .action(async () => {
    const config = loadConfig();
    if (!config.smtpUrl) throw new CliError('SMTP_URL не задан: отправлять письма некуда');
    const transport = createSmtpTransport(config.smtpUrl);
    try {
      await withDatabase(async ({ db }) => {
        const r = await drainMailQueue({ db, clock: systemClock, transport, from: config.mailFrom });
        console.log(`Отправлено писем: ${r.sent}, не удалось: ${r.failed}.`);
        if (r.failed) throw new CliError(`не удалось отправить писем: ${r.failed} (останутся в очереди)`);
      });
    } finally {
      transport.close();
    }
  });

program
  .command('seed-demo')
  .description('добавить демонстрационные здания и лифты (повторный запуск ничего не дублирует)')
  .action(async () => {
    await withDatabase(async ({ db }) => {
      const r = await seedDemoCatalog({ db, clock: systemClock, ids: randomIds });
      console.log(`Демо-каталог: добавлено зданий ${r.buildingsCreated}, лифтов ${r.elevatorsCreated}.`);
    });
  });

program
  .command('seed-checklist')
  .description('установить и опубликовать стартовый чек-лист (только в пустую базу, иначе --force)')
  .option('--username <username>', 'администратор, от имени которого публикуется версия')
  .option('--force', 'заменить непустой черновик и опубликовать новую версию (старые версии не меняются)')
  .action(async (opts: { username?: string; force?: boolean }) => {
    await withDatabase(async ({ db }) => {
      const version = await seedChecklist(db, systemClock, opts);
      console.log(`Стартовый чек-лист опубликован: действующая версия ${version.number}.`);
    });
  });

registerOpsCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`souzlift: ${message}\n`);
  process.exit(1);
});
