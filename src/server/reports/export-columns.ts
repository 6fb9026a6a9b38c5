import type { AuditListItem, AuditStatus } from '../../shared/audits/audits.schema.js';
import { formatAddress, formatElevator, type QuestionRow } from '../../shared/reports/audit-report.js';
import type { Column } from './table-writers.js';

// Exports are written in Russian, the customer's language (as are the checklist texts inside them).
export const STATUS_LABELS: Record<AuditStatus, string> = {
  draft: 'Черновик',
  in_progress: 'В работе',
  submitted: 'Отправлен',
  reviewed: 'Просмотрен',
};

/** A list row plus what the list does not count: critical defects (from the pinned checklist). */
export type AuditExportRow = AuditListItem & { criticalDefects: number };

export const AUDIT_LIST_COLUMNS: Column<AuditExportRow>[] = [
  { header: 'Создан', width: 17, kind: 'datetime', value: (r) => r.createdAt },
  { header: 'Отправлен', width: 17, kind: 'datetime', value: (r) => r.submittedAt },
  { header: 'Адрес', width: 40, kind: 'text', value: (r) => formatAddress(r.building) },
  { header: 'Лифт', width: 30, kind: 'text', value: (r) => formatElevator(r.elevator) },
  { header: 'Аудитор', width: 26, kind: 'text', value: (r) => r.auditor.fullName },
  { header: 'Статус', width: 13, kind: 'text', value: (r) => STATUS_LABELS[r.status] },
  { header: 'Баллы', width: 9, kind: 'decimal', value: (r) => r.totalScore },
  { header: 'Максимум', width: 10, kind: 'decimal', value: (r) => r.maxScore },
  { header: '%', width: 8, kind: 'percent', value: (r) => r.percentage },
  { header: 'Комментарии', width: 13, kind: 'integer', value: (r) => r.commentCount },
  { header: 'Фото', width: 8, kind: 'integer', value: (r) => r.photoCount },
  { header: 'Критические замечания', width: 14, kind: 'integer', value: (r) => r.criticalDefects },
  { header: 'Версия чек-листа', width: 10, kind: 'integer', value: (r) => r.checklistVersionNumber },
  { header: 'Плановая дата', width: 12, kind: 'date', value: (r) => r.plannedDate },
  { header: 'Идентификатор аудита', width: 38, kind: 'text', value: (r) => r.uuid },
];

export const AUDIT_QUESTION_COLUMNS: Column<QuestionRow>[] = [
  { header: 'Зона', width: 22, kind: 'text', value: (r) => r.category },
  { header: 'Раздел', width: 26, kind: 'text', value: (r) => r.section },
  { header: 'Код', width: 8, kind: 'text', value: (r) => r.code },
  { header: 'Вопрос', width: 60, kind: 'text', value: (r) => r.question },
  { header: 'Ответ', width: 36, kind: 'text', value: (r) => r.answer },
  { header: 'Баллы', width: 9, kind: 'decimal', value: (r) => r.points },
  { header: 'Максимум', width: 10, kind: 'decimal', value: (r) => r.max },
  { header: 'Комментарий', width: 50, kind: 'text', value: (r) => r.comment },
  { header: 'Фото', width: 8, kind: 'integer', value: (r) => r.photoCount },
  { header: 'Критичный', width: 10, kind: 'text', value: (r) => (r.isCritical ? 'да' : '') },
];
