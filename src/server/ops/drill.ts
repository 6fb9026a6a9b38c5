/**
 * `souzlift backup drill DIR` — the monthly check of runbook §2.2, automated: restore the copy into a
 * scratch directory next to it, start the real server on it on a free loopback port, log in as a
 * temporary administrator created in the copy, open audits and photos through the API, stop, clean up.
 * The live data and the backup itself are never written to.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createUsersService } from '../accounts/index.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { connectDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrator.js';
import { assembleDatabase } from './backup-db-assemble.js';
import { MEDIA_SUBDIR } from './backup-store.js';
import { verifyBackup } from './backup-verify.js';
import { walkFiles } from './files.js';

export interface DrillReport {
  ok: boolean;
  lines: string[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The server entry next to this module: src/server/main.ts under tsx, dist/server/main.js when built. */
function serverCommand(): { args: string[] } {
  const here = fileURLToPath(import.meta.url);
  const ext = path.extname(here);
  const main = path.join(path.dirname(here), '..', `main${ext}`);
  // The child runs in the scratch directory, so a bare `--import tsx` would not resolve there.
  const tsx = () => import.meta.resolve('tsx');
  const execArgv = process.execArgv.map((a) => (a === 'tsx' ? tsx() : a));
  if (ext === '.ts' && !execArgv.some((a) => a.includes('tsx'))) execArgv.push('--import', tsx());
  return { args: [...execArgv, main, '--migrate'] };
}

async function waitForHealth(base: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

interface ApiSession {
  base: string;
  cookie: string;
}

async function api(s: ApiSession, url: string): Promise<Response> {
  return fetch(s.base + url, { headers: { cookie: s.cookie }, signal: AbortSignal.timeout(15_000) });
}

async function errorCode(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { code?: string } };
    return body.error?.code ?? String(res.status);
  } catch {
    return String(res.status);
  }
}

