import { copyFileSync, linkSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { type AuditAnswer, computeScores, questionMaxScore } from '../../src/shared/audits/scoring.js';
import { type ChecklistSnapshot, flattenQuestions } from '../../src/shared/checklists/snapshot.schema.js';
import type { JpegVariant } from '../lib/images.js';
import type { Prng } from '../lib/prng.js';
import type { UserIds } from './catalog.js';
import { COMMENTS } from './names.js';
import { ANCHOR, type Scale } from './scale.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

type Status = 'draft' | 'in_progress' | 'submitted' | 'reviewed';
const STATUS_MIX: ReadonlyArray<readonly [Status, number]> = [
  ['draft', 3],
  ['in_progress', 12],
  ['submitted', 35],
  ['reviewed', 50],
];

export interface AuditStats {
  audits: number;
  responses: number;
  comments: number;
  attachments: number;
}

function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EXDEV' || code === 'EMLINK' || code === 'EPERM') copyFileSync(source, target);
    else throw error;
  }
}

/**
 * Audits with every question answered (≈15 % of answers reduced or remarked, with a comment), totals
 * from the shared scoring module, and photos hard-linked from a few real JPEG files. Rows go in with
 * explicit ids, one multi-row insert per audit, in transactions of `chunk` audits.
 */
export function insertAudits(
  sqlite: Database.Database,
  rng: Prng,
  options: {
    scale: Scale;
    snapshot: ChecklistSnapshot;
    versionId: number;
    users: UserIds;
    mediaDir: string;
    photos: Array<JpegVariant & { file: string }>;
    progress: (done: number) => void;
  },
): AuditStats {
  const { scale, snapshot, versionId, users } = options;
  const questions = flattenQuestions(snapshot).map(({ question }) => question);
  const q = questions.length;
  const audit = sqlite.prepare(
    `insert into audits (id, uuid, elevator_id, checklist_version_id, created_by, object_info, planned_date, started_at,
       finished_at, submitted_at, reviewed_at, reviewed_by, status, total_score, max_score, admin_notes, source,
       device_id, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rowSql = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
  const responses = sqlite.prepare(
    `insert into audit_responses (id, audit_id, question_id, question_text, question_max_score, score, yes_no,
       text_value, comment, is_flagged, updated_at) values ${Array(q).fill(rowSql).join(', ')}`,
  );
  const attachment = sqlite.prepare(
    `insert into audit_attachments (uuid, audit_id, response_id, question_id, storage_key, mime, size, sha256, width,
       height, caption, status, created_by, created_at, stored_at)
     values (?, ?, ?, ?, ?, 'image/jpeg', ?, ?, ?, ?, null, 'stored', ?, ?, ?)`,
  );

  // Photos per audit: 60,000 draws over 20,000 audits (≈3 each, exact total).
  const photoCount = new Uint16Array(scale.audits + 1);
  for (let i = 0; i < scale.photos; i++) photoCount[rng.int(1, scale.audits)]! += 1;
  for (const variant of ['originals', 'thumbs', 'previews']) {
    for (let s = 0; s < 256; s++)
      mkdirSync(path.join(options.mediaDir, variant, s.toString(16).padStart(2, '0')), { recursive: true });
  }

  const stats: AuditStats = { audits: 0, responses: 0, comments: 0, attachments: 0 };
  const chunk = 500;
  const maxQuestionMax = questions.map((question) => questionMaxScore(question));
  for (let start = 1; start <= scale.audits; start += chunk) {
    sqlite.transaction(() => {
      for (let a = start; a < Math.min(start + chunk, scale.audits + 1); a++) {
        const auditor = rng.pick(users.auditors);
        const status = rng.weighted(STATUS_MIX);
        const created = ANCHOR - rng.int(0, 730 * 24 * 60) * MINUTE;
        const started = status === 'draft' ? null : created + rng.int(1, 30) * MINUTE;
        const finished =
          status === 'submitted' || status === 'reviewed' ? started! + rng.int(40, 150) * MINUTE : null;
        const submitted = finished === null ? null : finished + rng.int(1, 60) * MINUTE;
        const reviewed = status === 'reviewed' ? Math.min(ANCHOR, submitted! + rng.int(1, 14) * DAY) : null;
        const answeredAt = started ?? created;
        const values: unknown[] = [];
        const answers = new Map<number, AuditAnswer>();
        questions.forEach((question, j) => {
          const max = maxQuestionMax[j] ?? null;
          let score: number | null = null;
          let yesNo: boolean | null = null;
          let textValue: string | null = null;
          let comment: string | null = null;
          let reduced = false;
          if (question.type === 'score') {
            reduced = rng.chance(0.13);
            score = reduced ? rng.int(0, (max ?? 1) - 1) : max;
          } else if (question.type === 'yes_no') {
            reduced = rng.chance(0.13);
            yesNo = !reduced;
          } else if (rng.chance(0.5)) {
            textValue = 'Замечаний нет';
          }
          if (reduced || rng.chance(0.02)) comment = rng.pick(COMMENTS);
          if (comment) stats.comments += 1;
          const isFlagged = reduced && rng.chance(0.3);
          answers.set(question.id, { score, yesNo, textValue, comment, isFlagged });
          values.push(
            (a - 1) * q + j + 1,
            a,
            question.id,
            question.text,
            max,
            score,
            yesNo === null ? null : yesNo ? 1 : 0,
            textValue,
            comment,
            isFlagged ? 1 : 0,
            iso(answeredAt + j * 20_000),
          );
        });
        const scores = computeScores(snapshot, answers);
        const updated = reviewed ?? submitted ?? answeredAt + q * 20_000;
        const offline = rng.chance(0.3);
        const elevatorId = rng.int(1, scale.elevators);
        const objectInfo = {
          reg_number: `РН-${100000 + elevatorId * 7}`,
          capacity: 400,
          has_dispatch: rng.chance(0.8),
        };
        audit.run(
          a,
          rng.uuid(),
          elevatorId,
          versionId,
          auditor.id,
          JSON.stringify(objectInfo),
          iso(created).slice(0, 10),
          started === null ? null : iso(started),
          finished === null ? null : iso(finished),
          submitted === null ? null : iso(submitted),
          reviewed === null ? null : iso(reviewed),
          reviewed === null ? null : users.admins[0]!.id,
          status,
          scores.total,
          scores.max,
          null,
          offline ? 'offline' : 'web',
          offline ? `device-${auditor.id}` : null,
          iso(created),
          iso(updated),
        );
        responses.run(values);
        stats.audits += 1;
        stats.responses += q;

        for (let p = 0; p < photoCount[a]!; p++) {
          const j = rng.int(0, q - 1);
          const photo = rng.pick(options.photos);
          const fileId = rng.uuid().replaceAll('-', '');
          const shard = fileId.slice(0, 2);
          const key = `originals/${shard}/${fileId}.jpg`;
          for (const k of [key, `thumbs/${shard}/${fileId}.jpg`, `previews/${shard}/${fileId}.jpg`]) {
            linkOrCopy(photo.file, path.join(options.mediaDir, k));
          }
          const at = iso(answeredAt + j * 20_000);
          attachment.run(
            rng.uuid(),
            a,
            (a - 1) * q + j + 1,
            questions[j]!.id,
            key,
            photo.size,
            photo.sha256,
            photo.width,
            photo.height,
            auditor.id,
            at,
            at,
          );
          stats.attachments += 1;
        }
      }
    })();
    options.progress(Math.min(start + chunk - 1, scale.audits));
  }
  return stats;
}
