import { Alert, Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublishProblem } from '../../../shared/checklists/checklists.schema';
import { errorDetails, errorMessage } from '../../api/error-message';
import { usePublish } from './useChecklist';

/** Notes, then publish; a refusal lists every problem with its Russian message. */
export function PublishModal({ problems, onClose }: { problems: PublishProblem[]; onClose: () => void }) {
  const { t } = useTranslation('checklists');
  const publish = usePublish();
  const [notes, setNotes] = useState('');
  const refused = errorDetails(publish.error);
  const shown = refused.length ? refused : problems;

  const handlePublish = () =>
    publish.mutate(notes, {
      onSuccess: (version) => {
        notifications.show({ color: 'teal', message: t('publish.done', { number: version.number }) });
        onClose();
      },
    });

  return (
    <Modal opened onClose={onClose} title={t('publish.title')} centered size="lg">
      <Stack gap="sm">
        <Text size="sm">{t('publish.text')}</Text>
        {publish.error && !refused.length ? (
          <Alert color="red" role="alert">
            {errorMessage(publish.error)}
          </Alert>
        ) : null}
        {shown.length > 0 && (
          <Alert color="red" role="alert" title={t('publish.problemsTitle')} data-testid="publish-problems">
            <List size="sm">
              {shown.map((p) => (
                <List.Item key={p.path + p.code}>{p.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Textarea
          label={t('publish.notes')}
          placeholder={t('publish.notesPlaceholder')}
          autosize
          minRows={2}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          data-autofocus
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button color="teal" loading={publish.isPending} onClick={handlePublish}>
            {t('actions.publish')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
