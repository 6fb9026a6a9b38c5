import { createHash } from 'node:crypto';
import { type Actor, freshUuid, type World } from './support/world.js';

/*
 * The declared access policy of every route of the server (`METHOD /path` exactly as registered).
 * access-matrix.test.ts compares this table with the live route table both ways: a route without a
 * policy, or a policy for a route that no longer exists, fails the test. Per actor the outcome is
 * 'allow' (the guard let the request through: any answer but 401/403/404 and never a 5xx) or the
 * exact denial status.
 *
 * Actors: anonymous; a deactivated user's old session cookie; a user still on a temporary password;
 * auditor B (the intruder: every object in `params` belongs to auditor A); the admin; auditor A.
 */

export type Outcome = 'allow' | 401 | 403 | 404;

export interface RoutePolicy {
  access: Record<Actor, Outcome>;
  /** Path parameters (objects of auditor A unless said otherwise). */
  params?: (w: World) => Record<string, string | number>;
  query?: (w: World) => string;
  /** JSON body; without it a body is generated from the route's zod schema. */
  body?: (w: World, actor: Actor) => unknown;
  /** A non-JSON body (photos, spreadsheets). */
  raw?: (w: World) => { payload: Buffer | string; contentType: string; headers?: Record<string, string> };
  /** Cache-Control of an allowed 2xx answer when it is not `no-store` (authenticated API default). */
  cacheControl?: string;
  /** An unsafe route that needs no CSRF token (only login: there is no session token yet). */
  csrfExempt?: true;
}

const PUBLIC: Record<Actor, Outcome> = {
  anonymous: 'allow',
  deactivated: 'allow',
  temporary: 'allow',
  auditorB: 'allow',
  admin: 'allow',
  auditorA: 'allow',
};
/** Any signed-in user, also one who must still change a temporary password. */
const SESSION: Record<Actor, Outcome> = { ...PUBLIC, anonymous: 401, deactivated: 401 };
/** Any signed-in user with a real password. */
const USER: Record<Actor, Outcome> = { ...SESSION, temporary: 403 };
const ADMIN: Record<Actor, Outcome> = { ...USER, auditorA: 403, auditorB: 403 };
/** An object of auditor A: another auditor gets 404, exactly as for a missing id. */
const OWNER: Record<Actor, Outcome> = { ...USER, auditorB: 404 };
/** A's answers and photos: an admin reads them but never changes them. */
const OWNER_WRITE: Record<Actor, Outcome> = { ...OWNER, admin: 403 };
/** Photos a device announced in a sync batch: only that user's device uploads or asks about them. */
const UPLOADER: Record<Actor, Outcome> = { ...OWNER, admin: 404 };

const csv = 'Город;Улица;Дом;Подъезд;Грузоподъёмность\nМосква;ул. Импортная;1;1;400\n';
const attachmentCache = 'private, max-age=86400';

