import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TemporaryPassword } from '../../../shared/accounts/accounts.schema';
import { SecretValue } from '../../ui/SecretValue';

interface Props {
  result: TemporaryPassword | null;
  reason: 'created' | 'reset';
  onClose: () => void;
}

/** Shows a temporary password once; closing it forgets the value (the server never shows it again). */
export function TemporaryPasswordModal({ result, reason, onClose }: Props) {
  const { t } = useTranslation('accounts');
  return (
    <Modal
      opened={result !== null}
      onClose={onClose}
      title={t('users.temporaryPassword.title')}
      centered
      closeOnClickOutside={false}
    >
      {result && (
        <Stack gap="md">
          <Text size="sm">
            {t(
              reason === 'created'
                ? 'users.temporaryPassword.createdText'
                : 'users.temporaryPassword.resetText',
              {
                username: result.user.username,
              },
            )}
          </Text>
          <SecretValue value={result.temporaryPassword} label={t('users.temporaryPassword.label')} />
          <Alert color="yellow" variant="light">
            {t('users.temporaryPassword.mustChangeText')}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common:close')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
