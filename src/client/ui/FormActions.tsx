import { Button, type ButtonProps, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The footer of a form in a modal: «Отмена» closes, the submit button shows the pending save. */
export function FormActions({
  onCancel,
  isPending,
  submitLabel,
  disabled,
  color,
}: {
  onCancel: () => void;
  isPending: boolean;
  submitLabel: string;
  disabled?: boolean;
  color?: ButtonProps['color'];
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel}>
        {t('cancel')}
      </Button>
      <Button type="submit" loading={isPending} disabled={disabled} color={color}>
        {submitLabel}
      </Button>
    </Group>
  );
}
