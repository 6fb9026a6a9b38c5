import { type ReactNode, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../auth/LoginPage';
import { NotFoundPage } from '../ui/NotFoundPage';
import { RouteErrorPage } from '../ui/RouteErrorPage';
import { PageLoader, RequireRole, RequireSession, RoleHomeRedirect } from './guards';
import { Layout } from './Layout';
import { lazyPage } from './lazy-page';
import { adminRoutes } from './router.admin';
import { auditorRoutes } from './router.auditor';

// The print view of an audit (reports): for admins and the audit's own auditor, outside the app
// shell so nothing but the report is printed. Lazy: neither portal's first load carries it.
const PrintAuditPage = lazyPage(() => import('../reports/PrintAuditPage'), 'PrintAuditPage');
// Off the first screen: lazy too (issue 8 budget), precached by the service worker for offline use.
const ChangePasswordPage = lazyPage(() => import('../auth/ChangePasswordPage'), 'ChangePasswordPage');
const ProfilePage = lazyPage(() => import('../profile/ProfilePage'), 'ProfilePage');
const SupportPage = lazyPage(() => import('../ops/SupportPage'), 'SupportPage');

const suspended = (page: ReactNode) => <Suspense fallback={<PageLoader />}>{page}</Suspense>;

/**
 * Top-level routes. Domains add their pages to app/router.auditor.tsx or app/router.admin.tsx,
 * not here.
 */
export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
    {
      path: '/change-password',
      errorElement: <RouteErrorPage />,
      element: <RequireSession passwordChange>{suspended(<ChangePasswordPage />)}</RequireSession>,
    },
    {
      path: '/audits/:uuid/print',
      element: <RequireSession>{suspended(<PrintAuditPage />)}</RequireSession>,
    },
    {
      element: (
        <RequireSession>
          <Layout />
        </RequireSession>
      ),
      errorElement: <RouteErrorPage />,
      children: [
        { index: true, element: <RoleHomeRedirect /> },
        {
          path: 'auditor',
          element: <RequireRole allow="auditor" />,
          // Inside the layout, so navigation stays usable when one page fails.
          errorElement: <RouteErrorPage />,
          children: auditorRoutes,
        },
        {
          path: 'admin',
          element: <RequireRole allow="admin" />,
          errorElement: <RouteErrorPage />,
          children: adminRoutes,
        },
        { path: 'profile', element: suspended(<ProfilePage />) },
        { path: 'support', element: suspended(<SupportPage />) },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}

export type AppRouter = ReturnType<typeof createAppRouter>;
