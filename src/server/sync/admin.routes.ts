import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ListSyncBatchesQuerySchema,
  SyncBatchListSchema,
  SyncOverviewSchema,
} from '../../shared/sync/sync.schema.js';
import { adminOnly } from '../plugins/session.js';
import type { SyncAdminService } from './admin.service.js';

export const syncAdminRoutes: FastifyPluginAsyncZod<{ admin: SyncAdminService }> = async (app, { admin }) => {
  app.get(
    '/api/admin/sync/batches',
    {
      preHandler: adminOnly,
      schema: { querystring: ListSyncBatchesQuerySchema, response: { 200: SyncBatchListSchema } },
    },
    (request) => admin.listBatches(request.query),
  );

  app.get(
    '/api/admin/sync/overview',
    { preHandler: adminOnly, schema: { response: { 200: SyncOverviewSchema } } },
    () => admin.overview(),
  );
};
