import { Badge, Button, Card, Group, Loader, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnouncementDto } from '../../../shared/announcements/announcements.schema';
import { ANNOUNCEMENT_MAX_LENGTH } from '../../../shared/announcements/announcements.schema';
import { errorMessage } from '../../api/error-message';
import {
  useAnnouncementsList,
  useCreateAnnouncement,
  useDeleteAnnouncement,
} from '../../ops/useAnnouncements';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorState } from '../../ui/ErrorState';

/** `datetime-local` value (local time, minutes) ↔ ISO UTC. */
const toLocalInput = (d: Date) =>
  new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const fromLocalInput = (value: string) => new Date(value).toISOString();

function statusOf(a: AnnouncementDto): 'active' | 'scheduled' | 'past' {
  if (a.isActive) return 'active';
  return a.startsAt > new Date().toISOString() ? 'scheduled' : 'past';
}

const STATUS_COLOR = { active: 'yellow', scheduled: 'blue', past: 'gray' } as const;

/** Admin: schedule and remove maintenance banners. */
export function AnnouncementsPage() {
  const { t, i18n } = useTranslation('ops');
  const list = useAnnouncementsList();
  const create = useCreateAnnouncement();
  const remove = useDeleteAnnouncement();
  const [message, setMessage] = useState('');
  const [startsAt, setStartsAt] = useState(() => toLocalInput(new Date()));
  const [endsAt, setEndsAt] = useState(() => toLocalInput(new Date(Date.now() + 3 * 86_400_000)));
  const [toDelete, setToDelete] = useState<AnnouncementDto | null>(null);
  const format = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { message: message.trim(), startsAt: fromLocalInput(startsAt), endsAt: fromLocalInput(endsAt) },
      {
        onSuccess: () => {
          setMessage('');
          notifications.show({ color: 'green', message: t('announcements.created') });
        },
      },
    );
  };

  const handleDelete = () => {
    if (!toDelete) return;
    remove.mutate(toDelete.id, {
      onSuccess: () => {
        setToDelete(null);
        notifications.show({ color: 'green', message: t('announcements.deleted') });
      },
    });
  };

  return (
    <Stack gap="md" maw={800}>
      <Title order={2}>{t('announcements.title')}</Title>
      <Text c="dimmed">{t('announcements.intro')}</Text>
      <Card withBorder component="form" onSubmit={handleSubmit}>
        <Stack gap="sm">
          <Textarea
            label={t('announcements.message')}
            placeholder={t('announcements.messagePlaceholder')}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            maxLength={ANNOUNCEMENT_MAX_LENGTH}
            autosize
            minRows={2}
            required
          />
          <Group grow align="flex-start">
            <TextInput
              type="datetime-local"
              label={t('announcements.startsAt')}
              value={startsAt}
              onChange={(e) => setStartsAt(e.currentTarget.value)}
              required
            />
            <TextInput
              type="datetime-local"
              label={t('announcements.endsAt')}
              value={endsAt}
              onChange={(e) => setEndsAt(e.currentTarget.value)}
              required
            />
          </Group>
          {create.isError && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(create.error)}
            </Text>
          )}
          <Button type="submit" loading={create.isPending} w="fit-content" disabled={!message.trim()}>
            {t('announcements.create')}
          </Button>
        </Stack>
      </Card>

      {list.isPending && <Loader />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && !list.data.items.length && <Text c="dimmed">{t('announcements.empty')}</Text>}
      {list.data?.items.map((a) => {
        const status = statusOf(a);
        return (
          <Card key={a.id} withBorder data-testid="announcement-row">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4} miw={0}>
                <Group gap="xs">
                  <Badge color={STATUS_COLOR[status]} variant="light">
                    {t(`announcements.status.${status}`)}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {t('announcements.period', { from: format(a.startsAt), to: format(a.endsAt) })}
                  </Text>
                </Group>
                <Text style={{ overflowWrap: 'anywhere' }}>{a.message}</Text>
              </Stack>
              <Button variant="subtle" color="red" onClick={() => setToDelete(a)}>
                {t('announcements.delete')}
              </Button>
            </Group>
          </Card>
        );
      })}

      <ConfirmDialog
        opened={toDelete !== null}
        title={t('announcements.deleteTitle')}
        text={t('announcements.deleteText')}
        confirmLabel={t('announcements.delete')}
        color="red"
        isPending={remove.isPending}
        error={remove.error}
        onConfirm={handleDelete}
        onClose={() => {
          setToDelete(null);
          remove.reset();
        }}
      />
    </Stack>
  );
}
