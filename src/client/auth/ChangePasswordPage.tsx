import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSwitchLocale } from '../profile/useProfile';
import { CenteredCard } from '../ui/CenteredCard';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { PasswordChangeForm } from './PasswordChangeForm';
import { homePathFor, useCurrentUser, useLogout } from './useSession';

/** Forced change of a temporary password (first login, admin reset); then the role's home. */
export function ChangePasswordPage() {
  const { t } = useTranslation('accounts');
  const user = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();
  const switchLocale = useSwitchLocale(true);

  return (
    <CenteredCard topRight={<LanguageSwitch onChange={switchLocale} />}>
      <Stack gap="md">
        <Stack gap={4} align="center">
          <IconLock size={40} stroke={1.5} />
          <Title order={1} size="h2">
            {t('changePassword.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {user.fullName} ({user.username})
          </Text>
        </Stack>
        {user.mustChangePassword && (
          <Alert color="blue" icon={<IconAlertTriangle size={18} />}>
            {t('changePassword.forcedIntro')}
          </Alert>
        )}
        <PasswordChangeForm
          username={user.username}
          currentLabel={t('changePassword.currentPassword')}
          showEndOtherSessions={!user.mustChangePassword}
          onDone={(updated) => navigate(homePathFor(updated), { replace: true })}
        />
        <Button variant="subtle" color="gray" onClick={() => logout.mutate()}>
          {t('common:nav.logout')}
        </Button>
      </Stack>
    </CenteredCard>
  );
}
