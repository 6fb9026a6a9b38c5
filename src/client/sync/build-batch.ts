import type { SyncBatch } from '../../shared/sync/sync.schema';
import { type LocalAuditBundle, listCatalogAdditions } from '../db';

/** The batch for one audit: its answers, its device photos and the catalog additions it needs. */
export async function buildBatch(
  bundle: LocalAuditBundle,
  userId: number,
  deviceId: string,
): Promise<SyncBatch> {
  const { audit, responses, attachments } = bundle;
  const devicePhotos = attachments.filter((a) => a.blob !== null);
  const questionIds = new Set([
    ...responses.map((r) => r.questionId),
    ...devicePhotos.map((p) => p.questionId),
  ]);
  const byQuestion = new Map(responses.map((r) => [r.questionId, r]));
  const additions = await listCatalogAdditions(userId);
  const elevator = additions.find((a) => a.kind === 'elevator' && a.uuid === audit.elevatorUuid);
  const building =
    elevator?.kind === 'elevator'
      ? additions.find((a) => a.kind === 'building' && a.uuid === elevator.data.buildingRef)
      : undefined;
  return {
    batchId: crypto.randomUUID(),
    deviceId,
    catalogAdditions: {
      buildings: building?.kind === 'building' ? [building.data] : [],
      elevators: elevator?.kind === 'elevator' ? [elevator.data] : [],
    },
    audits: [
      {
        uuid: audit.uuid,
        elevatorRef: audit.elevatorUuid,
        checklistVersion: audit.checklistVersionId,
        objectInfo: audit.objectInfo,
        plannedDate: audit.plannedDate,
        startedAt: audit.startedAt,
        finishedAt: audit.finishedAt,
        status: audit.status,
        responses: [...questionIds].map((questionId) => {
          const r = byQuestion.get(questionId);
          const photos = devicePhotos.filter((p) => p.questionId === questionId);
          return {
            questionId,
            score: r?.score ?? null,
            yesNo: r?.yesNo ?? null,
            textValue: r?.textValue ?? null,
            comment: r?.comment ?? null,
            isFlagged: r?.isFlagged ?? false,
            updatedAt: r?.updatedAt ?? photos[0]?.createdAt ?? audit.createdAt,
            attachments: photos.map((p) => ({
              uuid: p.uuid,
              sha256: p.sha256,
              size: p.size,
              mime: p.mime,
              caption: p.caption,
            })),
          };
        }),
      },
    ],
  };
}
