import { useMutation } from '@tanstack/react-query';
import type { ChangePassword, UpdateOwnProfile, UserDto } from '../../shared/accounts/accounts.schema';
import { request } from '../api/request';
import { useUpdateSessionUser } from '../auth/useSession';
import { type Locale, setLocale } from '../i18n';

export function useUpdateProfile() {
  const updateSessionUser = useUpdateSessionUser();
  return useMutation({
    mutationFn: (input: UpdateOwnProfile) => request<{ user: UserDto }>('PATCH', '/api/auth/me', input),
    onSuccess: ({ user }) => updateSessionUser(user),
  });
}

export function useChangePassword() {
  const updateSessionUser = useUpdateSessionUser();
  return useMutation({
    mutationFn: (input: ChangePassword) =>
      request<{ user: UserDto }>('POST', '/api/auth/password', input, { skipAuthRedirect: true }),
    onSuccess: ({ user }) => updateSessionUser(user),
  });
}

/** Switches the language now and, when logged in, remembers it in the profile (best effort). */
export function useSwitchLocale(isLoggedIn: boolean) {
  const update = useUpdateProfile();
  return (locale: Locale) => {
    void setLocale(locale);
    if (isLoggedIn) update.mutate({ locale });
  };
}
