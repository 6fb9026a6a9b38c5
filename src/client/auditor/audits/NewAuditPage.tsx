import { Alert, Button, Card, Group, Loader, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconBuildingPlus, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/error-message';
import { useSession } from '../../auth/useSession';
import { AddressPicker } from '../catalog/AddressPicker';
import { BuildingFormModal } from '../catalog/BuildingFormModal';
import { ElevatorFormModal } from '../catalog/ElevatorFormModal';
import { useBuilding } from '../catalog/useCatalog';
import { useCreateAudit } from './useAudits';

/**
 * New audit: pick (or add) a building and a lift, optionally a planned date, then start. Admins reach
 * the same screen under /admin/audits (`basePath`).
 */
export function NewAuditPage({ basePath = '/auditor/audits' }: { basePath?: string }) {
  const { t } = useTranslation('audits');
  const { user } = useSession();
  const navigate = useNavigate();
  const [buildingId, setBuildingId] = useState<number | null>(null);
  const [elevatorId, setElevatorId] = useState<string | null>(null);
  const [plannedDate, setPlannedDate] = useState('');
  const [typed, setTyped] = useState('');
  const [dialog, setDialog] = useState<'building' | 'elevator' | null>(null);
  const detail = useBuilding(buildingId);
  const create = useCreateAudit();
  const elevators = (detail.data?.elevators ?? []).filter(
    (e) => e.status === 'active' && e.reviewStatus !== 'rejected',
  );
  const building = detail.data?.building;

  const handleStart = () => {
    if (!elevatorId) return;
    create.mutate(
      { uuid: crypto.randomUUID(), elevatorId: Number(elevatorId), plannedDate: plannedDate || null },
      { onSuccess: (audit) => navigate(`${basePath}/${audit.uuid}`, { replace: true }) },
    );
  };

  return (
    <Stack gap="md" maw={720}>
      <Title order={2}>{t('wizard.title')}</Title>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <div style={{ flex: '1 1 260px' }}>
          <AddressPicker
            label={t('wizard.pickBuilding')}
            onPick={(s) => {
              setBuildingId(s.id);
              setElevatorId(null);
            }}
            onQueryChange={setTyped}
          />
        </div>
        <Button
          variant="light"
          leftSection={<IconBuildingPlus size={18} />}
          onClick={() => setDialog('building')}
        >
          {t('wizard.addBuilding')}
        </Button>
      </Group>

      {buildingId !== null && !building && <Loader />}
      {building && (
        <Card withBorder radius="md">
          <Stack gap="sm">
            <Text fw={600}>{building.address}</Text>
            {elevators.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('wizard.noElevators')}
              </Text>
            ) : (
              <Radio.Group label={t('wizard.pickElevator')} value={elevatorId} onChange={setElevatorId}>
                <Stack gap="xs" mt="xs">
                  {elevators.map((e) => (
                    <Radio
                      key={e.id}
                      value={String(e.id)}
                      label={e.reviewStatus === 'pending' ? `${e.label} (${t('wizard.pending')})` : e.label}
                    />
                  ))}
                </Stack>
              </Radio.Group>
            )}
            <Button
              variant="subtle"
              leftSection={<IconPlus size={16} />}
              w="fit-content"
              onClick={() => setDialog('elevator')}
            >
              {t('wizard.addElevator')}
            </Button>
          </Stack>
        </Card>
      )}

      <TextInput
        type="date"
        label={t('wizard.plannedDate')}
        value={plannedDate}
        onChange={(e) => setPlannedDate(e.currentTarget.value)}
        maw={240}
      />
      {create.isError && <Alert color="red">{errorMessage(create.error)}</Alert>}
      <Button onClick={handleStart} disabled={!elevatorId} loading={create.isPending} w="fit-content">
        {t('wizard.start')}
      </Button>

      {dialog === 'building' && (
        <BuildingFormModal
          initialStreet={typed}
          isAdmin={user?.role === 'admin'}
          onSaved={(b) => {
            setDialog(null);
            setBuildingId(b.id);
            setElevatorId(null);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'elevator' && building && (
        <ElevatorFormModal
          building={building}
          isAdmin={user?.role === 'admin'}
          onSaved={(e) => {
            setDialog(null);
            setElevatorId(String(e.id));
            void detail.refetch();
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}
