import { Alert, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildingDto } from '../../../shared/catalog/catalog.schema';
import { errorMessage } from '../../api/error-message';
import { FormActions } from '../../ui/FormActions';
import { fieldErrorsFrom } from './form-errors';
import { useCreateBuilding, useUpdateBuilding } from './useCatalog';

interface Props {
  /** Absent: a new building (pending for an auditor); present: edit it. */
  building?: BuildingDto;
  /** Pre-filled street and house from what the user typed into the address search. */
  initialStreet?: string;
  isAdmin: boolean;
  onSaved: (building: BuildingDto) => void;
  onClose: () => void;
}

const FIELDS = ['city', 'street', 'house', 'notes'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

export function BuildingFormModal({ building, initialStreet, isAdmin, onSaved, onClose }: Props) {
  const { t } = useTranslation('catalog');
  const { t: tc } = useTranslation();
  const create = useCreateBuilding();
  const update = useUpdateBuilding();
  const mutation = building ? update : create;
  const [touched, setTouched] = useState(false);
  const [values, setValues] = useState<Values>({
    city: building?.city ?? '',
    street: building?.street ?? initialStreet ?? '',
    house: building?.house ?? '',
    notes: building?.notes ?? '',
  });
  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const local: Record<string, string> = {};
  for (const f of ['city', 'street', 'house'] as const) if (!values[f].trim()) local[f] = t('form.required');
  const server = fieldErrorsFrom(mutation.error, FIELDS);
  const errors = { ...server, ...(touched ? local : {}) };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(local).length) return;
    const payload = { city: values.city, street: values.street, house: values.house, notes: values.notes };
    if (building) update.mutate({ id: building.id, changes: payload }, { onSuccess: onSaved });
    else create.mutate(payload, { onSuccess: onSaved });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={building ? t('form.editBuilding') : t('form.createBuilding')}
      centered
    >
      <form onSubmit={handleSubmit} noValidate data-testid="building-form">
        <Stack gap="sm">
          {!isAdmin && !building && <Alert color="blue">{t('form.pendingNote')}</Alert>}
          {building?.reviewStatus === 'rejected' && (
            <Alert color="red">{t('form.rejectedNote', { reason: building.reviewNote ?? '' })}</Alert>
          )}
          {mutation.error && Object.keys(server).length === 0 ? (
            <Alert color="red" role="alert">
              {errorMessage(mutation.error)}
            </Alert>
          ) : null}
          <TextInput
            label={t('fields.city')}
            name="city"
            required
            value={values.city}
            onChange={(e) => set('city')(e.currentTarget.value)}
            error={errors.city}
          />
          <TextInput
            label={t('fields.street')}
            name="street"
            placeholder={t('hints.street')}
            required
            value={values.street}
            onChange={(e) => set('street')(e.currentTarget.value)}
            error={errors.street}
          />
          <TextInput
            label={t('fields.house')}
            name="house"
            placeholder={t('hints.house')}
            required
            value={values.house}
            onChange={(e) => set('house')(e.currentTarget.value)}
            error={errors.house}
          />
          <Textarea
            label={t('fields.notes')}
            name="notes"
            autosize
            minRows={2}
            value={values.notes}
            onChange={(e) => set('notes')(e.currentTarget.value)}
            error={errors.notes}
          />
          <FormActions onCancel={onClose} isPending={mutation.isPending} submitLabel={tc('save')} />
        </Stack>
      </form>
    </Modal>
  );
}
