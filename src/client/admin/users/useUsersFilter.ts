import { useSearchParams } from 'react-router';
import { ROLES, type Role } from '../../../shared/accounts/accounts.schema';
import type { UsersFilter } from './useUsers';

export const USERS_PAGE_SIZE = 20;

function parseRole(value: string | null): Role | null {
  return ROLES.find((role) => role === value) ?? null;
}

function parseActive(value: string | null): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

/** The users list filter lives in the URL (?q=&role=&active=&page=) so reload and back keep it. */
export function useUsersFilter() {
  const [params, setParams] = useSearchParams();
  const filter: UsersFilter = {
    search: params.get('q') ?? '',
    role: parseRole(params.get('role')),
    isActive: parseActive(params.get('active')),
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
    pageSize: USERS_PAGE_SIZE,
  };

  const update = (changes: Partial<Omit<UsersFilter, 'pageSize'>>) => {
    const next = { ...filter, page: 1, ...changes };
    const search = new URLSearchParams();
    if (next.search) search.set('q', next.search);
    if (next.role) search.set('role', next.role);
    if (next.isActive !== null) search.set('active', String(next.isActive));
    if (next.page > 1) search.set('page', String(next.page));
    setParams(search, { replace: true });
  };

  return { filter, update };
}
