import type { RouteObject } from 'react-router';
import { lazyPage } from './lazy-page';

/*
 * Admin area routes, children of /admin (admins only). Every page is lazy-loaded: add a page with
 * `const XPage = lazyPage(() => import('../admin/<domain>/XPage'), 'XPage')` and one route entry,
 * then a navigation item in app/nav.ts.
 */
const AdminHomePage = lazyPage(() => import('../admin/AdminHomePage'), 'AdminHomePage');
const UsersPage = lazyPage(() => import('../admin/users/UsersPage'), 'UsersPage');
const AuditsPage = lazyPage(() => import('../admin/audits/AuditsPage'), 'AuditsPage');
const AuditCardPage = lazyPage(() => import('../admin/audits/AuditCardPage'), 'AuditCardPage');
const AdminNewAuditPage = lazyPage(() => import('../admin/audits/AdminNewAuditPage'), 'AdminNewAuditPage');
const CatalogPage = lazyPage(() => import('../admin/catalog/CatalogPage'), 'CatalogPage');
const ModerationPage = lazyPage(() => import('../admin/catalog/ModerationPage'), 'ModerationPage');
const ImportPage = lazyPage(() => import('../admin/catalog/ImportPage'), 'ImportPage');
const ChecklistBuilderPage = lazyPage(() => import('../admin/checklists/BuilderPage'), 'BuilderPage');
const ChecklistFieldsPage = lazyPage(() => import('../admin/checklists/FieldsPage'), 'FieldsPage');
const ChecklistVersionsPage = lazyPage(() => import('../admin/checklists/VersionsPage'), 'VersionsPage');
const ChecklistTransferPage = lazyPage(() => import('../admin/checklists/TransferPage'), 'TransferPage');
const SyncPage = lazyPage(() => import('../admin/sync/SyncPage'), 'SyncPage');
const AnnouncementsPage = lazyPage(
  () => import('../admin/announcements/AnnouncementsPage'),
  'AnnouncementsPage',
);

export const adminRoutes: RouteObject[] = [
  { index: true, element: <AdminHomePage /> },
  { path: 'users', element: <UsersPage /> },
  { path: 'audits', element: <AuditsPage /> },
  { path: 'audits/new', element: <AdminNewAuditPage /> },
  { path: 'audits/:uuid', element: <AuditCardPage /> },
  { path: 'catalog', element: <CatalogPage /> },
  { path: 'catalog/moderation', element: <ModerationPage /> },
  { path: 'catalog/import', element: <ImportPage /> },
  { path: 'checklist', element: <ChecklistBuilderPage /> },
  { path: 'checklist/fields', element: <ChecklistFieldsPage /> },
  { path: 'checklist/versions', element: <ChecklistVersionsPage /> },
  { path: 'checklist/transfer', element: <ChecklistTransferPage /> },
  { path: 'announcements', element: <AnnouncementsPage /> },
  { path: 'sync', element: <SyncPage /> },
];
