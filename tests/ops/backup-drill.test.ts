import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { addStoredPhoto, migratedDataDir, seedAudit } from '../helpers/ops-factories.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('souzlift backup drill', () => {
  it('starts the app on a restored copy, logs in, reports what it saw and cleans up', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const audit = seedAudit(data.db);
    addStoredPhoto(data, audit);
    addStoredPhoto(data, audit);
    expect(runCli(['backup'], data.env).status).toBe(0);
    const res = runCli(['backup', 'drill', 'latest'], data.env);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('проверка пройдена (2 медиафайлов)');
    expect(res.stdout).toMatch(/В копии: аудитов: 1, фотографий: 2/);
    expect(res.stdout).toMatch(/Приложение на копии запущено: http:\/\/127\.0\.0\.1:\d+/);
    expect(res.stdout).toContain('/readyz: готово.');
    expect(res.stdout).toMatch(/Вход выполнен \(временный администратор drill-[0-9a-f]+/);
    expect(res.stdout).toContain('Список аудитов открыт: всего 1, как в базе.');
    expect(res.stdout).toContain(`Аудит ${audit.auditUuid} открыт.`);
    expect(res.stdout.match(/Фото [0-9a-f-]{36} открыто, sha256 совпадает\./g)).toHaveLength(2);
    expect(res.stdout).toContain('Итог: учения пройдены');
    expect(readdirSync(data.backups).filter((n) => n.startsWith('.drill-'))).toEqual([]);
    // The live database never saw the temporary administrator.
    const live = new SQLite(data.db, { readonly: true });
    expect(live.prepare("select count(*) from users where username like 'drill-%'").pluck().get()).toBe(0);
    live.close();
  });

  it('fails without starting anything when the copy is damaged', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const backup = runCli(['backup'], data.env);
    const dir = /Резервная копия готова: (.+)/.exec(backup.stdout)?.[1] ?? '';
    writeFileSync(path.join(dir, 'db.sqlite3.parts', '00000'), 'not a database any more');
    const res = runCli(['backup', 'drill', dir], data.env);
    expect(res.status).toBe(1);
    expect(res.stdout).toMatch(
      /ОШИБКА: база db\.sqlite3\.parts\/00000: размер 23, в манифесте \d+ \(часть повреждена\)/,
    );
    expect(res.stdout).not.toContain('Приложение на копии запущено');
  });
});