export async function runDrill(
  config: Config,
  dir: string,
  options: { clock: Clock; keep?: boolean; say?: (line: string) => void },
): Promise<DrillReport> {
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    options.say?.(line);
  };
  let ok = true;
  const fail = (line: string) => {
    ok = false;
    say(`ОШИБКА: ${line}`);
  };

  say(`Учения по восстановлению: копия ${dir}`);
  const verified = await verifyBackup(dir);
  if (!verified.ok || !verified.manifest) {
    for (const p of verified.problems) fail(p);
    return { ok: false, lines };
  }
  const manifest = verified.manifest;
  for (const warning of verified.warnings) say(`Предупреждение: ${warning}`);
  say(
    `Копия от ${manifest.createdAt}, версия ${manifest.app.version}, схема ${manifest.schema.version}: проверка пройдена (${verified.checkedFiles} медиафайлов).`,
  );

  const work = mkdtempSync(path.join(path.dirname(path.resolve(dir)), '.drill-'));
  const dataDir = path.join(work, 'data');
  const mediaDir = path.join(dataDir, 'media');
  const databasePath = path.join(dataDir, 'db.sqlite3');
  mkdirSync(mediaDir, { recursive: true });
  let child: ChildProcess | null = null;
  try {
    const assembled = await assembleDatabase(dir, manifest, databasePath);
    if (assembled.problems.length) {
      fail(`копия базы изменилась после проверки: ${assembled.problems.join('; ')}`);
      return { ok: false, lines };
    }
    for (const f of walkFiles(path.join(dir, MEDIA_SUBDIR))) {
      const target = path.join(mediaDir, ...f.rel.split('/'));
      mkdirSync(path.dirname(target), { recursive: true });
      try {
        linkSync(f.abs, target); // the drill server only reads photos
      } catch {
        copyFileSync(f.abs, target);
      }
    }
    say(`Копия развёрнута во временном каталоге ${work}.`);

    const username = `drill-${randomBytes(4).toString('hex')}`;
    const password = `Drill-${randomBytes(18).toString('base64url')}`;
    const handle = connectDatabase(databasePath, { mustExist: true });
    let sampleAudits: string[];
    let auditCount: number;
    let samplePhotos: { uuid: string; sha256: string }[];
    try {
      const applied = await migrateToLatest(handle.db);
      if (applied.length) say(`В копии применены миграции текущей версии: ${applied.length}.`);
      await createUsersService({ db: handle.db, clock: options.clock }).createAdmin({
        username,
        password,
        fullName: 'Учения по восстановлению',
      });
      const count = async (table: 'audits' | 'users' | 'auditAttachments' | 'elevators') =>
        Number(
          (
            await handle.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const storedPhotos = Number(
        (
          await handle.db
            .selectFrom('auditAttachments')
            .where('status', '=', 'stored')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      auditCount = await count('audits');
      say(
        `В копии: аудитов: ${auditCount}, фотографий: ${storedPhotos}, лифтов: ${await count('elevators')}, пользователей: ${(await count('users')) - 1}.`,
      );
      sampleAudits = (
        await handle.db.selectFrom('audits').select('uuid').orderBy('id', 'desc').limit(3).execute()
      ).map((a) => a.uuid);
      samplePhotos = await handle.db
        .selectFrom('auditAttachments')
        .where('status', '=', 'stored')
        .select(['uuid', 'sha256'])
        .orderBy('id', 'desc')
        .limit(3)
        .execute();
    } finally {
      await handle.close();
    }

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const { args } = serverCommand();
    child = spawn(process.execPath, args, {
      cwd: work,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: base,
        DATA_DIR: dataDir,
        DATABASE_PATH: databasePath,
        MEDIA_DIR: mediaDir,
        LOG_DIR: path.join(work, 'logs'),
        BACKUP_DIR: path.join(work, 'backups'),
        CLIENT_DIR: config.clientDir,
        SESSION_SECRET: randomBytes(32).toString('base64url'),
        SMTP_URL: '',
        MEDIA_ACCEL_REDIRECT: 'off',
        TRUST_PROXY: 'false',
        DISK_MIN_FREE_MB: '0',
        LOG_LEVEL: 'warn',
      },
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    if (!(await waitForHealth(base, child, 30_000))) {
      fail(`приложение на копии не запустилось: ${stderr.trim() || 'нет ответа /healthz'}`);
      return { ok: false, lines };
    }
    say(`Приложение на копии запущено: ${base}.`);
    const ready = await fetch(`${base}/readyz`);
    if (ready.status === 200) say('/readyz: готово.');
    else fail(`/readyz ответил ${ready.status}: ${await ready.text()}`);

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (login.status !== 200 || !cookie) {
      fail(`вход временного администратора не удался: ${login.status}`);
      return { ok: false, lines };
    }
    const session: ApiSession = { base, cookie };
    say(`Вход выполнен (временный администратор ${username} создан только в копии).`);

    const list = await api(session, '/api/audits?pageSize=5');
    if (list.status === 404 && (await errorCode(list)) === 'request.not_found')
      say('Список аудитов: в этой версии нет GET /api/audits — пропущено.');
    else if (list.status === 200) {
      const body = (await list.json()) as { total?: unknown };
      if (typeof body.total !== 'number') say('Список аудитов открыт.');
      else if (body.total === auditCount) say(`Список аудитов открыт: всего ${body.total}, как в базе.`);
      else fail(`список аудитов показывает ${body.total}, а в базе ${auditCount}`);
    } else fail(`GET /api/audits ответил ${list.status}`);
    for (const uuid of sampleAudits) {
      const res = await api(session, `/api/audits/${uuid}`);
      if (res.status === 200) say(`Аудит ${uuid} открыт.`);
      else if (res.status === 404 && (await errorCode(res)) === 'request.not_found')
        say(`Аудит ${uuid}: в этой версии нет GET /api/audits/:uuid — пропущено.`);
      else fail(`аудит ${uuid} не открылся: ${res.status}`);
    }
    for (const photo of samplePhotos) {
      const res = await api(session, `/api/attachments/${photo.uuid}`);
      if (res.status === 200) {
        const sha = createHash('sha256')
          .update(Buffer.from(await res.arrayBuffer()))
          .digest('hex');
        if (sha === photo.sha256) say(`Фото ${photo.uuid} открыто, sha256 совпадает.`);
        else fail(`фото ${photo.uuid}: содержимое не совпадает с sha256 в базе`);
      } else if (res.status === 404 && (await errorCode(res)) === 'request.not_found')
        say(`Фото ${photo.uuid}: в этой версии нет GET /api/attachments/:uuid — пропущено.`);
      else fail(`фото ${photo.uuid} не открылось: ${res.status}`);
    }
    if (existsSync(path.join(config.clientDir, 'index.html'))) {
      const page = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
      if (page.status === 200) say('Страница входа открывается.');
      else fail(`страница входа: ${page.status}`);
    }
  } finally {
    if (child) await stopServer(child);
    if (options.keep) say(`Временный каталог оставлен: ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  say(ok ? 'Итог: учения пройдены, копия пригодна для восстановления.' : 'Итог: учения НЕ пройдены.');
  return { ok, lines };
}
