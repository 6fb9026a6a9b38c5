import { createHash, randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { SnapshotQuestion } from '../../src/shared/checklists/snapshot.schema.js';
import type { SyncBatchInput } from '../../src/shared/sync/sync.schema.js';
import type { ApiClient } from './app.js';

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A small, distinct JPEG per seed (different colour → different bytes and hash). */
export function seededJpeg(seed: number, size = 64): Promise<Buffer> {
  return sharp({
    create: {
      width: size,
      height: size,
      channels: 3,
      background: { r: seed % 256, g: (seed * 7) % 256, b: (seed * 13) % 256 },
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
}

export interface PhotoSpec {
  uuid: string;
  data: Buffer;
}

export async function photoSpec(seed: number): Promise<PhotoSpec> {
  return { uuid: randomUUID(), data: await seededJpeg(seed) };
}

export const attachmentOf = (p: PhotoSpec) => ({
  uuid: p.uuid,
  sha256: sha256(p.data),
  size: p.data.length,
  mime: 'image/jpeg',
  caption: null,
});

/** Full, valid answers to the default test checklist (score, score, yes/no, text). */
export function completeResponses(questions: SnapshotQuestion[], updatedAt = '2026-03-01T09:00:00.000Z') {
  return questions.map((q) => ({
    questionId: q.id,
    ...(q.type === 'score' ? { score: q.maxScore ?? 3 } : {}),
    ...(q.type === 'yes_no' ? { yesNo: true } : {}),
    ...(q.type === 'text' ? { textValue: 'Освещение в норме' } : {}),
    comment: null,
    updatedAt,
    attachments: [],
  }));
}

type SyncAuditInput = NonNullable<SyncBatchInput['audits']>[number];

/** A batch with one audit on `elevatorRef`. */
export function auditBatch(opts: {
  elevatorRef: string;
  versionId: number;
  responses?: SyncAuditInput['responses'];
  status?: 'draft' | 'in_progress' | 'submitted';
  auditUuid?: string;
  batchId?: string;
  deviceId?: string;
  catalogAdditions?: SyncBatchInput['catalogAdditions'];
  objectInfo?: Record<string, string | number | boolean | null>;
}): SyncBatchInput & { batchId: string; audits: Array<{ uuid: string }> } {
  return {
    batchId: opts.batchId ?? randomUUID(),
    deviceId: opts.deviceId ?? 'device-test-1',
    catalogAdditions: opts.catalogAdditions ?? { buildings: [], elevators: [] },
    audits: [
      {
        uuid: opts.auditUuid ?? randomUUID(),
        elevatorRef: opts.elevatorRef,
        checklistVersion: opts.versionId,
        objectInfo: opts.objectInfo ?? { inventory: 'ЗАВ-1', capacity: 400 },
        startedAt: '2026-03-01T08:30:00.000Z',
        finishedAt: opts.status === 'submitted' ? '2026-03-01T09:30:00.000Z' : null,
        status: opts.status ?? 'in_progress',
        responses: opts.responses ?? [],
      },
    ],
  };
}

export function putPhoto(client: ApiClient, uuid: string, data: Buffer, hash = sha256(data)) {
  return client.request({
    method: 'PUT',
    url: `/api/offline-sync/attachments/${uuid}`,
    payload: data,
    headers: { 'content-type': 'image/jpeg', 'x-content-sha256': hash },
  });
}

export function headPhoto(client: ApiClient, uuid: string) {
  return client.request({ method: 'HEAD', url: `/api/offline-sync/attachments/${uuid}` });
}
