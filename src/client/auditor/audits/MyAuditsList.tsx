import {
  Button,
  Card,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconClipboardList, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditStatus } from '../../../shared/audits/audits.schema';
import { auditListExportUrl } from '../../reports/export-links';
import { LazyExportMenu } from '../../reports/LazyExportMenu';
import { useAuditList } from '../../sync/useLocalAudits';
import { ErrorState } from '../../ui/ErrorState';
import { AuditStatusBadge } from './AuditStatusBadge';
import { auditAddress, elevatorLabel, formatDate, formatScore } from './format';

const FILTERS: Record<string, AuditStatus[]> = {
  all: [],
  open: ['draft', 'in_progress'],
  submitted: ['submitted'],
  reviewed: ['reviewed'],
};

/** «Мои аудиты»: the auditor's own audits with status filters and search. */
export function MyAuditsList() {
  const { t, i18n } = useTranslation('audits');
  const [filter, setFilter] = useState('all');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const list = useAuditList({ status: FILTERS[filter], search: debounced, page: 1, pageSize: 100 });
  const items = list.data?.items ?? [];
  const isFiltered = filter !== 'all' || debounced.trim() !== '';

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Button component={Link} to="/auditor/audits/new" leftSection={<IconPlus size={18} />}>
          {t('list.newAudit')}
        </Button>
        <LazyExportMenu
          hrefFor={(format) =>
            auditListExportUrl(format, { status: FILTERS[filter]?.join(','), search: debounced.trim() })
          }
        />
      </Group>
      <SegmentedControl
        value={filter}
        onChange={setFilter}
        fullWidth
        data={[
          { value: 'all', label: t('list.allStatuses') },
          { value: 'open', label: t('status.in_progress') },
          { value: 'submitted', label: t('status.submitted') },
          { value: 'reviewed', label: t('status.reviewed') },
        ]}
      />
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t('list.search')}
        aria-label={t('list.search')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Loader />
      ) : items.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Stack align="center" gap="xs" ta="center">
            <ThemeIcon size={48} radius="xl" variant="light">
              <IconClipboardList size={28} />
            </ThemeIcon>
            <Text fw={600}>{isFiltered ? t('list.nothingFound') : t('list.emptyTitle')}</Text>
            {!isFiltered && (
              <Text c="dimmed" size="sm">
                {t('list.emptyText')}
              </Text>
            )}
          </Stack>
        </Paper>
      ) : (
        items.map((a) => (
          <Card
            key={a.uuid}
            withBorder
            radius="md"
            component={Link}
            to={`/auditor/audits/${a.uuid}`}
            data-testid="audit-card"
          >
            <Stack gap={4}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text fw={600}>{auditAddress(a)}</Text>
                <AuditStatusBadge status={a.status} />
              </Group>
              <Text size="sm" c="dimmed">
                {elevatorLabel(a)}
              </Text>
              <Group gap="md" wrap="wrap">
                <Text size="sm">
                  {t('list.score')}: {formatScore(a.totalScore, a.maxScore, a.percentage)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('list.comments', { count: a.commentCount })} ·{' '}
                  {t('list.photos', { count: a.photoCount })}
                </Text>
                <Text size="sm" c="dimmed">
                  {a.submittedAt
                    ? t('list.submitted', { date: formatDate(a.submittedAt, i18n.language) })
                    : a.plannedDate
                      ? t('list.planned', { date: formatDate(a.plannedDate, i18n.language) })
                      : t('list.created', { date: formatDate(a.createdAt, i18n.language) })}
                </Text>
              </Group>
            </Stack>
          </Card>
        ))
      )}
    </Stack>
  );
}
