import {
  Button,
  Center,
  Group,
  Loader,
  Pagination,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBuildingPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type BuildingDto,
  ELEVATOR_STATUSES,
  type ElevatorDto,
  type ElevatorStatus,
  REVIEW_STATUSES,
  type ReviewStatus,
} from '../../../shared/catalog/catalog.schema';
import { errorMessage } from '../../api/error-message';
import { BuildingFormModal } from '../../auditor/catalog/BuildingFormModal';
import { ElevatorFormModal } from '../../auditor/catalog/ElevatorFormModal';
import { type CatalogFilter, useBuildings, useCities, useElevators } from '../../auditor/catalog/useCatalog';
import { ErrorState } from '../../ui/ErrorState';
import { BuildingsTable, ElevatorsTable } from './CatalogTables';
import { CatalogTabs } from './CatalogTabs';
import { useSetElevatorStatus } from './useAdminCatalog';

const PAGE_SIZE = 25;

type Dialog =
  | { kind: 'building'; building?: BuildingDto }
  | { kind: 'elevator'; building: { id: number; address: string }; elevator?: ElevatorDto };

/** Admin catalog: search with filters and server pagination over buildings or lifts; create and edit. */
export function CatalogPage() {
  const { t } = useTranslation('catalog');
  const [kind, setKind] = useState<'buildings' | 'elevators'>('buildings');
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [reviewStatus, setReviewStatus] = useState<ReviewStatus | null>(null);
  const [status, setStatus] = useState<ElevatorStatus | null>(null);
  const [city, setCity] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const cities = useCities();
  const setElevatorStatus = useSetElevatorStatus();

  const filter: CatalogFilter = { q: debouncedQ, reviewStatus, city, page, pageSize: PAGE_SIZE };
  const buildings = useBuildings(filter, kind === 'buildings');
  const elevators = useElevators({ ...filter, status }, kind === 'elevators');
  const list = kind === 'buildings' ? buildings : elevators;
  const data = list.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const resetPage =
    <T,>(fn: (v: T) => void) =>
    (v: T) => {
      fn(v);
      setPage(1);
    };

  const handleToggleStatus = (elevator: ElevatorDto) =>
    setElevatorStatus.mutate(
      { id: elevator.id, active: elevator.status === 'decommissioned' },
      {
        onSuccess: (r) =>
          notifications.show({
            color: 'teal',
            message: r.elevator.status === 'active' ? t('list.recommissioned') : t('list.decommissioned'),
          }),
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
      },
    );

  return (
    <Stack gap="md">
      <CatalogTabs />
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={2}>{t('list.title')}</Title>
        <Button leftSection={<IconBuildingPlus size={18} />} onClick={() => setDialog({ kind: 'building' })}>
          {t('list.addBuilding')}
        </Button>
      </Group>
      <SegmentedControl
        value={kind}
        onChange={(v) => {
          setKind(v === 'elevators' ? 'elevators' : 'buildings');
          setPage(1);
        }}
        data={[
          { value: 'buildings', label: t('list.buildings') },
          { value: 'elevators', label: t('list.elevators') },
        ]}
        w="fit-content"
      />
      <Group gap="sm" wrap="wrap" align="flex-end">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('list.searchPlaceholder')}
          aria-label={t('list.searchPlaceholder')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: '1 1 240px' }}
          name="catalog-search"
        />
        <Select
          placeholder={t('list.anyReview')}
          aria-label={t('fields.reviewStatus')}
          clearable
          value={reviewStatus}
          onChange={resetPage((v: string | null) =>
            setReviewStatus(REVIEW_STATUSES.find((s) => s === v) ?? null),
          )}
          data={REVIEW_STATUSES.map((s) => ({ value: s, label: t(`reviewStatus.${s}`) }))}
          w={180}
        />
        {kind === 'elevators' && (
          <Select
            placeholder={t('list.anyStatus')}
            aria-label={t('fields.status')}
            clearable
            value={status}
            onChange={resetPage((v: string | null) =>
              setStatus(ELEVATOR_STATUSES.find((s) => s === v) ?? null),
            )}
            data={ELEVATOR_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            w={220}
          />
        )}
        <Select
          placeholder={t('list.anyCity')}
          aria-label={t('fields.city')}
          clearable
          searchable
          value={city}
          onChange={resetPage(setCity)}
          data={cities.data ?? []}
          w={200}
        />
      </Group>

      {list.isError && !data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !data ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : data.items.length === 0 ? (
        <Text c="dimmed" ta="center" py="xl">
          {t('list.empty')}
        </Text>
      ) : (
        <Stack gap="sm" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          {kind === 'buildings' ? (
            <BuildingsTable
              buildings={buildings.data?.items ?? []}
              onEdit={(b) => setDialog({ kind: 'building', building: b })}
              onAddElevator={(b) => setDialog({ kind: 'elevator', building: b })}
            />
          ) : (
            <ElevatorsTable
              elevators={elevators.data?.items ?? []}
              onEdit={(e) =>
                setDialog({
                  kind: 'elevator',
                  building: { id: e.buildingId, address: e.address },
                  elevator: e,
                })
              }
              onToggleStatus={handleToggleStatus}
            />
          )}
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text size="sm" c="dimmed">
              {t('list.total', { count: data.total })}
            </Text>
            {totalPages > 1 && <Pagination total={totalPages} value={page} onChange={setPage} size="sm" />}
          </Group>
        </Stack>
      )}

      {dialog?.kind === 'building' && (
        <BuildingFormModal
          building={dialog.building}
          isAdmin
          onSaved={() => setDialog(null)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'elevator' && (
        <ElevatorFormModal
          building={dialog.building}
          elevator={dialog.elevator}
          isAdmin
          onSaved={() => setDialog(null)}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}
