import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { APP_VERSION } from '../config.js';
import type { AppContext } from '../context.js';
import { readLatest } from '../ops/backup-store.js';
import { freeDiskMb, isWritableDir } from '../ops/disk.js';

interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

/**
 * These routes sit outside the web hook chain (app.ts: no helmet, cookies or sessions per poll), so
 * they set the headers every answer carries themselves: the strictest policy, as JSON needs nothing.
 */
const HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

/** Liveness (`/healthz`, no I/O) and readiness (`/readyz`: database, media dir, free disk). */
export async function registerHealth(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Polled by monit and nginx every few seconds: only warnings and errors reach the journal.
  app.get('/healthz', { logLevel: 'warn' }, async (_request, reply) =>
    reply.headers(HEADERS).send({ status: 'ok', version: APP_VERSION }),
  );

  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    const checks: Check[] = [];
    try {
      await sql`select 1`.execute(ctx.db);
      checks.push({ name: 'database', ok: true });
    } catch (error) {
      checks.push({ name: 'database', ok: false, detail: (error as Error).message });
    }
    const mediaOk = isWritableDir(ctx.config.mediaDir);
    checks.push({
      name: 'media',
      ok: mediaOk,
      ...(mediaOk ? {} : { detail: 'каталог медиа недоступен для записи' }),
    });
    try {
      const free = freeDiskMb(ctx.config.dataDir);
      const ok = free >= ctx.config.diskMinFreeMb;
      checks.push({
        name: 'disk',
        ok,
        detail: `свободно ${free} МБ, минимум ${ctx.config.diskMinFreeMb} МБ`,
      });
    } catch (error) {
      checks.push({ name: 'disk', ok: false, detail: (error as Error).message });
    }
    // Information only (monit and the operator read it); a stale backup does not make the app unready.
    const latest = readLatest(ctx.config.backupDir);
    const backupAgeHours = latest
      ? Math.round(((ctx.clock.now().getTime() - Date.parse(latest.createdAt)) / 3_600_000) * 10) / 10
      : null;
    checks.push({
      name: 'backup',
      ok: true,
      detail: latest
        ? `последняя копия ${latest.name}, ${backupAgeHours} ч назад`
        : 'резервных копий ещё нет',
    });
    const failing = checks.filter((c) => !c.ok).map((c) => c.name);
    return reply
      .status(failing.length ? 503 : 200)
      .headers(HEADERS)
      .header('cache-control', 'no-store')
      .send({
        status: failing.length ? 'unavailable' : 'ok',
        version: APP_VERSION,
        failing,
        checks,
        lastBackup: latest ? { ...latest, ageHours: backupAgeHours } : null,
      });
  });
}
