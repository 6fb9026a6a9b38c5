import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changelogSection } from '../../scripts/changelog.js';
import { runCli, startServer } from '../helpers/cli.js';
import { migratedDataDir } from '../helpers/ops-factories.js';
import { ROOT } from './ops-cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const temp = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
const me = userInfo().username;

describe('scripts/deploy.sh', () => {
  /** deploy.sh with git, npm, systemctl, curl, the CLI and backup.sh replaced by recording stubs. */
  function deploy(fail?: string) {
    const dir = temp('souzlift-deploy-');
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    for (const name of ['git', 'npm', 'systemctl', 'curl', 'souzlift', 'backup.sh', 'sudo'])
      copyFileSync(path.join(ROOT, 'tests/ops/fixtures/stubs/stub'), path.join(bin, name));
    const envFile = path.join(dir, 'souzlift.env');
    writeFileSync(envFile, 'PORT=8123\nPUBLIC_URL="https://audit.example.test"\n');
    const log = path.join(dir, 'calls.log');
    writeFileSync(log, '');
    const res = spawnSync('bash', [path.join(ROOT, 'scripts/deploy.sh')], {
      encoding: 'utf8',
      env: {
        PATH: `${bin}:${process.env.PATH}`,
        HOME: dir,
        APP_DIR: dir,
        APP_USER: me,
        SOUZLIFT: path.join(bin, 'souzlift'),
        BACKUP_SCRIPT: path.join(bin, 'backup.sh'),
        SOUZLIFT_ENV_FILE: envFile,
        STUB_LOG: log,
        ...(fail ? { STUB_FAIL: fail } : {}),
      },
    });
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    return { ...res, calls, output: res.stdout + res.stderr };
  }

  it('runs every step in the runbook order and reports the pre-deploy backup', () => {
    const res = deploy();
    expect(res.output).toBe(res.stdout); // nothing on stderr
    expect(res.status).toBe(0);
    const steps = res.calls.filter((c) => !c.startsWith('git rev-parse') && !c.startsWith('git describe'));
    expect(steps).toEqual([
      'systemctl stop souzlift',
      'backup.sh --label pre-deploy',
      'git fetch --all --prune',
      'git checkout main',
      'git pull --ff-only',
      'npm ci --no-audit --no-fund',
      'npm run build',
      'souzlift migrate',
      'souzlift check --deploy',
      'systemctl start souzlift',
      'curl -fsS --max-time 3 http://127.0.0.1:8123/healthz',
      'npm run --silent test:smoke -- --url https://audit.example.test',
      'systemctl --no-pager status souzlift',
    ]);
    expect(res.stdout).toContain('==> [11/11] Состояние службы');
    expect(res.stdout).toContain(
      'Резервная копия до релиза: /var/backups/souzlift/20261128T120000Z-pre-deploy',
    );
  });

  it('stops at a failed build before touching the database and says how to go back', () => {
    const res = deploy('npm run build');
    expect(res.status).toBe(7);
    expect(res.stdout).toContain(
      'ОШИБКА на шаге «Сборка (npm run build)» (код 7). Развёртывание остановлено.',
    );
    expect(res.stdout).toContain('Новый код получен, база не менялась.');
    expect(res.stdout).toContain('git checkout 1111111111111111111111111111111111111111');
    expect(res.calls.some((c) => c.includes('migrate') || c.includes('systemctl start'))).toBe(false);
  });

  it('after migrations, a failed smoke check gives the restore instructions with the backup made', () => {
    const res = deploy('test:smoke');
    expect(res.status).toBe(7);
    expect(res.stdout).toContain('ОШИБКА на шаге «Smoke-проверки (https://audit.example.test)»');
    expect(res.stdout).toContain('База могла быть изменена миграциями.');
    const restore = `2. sudo -u ${me} \\S+/scripts/souzlift\\.sh restore /var/backups/souzlift/20261128T120000Z-pre-deploy`;
    expect(res.stdout).toMatch(new RegExp(restore));
    expect(res.calls).not.toContain('systemctl --no-pager status souzlift');
  });

  it('a failed backup leaves code and database alone and says how to start the old version', () => {
    const res = deploy('backup.sh');
    expect(res.status).toBe(7);
    expect(res.stdout).toContain('ОШИБКА на шаге «Резервная копия базы и медиа»');
    expect(res.stdout).toContain(
      'Служба остановлена, код и база не менялись. Запустите прежнюю версию: sudo systemctl start souzlift',
    );
    expect(res.calls.some((c) => c.startsWith('git fetch'))).toBe(false);
  });
});

