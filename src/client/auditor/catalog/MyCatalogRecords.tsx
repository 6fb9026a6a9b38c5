import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BuildingDto, ElevatorDto } from '../../../shared/catalog/catalog.schema';
import { ReviewBadge } from './ReviewBadge';
import { type CatalogFilter, useBuildings, useElevators } from './useCatalog';

interface Props {
  onEditBuilding: (building: BuildingDto) => void;
  onEditElevator: (elevator: ElevatorDto) => void;
  onOpenBuilding: (id: number) => void;
}

const MINE: CatalogFilter = { q: '', reviewStatus: null, city: null, mine: true, page: 1, pageSize: 50 };

/** What this auditor added, with the review outcome and, for a rejection, the reason. */
export function MyCatalogRecords({ onEditBuilding, onEditElevator, onOpenBuilding }: Props) {
  const { t } = useTranslation('catalog');
  const { t: tc } = useTranslation();
  const buildings = useBuildings(MINE);
  const elevators = useElevators(MINE);
  const records = [
    ...(buildings.data?.items ?? []).map((b) => ({ kind: 'building' as const, b })),
    ...(elevators.data?.items ?? []).map((e) => ({ kind: 'elevator' as const, e })),
  ];

  return (
    <Stack gap="xs" data-testid="my-catalog-records">
      <Title order={4}>{t('auditor.mine')}</Title>
      {records.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('auditor.mineEmpty')}
        </Text>
      )}
      {records.map((r) => {
        const row = r.kind === 'building' ? r.b : r.e;
        const title = r.kind === 'building' ? r.b.address : r.e.label;
        const editable = row.reviewStatus !== 'approved';
        return (
          <Card key={`${r.kind}-${row.id}`} withBorder padding="sm" radius="md" data-testid="my-record">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => onOpenBuilding(r.kind === 'building' ? r.b.id : r.e.buildingId)}
              >
                {r.kind === 'building' ? t('fields.building') : t('auditor.elevator')}: {title}
              </Anchor>
              <Group gap="xs">
                <ReviewBadge status={row.reviewStatus} />
                {editable && (
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => (r.kind === 'building' ? onEditBuilding(r.b) : onEditElevator(r.e))}
                  >
                    {tc('edit')}
                  </Anchor>
                )}
              </Group>
            </Group>
            {row.reviewStatus === 'rejected' && row.reviewNote && (
              <Text size="sm" c="red" mt={4}>
                {t('auditor.rejectedReason', { reason: row.reviewNote })}
              </Text>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}