export const ROUTE_POLICIES: Record<string, RoutePolicy> = {
  // API description and probes: public on purpose (nothing in them is secret).
  'GET /api/docs': { access: PUBLIC },
  'GET /api/docs/static/index.html': { access: PUBLIC },
  'GET /api/docs/static/swagger-initializer.js': { access: PUBLIC },
  'GET /api/docs/json': { access: PUBLIC },
  'GET /api/docs/yaml': { access: PUBLIC },
  'GET /api/docs/static/*': { access: PUBLIC, params: () => ({ '*': 'swagger-ui.css' }) },
  'GET /healthz': { access: PUBLIC },
  'GET /readyz': { access: PUBLIC },
  'GET /api/support': { access: PUBLIC },

  // Accounts. Login: anonymous tries A's name with a wrong password, everyone else their own.
  'POST /api/auth/login': {
    access: { ...PUBLIC, anonymous: 401, deactivated: 401 },
    csrfExempt: true,
    body: (w, actor) =>
      actor === 'anonymous'
        ? { username: w.users.auditorA.username, password: 'Неверный-пароль-1' }
        : { username: w.users[actor].username, password: w.users[actor].password },
  },
  'GET /api/auth/me': { access: SESSION },
  'PATCH /api/auth/me': { access: SESSION },
  'POST /api/auth/logout': { access: SESSION },
  'POST /api/auth/password': {
    access: SESSION,
    body: () => ({ currentPassword: 'Неверный-пароль-1', newPassword: 'Совсем-другой-пароль-77' }),
  },
  'GET /api/users': { access: ADMIN },
  'POST /api/users': { access: ADMIN },
  'GET /api/users/:id': { access: ADMIN, params: (w) => ({ id: w.users.spare.id }) },
  'PATCH /api/users/:id': { access: ADMIN, params: (w) => ({ id: w.users.spare.id }) },
  'POST /api/users/:id/deactivate': { access: ADMIN, params: (w) => ({ id: w.users.spare.id }) },
  'POST /api/users/:id/activate': { access: ADMIN, params: (w) => ({ id: w.users.spare.id }) },
  'POST /api/users/:id/reset-password': { access: ADMIN, params: (w) => ({ id: w.users.spare.id }) },

  // Announcements.
  'GET /api/announcements/active': { access: SESSION },
  'GET /api/announcements': { access: ADMIN },
  'POST /api/announcements': { access: ADMIN },
  'PATCH /api/announcements/:id': { access: ADMIN, params: (w) => ({ id: w.announcementId }) },
  'DELETE /api/announcements/:id': { access: ADMIN, params: (w) => ({ id: w.announcementId }) },

  // Catalog: pending records are visible to their author and admins only.
  'GET /api/buildings': { access: USER },
  'GET /api/buildings/autocomplete': { access: USER, query: () => 'q=Моск' },
  'GET /api/buildings/cities': { access: USER },
  'POST /api/buildings': { access: USER },
  'GET /api/buildings/:id': { access: OWNER, params: (w) => ({ id: w.pendingBuildingA }) },
  'PATCH /api/buildings/:id': { access: OWNER, params: (w) => ({ id: w.pendingBuildingA }) },
  'GET /api/elevators': { access: USER },
  'POST /api/elevators': { access: USER, body: (w) => ({ buildingId: w.approvedBuildingId, entrance: '2' }) },
  'GET /api/elevators/:id': { access: OWNER, params: (w) => ({ id: w.pendingElevatorA }) },
  'PATCH /api/elevators/:id': {
    access: OWNER,
    params: (w) => ({ id: w.pendingElevatorA }),
    body: () => ({ entrance: '3' }),
  },
  'POST /api/elevators/:id/decommission': { access: ADMIN, params: (w) => ({ id: w.approvedElevatorId }) },
  'POST /api/elevators/:id/recommission': { access: ADMIN, params: (w) => ({ id: w.approvedElevatorId }) },
  'GET /api/catalog/moderation': { access: ADMIN },
  'POST /api/catalog/buildings/:id/approve': { access: ADMIN, params: (w) => ({ id: w.moderationBuilding }) },
  'POST /api/catalog/buildings/:id/reject': { access: ADMIN, params: (w) => ({ id: w.moderationBuilding }) },
  'POST /api/catalog/buildings/:id/merge': {
    access: ADMIN,
    params: (w) => ({ id: w.moderationBuilding }),
    body: (w) => ({ targetId: w.approvedBuildingId }),
  },
  'GET /api/catalog/buildings/:id/duplicates': {
    access: ADMIN,
    params: (w) => ({ id: w.moderationBuilding }),
  },
  'POST /api/catalog/elevators/:id/approve': { access: ADMIN, params: (w) => ({ id: w.moderationElevator }) },
  'POST /api/catalog/elevators/:id/reject': { access: ADMIN, params: (w) => ({ id: w.moderationElevator }) },
  'POST /api/catalog/elevators/:id/merge': {
    access: ADMIN,
    params: (w) => ({ id: w.moderationElevator }),
    body: (w) => ({ targetId: w.approvedElevatorId }),
  },
  'GET /api/catalog/elevators/:id/duplicates': {
    access: ADMIN,
    params: (w) => ({ id: w.moderationElevator }),
  },
  'POST /api/catalog/import/preview': {
    access: ADMIN,
    raw: () => ({ payload: csv, contentType: 'text/csv' }),
  },
  'POST /api/catalog/import/apply': { access: ADMIN, raw: () => ({ payload: csv, contentType: 'text/csv' }) },
  'GET /api/catalog/imports': { access: ADMIN },

  // Checklist builder (admin) and published versions (any auditor reads them).
  'GET /api/checklists/draft': { access: ADMIN },
  'POST /api/checklists/categories': { access: ADMIN },
  'PATCH /api/checklists/categories/:id': { access: ADMIN, params: (w) => ({ id: w.draft.categoryId }) },
  'POST /api/checklists/categories/:id/deactivate': {
    access: ADMIN,
    params: (w) => ({ id: w.draft.categoryId }),
  },
  'POST /api/checklists/categories/:id/activate': {
    access: ADMIN,
    params: (w) => ({ id: w.draft.categoryId }),
  },
  'POST /api/checklists/sections': {
    access: ADMIN,
    body: (w) => ({ categoryId: w.draft.categoryId, title: 'Новый' }),
  },
  'PATCH /api/checklists/sections/:id': { access: ADMIN, params: (w) => ({ id: w.draft.sectionId }) },
  'POST /api/checklists/sections/:id/move': {
    access: ADMIN,
    params: (w) => ({ id: w.draft.sectionId }),
    body: (w) => ({ categoryId: w.draft.categoryId }),
  },
  'POST /api/checklists/sections/:id/deactivate': {
    access: ADMIN,
    params: (w) => ({ id: w.draft.sectionId }),
  },
  'POST /api/checklists/sections/:id/activate': { access: ADMIN, params: (w) => ({ id: w.draft.sectionId }) },
  'POST /api/checklists/questions': {
    access: ADMIN,
    body: (w) => ({
      sectionId: w.draft.sectionId,
      code: `SEC-${freshUuid().slice(0, 6)}`,
      text: 'Вопрос',
      type: 'text',
    }),
  },
  'PATCH /api/checklists/questions/:id': { access: ADMIN, params: (w) => ({ id: w.draft.questionId }) },
  'POST /api/checklists/questions/:id/move': {
    access: ADMIN,
    params: (w) => ({ id: w.draft.questionId }),
    body: (w) => ({ sectionId: w.draft.sectionId }),
  },
  'POST /api/checklists/questions/:id/deactivate': {
    access: ADMIN,
    params: (w) => ({ id: w.draft.questionId }),
  },
  'POST /api/checklists/questions/:id/activate': {
    access: ADMIN,
    params: (w) => ({ id: w.draft.questionId }),
  },
  'POST /api/checklists/object-info-fields': { access: ADMIN },
  'PATCH /api/checklists/object-info-fields/:id': { access: ADMIN, params: (w) => ({ id: w.draft.fieldId }) },
  'POST /api/checklists/object-info-fields/:id/deactivate': {
    access: ADMIN,
    params: (w) => ({ id: w.draft.fieldId }),
  },
  'POST /api/checklists/object-info-fields/:id/activate': {
    access: ADMIN,
    params: (w) => ({ id: w.draft.fieldId }),
  },
  'POST /api/checklists/reorder': { access: ADMIN },
  'POST /api/checklists/publish': { access: ADMIN },
  'GET /api/checklists/versions': { access: ADMIN },
  'GET /api/checklists/versions/latest': { access: USER },
  'GET /api/checklists/versions/:number': { access: USER, params: (w) => ({ number: w.version.number }) },
  'GET /api/checklists/versions/:a/diff/:b': {
    access: ADMIN,
    params: (w) => ({ a: w.version.number, b: w.version.number }),
  },
  'GET /api/checklists/versions/:number/export': {
    access: ADMIN,
    params: (w) => ({ number: w.version.number }),
  },
  'POST /api/checklists/import-json': { access: ADMIN },
  'POST /api/checklists/import-spreadsheet/preview': { access: ADMIN },
  'POST /api/checklists/import-spreadsheet/apply': { access: ADMIN },
  'POST /api/checklists/install-starter': { access: ADMIN },

  // Audits: auditors see only their own; admins see all and change only the metadata.
  'POST /api/audits': { access: USER, body: (w) => ({ uuid: freshUuid(), elevatorId: w.elevator.id }) },
  'GET /api/audits': { access: USER },
  'GET /api/audits/:uuid': { access: OWNER, params: (w) => ({ uuid: w.auditA }) },
  'PUT /api/audits/:uuid/responses/:questionId': {
    access: OWNER_WRITE,
    params: (w) => ({ uuid: w.auditA, questionId: w.version.questionId }),
    body: () => ({ score: 2 }),
  },
  'PATCH /api/audits/:uuid/object-info': { access: OWNER_WRITE, params: (w) => ({ uuid: w.auditA }) },
  'POST /api/audits/:uuid/submit': { access: OWNER_WRITE, params: (w) => ({ uuid: w.auditA }) },
  'PATCH /api/audits/:uuid': { access: ADMIN, params: (w) => ({ uuid: w.auditA }) },
  'POST /api/audits/:uuid/review': { access: ADMIN, params: (w) => ({ uuid: w.auditA }) },
  'POST /api/audits/:uuid/attachments': {
    access: OWNER_WRITE,
    params: (w) => ({ uuid: w.auditA }),
    query: (w) => `questionId=${w.version.questionId}`,
    raw: (w) => ({ payload: w.jpeg, contentType: 'image/jpeg' }),
  },
  'GET /api/attachments/:uuid': {
    access: OWNER,
    params: (w) => ({ uuid: w.photoA }),
    cacheControl: attachmentCache,
  },
  'GET /api/attachments/:uuid/thumb': {
    access: OWNER,
    params: (w) => ({ uuid: w.photoA }),
    cacheControl: attachmentCache,
  },
  'GET /api/attachments/:uuid/preview': {
    access: OWNER,
    params: (w) => ({ uuid: w.photoA }),
    cacheControl: attachmentCache,
  },
  'DELETE /api/attachments/:uuid': { access: OWNER_WRITE, params: (w) => ({ uuid: w.photoA2 }) },

  // Reports: the print view and one-audit exports follow the audit's visibility.
  'GET /api/reports/dashboard': { access: ADMIN },
  'GET /api/reports/audits/:uuid': { access: OWNER, params: (w) => ({ uuid: w.auditA }) },
  'GET /api/reports/audits.xlsx': { access: USER },
  'GET /api/reports/audits.csv': { access: USER },
  'GET /api/reports/audits/:uuid.xlsx': { access: OWNER, params: (w) => ({ uuid: w.auditA }) },
  'GET /api/reports/audits/:uuid.csv': { access: OWNER, params: (w) => ({ uuid: w.auditA }) },

  // Offline mode.
  'GET /api/offline/snapshot': { access: USER, cacheControl: 'private, no-cache' },
  'POST /api/offline-sync/': {
    access: USER,
    body: (w) => ({
      batchId: freshUuid(),
      deviceId: 'matrix-phone',
      audits: [
        {
          uuid: freshUuid(),
          elevatorRef: w.elevator.uuid,
          checklistVersion: w.version.id,
          status: 'in_progress',
          responses: [],
        },
      ],
    }),
  },
  'PUT /api/offline-sync/attachments/:uuid': {
    access: UPLOADER,
    params: (w) => ({ uuid: w.syncExpectedA.uuid }),
    raw: (w) => ({
      payload: w.syncExpectedA.data,
      contentType: 'image/jpeg',
      headers: { 'x-content-sha256': sha256Hex(w.syncExpectedA.data) },
    }),
  },
  'HEAD /api/offline-sync/attachments/:uuid': { access: UPLOADER, params: (w) => ({ uuid: w.syncStoredA }) },
  'GET /api/admin/sync/batches': { access: ADMIN },
  'GET /api/admin/sync/overview': { access: ADMIN },
};

function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
