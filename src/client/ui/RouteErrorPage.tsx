import { Alert, Button, Center, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from './NotFoundPage';

/** A lazy chunk from a previous release is gone after an update: a reload fetches the new one. */
function isStaleChunk(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed/i.test(error.message)
  );
}

/** Route error boundary: a friendly page instead of React Router's developer screen. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const isStale = isStaleChunk(error);
  return (
    <Center p="md" mih="60dvh">
      <Stack gap="md" maw={480}>
        <Title order={2}>{isStale ? t('routeError.staleTitle') : t('routeError.title')}</Title>
        <Alert color={isStale ? 'blue' : 'red'} icon={<IconAlertTriangle size={18} />}>
          <Text size="sm">{isStale ? t('routeError.staleText') : t('errors.unexpected')}</Text>
        </Alert>
        <Button onClick={() => window.location.reload()} w="fit-content">
          {t('routeError.reload')}
        </Button>
      </Stack>
    </Center>
  );
}
