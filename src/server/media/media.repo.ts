import type { Insertable } from 'kysely';
import type { AuditAttachmentsTable, Db } from '../db/database.js';

export function findAttachment(db: Db, uuid: string) {
  return db
    .selectFrom('auditAttachments as t')
    .innerJoin('audits as a', 'a.id', 't.auditId')
    .selectAll('t')
    .select(['a.uuid as auditUuid'])
    .where('t.uuid', '=', uuid)
    .executeTakeFirst();
}

export type AttachmentWithAudit = NonNullable<Awaited<ReturnType<typeof findAttachment>>>;

/** Photos of an audit, and of one of its questions (every row counts, uploaded or announced). */
export async function countAttachments(
  db: Db,
  auditId: number,
  questionId: number | null,
): Promise<{ audit: number; question: number }> {
  const row = await db
    .selectFrom('auditAttachments')
    .select((eb) => [
      eb.fn.countAll<number>().as('audit'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when('questionId', '=', questionId ?? -1)
            .then(1)
            .else(0)
            .end(),
        )
        .as('question'),
    ])
    .where('auditId', '=', auditId)
    .executeTakeFirstOrThrow();
  return { audit: Number(row.audit), question: Number(row.question ?? 0) };
}

export function insertAttachment(db: Db, values: Insertable<AuditAttachmentsTable>) {
  return db.insertInto('auditAttachments').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function deleteAttachment(db: Db, id: number): Promise<void> {
  await db.deleteFrom('auditAttachments').where('id', '=', id).execute();
}
