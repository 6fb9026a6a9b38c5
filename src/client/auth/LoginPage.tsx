import { Alert, Button, Image, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../api/error-message';
import { setLocale } from '../i18n';
import { CenteredCard } from '../ui/CenteredCard';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { homePathFor, useLogin, useSession } from './useSession';

/** Only same-site paths: `?next=//evil.example` must not become an open redirect. */
function safeNext(next: string | null): string | null {
  return next?.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function LoginPage() {
  const { t } = useTranslation('accounts');
  const { user } = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);

  if (user && !login.isPending && !login.isSuccess) {
    return <Navigate to={user.mustChangePassword ? '/change-password' : homePathFor(user)} replace />;
  }

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!username.trim() || !password) return;
    login.mutate(
      { username: username.trim(), password },
      {
        onSuccess: ({ user: signedIn }) => {
          const next = safeNext(params.get('next'));
          if (signedIn.mustChangePassword) navigate('/change-password', { replace: true });
          else navigate(next ?? homePathFor(signedIn), { replace: true });
        },
      },
    );
  };

  return (
    <CenteredCard topRight={<LanguageSwitch onChange={(locale) => void setLocale(locale)} />}>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <Stack gap={4} align="center">
            <Image src="/icons/icon-192.png" alt="" w={56} h={56} />
            <Title order={1} size="h2">
              {t('login.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('login.subtitle')}
            </Text>
          </Stack>
          {login.isError && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert" data-testid="login-error">
              {errorMessage(login.error)}
            </Alert>
          )}
          <TextInput
            label={t('login.username')}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={touched && !username.trim() ? t('login.required') : undefined}
            autoFocus
          />
          <PasswordInput
            label={t('login.password')}
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={touched && !password ? t('login.required') : undefined}
          />
          <Button type="submit" size="md" loading={login.isPending} fullWidth>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}
