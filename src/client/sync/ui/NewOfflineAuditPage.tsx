import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconBuildingPlus, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { prefillObjectInfo } from '../../../shared/audits/object-info';
import {
  buildCatalogIndex,
  type CatalogEntry,
  searchBuildings,
  searchElevators,
} from '../../../shared/sync/catalog-search';
import { useSession } from '../../auth/useSession';
import {
  addCatalogAddition,
  createLocalAudit,
  getChecklistVersion,
  getSnapshot,
  listCatalogAdditions,
  putChecklistVersion,
  useLiveQuery,
} from '../../db';
import { currentEngine } from '../engine';

type Form = 'none' | 'building' | 'elevator';

/**
 * New audit, online or not: the lift is found in the catalog cached on the device (instant search,
 * 10,000 lifts), or added as a new building and/or lift that goes to the server with the audit as
 * a catalog addition (pending review). The audit is created on the device only.
 */
export function NewOfflineAuditPage() {
  const { t } = useTranslation('sync');
  const { user } = useSession();
  const userId = user?.id ?? 0;
  const navigate = useNavigate();
  const data = useLiveQuery(
    async () => ({ snapshot: await getSnapshot(), additions: await listCatalogAdditions(userId) }),
    [userId],
  );
  const index = useMemo(() => buildCatalogIndex(data?.snapshot?.catalog, data?.additions ?? []), [data]);
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<CatalogEntry | null>(null);
  const [form, setForm] = useState<Form>('none');
  const [buildingUuid, setBuildingUuid] = useState<string | null>(null);
  const [address, setAddress] = useState({ city: '', street: '', house: '' });
  const [lift, setLift] = useState<{ entrance: string; capacityKg: number | string; identifier: string }>({
    entrance: '',
    capacityKg: '',
    identifier: '',
  });
  const [plannedDate, setPlannedDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const results = useMemo(() => searchElevators(index, query), [index, query]);
  const buildings = useMemo(
    () => (form === 'elevator' && !buildingUuid ? searchBuildings(index, query) : []),
    [index, query, form, buildingUuid],
  );
  const checklist = data?.snapshot?.checklist ?? null;
  const targetBuilding = index.buildings.find((b) => b.uuid === (buildingUuid ?? picked?.buildingUuid));

  const handleAddBuilding = async () => {
    if (!address.city.trim() || !address.street.trim() || !address.house.trim())
      return setProblem(t('newAudit.needAddress'));
    const uuid = crypto.randomUUID();
    await addCatalogAddition({
      uuid,
      userId,
      kind: 'building',
      data: { uuid, ...address, notes: null },
      createdAt: new Date().toISOString(),
    });
    setBuildingUuid(uuid);
    setProblem(null);
    setForm('elevator');
  };

  const handleAddElevator = async () => {
    const building = buildingUuid ?? picked?.buildingUuid;
    if (!building) return;
    if (!lift.entrance.trim() && !lift.identifier.trim()) return setProblem(t('newAudit.needEntrance'));
    const uuid = crypto.randomUUID();
    const capacity = typeof lift.capacityKg === 'number' ? lift.capacityKg : null;
    await addCatalogAddition({
      uuid,
      userId,
      kind: 'elevator',
      data: {
        uuid,
        buildingRef: building,
        entrance: lift.entrance.trim() || null,
        capacityKg: capacity,
        identifier: lift.identifier.trim() || null,
      },
      createdAt: new Date().toISOString(),
    });
    setProblem(null);
    setForm('none');
    setPicked({
      elevatorUuid: uuid,
      buildingUuid: building,
      city: targetBuilding?.city ?? '',
      street: targetBuilding?.street ?? '',
      house: targetBuilding?.house ?? '',
      address: targetBuilding?.address ?? '',
      entrance: lift.entrance.trim() || null,
      capacityKg: capacity,
      stops: null,
      identifier: lift.identifier.trim() || null,
      reviewStatus: 'pending',
      isLocal: true,
      search: '',
    });
  };

  const handleStart = async () => {
    if (!picked || !checklist) return;
    await putChecklistVersion(checklist);
    const version = await getChecklistVersion(checklist.id);
    const now = new Date().toISOString();
    const uuid = crypto.randomUUID();
    const objectInfo = prefillObjectInfo(version?.snapshot.objectInfoFields ?? [], {
      'elevator.identifier': picked.identifier,
      'elevator.capacityKg': picked.capacityKg,
      'elevator.stops': picked.stops,
      'elevator.entrance': picked.entrance,
      'building.city': picked.city,
      'building.street': picked.street,
      'building.house': picked.house,
      'building.address': picked.address,
    });
    await createLocalAudit({
      uuid,
      userId,
      elevatorUuid: picked.elevatorUuid,
      checklistVersionId: checklist.id,
      objectInfo,
      plannedDate: plannedDate || null,
      status: 'draft',
      startedAt: null,
      finishedAt: null,
      createdAt: now,
      updatedAt: now,
      display: {
        city: picked.city,
        street: picked.street,
        house: picked.house,
        entrance: picked.entrance,
        capacityKg: picked.capacityKg,
        identifier: picked.identifier,
        elevatorReviewStatus: picked.reviewStatus,
      },
      revision: 1,
      syncedRevision: 0,
      syncState: 'waiting',
      progress: null,
      errors: [],
      lastBatchId: null,
      lastSyncAt: null,
      serverStatus: null,
    });
    currentEngine()?.nudge();
    navigate(`/auditor/audits/${uuid}`, { replace: true });
  };

  return (
    <Stack gap="md" maw={720}>
      <Title order={2}>{t('newAudit.title')}</Title>
      {data && !checklist && <Alert color="orange">{t('newAudit.noChecklist')}</Alert>}
      <TextInput
        leftSection={<IconSearch size={16} />}
        label={t('newAudit.search')}
        description={t('newAudit.searchHint')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        data-testid="offline-search"
      />
      {query.trim() && results.length === 0 && form === 'none' && (
        <Text size="sm" c="dimmed">
          {t('newAudit.nothing')}
        </Text>
      )}
      <Stack gap={4}>
        {results.map((e) => (
          <UnstyledButton key={e.elevatorUuid} onClick={() => setPicked(e)} data-testid="elevator-result">
            <Card
              withBorder
              p="xs"
              radius="sm"
              bg={picked?.elevatorUuid === e.elevatorUuid ? 'blue.0' : undefined}
            >
              <Text size="sm">
                {e.address}
                {e.entrance ? `, подъезд ${e.entrance}` : ''}
                {e.capacityKg ? `, ${e.capacityKg} кг` : ''}
                {e.identifier ? `, № ${e.identifier}` : ''}
                {e.reviewStatus === 'pending' && (
                  <Badge ml="xs" size="xs" variant="light">
                    {t('newAudit.pending')}
                  </Badge>
                )}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
      </Stack>
      <Group gap="xs">
        <Button
          variant="light"
          leftSection={<IconBuildingPlus size={16} />}
          onClick={() => {
            setForm('building');
            setBuildingUuid(null);
          }}
        >
          {t('newAudit.addBuilding')}
        </Button>
        {(picked || buildingUuid) && (
          <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => setForm('elevator')}>
            {t('newAudit.addElevator')}
          </Button>
        )}
      </Group>

      {form === 'building' && (
        <Card withBorder radius="md">
          <Stack gap="xs">
            <TextInput
              label={t('newAudit.city')}
              value={address.city}
              onChange={(e) => setAddress({ ...address, city: e.currentTarget.value })}
            />
            <TextInput
              label={t('newAudit.street')}
              value={address.street}
              onChange={(e) => setAddress({ ...address, street: e.currentTarget.value })}
            />
            <TextInput
              label={t('newAudit.house')}
              value={address.house}
              onChange={(e) => setAddress({ ...address, house: e.currentTarget.value })}
            />
            <Group gap="xs">
              <Button onClick={() => void handleAddBuilding()} data-testid="save-building">
                {t('newAudit.save')}
              </Button>
              <Button variant="default" onClick={() => setForm('none')}>
                {t('newAudit.cancel')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {form === 'elevator' && (
        <Card withBorder radius="md">
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('newAudit.pickBuilding')}: {targetBuilding?.address ?? '—'}
            </Text>
            {buildings.map((b) => (
              <Button key={b.uuid} variant="subtle" size="xs" onClick={() => setBuildingUuid(b.uuid)}>
                {b.address}
              </Button>
            ))}
            <TextInput
              label={t('newAudit.entrance')}
              value={lift.entrance}
              onChange={(e) => setLift({ ...lift, entrance: e.currentTarget.value })}
            />
            <NumberInput
              label={t('newAudit.capacity')}
              value={lift.capacityKg}
              onChange={(v) => setLift({ ...lift, capacityKg: v })}
              min={50}
              max={20000}
            />
            <TextInput
              label={t('newAudit.identifier')}
              value={lift.identifier}
              onChange={(e) => setLift({ ...lift, identifier: e.currentTarget.value })}
            />
            <Group gap="xs">
              <Button
                onClick={() => void handleAddElevator()}
                disabled={!targetBuilding}
                data-testid="save-elevator"
              >
                {t('newAudit.save')}
              </Button>
              <Button variant="default" onClick={() => setForm('none')}>
                {t('newAudit.cancel')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {problem && <Alert color="red">{problem}</Alert>}
      {picked && (
        <Text size="sm" data-testid="picked-elevator">
          {t('newAudit.selected')}: {picked.address}
          {picked.entrance ? `, подъезд ${picked.entrance}` : ''}
        </Text>
      )}
      <TextInput
        type="date"
        label={t('newAudit.plannedDate')}
        value={plannedDate}
        onChange={(e) => setPlannedDate(e.currentTarget.value)}
        maw={240}
      />
      <Button
        onClick={() => void handleStart()}
        disabled={!picked || !checklist}
        w="fit-content"
        data-testid="start-audit"
      >
        {t('newAudit.start')}
      </Button>
    </Stack>
  );
}
