import { Group, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportLog } from './useAdminCatalog';

/** Who imported which file when, with the counts. */
export function ImportLog() {
  const { t, i18n } = useTranslation('catalog');
  const [page, setPage] = useState(1);
  const log = useImportLog(page);
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const data = log.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <Stack gap="xs">
      <Title order={4}>{t('import.log')}</Title>
      {data && data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('import.logEmpty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped verticalSpacing="xs" data-testid="import-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.logColumns.when')}</Table.Th>
                <Table.Th>{t('import.logColumns.who')}</Table.Th>
                <Table.Th>{t('import.logColumns.file')}</Table.Th>
                <Table.Th>{t('import.logColumns.created')}</Table.Th>
                <Table.Th>{t('import.logColumns.updated')}</Table.Th>
                <Table.Th>{t('import.logColumns.skipped')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.items ?? []).map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{format.format(new Date(i.createdAt))}</Table.Td>
                  <Table.Td>{i.userName ?? '—'}</Table.Td>
                  <Table.Td>{i.fileName}</Table.Td>
                  <Table.Td>{i.createdCount}</Table.Td>
                  <Table.Td>{i.updatedCount}</Table.Td>
                  <Table.Td>{i.skippedCount}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {totalPages > 1 && (
        <Group justify="flex-end">
          <Pagination total={totalPages} value={page} onChange={setPage} size="sm" />
        </Group>
      )}
    </Stack>
  );
}
