import { isDeepStrictEqual } from 'node:util';
import {
  type ChecklistExport,
  ChecklistExportSchema,
  type DraftTree,
  EXPORT_FORMAT,
  type ImportResult,
  type VersionSummary,
} from '../../shared/checklists/checklists.schema.js';
import type { ChecklistContent } from '../../shared/checklists/content.js';
import { diffSnapshots, type SnapshotDiff } from '../../shared/checklists/diff.js';
import { countQuestions, snapshotFromDraft, validateDraft } from '../../shared/checklists/publish-rules.js';
import {
  type ChecklistSnapshot,
  ChecklistSnapshotSchema,
  type ChecklistVersionDto,
} from '../../shared/checklists/snapshot.schema.js';
import { type Clock, isoNow } from '../clock.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, notFound } from '../errors.js';
import { recordEvent } from '../events/index.js';
import * as repo from './checklists.repo.js';
import { duplicateContentCodes, isDraftEmpty, writeContent } from './draft-writer.js';

export interface VersionsDeps {
  db: Db;
  clock: Clock;
}

export type VersionsService = ReturnType<typeof createVersionsService>;

/** Parses a stored snapshot; a stored row that no longer matches the contract is a server bug. */
export function parseSnapshot(json: string): ChecklistSnapshot {
  return ChecklistSnapshotSchema.parse(JSON.parse(json));
}

export function toVersionDto(row: repo.VersionRow): ChecklistVersionDto {
  return {
    id: row.id,
    number: row.number,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
    notes: row.notes,
    snapshot: parseSnapshot(row.snapshot),
  };
}

function toSummary(row: repo.VersionRow, publishedByName: string | null): VersionSummary {
  return {
    id: row.id,
    number: row.number,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
    publishedByName,
    notes: row.notes,
    questionCount: countQuestions(parseSnapshot(row.snapshot)),
  };
}

/** Publishing, version history, diff and JSON transfer of the checklist. */
export function createVersionsService({ db, clock }: VersionsDeps) {
  async function requireVersion(trx: Db, number: number): Promise<repo.VersionRow> {
    const row = await repo.versionByNumber(trx, number);
    if (!row) throw notFound('checklist.version_not_found', `Версия ${number} не найдена.`);
    return row;
  }

  /** Writes the draft as the next numbered version; refuses with every problem, field by field. */
  async function publishInTransaction(
    trx: Db,
    userId: number,
    notes: string | null,
    opts: { allowUnchanged?: boolean } = {},
  ): Promise<ChecklistVersionDto> {
    const draft = await repo.loadDraft(trx);
    const problems = validateDraft(draft);
    if (problems.length) {
      throw new AppError(
        'checklist.publish_invalid',
        422,
        `Черновик нельзя опубликовать: ${problems.map((p) => p.message).join(' ')}`,
        problems,
      );
    }
    const snapshot = ChecklistSnapshotSchema.parse(snapshotFromDraft(draft));
    const latest = await repo.latestVersion(trx);
    if (latest && isDeepStrictEqual(parseSnapshot(latest.snapshot), snapshot)) {
      if (opts.allowUnchanged) return toVersionDto(latest);
      throw new AppError('checklist.no_changes', 409);
    }
    const row = await repo.insertVersion(trx, {
      number: (latest?.number ?? 0) + 1,
      snapshot: JSON.stringify(snapshot),
      publishedBy: userId,
      publishedAt: isoNow(clock),
      notes,
    });
    await recordEvent(trx, {
      userId,
      action: 'checklist.published',
      entityType: 'checklist_version',
      entityId: row.id,
      payload: { number: row.number, notes, questions: countQuestions(snapshot) },
      createdAt: row.publishedAt,
    });
    return toVersionDto(row);
  }

  return {
    publishInTransaction,

    async getDraft(): Promise<DraftTree> {
      const draft = await repo.loadDraft(db);
      const latest = await repo.latestVersion(db);
      const snapshot = snapshotFromDraft(draft);
      return {
        ...draft,
        isEmpty:
          draft.categories.every((c) => !c.isActive) && draft.objectInfoFields.every((f) => !f.isActive),
        latestVersion: latest ? toSummary(latest, await repo.userName(db, latest.publishedBy)) : null,
        hasUnpublishedChanges: !latest || !isDeepStrictEqual(parseSnapshot(latest.snapshot), snapshot),
        problems: validateDraft(draft),
      };
    },

    publish(userId: number, notes: string | null): Promise<ChecklistVersionDto> {
      return inTransaction(db, (trx) => publishInTransaction(trx, userId, notes));
    },

    async list(): Promise<{ items: VersionSummary[] }> {
      const rows = await repo.listVersions(db);
      return { items: rows.map((r) => toSummary(r, r.publishedByName)) };
    },

    async get(number: number): Promise<ChecklistVersionDto> {
      return toVersionDto(await requireVersion(db, number));
    },

    async latest(): Promise<ChecklistVersionDto> {
      const row = await repo.latestVersion(db);
      if (!row) throw notFound('checklist.no_published_version');
      return toVersionDto(row);
    },

    async diff(from: number, to: number): Promise<{ from: number; to: number; diff: SnapshotDiff }> {
      const a = await requireVersion(db, from);
      const b = await requireVersion(db, to);
      return { from, to, diff: diffSnapshots(parseSnapshot(a.snapshot), parseSnapshot(b.snapshot)) };
    },

    async exportVersion(number: number): Promise<ChecklistExport> {
      const row = await requireVersion(db, number);
      return {
        format: EXPORT_FORMAT,
        formatVersion: 1,
        exportedAt: isoNow(clock),
        source: { versionNumber: row.number, publishedAt: row.publishedAt, notes: row.notes },
        snapshot: parseSnapshot(row.snapshot),
      };
    },

    /** Replaces the draft with `content` (refused on a non-empty draft unless `replace`). */
    async importContent(
      userId: number,
      content: ChecklistContent,
      opts: { replace: boolean; source: string },
    ): Promise<ImportResult> {
      const duplicates = duplicateContentCodes(content);
      if (duplicates.length)
        throw new AppError(
          'checklist.import_invalid',
          400,
          `Коды повторяются: ${duplicates.join('; ')}.`,
          duplicates.map((message) => ({ path: 'document', code: 'code_duplicate', message })),
        );
      return inTransaction(db, async (trx) => {
        if (!opts.replace && !(await isDraftEmpty(trx))) throw new AppError('checklist.draft_not_empty', 409);
        const result = await writeContent(trx, content, isoNow(clock));
        await recordEvent(trx, {
          userId,
          action: 'checklist.imported',
          entityType: 'checklist_draft',
          entityId: 0,
          payload: { source: opts.source, replace: opts.replace, ...result },
          createdAt: isoNow(clock),
        });
        return result;
      });
    },

    /** Checks an uploaded export file; a Russian 400 pointing at the first bad places otherwise. */
    parseExport(document: unknown): ChecklistExport {
      const parsed = ChecklistExportSchema.safeParse(document);
      if (parsed.success) return parsed.data;
      const details = parsed.error.issues.slice(0, 20).map((i) => ({
        path: ['document', ...i.path.map(String)].join('.'),
        code: i.code,
        message: i.message,
      }));
      throw new AppError('checklist.import_invalid', 400, undefined, details);
    },
  };
}
