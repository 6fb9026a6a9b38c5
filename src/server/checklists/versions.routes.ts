import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChecklistExportSchema,
  DiffParamsSchema,
  ImportJsonSchema,
  ImportResultSchema,
  PublishSchema,
  VersionListSchema,
  VersionNumberParamsSchema,
} from '../../shared/checklists/checklists.schema.js';
import { VersionDiffSchema } from '../../shared/checklists/diff.js';
import { ChecklistVersionDtoSchema } from '../../shared/checklists/snapshot.schema.js';
import {
  SpreadsheetApplySchema,
  SpreadsheetPreviewSchema,
  SpreadsheetUploadSchema,
} from '../../shared/checklists/spreadsheet.schema.js';
import { adminOnly, authenticated, currentUser } from '../plugins/session.js';
import type { SeedService } from './seed.js';
import type { createSpreadsheetService } from './spreadsheet.service.js';
import type { VersionsService } from './versions.service.js';

// The file (SpreadsheetUploadSchema: 2 MB as base64) plus block names: a larger body is refused unread.
const SPREADSHEET_BODY_LIMIT = 4 * 1024 * 1024;
const JSON_IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

interface Opts {
  versions: VersionsService;
  spreadsheets: ReturnType<typeof createSpreadsheetService>;
  seed: SeedService;
}

/** Publishing, history, diff, transfer and imports. Audits read `versions/latest` and `versions/:number`. */
export const versionsRoutes: FastifyPluginAsyncZod<Opts> = async (app, { versions, spreadsheets, seed }) => {
  const base = '/api/checklists';
  const admin = { preHandler: adminOnly };
  const anyUser = { preHandler: authenticated };

  app.post(
    `${base}/publish`,
    { ...admin, schema: { body: PublishSchema, response: { 201: ChecklistVersionDtoSchema } } },
    async (req, reply) =>
      reply.status(201).send(await versions.publish(currentUser(req).id, req.body.notes ?? null)),
  );

  app.get(`${base}/versions`, { ...admin, schema: { response: { 200: VersionListSchema } } }, () =>
    versions.list(),
  );

  app.get(
    `${base}/versions/latest`,
    { ...anyUser, schema: { response: { 200: ChecklistVersionDtoSchema } } },
    () => versions.latest(),
  );

  app.get(
    `${base}/versions/:number`,
    {
      ...anyUser,
      schema: { params: VersionNumberParamsSchema, response: { 200: ChecklistVersionDtoSchema } },
    },
    (req) => versions.get(req.params.number),
  );

  app.get(
    `${base}/versions/:a/diff/:b`,
    { ...admin, schema: { params: DiffParamsSchema, response: { 200: VersionDiffSchema } } },
    (req) => versions.diff(req.params.a, req.params.b),
  );

  app.get(
    `${base}/versions/:number/export`,
    { ...admin, schema: { params: VersionNumberParamsSchema, response: { 200: ChecklistExportSchema } } },
    async (req, reply) => {
      const document = await versions.exportVersion(req.params.number);
      return reply
        .header('content-disposition', `attachment; filename="souzlift-checklist-v${req.params.number}.json"`)
        .send(document);
    },
  );

  app.post(
    `${base}/import-json`,
    {
      ...admin,
      bodyLimit: JSON_IMPORT_BODY_LIMIT,
      schema: { body: ImportJsonSchema, response: { 200: ImportResultSchema } },
    },
    (req) => {
      const document = versions.parseExport(req.body.document);
      return versions.importContent(currentUser(req).id, document.snapshot, {
        replace: req.body.replace ?? false,
        source: `json:v${document.source.versionNumber}`,
      });
    },
  );

  app.post(
    `${base}/import-spreadsheet/preview`,
    {
      ...admin,
      bodyLimit: SPREADSHEET_BODY_LIMIT,
      schema: { body: SpreadsheetUploadSchema, response: { 200: SpreadsheetPreviewSchema } },
    },
    (req) => spreadsheets.preview(req.body),
  );

  app.post(
    `${base}/import-spreadsheet/apply`,
    {
      ...admin,
      bodyLimit: SPREADSHEET_BODY_LIMIT,
      schema: { body: SpreadsheetApplySchema, response: { 200: ImportResultSchema } },
    },
    (req) => spreadsheets.apply(currentUser(req).id, req.body),
  );

  app.post(
    `${base}/install-starter`,
    {
      ...admin,
      schema: { body: z.strictObject({}).optional(), response: { 201: ChecklistVersionDtoSchema } },
    },
    async (req, reply) =>
      reply.status(201).send(await seed.installStarter(currentUser(req).id, { force: false })),
  );
};
