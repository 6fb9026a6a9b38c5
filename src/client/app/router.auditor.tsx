import type { RouteObject } from 'react-router';
import { AuditorHomePage } from '../auditor/AuditorHomePage';
import { AuditPage } from '../auditor/audits/AuditPage';
import { NewAuditPage } from '../auditor/audits/NewAuditPage';
import { CatalogHomePage } from '../auditor/catalog/CatalogHomePage';

/*
 * Auditor portal routes, children of /auditor (auditors only). These pages are in the main bundle:
 * they must work offline straight after the app shell loads. Keep heavy, rarely used screens lazy
 * (see lazyPage in app/lazy-page.ts).
 */
export const auditorRoutes: RouteObject[] = [
  { index: true, element: <AuditorHomePage /> },
  { path: 'audits/new', element: <NewAuditPage /> },
  { path: 'audits/:uuid', element: <AuditPage /> },
  { path: 'catalog', element: <CatalogHomePage /> },
];