describe('scripts/backup.sh and scripts/install-cron.sh', () => {
  it('backup.sh takes a backup through the CLI wrapper and verifies it', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const res = spawnSync('bash', [path.join(ROOT, 'scripts/backup.sh')], {
      encoding: 'utf8',
      env: { ...process.env, ...data.env, PORT: '0', LOG_LEVEL: 'silent', SOUZLIFT_ENV_FILE: '/nonexistent' },
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/Резервная копия готова: .*backups\/\d{8}T\d{6}Z/);
    // backup.sh checks the new copy with `verify --quick`: quick_check of the database and every part's sha256.
    expect(res.stdout).toMatch(/Копия .* в порядке: quick_check ok, sha256 базы совпадает/);
    expect(res.stdout).toMatch(/резервное копирование: готово/);
  });

  it('install-cron.sh installs the schedule for this checkout and user, mode 0644', () => {
    const dir = temp('souzlift-crond-');
    const target = path.join(dir, 'cron.d', 'souzlift');
    const res = spawnSync(
      'bash',
      [
        path.join(ROOT, 'scripts/install-cron.sh'),
        '--user',
        me,
        '--app-dir',
        '/srv/souzlift',
        '--target',
        target,
        '--mailto',
        'ops@example.ru',
      ],
      { encoding: 'utf8' },
    );
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(statSync(target).mode & 0o777).toBe(0o644);
    const text = readFileSync(target, 'utf8');
    expect(text).toContain('MAILTO=ops@example.ru');
    const jobs = text.split('\n').filter((l) => /^[\d*]/.test(l));
    expect(jobs).toHaveLength(6);
    for (const job of jobs) {
      const fields = job.split(/\s+/);
      expect(fields[5]).toBe(me);
      expect(fields[6]).toMatch(/^\/srv\/souzlift\/scripts\/(backup|souzlift)\.sh$/);
    }
    expect(text).not.toContain('/opt/souzlift');
  });
});

describe('npm run test:smoke', () => {
  it('passes against a running instance (health, static, login, both portals) and fails when it is down', async () => {
    const data = await migratedDataDir();
    dirs.push(data.dir);
    const client = path.join(data.dir, 'client');
    mkdirSync(path.join(client, 'assets'), { recursive: true });
    writeFileSync(
      path.join(client, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>',
    );
    writeFileSync(path.join(client, 'assets', 'index-abc123.js'), 'export {};\n');
    expect(
      runCli(['createadmin', '--username', 'smoke', '--password', 'Дымовая-проверка-7'], data.env).status,
    ).toBe(0);
    const server = await startServer({ ...data.env, CLIENT_DIR: client });
    const smoke = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/smoke.ts', '--url', server.url], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, SMOKE_USER: 'smoke', SMOKE_PASSWORD: 'Дымовая-проверка-7' },
        timeout: 60_000,
      });
    try {
      const ok = smoke();
      expect(ok.stdout).toMatch(/^OK {3}\/healthz: версия \d+\.\d+\.\d+/m);
      expect(ok.stdout).toMatch(
        /^OK {3}статика: \/assets\/index-abc123\.js \(Cache-Control: public, max-age=31536000, immutable\)/m,
      );
      expect(ok.stdout).toMatch(/^OK {3}вход: smoke \(admin\)/m);
      expect(ok.stdout).toMatch(/^OK {3}портал администратора/m);
      expect(ok.stdout).toMatch(/^OK {3}портал аудитора/m);
      expect(ok.stdout).toContain('Все проверки пройдены.');
      expect(ok.status).toBe(0);
    } finally {
      await server.stop();
    }
    const down = smoke();
    expect(down.status).toBe(1);
    expect(down.stdout).toMatch(/^FAIL \/healthz: нет соединения/m);
  });
});

describe('npm run release:check', () => {
  it('finds the section of a version in a Keep a Changelog file', () => {
    const text =
      '# Журнал\n\n## [Unreleased]\n\n## [1.2.0] — 2026-11-28\n\n### Добавлено\n- Резервные копии.\n\n## [1.1.0] — 2026-10-01\n- Прежнее.\n';
    expect(changelogSection(text, '1.2.0')).toBe('### Добавлено\n- Резервные копии.');
    expect(changelogSection(text, '1.1.0')).toBe('- Прежнее.');
    expect(changelogSection(text, '1.2')).toBeNull();
    expect(changelogSection(text, '1.3.0')).toBeNull();
  });

  it('fails naming the version when CHANGELOG.md has no section for package.json’s version', () => {
    const root = temp('souzlift-release-');
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ version: '9.9.9' }));
    writeFileSync(path.join(root, 'CHANGELOG.md'), '# Журнал\n\n## [9.9.8] — 2026-11-01\n- Старое.\n');
    const check = () =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/release-check.ts', '--changelog-only', '--root', root],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
    const missing = check();
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('в CHANGELOG.md нет раздела для версии 9.9.9');
    writeFileSync(path.join(root, 'CHANGELOG.md'), '# Журнал\n\n## [9.9.9] — 2026-11-28\n- Новое.\n');
    const present = check();
    expect(present.status).toBe(0);
    expect(present.stdout).toContain('OK CHANGELOG.md: раздел версии 9.9.9');
  });
});
