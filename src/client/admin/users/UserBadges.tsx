import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../../../shared/accounts/accounts.schema';

export function UserStatusBadges({ user }: { user: UserDto }) {
  const { t } = useTranslation('accounts');
  return (
    <Group gap={4}>
      <Badge color={user.isActive ? 'teal' : 'gray'} variant="light" miw="max-content">
        {user.isActive ? t('users.active') : t('users.inactive')}
      </Badge>
      {user.mustChangePassword && user.isActive && (
        <Badge color="yellow" variant="light">
          {t('users.mustChangePassword')}
        </Badge>
      )}
    </Group>
  );
}

export function RoleBadge({ user }: { user: UserDto }) {
  const { t } = useTranslation();
  return (
    <Badge color={user.role === 'admin' ? 'grape' : 'blue'} variant="outline" tt="none" miw="max-content">
      {t(`roles.${user.role}`)}
    </Badge>
  );
}
