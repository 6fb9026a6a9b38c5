import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditUuidParamsSchema } from '../../shared/audits/audits.schema.js';
import {
  AuditReportResponseSchema,
  DashboardQuerySchema,
  DashboardSchema,
  EXPORT_FORMATS,
  ExportAuditListQuerySchema,
  ExportAuditQuerySchema,
} from '../../shared/reports/reports.schema.js';
import { adminOnly, authenticated, currentUser } from '../plugins/session.js';
import { attachmentDisposition } from './content-disposition.js';
import type { createDashboardService } from './dashboard.service.js';
import type { Download, ReportsService } from './reports.service.js';

export interface ReportsRoutesOptions {
  reports: ReportsService;
  dashboard: ReturnType<typeof createDashboardService>;
}

/** Sends the headers, then streams the file; a failure half-way aborts the download (logged). */
function streamDownload(request: FastifyRequest, reply: FastifyReply, download: Download) {
  const out = new PassThrough();
  download.write(out).catch((err: unknown) => {
    request.log.error({ err }, 'export failed while streaming');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply
    .header('content-type', download.contentType)
    .header('content-disposition', attachmentDisposition(download.fileName, download.asciiFileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(out);
}

export const reportsRoutes: FastifyPluginAsyncZod<ReportsRoutesOptions> = async (
  app,
  { reports, dashboard },
) => {
  app.get(
    '/api/reports/dashboard',
    {
      preHandler: adminOnly,
      schema: { querystring: DashboardQuerySchema, response: { 200: DashboardSchema } },
    },
    (request) => dashboard.get(request.query),
  );

  app.get(
    '/api/reports/audits/:uuid',
    {
      preHandler: authenticated,
      schema: { params: AuditUuidParamsSchema, response: { 200: AuditReportResponseSchema } },
    },
    async (request) => ({ report: await reports.auditReport(currentUser(request), request.params.uuid) }),
  );

  for (const format of EXPORT_FORMATS) {
    app.get(
      `/api/reports/audits.${format}`,
      { preHandler: authenticated, schema: { querystring: ExportAuditListQuerySchema } },
      (request, reply) =>
        streamDownload(request, reply, reports.exportAuditList(currentUser(request), request.query, format)),
    );

    app.get(
      `/api/reports/audits/:uuid.${format}`,
      {
        preHandler: authenticated,
        schema: { params: AuditUuidParamsSchema, querystring: ExportAuditQuerySchema },
      },
      async (request, reply) => {
        const download = await reports.exportAudit(
          currentUser(request),
          request.params.uuid,
          format,
          request.query.tz,
        );
        return streamDownload(request, reply, download);
      },
    );
  }
};
