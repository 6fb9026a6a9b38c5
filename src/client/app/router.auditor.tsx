import type { RouteObject } from 'react-router';
import { AuditorHomePage } from '../auditor/AuditorHomePage';
import { AuditPage } from '../auditor/audits/AuditPage';
import { CatalogHomePage } from '../auditor/catalog/CatalogHomePage';
import { NewOfflineAuditPage } from '../sync/ui/NewOfflineAuditPage';
import { SyncRoot } from '../sync/ui/SyncRoot';

/*
 * Auditor portal routes, children of /auditor (auditors only). These pages are in the main bundle:
 * they must work offline straight after the app shell loads. Keep heavy, rarely used screens lazy
 * (see lazyPage in app/lazy-page.ts).
 */
export const auditorRoutes: RouteObject[] = [
  {
    // Sync engine + sync bar around every auditor page (offline mode, client/sync).
    element: <SyncRoot />,
    children: [
      { index: true, element: <AuditorHomePage /> },
      { path: 'audits/new', element: <NewOfflineAuditPage /> },
      { path: 'audits/:uuid', element: <AuditPage /> },
      { path: 'catalog', element: <CatalogHomePage /> },
    ],
  },
];
