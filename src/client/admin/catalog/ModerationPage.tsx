import { Button, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/error-message';
import { ErrorState } from '../../ui/ErrorState';
import { CatalogTabs } from './CatalogTabs';
import { MergeModal } from './MergeModal';
import { itemLabel, type QueueItem } from './queue-item';
import { RejectModal } from './RejectModal';
import { type CatalogKind, useApprove, useModerationQueue } from './useAdminCatalog';

function QueueCard({
  item,
  onApprove,
  onReject,
  onMerge,
  isApproving,
}: {
  item: QueueItem;
  onApprove: () => void;
  onReject: () => void;
  onMerge: () => void;
  isApproving: boolean;
}) {
  const { t, i18n } = useTranslation('catalog');
  const created = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(item.record.createdAt),
  );
  return (
    <Card withBorder radius="md" padding="sm" data-testid="moderation-item" data-kind={item.kind}>
      <Stack gap={4}>
        <Text fw={600}>{itemLabel(item)}</Text>
        {item.kind === 'elevators' && item.record.buildingReviewStatus === 'pending' && (
          <Text size="xs" c="yellow.8">
            {t('moderation.inBuilding', { address: item.record.address })} — {t('reviewStatus.pending')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('moderation.by', { name: item.record.createdByName ?? '—' })} · {created}
        </Text>
        <Group gap="xs" mt={4}>
          <Button size="xs" color="teal" loading={isApproving} onClick={onApprove}>
            {t('moderation.approve')}
          </Button>
          <Button size="xs" variant="light" onClick={onMerge}>
            {t('moderation.merge')}
          </Button>
          <Button size="xs" variant="light" color="red" onClick={onReject}>
            {t('moderation.reject')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Admin moderation queue: pending buildings and lifts added by auditors. */
export function ModerationPage() {
  const { t } = useTranslation('catalog');
  const queue = useModerationQueue();
  const approve = useApprove();
  const [dialog, setDialog] = useState<{ action: 'reject' | 'merge'; item: QueueItem } | null>(null);

  const handleApprove = (kind: CatalogKind, id: number) =>
    approve.mutate(
      { kind, id },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('moderation.approved') }),
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
      },
    );

  const section = (title: string, items: QueueItem[]) => (
    <Stack gap="xs">
      <Title order={4}>{title}</Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('moderation.empty')}
        </Text>
      ) : (
        items.map((item) => (
          <QueueCard
            key={`${item.kind}-${item.record.id}`}
            item={item}
            isApproving={approve.isPending && approve.variables?.id === item.record.id}
            onApprove={() => handleApprove(item.kind, item.record.id)}
            onReject={() => setDialog({ action: 'reject', item })}
            onMerge={() => setDialog({ action: 'merge', item })}
          />
        ))
      )}
    </Stack>
  );

  const data = queue.data;
  return (
    <Stack gap="md">
      <CatalogTabs />
      <Title order={2}>{t('moderation.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('moderation.intro')}
      </Text>
      {queue.isError && !data ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : !data ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : (
        <>
          {section(
            t('moderation.buildings', { count: data.totalBuildings }),
            data.buildings.map((record) => ({ kind: 'buildings', record })),
          )}
          {section(
            t('moderation.elevators', { count: data.totalElevators }),
            data.elevators.map((record) => ({ kind: 'elevators', record })),
          )}
        </>
      )}
      {dialog?.action === 'reject' && <RejectModal item={dialog.item} onClose={() => setDialog(null)} />}
      {dialog?.action === 'merge' && <MergeModal item={dialog.item} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
