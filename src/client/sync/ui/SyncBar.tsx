import { Alert, Badge, Button, Collapse, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCloudOff, IconCloudUpload, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { currentEngine } from '../engine';
import { useDeviceAudits, useEngineStatus, useSnapshotInfo } from '../useSyncStatus';
import { AuditSyncState } from './AuditSyncState';
import { supportText } from './support';

export function formatAge(iso: string | null, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (!iso) return '—';
  const minutes = Math.floor((Date.now() - Date.parse(iso)) / 60_000);
  if (minutes < 1) return t('age.now');
  if (minutes < 60) return t('age.minutes', { count: minutes });
  if (minutes < 48 * 60) return t('age.hours', { count: Math.floor(minutes / 60) });
  return t('age.days', { count: Math.floor(minutes / 1440) });
}

/** The auditor's sync status: network, what is not sent yet, «Отправить данные», catalog freshness. */
export function SyncBar({ userId }: { userId: number }) {
  const { t } = useTranslation('sync');
  const status = useEngineStatus();
  const audits = useDeviceAudits(userId) ?? [];
  const snapshot = useSnapshotInfo();
  const [opened, { toggle }] = useDisclosure(false);
  const unsent = audits.filter((a) => a.hasUnsent);
  const failed = audits.filter((a) => a.syncState === 'error');
  const online = status.online && navigator.onLine;

  return (
    <Paper withBorder radius="md" p="xs" mb="md" data-testid="sync-bar">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="wrap">
            <Badge
              color={online ? 'teal' : 'gray'}
              leftSection={online ? null : <IconCloudOff size={12} />}
              data-testid="network-state"
            >
              {online ? t('bar.online') : t('bar.offline')}
            </Badge>
            <Text size="sm" data-testid="unsent-count" c={failed.length ? 'red' : undefined}>
              {unsent.length ? t('bar.pending', { count: unsent.length }) : t('bar.allSent')}
            </Text>
          </Group>
          <Group gap="xs">
            <Button
              size="xs"
              leftSection={<IconCloudUpload size={14} />}
              loading={status.running}
              onClick={() => void currentEngine()?.run()}
              data-testid="sync-now"
            >
              {t('bar.sendNow')}
            </Button>
            <Button size="xs" variant="subtle" onClick={toggle}>
              {t('bar.details')}
            </Button>
          </Group>
        </Group>
        <Text size="xs" c="dimmed" data-testid="snapshot-age">
          {snapshot?.fetchedAt
            ? t('bar.snapshot', { age: formatAge(snapshot.checkedAt ?? snapshot.fetchedAt, t) })
            : t('bar.snapshotNever')}
          {status.nextRetryAt && unsent.length > 0
            ? ` · ${t('bar.nextTry', { time: new Date(status.nextRetryAt).toLocaleTimeString() })}`
            : ''}
        </Text>
        <Group gap={4}>
          <IconShieldCheck size={14} />
          <Text size="xs" c={snapshot?.persisted ? 'teal' : 'orange'} data-testid="persist-state">
            {snapshot?.persisted ? t('bar.persisted') : t('bar.notPersisted')}
          </Text>
        </Group>
        <Collapse expanded={opened || failed.length > 0}>
          <Stack gap="xs" mt={4}>
            {audits.map((a) => (
              <Group key={a.uuid} justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" truncate>
                  {a.label}
                </Text>
                <AuditSyncState uuid={a.uuid} compact />
              </Group>
            ))}
            {failed.length > 0 && (
              <Alert color="red" p="xs">
                <Stack gap={4}>
                  {failed.map((a) => (
                    <AuditSyncState key={a.uuid} uuid={a.uuid} />
                  ))}
                </Stack>
              </Alert>
            )}
            <CopyButton value={supportText(audits, status)}>
              {({ copied, copy }) => (
                <Button size="xs" variant="default" onClick={copy} w="fit-content" data-testid="copy-support">
                  {copied ? t('bar.copied') : t('bar.copy')}
                </Button>
              )}
            </CopyButton>
          </Stack>
        </Collapse>
      </Stack>
    </Paper>
  );
}
