import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconEye, IconEyeOff, IconPencil } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  name: string;
  isActive: boolean;
  canUp: boolean;
  canDown: boolean;
  onEdit: () => void;
  onMove: (direction: -1 | 1) => void;
  onToggle: () => void;
  children?: ReactNode;
}

/** The row buttons of a draft item: edit, up, down, (extra), deactivate/activate. */
export function EntityActions({ name, isActive, canUp, canDown, onEdit, onMove, onToggle, children }: Props) {
  const { t } = useTranslation('checklists');
  const icon = (label: string, node: ReactNode, onClick: () => void, disabled = false) => (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="subtle" aria-label={`${label}: ${name}`} onClick={onClick} disabled={disabled}>
        {node}
      </ActionIcon>
    </Tooltip>
  );
  return (
    <Group gap={2} wrap="nowrap">
      {icon(t('actions.edit'), <IconPencil size={16} />, onEdit)}
      {icon(t('actions.up'), <IconArrowUp size={16} />, () => onMove(-1), !canUp)}
      {icon(t('actions.down'), <IconArrowDown size={16} />, () => onMove(1), !canDown)}
      {children}
      {isActive
        ? icon(t('actions.deactivate'), <IconEyeOff size={16} />, onToggle)
        : icon(t('actions.activate'), <IconEye size={16} />, onToggle)}
    </Group>
  );
}
