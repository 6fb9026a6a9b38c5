import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * «Не всё отправлено» before a logout (see SafeLogout.tsx). Its own chunk: Mantine's Modal brings
 * ScrollArea and floating-ui (≈ 20 KB gzip) that the auditor's first screen does not need (issue 8).
 */
export function LogoutWarningDialog({
  summary,
  onStay,
  onConfirm,
}: {
  summary: { audits: number; photos: number } | null;
  onStay: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation('sync');
  return (
    <Modal opened={summary !== null} onClose={onStay} title={t('logout.title')}>
      <Stack>
        <Text data-testid="logout-warning">{t('logout.text', summary ?? { audits: 0, photos: 0 })}</Text>
        <Text size="sm" c="dimmed">
          {t('logout.hint')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onStay}>
            {t('logout.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} data-testid="logout-confirm">
            {t('logout.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
