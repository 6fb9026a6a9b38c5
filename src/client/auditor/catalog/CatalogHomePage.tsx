import { Alert, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingPlus, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildingDto, ElevatorDto } from '../../../shared/catalog/catalog.schema';
import { useSession } from '../../auth/useSession';
import { ErrorState } from '../../ui/ErrorState';
import { AddressPicker } from './AddressPicker';
import { BuildingFormModal } from './BuildingFormModal';
import { ElevatorFormModal } from './ElevatorFormModal';
import { MyCatalogRecords } from './MyCatalogRecords';
import { ElevatorStatusBadge, ReviewBadge } from './ReviewBadge';
import { useBuilding } from './useCatalog';

type Dialog =
  | { kind: 'building'; building?: BuildingDto }
  | { kind: 'elevator'; building: { id: number; address: string }; elevator?: ElevatorDto };

function ElevatorLine({ elevator }: { elevator: ElevatorDto }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" data-testid="elevator-line">
      <Text size="sm">{elevator.label}</Text>
      <Group gap={4} wrap="nowrap">
        <ElevatorStatusBadge status={elevator.status} />
        {elevator.reviewStatus !== 'approved' && <ReviewBadge status={elevator.reviewStatus} />}
      </Group>
    </Group>
  );
}

/** Auditor: find a building by address, see its lifts, add a missing building or lift (pending). */
export function CatalogHomePage() {
  const { t } = useTranslation('catalog');
  const { user } = useSession();
  const isAdmin = user?.role === 'admin';
  const [buildingId, setBuildingId] = useState<number | null>(null);
  const [typed, setTyped] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const detail = useBuilding(buildingId);

  const handleBuildingSaved = (building: BuildingDto) => {
    const isNew = dialog?.kind === 'building' && !dialog.building;
    setDialog(null);
    setBuildingId(building.id);
    if (isNew) notifications.show({ color: 'teal', message: t('auditor.buildingAdded') });
  };

  const handleElevatorSaved = () => {
    const isNew = dialog?.kind === 'elevator' && !dialog.elevator;
    setDialog(null);
    if (isNew) notifications.show({ color: 'teal', message: t('auditor.elevatorAdded') });
  };

  const building = detail.data?.building;
  const buildingElevators = detail.data?.elevators ?? [];

  return (
    <Stack gap="md">
      <Title order={2}>{t('auditor.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('auditor.intro')}
      </Text>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <div style={{ flex: '1 1 260px' }}>
          <AddressPicker onPick={(s) => setBuildingId(s.id)} onQueryChange={setTyped} />
        </div>
        <Button
          variant="light"
          leftSection={<IconBuildingPlus size={18} />}
          onClick={() => setDialog({ kind: 'building' })}
        >
          {t('list.addBuilding')}
        </Button>
      </Group>

      {buildingId !== null &&
        (detail.isError ? (
          <ErrorState error={detail.error} />
        ) : !building ? (
          <Loader />
        ) : (
          <Card withBorder radius="md" data-testid="building-card">
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap">
                <Text fw={600}>{building.address}</Text>
                <ReviewBadge status={building.reviewStatus} />
              </Group>
              {building.reviewStatus === 'rejected' && building.reviewNote && (
                <Alert color="red">{t('auditor.rejectedReason', { reason: building.reviewNote })}</Alert>
              )}
              <Text size="sm" fw={500}>
                {t('auditor.elevatorsOf')}
              </Text>
              {buildingElevators.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('auditor.noElevators')}
                </Text>
              ) : (
                buildingElevators.map((e) => <ElevatorLine key={e.id} elevator={e} />)
              )}
              {building.reviewStatus !== 'rejected' && (
                <Button
                  variant="subtle"
                  leftSection={<IconPlus size={16} />}
                  w="fit-content"
                  onClick={() => setDialog({ kind: 'elevator', building })}
                >
                  {t('list.addElevator')}
                </Button>
              )}
            </Stack>
          </Card>
        ))}

      <MyCatalogRecords
        onEditBuilding={(b) => setDialog({ kind: 'building', building: b })}
        onEditElevator={(e) =>
          setDialog({ kind: 'elevator', building: { id: e.buildingId, address: e.address }, elevator: e })
        }
        onOpenBuilding={setBuildingId}
      />

      {dialog?.kind === 'building' && (
        <BuildingFormModal
          building={dialog.building}
          initialStreet={dialog.building ? undefined : typed}
          isAdmin={isAdmin}
          onSaved={handleBuildingSaved}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'elevator' && (
        <ElevatorFormModal
          building={dialog.building}
          elevator={dialog.elevator}
          isAdmin={isAdmin}
          onSaved={handleElevatorSaved}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}
