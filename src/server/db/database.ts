import type { ColumnType, Generated, Insertable, Kysely, Selectable, Updateable } from 'kysely';

/** Booleans are stored as 0/1 integers so the schema stays portable between SQLite and PostgreSQL. */
export type Flag = number;
/** ISO-8601 UTC timestamps stored as text. */
export type Timestamp = string;
/** JSON documents stored as text. */
export type JsonText = string;
type Id = Generated<number>;

export interface UsersTable {
  id: Id;
  username: string;
  usernameKey: string;
  passwordHash: string;
  fullName: string;
  role: 'auditor' | 'admin';
  email: string | null;
  phone: string | null;
  employeeId: string | null;
  isActive: Flag;
  mustChangePassword: Flag;
  notificationsEnabled: Flag;
  locale: 'ru' | 'en';
  passwordChangedAt: Timestamp | null;
  lastLoginAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface SessionsTable {
  id: Id;
  tokenHash: string;
  userId: number;
  csrfSecret: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
}

export interface EventsTable {
  id: Id;
  userId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  payload: JsonText;
  createdAt: Timestamp;
}

export type ReviewStatus = 'pending' | 'approved' | 'rejected';

export interface BuildingsTable {
  id: Id;
  uuid: string;
  city: string;
  street: string;
  house: string;
  /** Lower-cased "city street house" for search. */
  searchText: string;
  /** Normalised city|street|house (shared/catalog/address.ts), for matching duplicates and imports. */
  addressKey: string;
  notes: string | null;
  reviewStatus: ReviewStatus;
  reviewNote: string | null;
  mergedIntoId: number | null;
  createdBy: number | null;
  verifiedBy: number | null;
  verifiedAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ElevatorsTable {
  id: Id;
  uuid: string;
  buildingId: number;
  entrance: string | null;
  capacityKg: number | null;
  stops: number | null;
  identifier: string | null;
  description: string | null;
  status: 'active' | 'decommissioned';
  searchText: string;
  reviewStatus: ReviewStatus;
  reviewNote: string | null;
  mergedIntoId: number | null;
  createdBy: number | null;
  verifiedBy: number | null;
  verifiedAt: Timestamp | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface CatalogImportsTable {
  id: Id;
  userId: number;
  fileName: string;
  createdCount: number;
  updatedCount: number;
  skippedCount: number;
  errorCount: number;
  createdAt: Timestamp;
}

export interface ChecklistCategoriesTable {
  id: Id;
  code: string;
  name: string;
  position: number;
  isActive: Flag;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ChecklistSectionsTable {
  id: Id;
  categoryId: number;
  title: string;
  description: string | null;
  position: number;
  isActive: Flag;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type QuestionType = 'score' | 'yes_no' | 'text';

export interface ChecklistQuestionsTable {
  id: Id;
  sectionId: number;
  code: string;
  text: string;
  criterionGroup: string | null;
  type: QuestionType;
  maxScore: number | null;
  weight: number;
  guideline: string | null;
  requiresCommentWhenReduced: Flag;
  isCritical: Flag;
  position: number;
  isActive: Flag;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ScoreOptionsTable {
  id: Id;
  questionId: number;
  score: number;
  description: string;
}

export type ObjectInfoFieldType = 'text' | 'number' | 'date' | 'select' | 'boolean';

export interface ObjectInfoFieldsTable {
  id: Id;
  code: string;
  label: string;
  fieldType: ObjectInfoFieldType;
  isRequired: Flag;
  choices: JsonText;
  /** Catalog attribute the field is pre-filled from (e.g. `elevator.capacityKg`), if any. */
  prefillFrom: string | null;
  position: number;
  isActive: Flag;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ChecklistVersionsTable {
  id: Id;
  number: number;
  snapshot: JsonText;
  publishedBy: number;
  publishedAt: Timestamp;
  notes: string | null;
}

export type AuditStatus = 'draft' | 'in_progress' | 'submitted' | 'reviewed';

export interface AuditsTable {
  id: Id;
  uuid: string;
  elevatorId: number;
  checklistVersionId: number;
  createdBy: number;
  objectInfo: JsonText;
  plannedDate: string | null;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
  submittedAt: Timestamp | null;
  reviewedAt: Timestamp | null;
  reviewedBy: number | null;
  status: AuditStatus;
  totalScore: number;
  maxScore: number;
  adminNotes: string | null;
  source: 'web' | 'offline';
  deviceId: string | null;
  /** Offline submit waiting for its photos (sync): the last stored photo submits the audit. */
  submitRequestedAt: ColumnType<Timestamp | null, Timestamp | null | undefined, Timestamp | null>;
  /** Answers with a comment, flagged answers, stored photos: kept by triggers (migration 72). */
  commentCount: Generated<number>;
  flaggedCount: Generated<number>;
  photoCount: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface AuditResponsesTable {
  id: Id;
  auditId: number;
  questionId: number;
  questionText: string;
  questionMaxScore: number | null;
  score: number | null;
  yesNo: Flag | null;
  textValue: string | null;
  comment: string | null;
  isFlagged: Flag;
  updatedAt: Timestamp;
}

export interface AuditAttachmentsTable {
  id: Id;
  uuid: string;
  auditId: number;
  responseId: number | null;
  questionId: number | null;
  storageKey: string;
  mime: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  caption: string | null;
  status: 'expected' | 'stored';
  createdBy: number;
  createdAt: Timestamp;
  storedAt: Timestamp | null;
}

export interface SyncBatchesTable {
  id: Id;
  uuid: string;
  userId: number;
  deviceId: string;
  receivedAt: Timestamp;
  status: 'pending' | 'applied' | 'error';
  payloadSha256: string;
  payload: JsonText;
  result: JsonText | null;
  errorDetails: JsonText | null;
}

export interface MailOutboxTable {
  id: Id;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  createdAt: Timestamp;
  sentAt: Timestamp | null;
  nextAttemptAt: Timestamp;
  attempts: number;
  lastError: string | null;
}

export interface AnnouncementsTable {
  id: Id;
  message: string;
  startsAt: Timestamp;
  endsAt: Timestamp;
  createdBy: number;
  createdAt: Timestamp;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  events: EventsTable;
  buildings: BuildingsTable;
  elevators: ElevatorsTable;
  catalogImports: CatalogImportsTable;
  checklistCategories: ChecklistCategoriesTable;
  checklistSections: ChecklistSectionsTable;
  checklistQuestions: ChecklistQuestionsTable;
  scoreOptions: ScoreOptionsTable;
  objectInfoFields: ObjectInfoFieldsTable;
  checklistVersions: ChecklistVersionsTable;
  audits: AuditsTable;
  auditResponses: AuditResponsesTable;
  auditAttachments: AuditAttachmentsTable;
  syncBatches: SyncBatchesTable;
  mailOutbox: MailOutboxTable;
  announcements: AnnouncementsTable;
}

export type Db = Kysely<Database>;
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type { ColumnType };
