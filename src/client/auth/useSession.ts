import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Login, SessionInfo, UserDto } from '../../shared/accounts/accounts.schema';
import { ApiError, request, setCsrfToken } from '../api/request';
import { getCachedSession, setCachedSession } from '../db';
import { isLocale, setLocale } from '../i18n';

export const SESSION_QUERY_KEY = ['session'] as const;

/** The current session, or null when nobody is logged in (401). Other errors propagate. */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const session = await request<SessionInfo>('GET', '/api/auth/me', undefined, { skipAuthRedirect: true });
    setCsrfToken(session.csrfToken);
    await setCachedSession(session).catch(() => undefined);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      await setCachedSession(null).catch(() => undefined);
      return null;
    }
    // Offline (or the server is down): the auditor keeps working with the last session seen.
    if (error instanceof ApiError && (error.status === 0 || error.status >= 500)) {
      const cached = await getCachedSession().catch(() => undefined);
      if (cached) {
        setCsrfToken(cached.csrfToken);
        return cached;
      }
    }
    throw error;
  }
}

export interface SessionState {
  session: SessionInfo | null;
  user: UserDto | null;
  isLoading: boolean;
  error: unknown;
  refetch: () => void;
}

/** The signed-in user (GET /api/auth/me through TanStack Query); `user` is null when logged out. */
export function useSession(): SessionState {
  const query = useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
    retry: (count, error) => !(error instanceof ApiError && error.status > 0) && count < 2,
  });
  const session = query.data ?? null;
  return {
    session,
    user: session?.user ?? null,
    isLoading: query.isPending,
    error: query.error,
    refetch: () => void query.refetch(),
  };
}

/** The signed-in user inside the authenticated layout (the guard guarantees one). */
export function useCurrentUser(): UserDto {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser outside an authenticated route');
  return user;
}

/** Home page of a role: auditors land in their portal, admins in the admin area. */
export function homePathFor(user: Pick<UserDto, 'role'>): string {
  return user.role === 'admin' ? '/admin' : '/auditor';
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Login) =>
      request<SessionInfo>('POST', '/api/auth/login', credentials, { skipAuthRedirect: true }),
    onSuccess: async (session) => {
      setCsrfToken(session.csrfToken);
      await setCachedSession(session).catch(() => undefined);
      // A different user may log in on the same device: drop everything cached for the previous one.
      queryClient.clear();
      queryClient.setQueryData(SESSION_QUERY_KEY, session);
      if (isLocale(session.user.locale)) await setLocale(session.user.locale);
    },
  });
}

/** Ends the session on the server (best effort) and on this device, then shows the login page. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => request<void>('POST', '/api/auth/logout', undefined, { skipAuthRedirect: true }),
    onSettled: () => {
      // Navigate first so the guards do not bounce to /login?next=<the page just left>.
      navigate('/login', { replace: true });
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(SESSION_QUERY_KEY, null);
    },
  });
}

/** Replaces the cached user after the server answered with a fresh one (profile, password). */
export function useUpdateSessionUser() {
  const queryClient = useQueryClient();
  return (user: UserDto) =>
    queryClient.setQueryData<SessionInfo | null>(SESSION_QUERY_KEY, (old) => (old ? { ...old, user } : old));
}
