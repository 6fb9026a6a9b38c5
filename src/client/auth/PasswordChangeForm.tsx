import { Alert, Button, Checkbox, List, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../../shared/accounts/accounts.schema';
import { checkPassword } from '../../shared/accounts/password-policy';
import { errorDetails, errorMessage } from '../api/error-message';
import { useChangePassword } from '../profile/useProfile';
import { PasswordRules } from '../ui/PasswordRules';

interface Props {
  username: string;
  currentLabel: string;
  showEndOtherSessions: boolean;
  onDone: (user: UserDto) => void;
}

/** Current + new + repeated password with the policy checked live; used by forced change and profile. */
export function PasswordChangeForm({ username, currentLabel, showEndOtherSessions, onDone }: Props) {
  const { t } = useTranslation('accounts');
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [endOtherSessions, setEndOtherSessions] = useState(false);
  const [touched, setTouched] = useState(false);

  const isPolicyOk = checkPassword(newPassword, username).length === 0;
  const isMismatch = repeat.length > 0 && repeat !== newPassword;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!currentPassword || !isPolicyOk || repeat !== newPassword) return;
    change.mutate(
      { currentPassword, newPassword, ...(showEndOtherSessions ? { endOtherSessions } : {}) },
      {
        onSuccess: ({ user }) => {
          notifications.show({ color: 'teal', message: t('changePassword.done') });
          setCurrentPassword('');
          setNewPassword('');
          setRepeat('');
          setTouched(false);
          onDone(user);
        },
      },
    );
  };

  const details = errorDetails(change.error);
  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        {change.isError && (
          <Alert color="red" role="alert" data-testid="password-error">
            {details.length > 1 ? (
              <List size="sm">
                {details.map((d) => (
                  <List.Item key={d.code}>{d.message}</List.Item>
                ))}
              </List>
            ) : (
              (details[0]?.message ?? errorMessage(change.error))
            )}
          </Alert>
        )}
        <PasswordInput
          label={currentLabel}
          name="currentPassword"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.currentTarget.value)}
          error={touched && !currentPassword ? t('login.required') : undefined}
        />
        <PasswordInput
          label={t('changePassword.newPassword')}
          name="newPassword"
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNewPassword(e.currentTarget.value)}
          error={touched && !isPolicyOk}
        />
        <PasswordRules password={newPassword} username={username} />
        <PasswordInput
          label={t('changePassword.repeatPassword')}
          name="repeatPassword"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
          error={isMismatch || (touched && repeat !== newPassword) ? t('changePassword.mismatch') : undefined}
        />
        {showEndOtherSessions && (
          <Checkbox
            label={t('profile.endOtherSessions')}
            checked={endOtherSessions}
            onChange={(e) => setEndOtherSessions(e.currentTarget.checked)}
          />
        )}
        <Button type="submit" loading={change.isPending}>
          {t('changePassword.submit')}
        </Button>
      </Stack>
    </form>
  );
}
