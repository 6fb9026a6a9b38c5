import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateQuestionSchema,
  type DraftQuestion,
  type PublishProblem,
} from '../../../shared/checklists/checklists.schema';
import { validateQuestion } from '../../../shared/checklists/publish-rules';
import {
  CRITERION_GROUPS,
  type CriterionGroup,
  QUESTION_TYPES,
} from '../../../shared/checklists/snapshot.schema';
import { errorMessage } from '../../api/error-message';
import { FormActions } from '../../ui/FormActions';
import { problemsOf, schemaErrors, serverErrors } from './field-errors';
import { OptionsEditor, type OptionValue } from './OptionsEditor';
import { useCreateQuestion, useUpdateQuestion } from './useChecklist';

type QuestionType = (typeof QUESTION_TYPES)[number];

interface Values {
  code: string;
  text: string;
  type: QuestionType;
  criterionGroup: CriterionGroup | null;
  maxScore: number | string;
  weight: number | string;
  guideline: string;
  isCritical: boolean;
  requiresCommentWhenReduced: boolean;
  options: OptionValue[];
}

function initial(q?: DraftQuestion): Values {
  return {
    code: q?.code ?? '',
    text: q?.text ?? '',
    type: q?.type ?? 'score',
    criterionGroup: CRITERION_GROUPS.find((g) => g === q?.criterionGroup) ?? null,
    maxScore: q?.maxScore ?? '',
    weight: q?.weight ?? 1,
    guideline: q?.guideline ?? '',
    isCritical: q?.isCritical ?? false,
    requiresCommentWhenReduced: q?.requiresCommentWhenReduced ?? true,
    options: q?.options ?? [],
  };
}

const num = (v: number | string): number => (v === '' ? Number.NaN : Number(v));

function toBody(v: Values, sectionId: number) {
  const scored = v.type === 'score';
  return {
    sectionId,
    code: v.code,
    text: v.text,
    type: v.type,
    criterionGroup: v.criterionGroup,
    maxScore: scored && v.maxScore !== '' ? num(v.maxScore) : null,
    weight: num(v.weight),
    guideline: v.guideline,
    isCritical: v.isCritical,
    requiresCommentWhenReduced: v.requiresCommentWhenReduced,
    options: scored ? v.options.map((o) => ({ score: num(o.score), description: o.description })) : [],
  };
}

interface Props {
  question?: DraftQuestion;
  sectionId: number;
  problems: PublishProblem[];
  onClose: () => void;
}

/**
 * Create or edit a question. Errors appear next to their field: the shared input schema and publish
 * rules as you type (after the first submit), the server's refusal, and the draft's publish problems.
 */
export function QuestionFormModal({ question, sectionId, problems, onClose }: Props) {
  const { t } = useTranslation('checklists');
  const create = useCreateQuestion();
  const update = useUpdateQuestion();
  const mutation = question ? update : create;
  const [values, setValues] = useState<Values>(() => initial(question));
  const [touched, setTouched] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const body = toBody(values, sectionId);
  const inputErrors = schemaErrors(CreateQuestionSchema, body);
  const ruleErrors: Record<string, string> = {};
  if (Object.keys(inputErrors).length === 0)
    for (const p of validateQuestion({ ...body, criterionGroup: body.criterionGroup ?? null }))
      ruleErrors[p.path] ??= p.message;
  const fields = {
    ...(question && !touched ? problemsOf(problems, 'questions', question.id) : {}),
    ...serverErrors(mutation.error),
    ...(touched ? { ...ruleErrors, ...inputErrors } : {}),
  };
  const highest = body.options.length
    ? Math.max(...body.options.map((o) => o.score).filter(Number.isFinite))
    : null;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    // The draft could hold an unfinished question, but the form asks for a publishable one right away.
    if (Object.keys(inputErrors).length || Object.keys(ruleErrors).length) return;
    const done = { onSuccess: onClose };
    if (question) {
      const { sectionId: _ignored, ...changes } = body;
      update.mutate({ id: question.id, changes }, done);
    } else create.mutate(body, done);
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      centered
      title={question ? t('question.editTitle', { code: question.code }) : t('question.createTitle')}
    >
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="sm">
          {mutation.error && Object.keys(serverErrors(mutation.error)).length === 0 ? (
            <Alert color="red" role="alert">
              {errorMessage(mutation.error)}
            </Alert>
          ) : null}
          <Textarea
            label={t('question.text')}
            required
            autosize
            minRows={2}
            value={values.text}
            onChange={(e) => set('text', e.currentTarget.value)}
            error={fields.text}
            data-autofocus
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('question.code')}
              required
              value={values.code}
              onChange={(e) => set('code', e.currentTarget.value)}
              error={fields.code}
            />
            <Select
              label={t('question.type')}
              allowDeselect={false}
              data={QUESTION_TYPES.map((type) => ({ value: type, label: t(`question.types.${type}`) }))}
              value={values.type}
              onChange={(v) => {
                const type = QUESTION_TYPES.find((x) => x === v);
                if (type) set('type', type);
              }}
            />
            <Select
              label={t('question.criterionGroup')}
              placeholder={t('question.noGroup')}
              clearable
              data={[...CRITERION_GROUPS]}
              value={values.criterionGroup}
              onChange={(v) => set('criterionGroup', CRITERION_GROUPS.find((g) => g === v) ?? null)}
              error={fields.criterionGroup}
            />
          </SimpleGrid>
          {values.type === 'score' && (
            <>
              <OptionsEditor options={values.options} errors={fields} onChange={(o) => set('options', o)} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <NumberInput
                  label={t('question.maxScore')}
                  description={t('question.maxScoreHint')}
                  min={0}
                  allowDecimal={false}
                  value={values.maxScore}
                  onChange={(v) => set('maxScore', v)}
                  error={fields.maxScore}
                  rightSectionWidth={highest !== null && Number.isFinite(highest) ? 150 : undefined}
                  rightSection={
                    highest !== null && Number.isFinite(highest) && num(values.maxScore) !== highest ? (
                      <Button size="compact-xs" variant="light" onClick={() => set('maxScore', highest)}>
                        {t('question.useHighest', { score: highest })}
                      </Button>
                    ) : null
                  }
                />
                <NumberInput
                  label={t('question.weight')}
                  min={0.1}
                  step={0.5}
                  value={values.weight}
                  onChange={(v) => set('weight', v)}
                  error={fields.weight}
                />
              </SimpleGrid>
            </>
          )}
          <Textarea
            label={t('question.guideline')}
            autosize
            minRows={1}
            value={values.guideline}
            onChange={(e) => set('guideline', e.currentTarget.value)}
            error={fields.guideline}
          />
          <Group gap="lg">
            <Checkbox
              label={t('question.isCritical')}
              checked={values.isCritical}
              onChange={(e) => set('isCritical', e.currentTarget.checked)}
            />
            <Checkbox
              label={t('question.requiresComment')}
              checked={values.requiresCommentWhenReduced}
              onChange={(e) => set('requiresCommentWhenReduced', e.currentTarget.checked)}
            />
          </Group>
          <FormActions
            onCancel={onClose}
            isPending={mutation.isPending}
            submitLabel={question ? t('actions.save') : t('actions.create')}
          />
        </Stack>
      </form>
    </Modal>
  );
}
