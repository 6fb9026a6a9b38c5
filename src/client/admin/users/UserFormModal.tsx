import {
  Alert,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type UserDto } from '../../../shared/accounts/accounts.schema';
import { errorDetails, errorMessage } from '../../api/error-message';
import { ApiError } from '../../api/request';

export interface UserFormValues {
  username: string;
  role: Role;
  fullName: string;
  email: string;
  phone: string;
  employeeId: string;
  temporaryPassword: string;
}

interface Props {
  opened: boolean;
  /** Absent: create a new user; present: edit this one. */
  user?: UserDto;
  isPending: boolean;
  error: unknown;
  onSubmit: (values: UserFormValues) => void;
  onClose: () => void;
}

const USERNAME_PATTERN = /^[\p{L}\p{N}._-]{3,64}$/u;

function initialValues(user?: UserDto): UserFormValues {
  return {
    username: user?.username ?? '',
    role: user?.role ?? 'auditor',
    fullName: user?.fullName ?? '',
    email: user?.email ?? '',
    phone: user?.phone ?? '',
    employeeId: user?.employeeId ?? '',
    temporaryPassword: '',
  };
}

/** Server answers → field errors: validation details by path, plus the codes that belong to one field. */
function serverFieldErrors(error: unknown): Partial<Record<keyof UserFormValues, string>> {
  const fields: Partial<Record<keyof UserFormValues, string>> = {};
  for (const detail of errorDetails(error)) {
    const key = detail.path === 'password' ? 'temporaryPassword' : detail.path;
    if (key in initialValues()) fields[key as keyof UserFormValues] ??= detail.message;
  }
  if (error instanceof ApiError && error.code === 'user.username_taken')
    fields.username = errorMessage(error);
  return fields;
}

export function UserFormModal({ opened, user, isPending, error, onSubmit, onClose }: Props) {
  const { t } = useTranslation('accounts');
  const [values, setValues] = useState<UserFormValues>(() => initialValues(user));
  const [touched, setTouched] = useState(false);
  const isCreate = !user;

  const set = (key: keyof UserFormValues) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const localErrors: Partial<Record<keyof UserFormValues, string>> = {};
  if (isCreate && !USERNAME_PATTERN.test(values.username.trim()))
    localErrors.username = t('users.form.usernameHint');
  if (!values.fullName.trim()) localErrors.fullName = t('login.required');
  const fieldErrors = { ...serverFieldErrors(error), ...(touched ? localErrors : {}) };
  const hasOnlyFieldErrors = Object.keys(serverFieldErrors(error)).length > 0;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(localErrors).length > 0) return;
    onSubmit({ ...values, username: values.username.trim() });
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={isCreate ? t('users.createTitle') : t('users.editTitle', { username: user.username })}
      size="lg"
      centered
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          {error && !hasOnlyFieldErrors ? (
            <Alert color="red" role="alert">
              {errorMessage(error)}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {isCreate && (
              <TextInput
                label={t('users.form.username')}
                description={t('users.form.usernameHint')}
                name="username"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={values.username}
                onChange={(e) => set('username')(e.currentTarget.value)}
                error={fieldErrors.username}
              />
            )}
            <Select
              label={t('users.form.role')}
              name="role"
              required
              allowDeselect={false}
              value={values.role}
              data={ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
              onChange={(value) => value && set('role')(value)}
              error={fieldErrors.role}
            />
            <TextInput
              label={t('users.form.fullName')}
              name="fullName"
              required
              value={values.fullName}
              onChange={(e) => set('fullName')(e.currentTarget.value)}
              error={fieldErrors.fullName}
            />
            <TextInput
              label={t('users.form.email')}
              name="email"
              type="email"
              value={values.email}
              onChange={(e) => set('email')(e.currentTarget.value)}
              error={fieldErrors.email}
            />
            <TextInput
              label={t('users.form.phone')}
              name="phone"
              type="tel"
              value={values.phone}
              onChange={(e) => set('phone')(e.currentTarget.value)}
              error={fieldErrors.phone}
            />
            <TextInput
              label={t('users.form.employeeId')}
              name="employeeId"
              value={values.employeeId}
              onChange={(e) => set('employeeId')(e.currentTarget.value)}
              error={fieldErrors.employeeId}
            />
            {isCreate && (
              <PasswordInput
                label={t('users.form.temporaryPassword')}
                description={t('users.form.temporaryPasswordHint')}
                name="temporaryPassword"
                autoComplete="new-password"
                value={values.temporaryPassword}
                onChange={(e) => set('temporaryPassword')(e.currentTarget.value)}
                error={fieldErrors.temporaryPassword}
              />
            )}
          </SimpleGrid>
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:cancel')}
            </Button>
            <Button type="submit" loading={isPending}>
              {isCreate ? t('users.createSubmit') : t('common:save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
