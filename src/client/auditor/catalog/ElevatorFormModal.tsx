import { Alert, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ElevatorDto } from '../../../shared/catalog/catalog.schema';
import { errorMessage } from '../../api/error-message';
import { FormActions } from '../../ui/FormActions';
import { fieldErrorsFrom, parseWhole } from './form-errors';
import { useCreateElevator, useUpdateElevator } from './useCatalog';

interface Props {
  /** The building a new lift goes into (with its address for the title). */
  building: { id: number; address: string };
  elevator?: ElevatorDto;
  isAdmin: boolean;
  onSaved: (elevator: ElevatorDto) => void;
  onClose: () => void;
}

const FIELDS = ['entrance', 'capacityKg', 'stops', 'identifier', 'description'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

export function ElevatorFormModal({ building, elevator, isAdmin, onSaved, onClose }: Props) {
  const { t } = useTranslation('catalog');
  const { t: tc } = useTranslation();
  const create = useCreateElevator();
  const update = useUpdateElevator();
  const mutation = elevator ? update : create;
  const [touched, setTouched] = useState(false);
  const [values, setValues] = useState<Values>({
    entrance: elevator?.entrance ?? '',
    capacityKg: elevator?.capacityKg?.toString() ?? '',
    stops: elevator?.stops?.toString() ?? '',
    identifier: elevator?.identifier ?? '',
    description: elevator?.description ?? '',
  });
  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const capacityKg = parseWhole(values.capacityKg);
  const stops = parseWhole(values.stops);
  const local: Record<string, string> = {};
  if (Number.isNaN(capacityKg)) local.capacityKg = t('form.numberHint');
  if (Number.isNaN(stops)) local.stops = t('form.numberHint');
  if (!values.entrance.trim() && !values.identifier.trim()) local.entrance = t('form.identifyHint');
  const server = fieldErrorsFrom(mutation.error, FIELDS);
  const errors = { ...server, ...(touched ? local : {}) };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(local).length) return;
    const payload = {
      entrance: values.entrance,
      capacityKg,
      stops,
      identifier: values.identifier,
      description: values.description,
    };
    if (elevator) update.mutate({ id: elevator.id, changes: payload }, { onSuccess: onSaved });
    else create.mutate({ buildingId: building.id, ...payload }, { onSuccess: onSaved });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={elevator ? t('form.editElevator') : t('form.createElevator')}
      centered
    >
      <form onSubmit={handleSubmit} noValidate data-testid="elevator-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {building.address}
          </Text>
          {!isAdmin && !elevator && <Alert color="blue">{t('form.pendingNote')}</Alert>}
          {elevator?.reviewStatus === 'rejected' && (
            <Alert color="red">{t('form.rejectedNote', { reason: elevator.reviewNote ?? '' })}</Alert>
          )}
          {mutation.error && Object.keys(server).length === 0 ? (
            <Alert color="red" role="alert">
              {errorMessage(mutation.error)}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput
              label={t('fields.entrance')}
              name="entrance"
              placeholder={t('hints.entrance')}
              value={values.entrance}
              onChange={(e) => set('entrance')(e.currentTarget.value)}
              error={errors.entrance}
            />
            <TextInput
              label={t('fields.capacityKg')}
              name="capacityKg"
              inputMode="numeric"
              value={values.capacityKg}
              onChange={(e) => set('capacityKg')(e.currentTarget.value)}
              error={errors.capacityKg}
            />
            <TextInput
              label={t('fields.stops')}
              name="stops"
              inputMode="numeric"
              value={values.stops}
              onChange={(e) => set('stops')(e.currentTarget.value)}
              error={errors.stops}
            />
          </SimpleGrid>
          <TextInput
            label={t('fields.identifier')}
            name="identifier"
            description={t('hints.identifier')}
            value={values.identifier}
            onChange={(e) => set('identifier')(e.currentTarget.value)}
            error={errors.identifier}
          />
          <Textarea
            label={t('fields.description')}
            name="description"
            autosize
            minRows={2}
            value={values.description}
            onChange={(e) => set('description')(e.currentTarget.value)}
            error={errors.description}
          />
          <FormActions onCancel={onClose} isPending={mutation.isPending} submitLabel={tc('save')} />
        </Stack>
      </form>
    </Modal>
  );
}
