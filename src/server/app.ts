import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import { registerAccounts } from './accounts/index.js';
import { registerAnnouncements } from './announcements/index.js';
import { registerAudits } from './audits/index.js';
import { registerCatalog } from './catalog/index.js';
import { registerChecklists } from './checklists/index.js';
import { type Clock, type IdGenerator, randomIds, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { connectDatabase } from './db/connect.js';
import type { Db } from './db/database.js';
import { getMigrationStatus, migrateToLatest } from './db/migrator.js';
import { registerHealth } from './health/index.js';
import { createLogger } from './logger.js';
import { createPhotoStorage } from './media/index.js';
import { resolveSessionSecret } from './ops/session-secret.js';
import { registerApiDocs, registerApiDocsUi } from './plugins/api-docs.js';
import { frameworkErrorHandler, registerErrorHandling } from './plugins/errors.js';
import { createReadCache } from './plugins/read-cache.js';
import { RequestLogController } from './plugins/request-log.js';
import { registerSecurityHeaders } from './plugins/security.js';
import { registerReports } from './reports/index.js';
import { registerSync } from './sync/index.js';
import { registerWeb } from './web/index.js';

z.config(z.locales.ru());

export interface AppDeps {
  db?: Db;
  clock?: Clock;
  ids?: IdGenerator;
  logger?: Logger;
  /** Apply pending migrations instead of refusing to start. */
  migrate?: boolean;
}

export interface BuiltApp {
  app: FastifyInstance;
  ctx: AppContext;
}

export class PendingMigrationsError extends Error {}

/**
 * Each request logs through a child logger carrying its id. Routes with a log level of their own —
 * the health checks, polled every few seconds and logging only warnings — share one child per level
 * instead: building a child with a level change was a tenth of a health check's CPU time.
 */
function sharedLoggersForRouteLevels(): NonNullable<FastifyServerOptions['childLoggerFactory']> {
  const byLevel = new Map<string, FastifyBaseLogger>();
  return (logger, bindings, options) => {
    if (!options.level) return logger.child(bindings, options);
    let shared = byLevel.get(options.level);
    if (!shared) {
      shared = logger.child({}, options);
      byLevel.set(options.level, shared);
    }
    return shared;
  };
}

/** Builds the whole application. Never listens: main.ts and tests decide what to do with it. */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<BuiltApp> {
  const ownDb = deps.db ? null : connectDatabase(config.databasePath);
  const db = deps.db ?? ownDb!.db;
  const log = deps.logger ?? createLogger({ level: config.logLevel, logDir: null, stdout: false }).logger;
  try {
    if (deps.migrate) await migrateToLatest(db);
    const { pending } = await getMigrationStatus(db);
    if (pending.length) {
      throw new PendingMigrationsError(
        `Есть непримененные миграции (${pending.join(', ')}): выполните «souzlift migrate» или запустите с --migrate.`,
      );
    }
  } catch (error) {
    await ownDb?.close();
    throw error;
  }

  const ids = deps.ids ?? randomIds;
  const ctx: AppContext = {
    config,
    db,
    clock: deps.clock ?? systemClock,
    ids,
    log,
    sessionSecret: resolveSessionSecret(config),
    readCache: createReadCache(db),
    media: createPhotoStorage(config, ids, log),
  };

  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // nginx runs on this host: trust X-Forwarded-* only from a loopback peer, and take the client
    // address nginx appends (not the left-most one, which the client can forge).
    trustProxy: config.trustProxy ? 'loopback' : false,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: () => ctx.ids(),
    frameworkErrors: frameworkErrorHandler,
    // One line per request instead of two (plugins/request-log.ts), honouring each route's logLevel.
    logController: new RequestLogController(log),
    childLoggerFactory: sharedLoggersForRouteLevels(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  await registerApiDocs(app);

  // Liveness and readiness sit outside the application's hook chain (security headers, cookies,
  // sessions, read cache): monit and nginx poll them every few seconds, and they serve no browser.
  await registerHealth(app, ctx);

  await app.register(async (web) => {
    await registerSecurityHeaders(web, config);
    ctx.readCache.register(web);
    await web.register(cookie);
    await registerApiDocsUi(web);
    await registerAccounts(web, ctx);
    await registerAnnouncements(web, ctx);
    await registerCatalog(web, ctx);
    await registerChecklists(web, ctx);
    const audits = await registerAudits(web, ctx);
    await registerReports(web, ctx, audits);
    await registerSync(web, ctx);
    await registerWeb(web, ctx);
  });

  // Closing waits for the photo decode in progress and starts no other.
  app.addHook('onClose', () => ctx.media.close());
  if (ownDb) app.addHook('onClose', () => ownDb.close());
  return { app, ctx };
}
