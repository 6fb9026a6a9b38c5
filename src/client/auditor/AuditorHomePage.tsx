import { Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconClipboardList } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Auditor portal home. The audits issue replaces the empty state with the audit list. */
export function AuditorHomePage() {
  const { t } = useTranslation('auditor');
  return (
    <Stack gap="md">
      <Title order={2}>{t('home.title')}</Title>
      <Paper withBorder p="xl" radius="md">
        <Stack align="center" gap="xs" ta="center">
          <ThemeIcon size={48} radius="xl" variant="light">
            <IconClipboardList size={28} />
          </ThemeIcon>
          <Text fw={600}>{t('home.emptyTitle')}</Text>
          <Text c="dimmed" size="sm" maw={420}>
            {t('home.emptyText')}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
