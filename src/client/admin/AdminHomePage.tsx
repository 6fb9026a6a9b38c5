import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Admin dashboard placeholder; the reports issue fills it with figures. */
export function AdminHomePage() {
  const { t } = useTranslation('admin');
  return (
    <Stack gap="md">
      <Title order={2}>{t('home.title')}</Title>
      <Text c="dimmed">{t('home.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        <Card withBorder component={Link} to="/admin/users" padding="lg">
          <IconUsers size={28} stroke={1.6} />
          <Text fw={600} mt="sm">
            {t('home.usersCard')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('home.usersCardText')}
          </Text>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
