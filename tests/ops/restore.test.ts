import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServer } from '../helpers/cli.js';
import { addStoredPhoto, migratedDataDir, seedAudit } from '../helpers/ops-factories.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const backupDirOf = (stdout: string) => /Резервная копия готова: (.+)/.exec(stdout)?.[1] ?? '';
const count = (db: string, table: string) => {
  const sqlite = new SQLite(db, { readonly: true });
  try {
    return sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number;
  } finally {
    sqlite.close();
  }
};

describe('souzlift restore', () => {
  it('refuses while the app runs on the data directory, and restores once it is stopped', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const backup = runCli(['backup'], data.env);
    expect(backup.status).toBe(0);
    const server = await startServer(data.env);
    try {
      const refused = runCli(['restore', backupDirOf(backup.stdout)], data.env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(
        /souzlift: приложение работает \(процесс \d+ держит .*souzlift\.pid\).*--force/,
      );
      // Nothing was touched: the live database is where it was.
      expect(readdirSync(data.dir).some((n) => n.startsWith('pre-restore-'))).toBe(false);
    } finally {
      await server.stop();
    }
    const restored = runCli(['restore', backupDirOf(backup.stdout)], data.env);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain('integrity_check ok');
  });

  it('sets the current database (with its WAL) aside, ignores its stale -wal and brings media back', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const audit = seedAudit(data.db);
    const photo = addStoredPhoto(data, audit);
    const backup = runCli(['backup'], data.env);
    expect(backup.status).toBe(0);
    const eventsInBackup = count(data.db, 'events');

    // After the backup: more rows left only in a -wal file by a process that died, and a lost photo.
    const crash = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import D from 'better-sqlite3'; const db = new D(${JSON.stringify(data.db)});
         db.pragma('wal_autocheckpoint = 0');
         const ins = db.prepare("insert into events (action, entity_type, entity_id, payload, created_at) values ('late', 'x', 'x', '{}', 'now')");
         for (let i = 0; i < 50; i++) ins.run();
         process.kill(process.pid, 'SIGKILL');`,
      ],
      { cwd: path.resolve(import.meta.dirname, '..', '..') },
    );
    expect(crash.signal).toBe('SIGKILL');
    expect(existsSync(`${data.db}-wal`)).toBe(true);
    rmSync(photo.file);
    const extra = addStoredPhoto(data, audit); // uploaded after the backup: kept aside, not deleted

    const res = runCli(['restore', backupDirOf(backup.stdout)], data.env);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(existsSync(`${data.db}-wal`)).toBe(false);
    expect(count(data.db, 'events')).toBe(eventsInBackup);
    expect(readFileSync(photo.file).length).toBe(photo.size);
    const aside = /Прежние данные сохранены в (.+) —/.exec(res.stdout)?.[1] ?? '';
    expect(count(path.join(aside, 'db.sqlite3'), 'events')).toBe(eventsInBackup + 50);
    expect(existsSync(path.join(aside, 'media', extra.storageKey))).toBe(true);
    expect(res.stdout).toContain('Вложений со статусом stored: 1, в порядке: 1.');
  });

  it('gives restored files back to SERVICE_USER when run as root (and leaves ownership alone otherwise)', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const photo = addStoredPhoto(data, seedAudit(data.db));
    const backup = runCli(['backup'], data.env);
    const res = runCli(['restore', backupDirOf(backup.stdout)], { ...data.env, SERVICE_USER: 'nobody' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    if (process.getuid?.() === 0) {
      const nobody = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
      expect(res.stdout).toContain('Владелец файлов: nobody.');
      expect(statSync(data.db).uid).toBe(nobody);
      expect(statSync(data.db).mode & 0o777).toBe(0o600);
      expect(statSync(photo.file).uid).toBe(nobody);
      expect(statSync(data.media).uid).toBe(nobody);
    } else {
      expect(res.stdout).not.toContain('Владелец файлов');
      expect(statSync(data.db).uid).toBe(process.getuid?.());
    }
  });
});
