import { ActionIcon, Menu } from '@mantine/core';
import { IconDots, IconKey, IconPencil, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../../../shared/accounts/accounts.schema';

export type UserAction = 'edit' | 'deactivate' | 'activate' | 'resetPassword';

export function UserActionsMenu({
  user,
  onAction,
}: {
  user: UserDto;
  onAction: (action: UserAction) => void;
}) {
  const { t } = useTranslation('accounts');
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          size="lg"
          aria-label={t('users.actions.more', { username: user.username })}
        >
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onAction('edit')}>
          {t('users.actions.edit')}
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => onAction('resetPassword')}>
          {t('users.actions.resetPassword')}
        </Menu.Item>
        {user.isActive ? (
          <Menu.Item
            color="red"
            leftSection={<IconUserOff size={16} />}
            onClick={() => onAction('deactivate')}
          >
            {t('users.actions.deactivate')}
          </Menu.Item>
        ) : (
          <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => onAction('activate')}>
            {t('users.actions.activate')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
