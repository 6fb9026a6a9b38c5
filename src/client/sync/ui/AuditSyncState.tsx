import { Anchor, Badge, Button, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/useSession';
import { removeLocalPhoto } from '../../db';
import { retryAudit } from '../engine';
import { useDeviceAudits } from '../useSyncStatus';

const COLORS: Record<string, string> = {
  draft: 'gray',
  waiting: 'yellow',
  sending: 'blue',
  sent: 'teal',
  error: 'red',
};

/**
 * Sync state of one device audit: черновик / ожидает отправки / отправка n из m / отправлено /
 * ошибка, with the server's reasons per question or photo and «Повторить» / «Переснять».
 */
export function AuditSyncState({ uuid, compact = false }: { uuid: string; compact?: boolean }) {
  const { t } = useTranslation('sync');
  const { user } = useSession();
  const audits = useDeviceAudits(user?.id ?? 0);
  const a = audits?.find((x) => x.uuid === uuid);
  if (!a) return null;
  let label = t(`state.${a.syncState}`);
  if (a.syncState === 'sending' && a.progress) label = t('state.sendingPhotos', a.progress);
  if (a.syncState === 'sent' && a.status !== 'submitted') label = t('state.savedOnServer');
  if (a.syncState === 'draft' && a.hasUnsent) label = t('state.waiting');
  const badge = (
    <Badge color={COLORS[a.syncState] ?? 'gray'} variant="light" data-testid="audit-sync-state">
      {label}
    </Badge>
  );
  if (compact || a.syncState !== 'error') return badge;
  return (
    <Stack gap={4} data-testid="audit-sync-errors">
      <Group gap="xs">
        {badge}
        <Text size="sm" fw={500}>
          {t('audit.errorsTitle')}
        </Text>
      </Group>
      <List size="sm">
        {a.errors.map((e) => (
          <List.Item key={`${e.path}-${e.code}-${e.attachmentUuid ?? ''}`}>
            {e.questionId ? (
              <Anchor href={`/auditor/audits/${uuid}#q-${e.questionId}`} size="sm">
                {e.attachmentUuid ? t('audit.photoError', { message: e.message }) : e.message}
              </Anchor>
            ) : (
              e.message
            )}
            {e.attachmentUuid && (
              <Button
                size="compact-xs"
                variant="light"
                ml="xs"
                onClick={() => void removeLocalPhoto(e.attachmentUuid ?? '').then(() => retryAudit(uuid))}
              >
                {t('audit.retake')}
              </Button>
            )}
          </List.Item>
        ))}
      </List>
      <Button
        size="xs"
        variant="light"
        w="fit-content"
        onClick={() => void retryAudit(uuid)}
        data-testid="retry-sync"
      >
        {t('audit.retry')}
      </Button>
    </Stack>
  );
}
