import { Alert, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateCategorySchema,
  CreateSectionSchema,
  type DraftCategory,
  type DraftQuestion,
  type DraftSection,
} from '../../../shared/checklists/checklists.schema';
import { errorMessage } from '../../api/error-message';
import { FormActions } from '../../ui/FormActions';
import { type FieldErrors, schemaErrors, serverErrors } from './field-errors';
import {
  useCreateCategory,
  useCreateSection,
  useMoveQuestion,
  useMoveSection,
  useUpdateCategory,
  useUpdateSection,
} from './useChecklist';

function FormError({ error, fields }: { error: unknown; fields: FieldErrors }) {
  if (!error || Object.keys(fields).length > 0) return null;
  return (
    <Alert color="red" role="alert">
      {errorMessage(error)}
    </Alert>
  );
}

function Footer({
  isPending,
  onClose,
  create,
}: {
  isPending: boolean;
  onClose: () => void;
  create: boolean;
}) {
  const { t } = useTranslation('checklists');
  return (
    <FormActions
      onCancel={onClose}
      isPending={isPending}
      submitLabel={create ? t('actions.create') : t('actions.save')}
    />
  );
}

/** Create or edit a zone (category). */
export function CategoryFormModal({ category, onClose }: { category?: DraftCategory; onClose: () => void }) {
  const { t } = useTranslation('checklists');
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const mutation = category ? update : create;
  const [values, setValues] = useState({ code: category?.code ?? '', name: category?.name ?? '' });
  const [touched, setTouched] = useState(false);
  const local = touched ? schemaErrors(CreateCategorySchema, values) : {};
  const fields = { ...serverErrors(mutation.error), ...local };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(schemaErrors(CreateCategorySchema, values)).length) return;
    const done = { onSuccess: onClose };
    if (category) update.mutate({ id: category.id, changes: values }, done);
    else create.mutate(values, done);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      centered
      title={category ? t('category.editTitle', { name: category.name }) : t('category.createTitle')}
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          <FormError error={mutation.error} fields={fields} />
          <TextInput
            label={t('category.name')}
            placeholder={t('category.namePlaceholder')}
            required
            value={values.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setValues((v) => ({ ...v, name }));
            }}
            error={fields.name}
            data-autofocus
          />
          <TextInput
            label={t('category.code')}
            description={t('category.codeHint')}
            required
            value={values.code}
            onChange={(e) => {
              const code = e.currentTarget.value;
              setValues((v) => ({ ...v, code }));
            }}
            error={fields.code}
          />
          <Footer isPending={mutation.isPending} onClose={onClose} create={!category} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Create (in `categoryId`) or edit a section. */
export function SectionFormModal({
  section,
  categoryId,
  onClose,
}: {
  section?: DraftSection;
  categoryId: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('checklists');
  const create = useCreateSection();
  const update = useUpdateSection();
  const mutation = section ? update : create;
  const [values, setValues] = useState({
    title: section?.title ?? '',
    description: section?.description ?? '',
  });
  const [touched, setTouched] = useState(false);
  const body = { categoryId, ...values };
  const local = touched ? schemaErrors(CreateSectionSchema, body) : {};
  const fields = { ...serverErrors(mutation.error), ...local };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(schemaErrors(CreateSectionSchema, body)).length) return;
    const done = { onSuccess: onClose };
    if (section) update.mutate({ id: section.id, changes: values }, done);
    else create.mutate(body, done);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      centered
      title={section ? t('section.editTitle', { title: section.title }) : t('section.createTitle')}
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          <FormError error={mutation.error} fields={fields} />
          <TextInput
            label={t('section.title')}
            required
            value={values.title}
            onChange={(e) => {
              const title = e.currentTarget.value;
              setValues((v) => ({ ...v, title }));
            }}
            error={fields.title}
            data-autofocus
          />
          <Textarea
            label={t('section.description')}
            autosize
            minRows={2}
            value={values.description}
            onChange={(e) => {
              const description = e.currentTarget.value;
              setValues((v) => ({ ...v, description }));
            }}
            error={fields.description}
          />
          <Footer isPending={mutation.isPending} onClose={onClose} create={!section} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Move a section (with its questions) to another zone. */
export function MoveSectionModal({
  section,
  categories,
  onClose,
}: {
  section: DraftSection;
  categories: DraftCategory[];
  onClose: () => void;
}) {
  const { t } = useTranslation('checklists');
  const move = useMoveSection();
  const [target, setTarget] = useState<string | null>(null);
  const data = categories
    .filter((c) => c.id !== section.categoryId)
    .map((c) => ({ value: String(c.id), label: `${c.name} (${c.code})` }));
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (target) move.mutate({ id: section.id, categoryId: Number(target) }, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} centered title={t('section.moveTitle', { title: section.title })}>
      <form onSubmit={handleSubmit}>
        <Stack gap="sm">
          <FormError error={move.error} fields={{}} />
          <Select label={t('section.moveTo')} data={data} value={target} onChange={setTarget} required />
          <FormActions
            onCancel={onClose}
            isPending={move.isPending}
            submitLabel={t('actions.move')}
            disabled={!target}
          />
        </Stack>
      </form>
    </Modal>
  );
}

/** Move a question to another section (of any zone). */
export function MoveQuestionModal({
  question,
  categories,
  onClose,
}: {
  question: DraftQuestion;
  categories: DraftCategory[];
  onClose: () => void;
}) {
  const { t } = useTranslation('checklists');
  const move = useMoveQuestion();
  const [target, setTarget] = useState<string | null>(null);
  const data = categories.map((c) => ({
    group: c.name,
    items: c.sections
      .filter((s) => s.id !== question.sectionId)
      .map((s) => ({ value: String(s.id), label: s.title })),
  }));
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (target) move.mutate({ id: question.id, sectionId: Number(target) }, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} centered title={t('question.moveTitle', { code: question.code })}>
      <form onSubmit={handleSubmit}>
        <Stack gap="sm">
          <FormError error={move.error} fields={{}} />
          <Select
            label={t('question.moveTo')}
            data={data}
            value={target}
            onChange={setTarget}
            searchable
            required
          />
          <FormActions
            onCancel={onClose}
            isPending={move.isPending}
            submitLabel={t('actions.move')}
            disabled={!target}
          />
        </Stack>
      </form>
    </Modal>
  );
}
