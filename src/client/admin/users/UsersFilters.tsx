import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/accounts/accounts.schema';
import type { UsersFilter } from './useUsers';

interface Props {
  filter: UsersFilter;
  onChange: (changes: Partial<Omit<UsersFilter, 'pageSize'>>) => void;
}

export function UsersFilters({ filter, onChange }: Props) {
  const { t } = useTranslation('accounts');
  const [search, setSearch] = useState(filter.search);
  const applySearch = useDebouncedCallback((value: string) => onChange({ search: value }), 300);

  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <TextInput
        type="search"
        aria-label={t('common:search')}
        placeholder={t('users.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          applySearch(e.currentTarget.value);
        }}
      />
      <Select
        aria-label={t('users.roleFilter')}
        placeholder={t('users.roleFilter')}
        value={filter.role ?? 'all'}
        allowDeselect={false}
        data={[
          { value: 'all', label: `${t('users.roleFilter')}: ${t('common:all').toLowerCase()}` },
          ...ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) })),
        ]}
        onChange={(value) => onChange({ role: ROLES.find((role: Role) => role === value) ?? null })}
      />
      <Select
        aria-label={t('users.activeFilter')}
        value={filter.isActive === null ? 'all' : String(filter.isActive)}
        allowDeselect={false}
        data={[
          { value: 'all', label: `${t('users.activeFilter')}: ${t('common:all').toLowerCase()}` },
          { value: 'true', label: t('users.active') },
          { value: 'false', label: t('users.inactive') },
        ]}
        onChange={(value) =>
          onChange({ isActive: value === 'all' || value === null ? null : value === 'true' })
        }
      />
    </SimpleGrid>
  );
}
