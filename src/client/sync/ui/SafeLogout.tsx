import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clearDevice, unsyncedSummary } from '../../db';
import { stopSyncEngine } from '../engine';

/**
 * Logout that never silently drops unsent work: when the device holds anything the server does not
 * have, a dialog names it (audits, photos) and asks; either way the device copy is cleared after
 * the logout (DESIGN §5).
 */
export function useSafeLogout(
  userId: number | null,
  logout: () => void,
): { request: () => void; dialog: ReactNode } {
  const { t } = useTranslation('sync');
  const [summary, setSummary] = useState<{ audits: number; photos: number } | null>(null);

  const finish = async () => {
    setSummary(null);
    stopSyncEngine();
    await clearDevice();
    logout();
  };

  const request = () => {
    void (async () => {
      const s = userId === null ? { audits: 0, photos: 0 } : await unsyncedSummary(userId);
      if (s.audits > 0 || s.photos > 0) setSummary(s);
      else await finish();
    })();
  };

  const dialog = (
    <Modal opened={summary !== null} onClose={() => setSummary(null)} title={t('logout.title')}>
      <Stack>
        <Text data-testid="logout-warning">{t('logout.text', summary ?? { audits: 0, photos: 0 })}</Text>
        <Text size="sm" c="dimmed">
          {t('logout.hint')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setSummary(null)}>
            {t('logout.cancel')}
          </Button>
          <Button color="red" onClick={() => void finish()} data-testid="logout-confirm">
            {t('logout.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
  return { request, dialog };
}
