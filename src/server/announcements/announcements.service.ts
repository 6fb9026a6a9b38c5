import type {
  AnnouncementDto,
  AnnouncementInput,
  UpdateAnnouncement,
} from '../../shared/announcements/announcements.schema.js';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, notFound } from '../errors.js';
import { recordEvent } from '../events/index.js';
import * as repo from './announcements.repo.js';

type Row = Awaited<ReturnType<typeof repo.listAnnouncements>>[number];

const toUtc = (iso: string) => new Date(iso).toISOString();

function toDto(row: Row, nowIso: string): AnnouncementDto {
  return {
    id: row.id,
    message: row.message,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    isActive: row.startsAt <= nowIso && nowIso < row.endsAt,
  };
}

function assertPeriod(startsAt: string, endsAt: string): void {
  if (endsAt <= startsAt) throw new AppError('announcement.invalid_period', 400);
}

export function createAnnouncementsService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async listActive(): Promise<AnnouncementDto[]> {
      const now = isoNow(clock);
      return (await repo.listActiveAnnouncements(db, now)).map((r) => toDto(r, now));
    },

    async list(): Promise<AnnouncementDto[]> {
      const now = isoNow(clock);
      return (await repo.listAnnouncements(db)).map((r) => toDto(r, now));
    },

    async create(actorId: number, input: AnnouncementInput): Promise<AnnouncementDto> {
      const values = { message: input.message, startsAt: toUtc(input.startsAt), endsAt: toUtc(input.endsAt) };
      assertPeriod(values.startsAt, values.endsAt);
      const now = isoNow(clock);
      const row = await inTransaction(db, async (trx) => {
        const created = await repo.insertAnnouncement(trx, { ...values, createdBy: actorId, createdAt: now });
        await recordEvent(trx, {
          userId: actorId,
          action: 'announcement.created',
          entityType: 'announcement',
          entityId: created.id,
          payload: values,
          createdAt: now,
        });
        return created;
      });
      return toDto(row, now);
    },

    async update(actorId: number, id: number, patch: UpdateAnnouncement): Promise<AnnouncementDto> {
      const now = isoNow(clock);
      const row = await inTransaction(db, async (trx) => {
        const before = await repo.findAnnouncement(trx, id);
        if (!before) throw notFound('announcement.not_found');
        const changes = {
          ...(patch.message !== undefined ? { message: patch.message } : {}),
          ...(patch.startsAt !== undefined ? { startsAt: toUtc(patch.startsAt) } : {}),
          ...(patch.endsAt !== undefined ? { endsAt: toUtc(patch.endsAt) } : {}),
        };
        assertPeriod(changes.startsAt ?? before.startsAt, changes.endsAt ?? before.endsAt);
        const after = await repo.updateAnnouncement(trx, id, changes);
        await recordEvent(trx, {
          userId: actorId,
          action: 'announcement.updated',
          entityType: 'announcement',
          entityId: id,
          payload: Object.fromEntries(
            Object.keys(changes).map((k) => [k, { from: before[k as keyof Row], to: after[k as keyof Row] }]),
          ),
          createdAt: now,
        });
        return after;
      });
      return toDto(row, now);
    },

    async remove(actorId: number, id: number): Promise<void> {
      const now = isoNow(clock);
      await inTransaction(db, async (trx) => {
        const before = await repo.findAnnouncement(trx, id);
        if (!before) throw notFound('announcement.not_found');
        await repo.deleteAnnouncement(trx, id);
        await recordEvent(trx, {
          userId: actorId,
          action: 'announcement.deleted',
          entityType: 'announcement',
          entityId: id,
          payload: { message: before.message, startsAt: before.startsAt, endsAt: before.endsAt },
          createdAt: now,
        });
      });
    },
  };
}

export type AnnouncementsService = ReturnType<typeof createAnnouncementsService>;
