import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { announcementsRoutes } from './announcements.routes.js';
import { createAnnouncementsService } from './announcements.service.js';

export { createAnnouncementsService };

/** Maintenance banners scheduled by admins, and the support contacts (runbook §1.2, §3.4). */
export async function registerAnnouncements(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const announcements = createAnnouncementsService({ db: ctx.db, clock: ctx.clock });
  await app.register(announcementsRoutes, {
    announcements,
    support: { email: ctx.config.supportEmail, phone: ctx.config.supportPhone },
  });
}
