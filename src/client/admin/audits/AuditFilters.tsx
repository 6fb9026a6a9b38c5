import {
  Button,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  TextInput,
} from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_SORTS, AUDIT_STATUSES } from '../../../shared/audits/audits.schema';
import type { AuditListFilter } from '../../auditor/audits/useAudits';
import { useUsersList } from '../users/useUsers';
import type { useAuditFilters } from './useAuditFilters';

type Filters = ReturnType<typeof useAuditFilters>;

export function AuditFilters({ filter, update, reset }: Filters & { filter: AuditListFilter }) {
  const { t } = useTranslation('audits');
  const auditors = useUsersList({ search: '', role: 'auditor', isActive: null, page: 1, pageSize: 200 });
  const [search, setSearch] = useState(filter.search ?? '');
  // Search is applied after a short pause in typing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: update is recreated every render
  useEffect(() => {
    const timer = setTimeout(() => {
      if (search !== (filter.search ?? '')) update({ search });
    }, 300);
    return () => clearTimeout(timer);
  }, [search]);

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
      <TextInput
        label={t('admin.search')}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      <MultiSelect
        label={t('admin.status')}
        data={AUDIT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        value={filter.status ?? []}
        onChange={(v) => update({ status: v })}
        clearable
      />
      <Select
        label={t('admin.auditor')}
        data={(auditors.data?.items ?? []).map((u) => ({ value: String(u.id), label: u.fullName }))}
        value={filter.auditorId ? String(filter.auditorId) : null}
        onChange={(v) => update({ auditorId: v })}
        searchable
        clearable
      />
      <div>
        <label htmlFor="audit-review-filter" style={{ fontSize: 14, fontWeight: 500 }}>
          {t('admin.review')}
        </label>
        <SegmentedControl
          id="audit-review-filter"
          fullWidth
          value={filter.review ?? 'all'}
          onChange={(v) => update({ review: v === 'all' ? null : v })}
          data={[
            { value: 'all', label: t('admin.reviewAll') },
            { value: 'new', label: t('admin.reviewNew') },
            { value: 'reviewed', label: t('admin.reviewDone') },
          ]}
        />
      </div>
      <Group grow gap="xs">
        <TextInput
          type="date"
          label={t('admin.dateFrom')}
          value={filter.dateFrom ?? ''}
          onChange={(e) => update({ dateFrom: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('admin.dateTo')}
          value={filter.dateTo ?? ''}
          onChange={(e) => update({ dateTo: e.currentTarget.value })}
        />
      </Group>
      <Group grow gap="xs">
        <NumberInput
          label={t('admin.scoreMin')}
          min={0}
          max={100}
          value={filter.scoreMin ?? ''}
          onChange={(v) => update({ scoreMin: typeof v === 'number' ? v : null })}
        />
        <NumberInput
          label={t('admin.scoreMax')}
          min={0}
          max={100}
          value={filter.scoreMax ?? ''}
          onChange={(v) => update({ scoreMax: typeof v === 'number' ? v : null })}
        />
      </Group>
      <Select
        label={t('admin.sort')}
        data={AUDIT_SORTS.flatMap((s) => [
          { value: `${s}:desc`, label: `${t(`admin.sorts.${s}`)} ↓` },
          { value: `${s}:asc`, label: `${t(`admin.sorts.${s}`)} ↑` },
        ])}
        value={`${filter.sort}:${filter.order}`}
        onChange={(v) => {
          const [sort, order] = (v ?? 'createdAt:desc').split(':');
          update({ sort: sort ?? 'createdAt', order: order ?? 'desc' });
        }}
        allowDeselect={false}
      />
      <Group align="flex-end">
        <Button
          variant="default"
          onClick={() => {
            setSearch('');
            reset();
          }}
        >
          {t('admin.reset')}
        </Button>
      </Group>
    </SimpleGrid>
  );
}
