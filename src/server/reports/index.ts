import type { FastifyInstance } from 'fastify';
import type { AuditsService } from '../audits/index.js';
import type { AppContext } from '../context.js';
import { createDashboardService } from './dashboard.service.js';
import { reportsRoutes } from './reports.routes.js';
import { createReportsService, type ReportsService } from './reports.service.js';

export { attachmentDisposition } from './content-disposition.js';
export type { ReportsService };

/** Reports: the printable audit report, streamed XLSX/CSV exports and the admin dashboard. */
export async function registerReports(
  app: FastifyInstance,
  ctx: AppContext,
  audits: AuditsService,
): Promise<ReportsService> {
  const reports = createReportsService({ db: ctx.db, clock: ctx.clock, audits });
  const dashboard = createDashboardService({ db: ctx.db, clock: ctx.clock });
  await app.register(reportsRoutes, { reports, dashboard });
  return reports;
}
