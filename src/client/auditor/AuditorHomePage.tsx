import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MyAuditsList } from './audits/MyAuditsList';

/** Auditor portal home: «Мои аудиты». */
export function AuditorHomePage() {
  const { t } = useTranslation('auditor');
  return (
    <Stack gap="md">
      <Title order={2}>{t('home.title')}</Title>
      <MyAuditsList />
    </Stack>
  );
}
