import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateUser,
  Role,
  TemporaryPassword,
  UpdateUser,
  UserDto,
  UserList,
} from '../../../shared/accounts/accounts.schema';
import { request, withQuery } from '../../api/request';

export interface UsersFilter {
  search: string;
  role: Role | null;
  isActive: boolean | null;
  page: number;
  pageSize: number;
}

const USERS_KEY = ['users'] as const;

export function useUsersList(filter: UsersFilter) {
  return useQuery({
    queryKey: [...USERS_KEY, 'list', filter],
    queryFn: ({ signal }) =>
      request<UserList>(
        'GET',
        withQuery('/api/users', {
          search: filter.search.trim(),
          role: filter.role,
          isActive: filter.isActive,
          page: filter.page,
          pageSize: filter.pageSize,
        }),
        undefined,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

function useUsersMutation<TInput, TResult>(mutationFn: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useCreateUser() {
  return useUsersMutation((input: CreateUser) => request<TemporaryPassword>('POST', '/api/users', input));
}

export function useUpdateUser() {
  return useUsersMutation(({ id, changes }: { id: number; changes: UpdateUser }) =>
    request<{ user: UserDto }>('PATCH', `/api/users/${id}`, changes),
  );
}

export function useSetUserActive() {
  return useUsersMutation(({ id, isActive }: { id: number; isActive: boolean }) =>
    request<{ user: UserDto }>('POST', `/api/users/${id}/${isActive ? 'activate' : 'deactivate'}`),
  );
}

export function useResetPassword() {
  return useUsersMutation((id: number) =>
    request<TemporaryPassword>('POST', `/api/users/${id}/reset-password`),
  );
}
