import { useEffect } from 'react';
import type { RouteObject } from 'react-router';
import { AuditorHomePage } from '../auditor/AuditorHomePage';
import { SyncRoot } from '../sync/ui/SyncRoot';
import { lazyPage } from './lazy-page';

/*
 * Auditor portal routes, children of /auditor (auditors only). Only the shell (SyncRoot: sync engine
 * and bar) and the first screen («Мои аудиты») are in the main bundle; every other page is lazy
 * (issue 8: initial JS ≤ 250 KB gzip). They still open offline: the service worker precaches every
 * built chunk (vite.config.ts globPatterns), and RequireRole renders them inside <Suspense>.
 */
const AuditPage = lazyPage(() => import('../auditor/audits/AuditPage'), 'AuditPage');
const CatalogHomePage = lazyPage(() => import('../auditor/catalog/CatalogHomePage'), 'CatalogHomePage');
const NewOfflineAuditPage = lazyPage(() => import('../sync/ui/NewOfflineAuditPage'), 'NewOfflineAuditPage');

/**
 * Loads the lazy auditor pages right after the portal opens. On a first visit the service worker does
 * not control the tab yet, so without this an auditor who loses the network a minute later could not
 * open «Новый аудит» until the next reload.
 */
function AuditorShell() {
  useEffect(() => {
    const timer = setTimeout(() => {
      for (const page of [AuditPage, CatalogHomePage, NewOfflineAuditPage])
        page.preload().catch(() => undefined);
    }, 500);
    return () => clearTimeout(timer);
  }, []);
  return <SyncRoot />;
}

export const auditorRoutes: RouteObject[] = [
  {
    // Sync engine + sync bar around every auditor page (offline mode, client/sync).
    element: <AuditorShell />,
    children: [
      { index: true, element: <AuditorHomePage /> },
      { path: 'audits/new', element: <NewOfflineAuditPage /> },
      { path: 'audits/:uuid', element: <AuditPage /> },
      { path: 'catalog', element: <CatalogHomePage /> },
    ],
  },
];
