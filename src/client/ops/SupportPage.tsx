import { Anchor, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { IconMail, IconPhone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../ui/ErrorState';
import { useSupportInfo } from './useAnnouncements';

/** «Поддержка» (runbook §3.4): contacts from the server's configuration, response times, app version. */
export function SupportPage() {
  const { t } = useTranslation('ops');
  const info = useSupportInfo();
  if (info.isPending) return <Loader aria-label={t('common:loading')} />;
  if (info.isError) return <ErrorState error={info.error} onRetry={() => void info.refetch()} />;
  const { email, phone, version } = info.data;
  return (
    <Stack maw={640} gap="md">
      <Title order={2}>{t('support.title')}</Title>
      <Text>{t('support.intro')}</Text>
      <Card withBorder>
        <Stack gap="sm">
          <Group gap="xs" wrap="nowrap">
            <IconMail size={20} aria-hidden />
            <Text fw={500}>{t('support.email')}:</Text>
            <Anchor href={`mailto:${email}`} data-testid="support-email">
              {email}
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <IconPhone size={20} aria-hidden />
            <Text fw={500}>{t('support.phone')}:</Text>
            {phone ? (
              <Anchor href={`tel:${phone.replace(/[^\d+]/g, '')}`} data-testid="support-phone">
                {phone}
              </Anchor>
            ) : (
              <Text c="dimmed">{t('support.phoneMissing')}</Text>
            )}
          </Group>
          <Text>
            <Text span fw={500}>
              {t('support.version')}:
            </Text>{' '}
            <Text span data-testid="support-version">
              {version}
            </Text>{' '}
            <Text span c="dimmed" size="sm">
              {t('support.versionHint')}
            </Text>
          </Text>
        </Stack>
      </Card>
      <Title order={3}>{t('support.responseTitle')}</Title>
      <List spacing="xs">
        <List.Item>{t('support.critical')}</List.Item>
        <List.Item>{t('support.high')}</List.Item>
        <List.Item>{t('support.normal')}</List.Item>
      </List>
      <Text c="dimmed" size="sm">
        {t('support.offlineHint')}
      </Text>
    </Stack>
  );
}
