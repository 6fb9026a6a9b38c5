import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ProfilePage() {
  const { t } = useTranslation('accounts');
  return <Title order={2}>{t('profile.title')}</Title>;
}
