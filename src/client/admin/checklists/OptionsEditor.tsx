import { ActionIcon, Button, Group, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from './field-errors';

export interface OptionValue {
  score: number | string;
  description: string;
}

interface Props {
  options: OptionValue[];
  errors: FieldErrors;
  onChange: (options: OptionValue[]) => void;
}

/** Score options of a question: a score and what it means, one row each; errors sit next to the cell. */
export function OptionsEditor({ options, errors, onChange }: Props) {
  const { t } = useTranslation('checklists');
  const set = (index: number, patch: Partial<OptionValue>) =>
    onChange(options.map((o, i) => (i === index ? { ...o, ...patch } : o)));
  const nextScore = () => {
    const scores = options.map((o) => Number(o.score)).filter(Number.isFinite);
    return scores.length ? Math.max(...scores) + 1 : 0;
  };
  return (
    <Stack gap="xs" data-testid="options-editor">
      <Text size="sm" fw={500}>
        {t('question.options')}
      </Text>
      {errors.options ? (
        <Text size="sm" c="red" role="alert">
          {errors.options}
        </Text>
      ) : null}
      {options.map((option, index) => (
        // Options have no identity of their own; the row index is their key while editing.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Group key={index} align="flex-start" gap="xs" wrap="nowrap">
          <NumberInput
            aria-label={`${t('question.optionScore')} ${index + 1}`}
            placeholder={t('question.optionScore')}
            w={90}
            min={0}
            allowDecimal={false}
            value={option.score}
            onChange={(value) => set(index, { score: value })}
            error={errors[`options.${index}.score`]}
          />
          <Textarea
            autosize
            minRows={1}
            aria-label={`${t('question.optionDescription')} ${index + 1}`}
            placeholder={t('question.optionDescription')}
            style={{ flex: 1 }}
            value={option.description}
            onChange={(e) => set(index, { description: e.currentTarget.value })}
            error={errors[`options.${index}.description`]}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={4}
            aria-label={`${t('question.removeOption')} ${index + 1}`}
            onClick={() => onChange(options.filter((_, i) => i !== index))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="light"
        size="xs"
        w="fit-content"
        leftSection={<IconPlus size={14} />}
        onClick={() => onChange([...options, { score: nextScore(), description: '' }])}
      >
        {t('question.addOption')}
      </Button>
    </Stack>
  );
}
