import { Alert, Stack } from '@mantine/core';
import { IconSpeakerphone } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveAnnouncements } from './useAnnouncements';

/** The admins' maintenance announcements (runbook §1.2), above every page; hidden per session on request. */
export function AnnouncementBanner() {
  const { t } = useTranslation('ops');
  const active = useActiveAnnouncements();
  const [hidden, setHidden] = useState<number[]>([]);
  const items = (active.data?.items ?? []).filter((a) => !hidden.includes(a.id));
  if (!items.length) return null;
  return (
    <Stack gap="xs" mb="md">
      {items.map((a) => (
        <Alert
          key={a.id}
          color="yellow"
          variant="light"
          icon={<IconSpeakerphone size={18} />}
          title={t('banner.label')}
          withCloseButton
          closeButtonLabel={t('banner.dismiss')}
          onClose={() => setHidden((h) => [...h, a.id])}
          data-testid="announcement-banner"
        >
          {a.message}
        </Alert>
      ))}
    </Stack>
  );
}
