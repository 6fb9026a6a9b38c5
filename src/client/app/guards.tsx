import { Center, Loader } from '@mantine/core';
import { type ReactNode, Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../../shared/accounts/accounts.schema';
import { homePathFor, useSession } from '../auth/useSession';
import { ErrorState } from '../ui/ErrorState';

export function PageLoader() {
  return (
    <Center py="xl" data-testid="page-loader">
      <Loader />
    </Center>
  );
}

/**
 * Lets a logged-in user through. Logged out → /login (remembering where they were going); a temporary
 * password still to change → /change-password, unless this is that page.
 */
export function RequireSession({
  children,
  passwordChange = false,
}: {
  children: ReactNode;
  passwordChange?: boolean;
}) {
  const { user, isLoading, error, refetch } = useSession();
  const location = useLocation();
  if (isLoading) return <PageLoader />;
  if (error && !user) return <ErrorState error={error} onRetry={refetch} />;
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (user.mustChangePassword && !passwordChange) return <Navigate to="/change-password" replace />;
  return children;
}

/** Only for the given role; anyone else goes to their own home. Lazy pages below load in Suspense. */
export function RequireRole({ allow }: { allow: Role }) {
  const { user } = useSession();
  if (!user) return <Navigate to="/login" replace />;
  if (user.role !== allow) return <Navigate to={homePathFor(user)} replace />;
  return (
    <Suspense fallback={<PageLoader />}>
      <Outlet />
    </Suspense>
  );
}

export function RoleHomeRedirect() {
  const { user } = useSession();
  return <Navigate to={user ? homePathFor(user) : '/login'} replace />;
}
