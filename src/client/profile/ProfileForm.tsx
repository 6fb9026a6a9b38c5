import { Alert, Button, Group, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../../shared/accounts/accounts.schema';
import { errorDetails, errorMessage } from '../api/error-message';
import { isLocale, LOCALES, type Locale, setLocale } from '../i18n';
import { useUpdateProfile } from './useProfile';

export function ProfileForm({ user }: { user: UserDto }) {
  const { t } = useTranslation('accounts');
  const update = useUpdateProfile();
  const [fullName, setFullName] = useState(user.fullName);
  const [email, setEmail] = useState(user.email ?? '');
  const [phone, setPhone] = useState(user.phone ?? '');
  const [notificationsEnabled, setNotificationsEnabled] = useState(user.notificationsEnabled);
  const [locale, setLocaleValue] = useState<Locale>(isLocale(user.locale) ? user.locale : 'ru');

  const fieldErrors = Object.fromEntries(errorDetails(update.error).map((d) => [d.path, d.message]));

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!fullName.trim()) return;
    update.mutate(
      { fullName, email, phone, notificationsEnabled, locale },
      {
        onSuccess: ({ user: saved }) => {
          if (isLocale(saved.locale)) void setLocale(saved.locale);
          notifications.show({ color: 'teal', message: t('profile.saved') });
        },
      },
    );
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        {update.isError && Object.keys(fieldErrors).length === 0 && (
          <Alert color="red" role="alert">
            {errorMessage(update.error)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('profile.username')} value={user.username} readOnly variant="filled" />
          <TextInput
            label={t('profile.role')}
            value={t(`common:roles.${user.role}`)}
            readOnly
            variant="filled"
          />
          <TextInput
            label={t('profile.fullName')}
            name="fullName"
            required
            value={fullName}
            onChange={(e) => setFullName(e.currentTarget.value)}
            error={!fullName.trim() ? t('login.required') : fieldErrors.fullName}
          />
          <TextInput
            label={t('profile.email')}
            name="email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldErrors.email}
          />
          <TextInput
            label={t('profile.phone')}
            name="phone"
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={fieldErrors.phone}
          />
          <Select
            label={t('profile.language')}
            value={locale}
            allowDeselect={false}
            data={LOCALES.map((value) => ({ value, label: t(`common:languages.${value}`) }))}
            onChange={(value) => isLocale(value) && setLocaleValue(value)}
          />
        </SimpleGrid>
        <Switch
          label={t('profile.notifications')}
          checked={notificationsEnabled}
          onChange={(e) => setNotificationsEnabled(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            {t('common:save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
