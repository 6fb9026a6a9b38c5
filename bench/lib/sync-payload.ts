import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { type ChecklistSnapshot, flattenQuestions } from '../../src/shared/checklists/snapshot.schema.js';
import type { SyncBatchInput } from '../../src/shared/sync/sync.schema.js';

/**
 * A sync batch as the client sends it (typed by the shared sync schema): one audit with an answer
 * to every question of the published version, every 7th one reduced with a comment.
 */
export function syncBatch(
  snapshot: ChecklistSnapshot,
  options: { elevatorUuid: string; versionNumber: number; deviceId: string },
): SyncBatchInput {
  const now = new Date();
  const at = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
  const responses = flattenQuestions(snapshot).map(({ question }, j) => {
    const reduced = j % 7 === 3;
    const base = { questionId: question.id, updatedAt: at(600 - j), attachments: [] };
    const comment = reduced ? 'Требуется регулировка, сообщено механику.' : null;
    if (question.type === 'score') {
      const max = question.maxScore ?? Math.max(...question.options.map((o) => o.score));
      return { ...base, score: reduced ? max - 1 : max, comment };
    }
    if (question.type === 'yes_no') return { ...base, yesNo: !reduced, comment };
    return { ...base, textValue: 'Замечаний нет', comment: null };
  });
  return {
    batchId: randomUUID(),
    deviceId: options.deviceId,
    catalogAdditions: { buildings: [], elevators: [] },
    audits: [
      {
        uuid: randomUUID(),
        elevatorRef: options.elevatorUuid,
        checklistVersion: options.versionNumber,
        objectInfo: { reg_number: 'РН-100007', capacity: 400, has_dispatch: true },
        startedAt: at(3600),
        finishedAt: null,
        status: 'in_progress',
        responses,
      },
    ],
  };
}

export function latestSnapshot(db: Database.Database): { number: number; snapshot: ChecklistSnapshot } {
  const row = db
    .prepare('select number, snapshot from checklist_versions order by number desc limit 1')
    .get() as {
    number: number;
    snapshot: string;
  };
  return { number: row.number, snapshot: JSON.parse(row.snapshot) as ChecklistSnapshot };
}

/** Counts lines containing `needle` written to `file` after byte `from`. */
export function countInLog(file: string, from: number, needle: string): number {
  try {
    if (statSync(file).size <= from) return 0;
    return readFileSync(file)
      .subarray(from)
      .toString('utf8')
      .split('\n')
      .filter((l) => l.includes(needle)).length;
  } catch {
    return 0;
  }
}

export function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
