import { Alert, Button, Group, Loader, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildingDto, ElevatorDto } from '../../../shared/catalog/catalog.schema';
import { errorMessage } from '../../api/error-message';
import { useBuildings, useElevators } from '../../auditor/catalog/useCatalog';
import { itemLabel, type QueueItem } from './queue-item';
import { useMerge, useMergeCandidates } from './useAdminCatalog';

const recordLabel = (r: BuildingDto | ElevatorDto) => ('label' in r ? `${r.city}, ${r.label}` : r.address);

/** Pick the record to keep: likely duplicates first, or any approved record found by search. */
export function MergeModal({ item, onClose }: { item: QueueItem; onClose: () => void }) {
  const { t } = useTranslation('catalog');
  const { t: tc } = useTranslation();
  const merge = useMerge();
  const candidates = useMergeCandidates(item.kind, item.record.id);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const filter = { q: debounced, reviewStatus: null, city: null, page: 1, pageSize: 10 };
  const searching = debounced.trim().length >= 2;
  const buildings = useBuildings(filter, searching && item.kind === 'buildings');
  const elevators = useElevators(filter, searching && item.kind === 'elevators');
  const found = (item.kind === 'buildings' ? buildings.data?.items : elevators.data?.items) ?? [];
  const [targetId, setTargetId] = useState<string | null>(null);

  const options = new Map<number, BuildingDto | ElevatorDto>();
  for (const r of [...(candidates.data ?? []), ...(searching ? found : [])]) {
    if (r.id !== item.record.id && r.reviewStatus !== 'rejected') options.set(r.id, r);
  }

  const handleMerge = () => {
    if (!targetId) return;
    merge.mutate(
      { kind: item.kind, id: item.record.id, targetId: Number(targetId) },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('moderation.merged') });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('moderation.mergeTitle')} size="lg" centered>
      <Stack gap="sm">
        <Text size="sm">{t('moderation.mergeIntro', { label: itemLabel(item) })}</Text>
        {merge.error ? (
          <Alert color="red" role="alert">
            {errorMessage(merge.error)}
          </Alert>
        ) : null}
        <TextInput
          label={t('moderation.mergeSearch')}
          placeholder={t('list.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          rightSection={buildings.isFetching || elevators.isFetching ? <Loader size="xs" /> : null}
        />
        <Text size="sm" fw={500}>
          {t('moderation.mergeCandidates')}
        </Text>
        {candidates.isLoading ? (
          <Loader size="sm" />
        ) : options.size === 0 ? (
          <Text size="sm" c="dimmed">
            {t('moderation.mergeNone')}
          </Text>
        ) : (
          <Radio.Group value={targetId} onChange={setTargetId} name="merge-target">
            <Stack gap="xs">
              {[...options.values()].map((r) => (
                <Radio
                  key={r.id}
                  value={String(r.id)}
                  label={`${recordLabel(r)} · ${t(`reviewStatus.${r.reviewStatus}`)}`}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {tc('cancel')}
          </Button>
          <Button disabled={!targetId} loading={merge.isPending} onClick={handleMerge}>
            {t('moderation.mergeSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
