import { Anchor, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../ui/ErrorState';
import { ChecklistTabs } from './ChecklistTabs';
import { DiffView } from './DiffView';
import { useVersionDiff, useVersions } from './useChecklist';

/** Published versions (newest first) with export links and a comparison of any two. */
export function VersionsPage() {
  const { t, i18n } = useTranslation('checklists');
  const versions = useVersions();
  const items = versions.data?.items ?? [];
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const a = from ?? items[1]?.number ?? null;
  const b = to ?? items[0]?.number ?? null;
  const diff = useVersionDiff(a, b);

  if (versions.isPending) return <Loader />;
  if (versions.isError) return <ErrorState error={versions.error} onRetry={() => versions.refetch()} />;
  const choices = items.map((v) => ({
    value: String(v.number),
    label: `${t('versions.number')} ${v.number}`,
  }));

  return (
    <Stack gap="md">
      <ChecklistTabs />
      <Title order={2}>{t('versions.title')}</Title>
      {items.length === 0 ? (
        <Text c="dimmed">{t('versions.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="versions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('versions.number')}</Table.Th>
                <Table.Th>{t('versions.publishedAt')}</Table.Th>
                <Table.Th>{t('versions.publishedBy')}</Table.Th>
                <Table.Th>{t('versions.questions')}</Table.Th>
                <Table.Th>{t('versions.notes')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((v) => (
                <Table.Tr key={v.id} data-version={v.number}>
                  <Table.Td>{v.number}</Table.Td>
                  <Table.Td>{new Date(v.publishedAt).toLocaleString(i18n.language)}</Table.Td>
                  <Table.Td>{v.publishedByName ?? v.publishedBy}</Table.Td>
                  <Table.Td>{v.questionCount}</Table.Td>
                  <Table.Td>{v.notes}</Table.Td>
                  <Table.Td>
                    <Anchor href={`/api/checklists/versions/${v.number}/export`} download size="sm">
                      <Group gap={4} wrap="nowrap">
                        <IconDownload size={14} />
                        {t('actions.export')}
                      </Group>
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 1 && (
        <Stack gap="sm">
          <Title order={3}>{t('versions.compare')}</Title>
          <Group gap="sm">
            <Select
              label={t('versions.from')}
              data={choices}
              value={a === null ? null : String(a)}
              onChange={(v) => setFrom(v ? Number(v) : null)}
              allowDeselect={false}
              w={160}
            />
            <Select
              label={t('versions.to')}
              data={choices}
              value={b === null ? null : String(b)}
              onChange={(v) => setTo(v ? Number(v) : null)}
              allowDeselect={false}
              w={160}
            />
          </Group>
          {diff.isPending && diff.fetchStatus === 'fetching' && <Loader size="sm" />}
          {diff.isError && <ErrorState error={diff.error} />}
          {diff.data && <DiffView diff={diff.data.diff} />}
          {a === b && <Text c="dimmed">{t('diff.noChanges')}</Text>}
        </Stack>
      )}
    </Stack>
  );
}
