import { Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PasswordChangeForm } from '../auth/PasswordChangeForm';
import { useCurrentUser } from '../auth/useSession';
import { ProfileForm } from './ProfileForm';

/** Own profile: contact fields, notifications, language, and a password change. */
export function ProfilePage() {
  const { t } = useTranslation('accounts');
  const user = useCurrentUser();
  return (
    <Stack gap="md" maw={760}>
      <Title order={2}>{t('profile.title')}</Title>
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <Title order={3} size="h4" mb="sm">
          {t('profile.personal')}
        </Title>
        {/* Re-initialised when the language is switched from the header (it is saved in the profile too). */}
        <ProfileForm key={`${user.id}:${user.locale}`} user={user} />
      </Paper>
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <Title order={3} size="h4" mb="sm">
          {t('profile.passwordSection')}
        </Title>
        <PasswordChangeForm
          username={user.username}
          currentLabel={t('profile.currentPassword')}
          showEndOtherSessions
          onDone={() => undefined}
        />
      </Paper>
    </Stack>
  );
}
