import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { registerMedia } from '../media/index.js';
import { createNotifier } from '../notifications/index.js';
import { auditsRoutes } from './audits.routes.js';
import { type AuditsService, createAuditsService } from './audits.service.js';
import { type ChecklistLookup, createChecklistLookup } from './lookups.repo.js';

export {
  type Actor,
  ensureResponse,
  loadAnswerableAudit,
  loadVisibleAudit,
  markAuditStarted,
} from './audit-access.js';
export { toAttachmentDto, toListItem } from './audit-dto.js';
export { type AuditFilter, type AuditListRow, listAuditRows } from './audits.repo.js';
export { auditFilterFor, findQuestion } from './audits.service.js';
export type { AuditsService, ChecklistLookup };

/** Audits domain: audits, answers, submit and review, plus their photos (src/server/media). */
export async function registerAudits(app: FastifyInstance, ctx: AppContext): Promise<AuditsService> {
  const checklists = createChecklistLookup();
  const notifier = createNotifier({ clock: ctx.clock, publicUrl: ctx.config.publicUrl });
  const audits = createAuditsService({ db: ctx.db, clock: ctx.clock, checklists, notifier });
  await app.register(auditsRoutes, { audits, readCache: ctx.readCache });
  await registerMedia(app, ctx, checklists);
  return audits;
}
