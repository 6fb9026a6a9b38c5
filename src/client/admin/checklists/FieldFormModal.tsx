import { Alert, Checkbox, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateObjectInfoFieldSchema,
  type DraftField,
  PREFILL_SOURCES,
  type PublishProblem,
} from '../../../shared/checklists/checklists.schema';
import { OBJECT_INFO_FIELD_TYPES } from '../../../shared/checklists/snapshot.schema';
import { errorMessage } from '../../api/error-message';
import { FormActions } from '../../ui/FormActions';
import { problemsOf, schemaErrors, serverErrors } from './field-errors';
import { useCreateField, useUpdateField } from './useChecklist';

type FieldType = (typeof OBJECT_INFO_FIELD_TYPES)[number];
type Prefill = (typeof PREFILL_SOURCES)[number];

/** Create or edit an object-info field; select fields take their choices one per line. */
export function FieldFormModal({
  field,
  problems,
  onClose,
}: {
  field?: DraftField;
  problems: PublishProblem[];
  onClose: () => void;
}) {
  const { t } = useTranslation('checklists');
  const create = useCreateField();
  const update = useUpdateField();
  const mutation = field ? update : create;
  const [code, setCode] = useState(field?.code ?? '');
  const [label, setLabel] = useState(field?.label ?? '');
  const [fieldType, setFieldType] = useState<FieldType>(field?.fieldType ?? 'text');
  const [isRequired, setIsRequired] = useState(field?.isRequired ?? false);
  const [choices, setChoices] = useState((field?.choices ?? []).join('\n'));
  const [prefillFrom, setPrefillFrom] = useState<Prefill | null>(
    PREFILL_SOURCES.find((p) => p === field?.prefillFrom) ?? null,
  );
  const [touched, setTouched] = useState(false);
  const body = {
    code,
    label,
    fieldType,
    isRequired,
    choices:
      fieldType === 'select'
        ? choices
            .split('\n')
            .map((c) => c.trim())
            .filter(Boolean)
        : [],
    prefillFrom,
  };
  const local = schemaErrors(CreateObjectInfoFieldSchema, body);
  if (fieldType === 'select' && body.choices.length === 0) local.choices ??= t('fields.choicesHint');
  const errors = {
    ...(field && !touched ? problemsOf(problems, 'objectInfoFields', field.id) : {}),
    ...serverErrors(mutation.error),
    ...(touched ? local : {}),
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(local).length) return;
    const done = { onSuccess: onClose };
    if (field) update.mutate({ id: field.id, changes: body }, done);
    else create.mutate(body, done);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      centered
      size="lg"
      title={field ? t('fields.editTitle', { label: field.label }) : t('fields.createTitle')}
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          {mutation.error && Object.keys(serverErrors(mutation.error)).length === 0 ? (
            <Alert color="red" role="alert">
              {errorMessage(mutation.error)}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('fields.label')}
              required
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
              error={errors.label}
              data-autofocus
            />
            <TextInput
              label={t('fields.code')}
              required
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={errors.code}
            />
            <Select
              label={t('fields.fieldType')}
              allowDeselect={false}
              data={OBJECT_INFO_FIELD_TYPES.map((type) => ({
                value: type,
                label: t(`fields.types.${type}`),
              }))}
              value={fieldType}
              onChange={(v) => {
                const type = OBJECT_INFO_FIELD_TYPES.find((x) => x === v);
                if (type) setFieldType(type);
              }}
            />
            <Select
              label={t('fields.prefillFrom')}
              placeholder={t('fields.noPrefill')}
              clearable
              data={PREFILL_SOURCES.map((p) => ({ value: p, label: t(`fields.prefill.${p}`) }))}
              value={prefillFrom}
              onChange={(v) => setPrefillFrom(PREFILL_SOURCES.find((p) => p === v) ?? null)}
            />
          </SimpleGrid>
          {fieldType === 'select' && (
            <Textarea
              label={t('fields.choices')}
              description={t('fields.choicesHint')}
              autosize
              minRows={3}
              value={choices}
              onChange={(e) => setChoices(e.currentTarget.value)}
              error={errors.choices}
            />
          )}
          <Checkbox
            label={t('fields.isRequired')}
            checked={isRequired}
            onChange={(e) => setIsRequired(e.currentTarget.checked)}
          />
          <FormActions
            onCancel={onClose}
            isPending={mutation.isPending}
            submitLabel={field ? t('actions.save') : t('actions.create')}
          />
        </Stack>
      </form>
    </Modal>
  );
}
