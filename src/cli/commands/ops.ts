import type { Command } from 'commander';
import { systemClock } from '../../server/clock.js';
import { loadConfig } from '../../server/config.js';
import { connectDatabase } from '../../server/db/connect.js';
import {
  checkAttachments,
  describeAttachmentsReport,
  hasBrokenAttachments,
} from '../../server/ops/attachments-check.js';
import { createBackup } from '../../server/ops/backup.js';
import { listBackups, resolveBackupDir } from '../../server/ops/backup-store.js';
import { verifyBackup } from '../../server/ops/backup-verify.js';
import { runDrill } from '../../server/ops/drill.js';
import { formatBytes } from '../../server/ops/files.js';
import { restoreBackup } from '../../server/ops/restore.js';
import {
  appendStorageLog,
  buildStorageReport,
  describeStorageReport,
} from '../../server/ops/storage-report.js';

const print = (lines: string[]) => {
  for (const line of lines) console.log(line);
};

/** Non-zero exit with a one-line reason (main.ts prints `souzlift: <message>`). */
class OpsFailure extends Error {}

function intOption(value: string): number {
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n) || n < 0) throw new OpsFailure(`ожидалось неотрицательное число: ${value}`);
  return n;
}

/** Backup, restore and monitoring commands (runbook §2–3). */
export function registerOpsCommands(program: Command): void {
  const backup = program
    .command('backup')
    .description('резервная копия базы и медиа (онлайн, безопасно во время работы приложения)')
    .option('--dest <dir>', 'каталог копий вместо BACKUP_DIR')
    .option('--label <label>', 'метка в имени копии (например, pre-deploy)')
    .option('--no-prune', 'не удалять старые копии по политике хранения')
    .action(async (opts: { dest?: string; label?: string; prune: boolean }) => {
      if (opts.label && !/^[a-z0-9-]{1,32}$/.test(opts.label))
        throw new OpsFailure('метка: только латинские строчные буквы, цифры и дефис');
      const result = await createBackup(loadConfig(), {
        clock: systemClock,
        dest: opts.dest,
        label: opts.label ?? null,
        prune: opts.prune,
      });
      const m = result.manifest;
      print([
        `Резервная копия готова: ${result.dir}`,
        `База: ${formatBytes(m.database.bytes)}, частей ${m.database.parts?.length ?? 0} по ${formatBytes(m.database.partSize ?? 0)} (новых ${(m.database.parts?.length ?? 0) - (m.database.linkedParts ?? 0)}, жёстких ссылок ${m.database.linkedParts ?? 0}), снимок ${m.database.snapshot === 'wal' ? 'WAL' : 'онлайн-API SQLite'}, схема ${m.schema.version}`,
        `Медиа: ${m.media.files} файлов, ${formatBytes(m.media.bytes)} (новых ${m.media.copied}, жёстких ссылок ${m.media.linked})`,
        result.removed.length
          ? `Удалены старые копии: ${result.removed.join(', ')}`
          : 'Старых копий к удалению нет.',
      ]);
    });

  backup
    .command('list')
    .description('список резервных копий, новые сверху')
    .option('--dest <dir>', 'каталог копий вместо BACKUP_DIR')
    .action((opts: { dest?: string }) => {
      const root = opts.dest ?? loadConfig().backupDir;
      const backups = listBackups(root);
      if (!backups.length) {
        console.log(`В ${root} резервных копий нет.`);
        return;
      }
      for (const b of backups) {
        const m = b.manifest;
        console.log(
          `${b.name}  ${m.createdAt}  v${m.app.version}  база ${formatBytes(m.database.bytes)}  медиа ${m.media.files} файлов ${formatBytes(m.media.bytes)}`,
        );
      }
    });

  backup
    .command('verify <dir>')
    .description(
      'проверить копию: sha256 и integrity_check базы, строки по манифесту, хэши медиа (DIR — путь, имя или latest)',
    )
    .option('--quick', 'quick_check вместо integrity_check; медиа — по наличию и размеру, без sha256')
    .action(async (dir: string, opts: { quick?: boolean }) => {
      const config = loadConfig();
      const target = resolveBackupDir(config.backupDir, dir);
      const result = await verifyBackup(target, { hashMedia: !opts.quick, full: !opts.quick });
      for (const w of result.warnings) console.log(`ПРЕДУПРЕЖДЕНИЕ ${w}`);
      if (!result.ok) {
        for (const p of result.problems) console.log(`ОШИБКА ${p}`);
        throw new OpsFailure(
          `копия ${target} повреждена: ${result.problems.length} проблем(ы): ${result.problems[0]}`,
        );
      }
      console.log(
        `Копия ${target} в порядке: ${result.check} ok, sha256 базы совпадает, медиафайлов проверено ${result.checkedFiles}.`,
      );
    });

  backup
    .command('drill <dir>')
    .description(
      'учения: развернуть копию во временном каталоге, запустить приложение, войти, открыть аудиты и фото',
    )
    .option('--keep', 'не удалять временный каталог')
    .action(async (dir: string, opts: { keep?: boolean }) => {
      const config = loadConfig();
      const report = await runDrill(config, resolveBackupDir(config.backupDir, dir), {
        clock: systemClock,
        keep: opts.keep,
        say: (line) => console.log(line),
      });
      if (!report.ok) throw new OpsFailure('учения по восстановлению не пройдены');
    });

  program
    .command('restore <dir>')
    .description('восстановить базу и медиа из копии (приложение должно быть остановлено)')
    .option('--force', 'восстановить, даже если приложение, похоже, работает')
    .action(async (dir: string, opts: { force?: boolean }) => {
      const config = loadConfig();
      const result = await restoreBackup(config, resolveBackupDir(config.backupDir, dir), {
        force: opts.force,
        clock: systemClock,
        say: (line) => console.log(line),
      });
      print(describeAttachmentsReport(result.attachments));
      if (result.migrationsPending)
        console.log(
          `Схема копии ${result.schemaVersion} отличается от текущей версии: выполните «souzlift migrate».`,
        );
      console.log(
        `Прежние данные сохранены в ${result.asideDir} — удалите каталог, когда убедитесь, что всё в порядке.`,
      );
      if (hasBrokenAttachments(result.attachments))
        console.log('ВНИМАНИЕ: часть фотографий отсутствует или повреждена (см. выше).');
      console.log('Восстановление завершено. Запустите приложение: sudo systemctl start souzlift');
    });

  program
    .command('storage-report')
    .description('размер базы, медиа и копий, свободное место; ненулевой код при нехватке места')
    .option('--quick', 'только свободное место (для ежечасного запуска)')
    .option('--max-used-percent <n>', 'порог заполнения диска, %', intOption, 90)
    .option('--min-free-mb <n>', 'минимум свободного места, МБ (по умолчанию DISK_MIN_FREE_MB)', intOption)
    .option('--no-log', 'не дописывать строку в LOG_DIR/disk-usage.log')
    .option('--json', 'вывести отчёт в JSON')
    .action(
      (opts: {
        quick?: boolean;
        maxUsedPercent: number;
        minFreeMb?: number;
        log: boolean;
        json?: boolean;
      }) => {
        const config = loadConfig();
        const report = buildStorageReport(config, {
          clock: systemClock,
          quick: opts.quick,
          maxUsedPercent: opts.maxUsedPercent,
          minFreeMb: opts.minFreeMb,
        });
        if (opts.log) appendStorageLog(config, report);
        if (opts.json) console.log(JSON.stringify(report, null, 2));
        else print(describeStorageReport(report));
        if (report.problems.length)
          throw new OpsFailure(`мало места на диске: ${report.problems.join('; ')}`);
      },
    );

  program
    .command('check-attachments')
    .description('сверить фотографии в базе с файлами в MEDIA_DIR: отсутствующие, повреждённые, лишние')
    .option('--quarantine-orphans', 'перенести лишние файлы в DATA_DIR/quarantine')
    .option('--no-hash', 'не считать sha256 (только наличие и размер)')
    .option('--json', 'вывести отчёт в JSON')
    .action(async (opts: { quarantineOrphans?: boolean; hash: boolean; json?: boolean }) => {
      const config = loadConfig();
      const handle = connectDatabase(config.databasePath, { mustExist: true });
      try {
        const report = await checkAttachments(handle.db, {
          mediaDir: config.mediaDir,
          dataDir: config.dataDir,
          clock: systemClock,
          hash: opts.hash,
          quarantineOrphans: opts.quarantineOrphans,
        });
        if (opts.json) console.log(JSON.stringify(report, null, 2));
        else print(describeAttachmentsReport(report));
        if (hasBrokenAttachments(report))
          throw new OpsFailure(
            `проблемы с фотографиями: отсутствуют ${report.missing.length}, неверный размер ${report.wrongSize.length}, повреждены ${report.corrupted.length}`,
          );
      } finally {
        await handle.close();
      }
    });
}
