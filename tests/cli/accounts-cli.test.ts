import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/server/db/connect.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = tempDataDir();
  dirs.push(dir);
  return dir;
}

describe('souzlift CLI', () => {
  it('prints help listing the commands', () => {
    const res = runCli(['--help'], { DATA_DIR: freshDir() });
    expect(res.status).toBe(0);
    for (const cmd of ['migrate', 'check', 'createadmin', 'clearsessions']) expect(res.stdout).toContain(cmd);
  });

  it('check fails with a one-line reason before migrations and passes after migrate', () => {
    const env = { DATA_DIR: freshDir() };
    const before = runCli(['check'], env);
    expect(before.status).toBe(1);
    expect(before.stderr.trim().split('\n')).toHaveLength(1);
    expect(runCli(['migrate'], env).stdout).toMatch(/Применено миграций: \d+/);
    expect(runCli(['migrate'], env).stdout).toContain('Нет новых миграций');
    const after = runCli(['check'], env);
    expect(after.status).toBe(0);
    expect(after.stdout).toContain('Все миграции применены');
  });

  it('stops on a bad configuration value, naming the variable', () => {
    const res = runCli(['check'], { DATA_DIR: freshDir(), PORT: 'восемь тысяч' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('PORT');
  });

  it('check --deploy fails on a weak secret and passes on a sound production configuration', () => {
    const dir = freshDir();
    runCli(['migrate'], { DATA_DIR: dir });
    const production = {
      DATA_DIR: dir,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://audit.souzlift.example',
      TRUST_PROXY: 'true',
      SMTP_URL: 'smtp://127.0.0.1:25',
    };
    const weak = runCli(['check', '--deploy'], { ...production, SESSION_SECRET: 'change-me' });
    expect(weak.status).toBe(1);
    expect(weak.stdout).toContain('security.weak_secret');
    const sound = runCli(['check', '--deploy'], {
      ...production,
      SESSION_SECRET: 'pQ7vX2mR9sL4tW8yB3nC6kH1jF5dG0aZ-uE_oI2rT7',
    });
    expect(sound.stdout).not.toContain('ERROR');
    expect(sound.status).toBe(0);
  });

  it('createadmin makes an admin who needs no password change, and refuses a weak password', () => {
    const env = { DATA_DIR: freshDir() };
    runCli(['migrate'], env);
    const weak = runCli(['createadmin', '--username', 'chief', '--password', '1234567890'], env);
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('только из цифр');
    const ok = runCli(
      ['createadmin', '--username', 'chief', '--password', 'Главный-инженер-1', '--full-name', 'Главный'],
      env,
    );
    expect(ok.status).toBe(0);
    const dup = runCli(['createadmin', '--username', 'CHIEF', '--password', 'Главный-инженер-1'], env);
    expect(dup.status).toBe(1);
    const handle = connectDatabase(path.join(env.DATA_DIR, 'db.sqlite3'));
    const row = handle.sqlite
      .prepare('select role, must_change_password from users where username_key = ?')
      .get('chief');
    handle.sqlite.close();
    expect(row).toEqual({ role: 'admin', must_change_password: 0 });
  });

  it('clearsessions removes only expired sessions and says how many', () => {
    const env = { DATA_DIR: freshDir() };
    runCli(['migrate'], env);
    runCli(['createadmin', '--username', 'chief', '--password', 'Главный-инженер-1'], env);
    const handle = connectDatabase(path.join(env.DATA_DIR, 'db.sqlite3'));
    const insert = handle.sqlite.prepare(
      `insert into sessions (token_hash, user_id, csrf_secret, created_at, last_seen_at, expires_at)
       values (?, 1, 'x', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?)`,
    );
    insert.run('expired-1', '2020-01-01T00:00:00.000Z');
    insert.run('expired-2', '2021-06-01T00:00:00.000Z');
    insert.run('alive', '2999-01-01T00:00:00.000Z');
    handle.sqlite.close();
    const res = runCli(['clearsessions'], env);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('Удалено истёкших сессий: 2');
    const check = connectDatabase(path.join(env.DATA_DIR, 'db.sqlite3'));
    const left = check.sqlite.prepare('select token_hash from sessions').all();
    check.sqlite.close();
    expect(left).toEqual([{ token_hash: 'alive' }]);
  });
});
