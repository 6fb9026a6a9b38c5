import type { SnapshotQuestion } from '../../src/shared/checklists/snapshot.schema.js';
import type { ApiClient, TestApp } from '../helpers/app.js';
import { createTestApp } from '../helpers/app.js';
import { buildElevator, publishChecklist } from '../helpers/audit-factories.js';
import { buildUser, loggedIn } from '../helpers/factories.js';

/** The app the offline-batch tests share: a published checklist, an approved lift, two auditors. */
export interface BatchApp {
  t: TestApp;
  /** «Иванов Иван», ivanov@example.test (the admin is admin@example.test, for the refusal mails). */
  auditor: ApiClient;
  auditorId: number;
  other: ApiClient;
  versionId: number;
  questions: SnapshotQuestion[];
  elevatorUuid: string;
}

export async function setUpBatchApp(): Promise<BatchApp> {
  const t = await createTestApp();
  const admin = await buildUser(t.ctx, { role: 'admin' });
  await t.ctx.db
    .updateTable('users')
    .set({ email: 'admin@example.test' })
    .where('id', '=', admin.id)
    .execute();
  const { versionId, questions } = await publishChecklist(t.ctx, admin.id);
  const elevatorUuid = (await buildElevator(t.ctx)).elevator.uuid;
  const a = await loggedIn(t, { fullName: 'Иванов Иван' });
  const auditor = a.client;
  const auditorId = a.user.id;
  await t.ctx.db
    .updateTable('users')
    .set({ email: 'ivanov@example.test' })
    .where('id', '=', auditorId)
    .execute();
  const other = (await loggedIn(t)).client;
  return { t, auditor, auditorId, other, versionId, questions, elevatorUuid };
}

export type CountedTable =
  | 'audits'
  | 'auditResponses'
  | 'events'
  | 'syncBatches'
  | 'buildings'
  | 'elevators'
  | 'mailOutbox';

export const countRows = async (t: TestApp, table: CountedTable) =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

export const postBatch = (client: ApiClient, batch: unknown) => client.post('/api/offline-sync/', batch);
