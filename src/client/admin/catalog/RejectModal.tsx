import { Alert, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetails, errorMessage } from '../../api/error-message';
import { FormActions } from '../../ui/FormActions';
import { itemLabel, type QueueItem } from './queue-item';
import { useReject } from './useAdminCatalog';

export function RejectModal({ item, onClose }: { item: QueueItem; onClose: () => void }) {
  const { t } = useTranslation('catalog');
  const reject = useReject();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const localError = touched && !reason.trim() ? t('form.required') : undefined;
  const serverField = errorDetails(reject.error).find((d) => d.path === 'reason')?.message;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!reason.trim()) return;
    reject.mutate(
      { kind: item.kind, id: item.record.id, reason },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('moderation.rejected') });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('moderation.rejectTitle')} centered>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          <Text size="sm" fw={500}>
            {itemLabel(item)}
          </Text>
          {reject.error && !serverField ? (
            <Alert color="red" role="alert">
              {errorMessage(reject.error)}
            </Alert>
          ) : null}
          <Textarea
            label={t('moderation.rejectReason')}
            name="reason"
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={localError ?? serverField}
            data-autofocus
          />
          <FormActions
            onCancel={onClose}
            isPending={reject.isPending}
            submitLabel={t('moderation.reject')}
            color="red"
          />
        </Stack>
      </form>
    </Modal>
  );
}
