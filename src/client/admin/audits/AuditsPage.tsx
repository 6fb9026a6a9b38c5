import { Anchor, Button, Card, Group, Loader, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuditStatusBadge } from '../../auditor/audits/AuditStatusBadge';
import { auditAddress, elevatorLabel, formatDate, formatScore } from '../../auditor/audits/format';
import { useAuditList } from '../../auditor/audits/useAudits';
import { ExportMenu } from '../../reports/ExportMenu';
import { auditListExportUrl } from '../../reports/export-links';
import { ErrorState } from '../../ui/ErrorState';
import { AuditFilters } from './AuditFilters';
import { useAuditFilters } from './useAuditFilters';

/** Admin: every audit with quick filters and server-side pagination; new ones are marked. */
export function AuditsPage() {
  const { t, i18n } = useTranslation('audits');
  const filters = useAuditFilters();
  const list = useAuditList(filters.filter);
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('admin.title')}</Title>
        <Group gap="xs">
          <ExportMenu
            hrefFor={(format) =>
              auditListExportUrl(format, {
                ...filters.filter,
                status: filters.filter.status?.join(','),
                search: filters.filter.search?.trim(),
              })
            }
          />
          <Button component={Link} to="/admin/audits/new" leftSection={<IconPlus size={18} />}>
            {t('list.newAudit')}
          </Button>
        </Group>
      </Group>
      <Card withBorder radius="md">
        <AuditFilters {...filters} />
      </Card>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !data ? (
        <Loader />
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('admin.total', { count: data.total })}
          </Text>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.address')}</Table.Th>
                  <Table.Th>{t('admin.auditor')}</Table.Th>
                  <Table.Th>{t('admin.status')}</Table.Th>
                  <Table.Th>{t('list.score')}</Table.Th>
                  <Table.Th>{t('admin.counts')}</Table.Th>
                  <Table.Th>{t('admin.dates')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((a) => (
                  <Table.Tr key={a.uuid} data-testid="admin-audit-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/admin/audits/${a.uuid}`} fw={a.isNew ? 700 : 400}>
                        {auditAddress(a)}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {elevatorLabel(a)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.auditor.fullName}</Table.Td>
                    <Table.Td>
                      <AuditStatusBadge status={a.status} isNew={a.isNew} />
                    </Table.Td>
                    <Table.Td>{formatScore(a.totalScore, a.maxScore, a.percentage)}</Table.Td>
                    <Table.Td data-testid="audit-counts">
                      {a.commentCount} / {a.photoCount}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{formatDate(a.submittedAt ?? a.createdAt, i18n.language)}</Text>
                      {a.plannedDate && (
                        <Text size="xs" c="dimmed">
                          {t('list.planned', { date: formatDate(a.plannedDate, i18n.language) })}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Group justify="center">
              <Pagination total={pages} value={data.page} onChange={(page) => filters.update({ page })} />
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
