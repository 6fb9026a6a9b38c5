import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/error-message';

/** A failed load with an optional retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack p="md" maw={560}>
      <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
        {errorMessage(error)}
      </Alert>
      {onRetry && (
        <Button variant="light" onClick={onRetry} w="fit-content">
          {t('retry')}
        </Button>
      )}
    </Stack>
  );
}
