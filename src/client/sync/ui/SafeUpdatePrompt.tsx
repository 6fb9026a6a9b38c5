import { useRegisterSW } from 'virtual:pwa-register/react';
import { Button, Group, Notification, Stack, Text } from '@mantine/core';
import { useIsMutating } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentEngine } from '../engine';
import { useEngineStatus } from '../useSyncStatus';

/**
 * Service-worker update that cannot lose data: the new version waits (registerType 'prompt') until
 * the auditor presses «Обновить»; then it waits for saves still being written to IndexedDB and for
 * a running sync to finish before the page reloads. Everything unsent is in IndexedDB, which a new
 * app version keeps (Dexie upgrades the schema in place), so it is still there after the reload.
 */
export function SafeUpdatePrompt() {
  const { t } = useTranslation();
  const { t: ts } = useTranslation('sync');
  const status = useEngineStatus();
  const saving = useIsMutating() > 0;
  const [waiting, setWaiting] = useState(false);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;

  const handleUpdate = async () => {
    setWaiting(true);
    const engine = currentEngine();
    if (engine?.getStatus().running) await engine.run().catch(() => undefined);
    await updateServiceWorker(true);
  };

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
      data-testid="update-prompt"
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <span>{t('update.available')}</span>
          <Button
            size="xs"
            loading={waiting || saving}
            onClick={() => void handleUpdate()}
            data-testid="update-reload"
          >
            {t('update.reload')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {status.running ? ts('update.waiting') : ts('update.safe')}
        </Text>
      </Stack>
    </Notification>
  );
}
