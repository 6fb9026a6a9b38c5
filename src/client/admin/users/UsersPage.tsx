import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function UsersPage() {
  const { t } = useTranslation('accounts');
  return <Title order={2}>{t('users.title')}</Title>;
}
