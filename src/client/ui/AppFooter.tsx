import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function AppFooter() {
  const { t } = useTranslation();
  return (
    <Group component="footer" justify="space-between" gap="xs" py="md" mt="xl" c="dimmed" wrap="wrap">
      <Text size="xs">{t('appName')}</Text>
      <Text size="xs" data-testid="app-version">
        {t('version', { version: __APP_VERSION__ })}
      </Text>
    </Group>
  );
}
