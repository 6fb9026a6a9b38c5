import type { ChecklistVersionDto } from '../../shared/checklists/snapshot.schema.js';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import { recordEvent } from '../events/index.js';
import { latestVersion } from './checklists.repo.js';
import { isDraftEmpty, writeContent } from './draft-writer.js';
import { STARTER_CHECKLIST } from './starter/index.js';
import { createVersionsService } from './versions.service.js';

export type SeedService = ReturnType<typeof createSeedService>;

/**
 * The starter checklist (one click in the builder or `souzlift seed-checklist`). Only on an empty
 * checklist — nothing published and an empty draft — unless `force`, which replaces the draft
 * (deactivating what is not in the starter) and publishes it as the next version; published versions
 * are never touched either way.
 */
export function createSeedService({ db, clock }: { db: Db; clock: Clock }) {
  const versions = createVersionsService({ db, clock });
  return {
    async installStarter(userId: number, opts: { force: boolean }): Promise<ChecklistVersionDto> {
      return inTransaction(db, async (trx) => {
        if (!opts.force && ((await latestVersion(trx)) || !(await isDraftEmpty(trx))))
          throw new AppError('checklist.not_empty', 409);
        const result = await writeContent(trx, STARTER_CHECKLIST, isoNow(clock));
        await recordEvent(trx, {
          userId,
          action: 'checklist.seeded',
          entityType: 'checklist_draft',
          entityId: 0,
          payload: { force: opts.force, ...result },
          createdAt: isoNow(clock),
        });
        // --force on an untouched starter checklist: nothing new to publish, the latest version stands.
        return versions.publishInTransaction(trx, userId, 'Стартовый чек-лист «Союзлифт Аудит»', {
          allowUnchanged: opts.force,
        });
      });
    },
  };
}

/** CLI `souzlift seed-checklist`: published by the named administrator, or the first active one. */
export async function seedChecklist(
  db: Db,
  clock: Clock,
  opts: { username?: string | undefined; force?: boolean | undefined },
): Promise<ChecklistVersionDto> {
  let q = db.selectFrom('users').select('id').where('role', '=', 'admin').where('isActive', '=', 1);
  if (opts.username) q = q.where('usernameKey', '=', opts.username.trim().toLowerCase());
  const admin = await q.orderBy('id').executeTakeFirst();
  if (!admin)
    throw new AppError(
      'user.not_found',
      404,
      opts.username
        ? `Активный администратор «${opts.username}» не найден.`
        : 'Нет активного администратора: сначала выполните «souzlift createadmin».',
    );
  return createSeedService({ db, clock }).installStarter(admin.id, { force: opts.force ?? false });
}
