import { Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../../../shared/accounts/accounts.schema';
import { type UserAction, UserActionsMenu } from './UserActionsMenu';
import { RoleBadge, UserStatusBadges } from './UserBadges';

interface Props {
  users: UserDto[];
  onAction: (user: UserDto, action: UserAction) => void;
}

function useFormatDate() {
  const { t, i18n } = useTranslation('accounts');
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (iso: string | null) => (iso ? format.format(new Date(iso)) : t('users.neverLoggedIn'));
}

function Contacts({ user }: { user: UserDto }) {
  return (
    <Stack gap={0}>
      {user.email && <Text size="sm">{user.email}</Text>}
      {user.phone && (
        <Text size="sm" c="dimmed">
          {user.phone}
        </Text>
      )}
    </Stack>
  );
}

/** Users as a table on desktop and as cards on phones. */
export function UsersList({ users, onAction }: Props) {
  const { t } = useTranslation('accounts');
  const formatDate = useFormatDate();
  return (
    <>
      <Table.ScrollContainer minWidth={760} visibleFrom="sm">
        <Table striped highlightOnHover verticalSpacing="sm" data-testid="users-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.columns.username')}</Table.Th>
              <Table.Th>{t('users.columns.fullName')}</Table.Th>
              <Table.Th>{t('users.columns.role')}</Table.Th>
              <Table.Th>{t('users.columns.contacts')}</Table.Th>
              <Table.Th>{t('users.columns.status')}</Table.Th>
              <Table.Th>{t('users.columns.lastLogin')}</Table.Th>
              <Table.Th aria-label={t('users.columns.actions')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => (
              <Table.Tr key={user.id} data-username={user.username}>
                <Table.Td fw={600}>{user.username}</Table.Td>
                <Table.Td>{user.fullName}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <RoleBadge user={user} />
                </Table.Td>
                <Table.Td>
                  <Contacts user={user} />
                </Table.Td>
                <Table.Td>
                  <UserStatusBadges user={user} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDate(user.lastLoginAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <UserActionsMenu user={user} onAction={(action) => onAction(user, action)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Stack gap="sm" hiddenFrom="sm" data-testid="users-cards">
        {users.map((user) => (
          <Card key={user.id} withBorder padding="sm" data-username={user.username}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} miw={0}>
                <Text fw={600} truncate>
                  {user.fullName}
                </Text>
                <Text size="sm" c="dimmed" truncate>
                  {user.username}
                </Text>
              </Stack>
              <UserActionsMenu user={user} onAction={(action) => onAction(user, action)} />
            </Group>
            <Group gap={4} mt="xs">
              <RoleBadge user={user} />
              <UserStatusBadges user={user} />
            </Group>
            <Stack gap={0} mt="xs">
              <Contacts user={user} />
              <Text size="xs" c="dimmed" mt={4}>
                {t('users.columns.lastLogin')}: {formatDate(user.lastLoginAt)}
              </Text>
            </Stack>
          </Card>
        ))}
      </Stack>
    </>
  );
}
