import { Button, Center, Group, Loader, Pagination, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemporaryPassword, UserDto } from '../../../shared/accounts/accounts.schema';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorState } from '../../ui/ErrorState';
import { TemporaryPasswordModal } from './TemporaryPasswordModal';
import type { UserAction } from './UserActionsMenu';
import { UserFormModal, type UserFormValues } from './UserFormModal';
import { UsersFilters } from './UsersFilters';
import { UsersList } from './UsersList';
import { useCreateUser, useResetPassword, useSetUserActive, useUpdateUser, useUsersList } from './useUsers';
import { useUsersFilter } from './useUsersFilter';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit' | 'deactivate' | 'activate' | 'resetPassword'; user: UserDto }
  | { kind: 'temporaryPassword'; reason: 'created' | 'reset'; result: TemporaryPassword };

export function UsersPage() {
  const { t } = useTranslation('accounts');
  const { filter, update } = useUsersFilter();
  const list = useUsersList(filter);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const setActive = useSetUserActive();
  const resetPassword = useResetPassword();

  const closeDialog = () => {
    setDialog(null);
    for (const mutation of [createUser, updateUser, setActive, resetPassword]) mutation.reset();
  };

  const handleCreate = (values: UserFormValues) =>
    createUser.mutate(
      {
        username: values.username,
        role: values.role,
        fullName: values.fullName,
        email: values.email,
        phone: values.phone,
        employeeId: values.employeeId,
        ...(values.temporaryPassword ? { temporaryPassword: values.temporaryPassword } : {}),
      },
      { onSuccess: (result) => setDialog({ kind: 'temporaryPassword', reason: 'created', result }) },
    );

  const handleEdit = (user: UserDto, values: UserFormValues) =>
    updateUser.mutate(
      {
        id: user.id,
        changes: {
          role: values.role,
          fullName: values.fullName,
          email: values.email,
          phone: values.phone,
          employeeId: values.employeeId,
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('users.updated') });
          closeDialog();
        },
      },
    );

  const handleSetActive = (user: UserDto, isActive: boolean) =>
    setActive.mutate(
      { id: user.id, isActive },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: isActive ? t('users.activated') : t('users.deactivated'),
          });
          closeDialog();
        },
      },
    );

  const handleReset = (user: UserDto) =>
    resetPassword.mutate(user.id, {
      onSuccess: (result) => setDialog({ kind: 'temporaryPassword', reason: 'reset', result }),
    });

  const handleAction = (user: UserDto, action: UserAction) => setDialog({ kind: action, user });

  const data = list.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={2}>{t('users.title')}</Title>
        <Button leftSection={<IconUserPlus size={18} />} onClick={() => setDialog({ kind: 'create' })}>
          {t('users.create')}
        </Button>
      </Group>
      <UsersFilters filter={filter} onChange={update} />

      {list.isError && !data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : !data ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : data.items.length === 0 ? (
        <Text c="dimmed" ta="center" py="xl">
          {t('users.empty')}
        </Text>
      ) : (
        <Stack gap="sm" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          <UsersList users={data.items} onAction={handleAction} />
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text size="sm" c="dimmed">
              {t('users.total', { count: data.total })}
            </Text>
            {totalPages > 1 && (
              <Pagination
                total={totalPages}
                value={filter.page}
                onChange={(page) => update({ page })}
                size="sm"
              />
            )}
          </Group>
        </Stack>
      )}

      {dialog?.kind === 'create' && (
        <UserFormModal
          opened
          isPending={createUser.isPending}
          error={createUser.error}
          onSubmit={handleCreate}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'edit' && (
        <UserFormModal
          opened
          user={dialog.user}
          isPending={updateUser.isPending}
          error={updateUser.error}
          onSubmit={(values) => handleEdit(dialog.user, values)}
          onClose={closeDialog}
        />
      )}
      {(dialog?.kind === 'deactivate' || dialog?.kind === 'activate') && (
        <ConfirmDialog
          opened
          title={t(
            dialog.kind === 'deactivate' ? 'users.confirmDeactivate.title' : 'users.confirmActivate.title',
          )}
          text={t(
            dialog.kind === 'deactivate' ? 'users.confirmDeactivate.text' : 'users.confirmActivate.text',
            {
              username: dialog.user.username,
            },
          )}
          confirmLabel={t(
            dialog.kind === 'deactivate' ? 'users.confirmDeactivate.submit' : 'users.confirmActivate.submit',
          )}
          color={dialog.kind === 'deactivate' ? 'red' : undefined}
          isPending={setActive.isPending}
          error={setActive.error}
          onConfirm={() => handleSetActive(dialog.user, dialog.kind === 'activate')}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'resetPassword' && (
        <ConfirmDialog
          opened
          title={t('users.confirmReset.title')}
          text={t('users.confirmReset.text', { username: dialog.user.username })}
          confirmLabel={t('users.confirmReset.submit')}
          color="orange"
          isPending={resetPassword.isPending}
          error={resetPassword.error}
          onConfirm={() => handleReset(dialog.user)}
          onClose={closeDialog}
        />
      )}
      <TemporaryPasswordModal
        result={dialog?.kind === 'temporaryPassword' ? dialog.result : null}
        reason={dialog?.kind === 'temporaryPassword' ? dialog.reason : 'created'}
        onClose={closeDialog}
      />
    </Stack>
  );
}
