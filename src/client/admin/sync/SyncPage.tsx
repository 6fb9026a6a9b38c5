import {
  Anchor,
  Badge,
  Card,
  Checkbox,
  Code,
  Group,
  Loader,
  Pagination,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../ui/ErrorState';
import { useSyncBatches, useSyncOverview } from './useSyncAdmin';

const COLORS: Record<string, string> = { applied: 'teal', error: 'red', pending: 'yellow' };
const when = (iso: string) =>
  new Date(iso).toLocaleString('ru-RU', { dateStyle: 'short', timeStyle: 'short' });

/** Admin «Синхронизация»: each auditor's devices and last sync, batches with errors, photos still due. */
export function SyncPage() {
  const { t } = useTranslation('sync');
  const overview = useSyncOverview();
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [userId, setUserId] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const batches = useSyncBatches({ status: onlyErrors ? 'error' : undefined, userId, page });
  const status = (s: string) => (
    <Badge color={COLORS[s] ?? 'gray'} variant="light">
      {t(`admin.statuses.${s}`)}
    </Badge>
  );

  return (
    <Stack gap="md">
      <Title order={2}>{t('admin.title')}</Title>
      {overview.isError && <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />}
      {overview.isPending && <Loader />}
      {overview.data && (
        <Card withBorder radius="md">
          <Title order={4} mb="xs">
            {t('admin.devices')}
          </Title>
          <Table.ScrollContainer minWidth={560}>
            <Table striped data-testid="sync-devices">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.auditor')}</Table.Th>
                  <Table.Th>{t('admin.device')}</Table.Th>
                  <Table.Th>{t('admin.lastSync')}</Table.Th>
                  <Table.Th>{t('admin.status')}</Table.Th>
                  <Table.Th>{t('admin.count')}</Table.Th>
                  <Table.Th>{t('admin.errors')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overview.data.devices.map((d) => (
                  <Table.Tr key={`${d.user.id}-${d.deviceId}`}>
                    <Table.Td>
                      <Anchor component="button" type="button" onClick={() => setUserId(d.user.id)}>
                        {d.user.fullName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Code>{d.deviceId}</Code>
                    </Table.Td>
                    <Table.Td>{when(d.lastSyncAt)}</Table.Td>
                    <Table.Td>{status(d.lastStatus)}</Table.Td>
                    <Table.Td>{d.batches}</Table.Td>
                    <Table.Td c={d.errors ? 'red' : undefined}>{d.errors}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {overview.data.devices.length === 0 && <Text c="dimmed">{t('admin.none')}</Text>}
        </Card>
      )}

      <Card withBorder radius="md">
        <Group justify="space-between" mb="xs">
          <Title order={4}>{t('admin.batches')}</Title>
          <Group gap="sm">
            {userId && (
              <Anchor component="button" type="button" size="sm" onClick={() => setUserId(undefined)}>
                ✕ {overview.data?.devices.find((d) => d.user.id === userId)?.user.fullName}
              </Anchor>
            )}
            <Checkbox
              label={t('admin.onlyErrors')}
              checked={onlyErrors}
              onChange={(e) => {
                setOnlyErrors(e.currentTarget.checked);
                setPage(1);
              }}
            />
          </Group>
        </Group>
        {batches.isError && <ErrorState error={batches.error} onRetry={() => void batches.refetch()} />}
        <Stack gap="xs" data-testid="sync-batches">
          {batches.data?.items.map((b) => (
            <Card key={b.batchId} withBorder p="xs" radius="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Group gap="xs">
                  {status(b.status)}
                  <Text size="sm">{b.user.fullName}</Text>
                  <Code>{b.deviceId}</Code>
                </Group>
                <Text size="xs" c="dimmed">
                  {when(b.receivedAt)} · {t('admin.batch')} <Code>{b.batchId}</Code>
                </Text>
              </Group>
              <Group gap="xs" mt={4}>
                {b.auditUuids.map((u) => (
                  <Anchor key={u} component={Link} to={`/admin/audits/${u}`} size="xs">
                    {u.slice(0, 8)}
                  </Anchor>
                ))}
                {b.missingAttachments > 0 && (
                  <Text size="xs" c="orange">
                    {t('admin.missing')}: {b.missingAttachments}
                  </Text>
                )}
              </Group>
              {b.errors.map((e) => (
                <Text key={`${e.path}-${e.code}`} size="xs" c="red">
                  {e.path}: {e.message} ({e.code})
                </Text>
              ))}
            </Card>
          ))}
          {batches.data?.items.length === 0 && <Text c="dimmed">{t('admin.none')}</Text>}
        </Stack>
        {batches.data && batches.data.total > batches.data.pageSize && (
          <Pagination
            mt="sm"
            value={page}
            onChange={setPage}
            total={Math.ceil(batches.data.total / batches.data.pageSize)}
          />
        )}
      </Card>

      {overview.data && (
        <Card withBorder radius="md">
          <Title order={4} mb="xs">
            {t('admin.pendingPhotos')} ({overview.data.pendingAttachments.length})
          </Title>
          <Stack gap={4} data-testid="sync-pending-photos">
            {overview.data.pendingAttachments.map((p) => (
              <Group key={p.uuid} gap="xs" wrap="wrap">
                <Text size="sm">{p.user.fullName}</Text>
                <Anchor component={Link} to={`/admin/audits/${p.auditUuid}`} size="sm">
                  {p.address}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {when(p.createdAt)} · {(p.size / 1024).toFixed(0)} КБ
                </Text>
              </Group>
            ))}
            {overview.data.pendingAttachments.length === 0 && <Text c="dimmed">{t('admin.none')}</Text>}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
