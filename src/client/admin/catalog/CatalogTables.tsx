import { ActionIcon, Group, Menu, Table, Text } from '@mantine/core';
import { IconDots, IconPencil, IconPlus, IconPower } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BuildingDto, ElevatorDto } from '../../../shared/catalog/catalog.schema';
import { ElevatorStatusBadge, ReviewBadge } from '../../auditor/catalog/ReviewBadge';

export function BuildingsTable({
  buildings,
  onEdit,
  onAddElevator,
}: {
  buildings: BuildingDto[];
  onEdit: (b: BuildingDto) => void;
  onAddElevator: (b: BuildingDto) => void;
}) {
  const { t } = useTranslation('catalog');
  const { t: tc } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="buildings-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.address')}</Table.Th>
            <Table.Th>{t('fields.elevators')}</Table.Th>
            <Table.Th>{t('fields.reviewStatus')}</Table.Th>
            <Table.Th>{t('fields.author')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {buildings.map((b) => (
            <Table.Tr key={b.id} data-building-id={b.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {b.address}
                </Text>
                {b.notes && (
                  <Text size="xs" c="dimmed">
                    {b.notes}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{b.elevatorCount}</Table.Td>
              <Table.Td>
                <ReviewBadge status={b.reviewStatus} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{b.createdByName ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <ActionIcon variant="subtle" aria-label={tc('edit')} onClick={() => onEdit(b)}>
                    <IconPencil size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('list.addElevator')}
                    onClick={() => onAddElevator(b)}
                  >
                    <IconPlus size={16} />
                  </ActionIcon>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ElevatorsTable({
  elevators,
  onEdit,
  onToggleStatus,
}: {
  elevators: ElevatorDto[];
  onEdit: (e: ElevatorDto) => void;
  onToggleStatus: (e: ElevatorDto) => void;
}) {
  const { t } = useTranslation('catalog');
  const { t: tc } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="elevators-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.address')}</Table.Th>
            <Table.Th>{t('fields.entrance')}</Table.Th>
            <Table.Th>{t('fields.capacityKg')}</Table.Th>
            <Table.Th>{t('fields.stops')}</Table.Th>
            <Table.Th>{t('fields.identifier')}</Table.Th>
            <Table.Th>{t('fields.reviewStatus')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {elevators.map((e) => (
            <Table.Tr key={e.id} data-elevator-id={e.id}>
              <Table.Td>
                <Text size="sm">{e.address}</Text>
              </Table.Td>
              <Table.Td>{e.entrance ?? '—'}</Table.Td>
              <Table.Td>{e.capacityKg ?? '—'}</Table.Td>
              <Table.Td>{e.stops ?? '—'}</Table.Td>
              <Table.Td>{e.identifier ?? '—'}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <ReviewBadge status={e.reviewStatus} />
                  <ElevatorStatusBadge status={e.status} />
                </Group>
              </Table.Td>
              <Table.Td>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" aria-label={tc('menu')}>
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => onEdit(e)}>
                      {tc('edit')}
                    </Menu.Item>
                    <Menu.Item leftSection={<IconPower size={14} />} onClick={() => onToggleStatus(e)}>
                      {e.status === 'active' ? t('list.decommission') : t('list.recommission')}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
