import { useRegisterSW } from 'virtual:pwa-register/react';
import { Button, Group, Notification } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Registers the service worker (from code: the CSP forbids inline scripts) and, when a new version is
 * waiting, asks before switching so an auditor never loses a half-filled screen to a reload.
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <Notification
      withCloseButton
      onClose={() => setNeedRefresh(false)}
      closeButtonProps={{ 'aria-label': t('close') }}
      pos="fixed"
      bottom={16}
      right={16}
      left={16}
      maw={420}
      style={{ zIndex: 1000 }}
    >
      <Group justify="space-between" wrap="nowrap">
        <span>{t('update.available')}</span>
        <Button size="xs" onClick={() => void updateServiceWorker(true)}>
          {t('update.reload')}
        </Button>
      </Group>
    </Notification>
  );
}
