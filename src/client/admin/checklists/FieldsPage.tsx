import { Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftField } from '../../../shared/checklists/checklists.schema';
import { ErrorState } from '../../ui/ErrorState';
import { ChecklistTabs } from './ChecklistTabs';
import { EntityActions } from './EntityActions';
import { FieldFormModal } from './FieldFormModal';
import { moved, useDraft, useReorder, useSetActive } from './useChecklist';

/** The object-info form of the draft: fields in order, with edit, reorder and deactivate. */
export function FieldsPage() {
  const { t } = useTranslation('checklists');
  const draft = useDraft();
  const reorder = useReorder();
  const setActive = useSetActive();
  const [editing, setEditing] = useState<DraftField | 'new' | null>(null);

  if (draft.isPending) return <Loader />;
  if (draft.isError) return <ErrorState error={draft.error} onRetry={() => draft.refetch()} />;
  const fields = draft.data.objectInfoFields;
  const ids = fields.map((f) => f.id);

  return (
    <Stack gap="md">
      <ChecklistTabs />
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>{t('fields.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('fields.intro')}
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('fields.add')}
        </Button>
      </Group>
      {fields.length === 0 && <Text c="dimmed">{t('fields.empty')}</Text>}
      {fields.map((f, i) => {
        const problems = draft.data.problems.filter((p) => p.path.startsWith(`objectInfoFields.${f.id}.`));
        return (
          <Paper key={f.id} withBorder p="sm" opacity={f.isActive ? 1 : 0.55} data-testid="field-row">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Text fw={500}>
                  {f.label}{' '}
                  <Text span size="xs" c="dimmed">
                    {f.code}
                  </Text>
                </Text>
                <Group gap={4}>
                  <Badge size="xs" variant="light">
                    {t(`fields.types.${f.fieldType}`)}
                  </Badge>
                  {f.isRequired && (
                    <Badge size="xs" color="orange" variant="light">
                      {t('fields.required')}
                    </Badge>
                  )}
                  {f.prefillFrom && (
                    <Badge size="xs" color="gray" variant="outline">
                      {t(`fields.prefill.${f.prefillFrom}`, { defaultValue: f.prefillFrom })}
                    </Badge>
                  )}
                  {!f.isActive && (
                    <Badge size="xs" color="gray">
                      {t('status.inactive')}
                    </Badge>
                  )}
                </Group>
                {f.fieldType === 'select' && (
                  <Text size="xs" c="dimmed">
                    {f.choices.join(' · ')}
                  </Text>
                )}
                {problems.map((p) => (
                  <Text key={p.path + p.code} size="xs" c="red">
                    {p.message}
                  </Text>
                ))}
              </Stack>
              <EntityActions
                name={f.label}
                isActive={f.isActive}
                canUp={i > 0}
                canDown={i < fields.length - 1}
                onEdit={() => setEditing(f)}
                onMove={(dir) => {
                  const next = moved(ids, f.id, dir);
                  if (next) reorder.mutate({ kind: 'objectInfoFields', ids: next });
                }}
                onToggle={() =>
                  setActive.mutate({ kind: 'object-info-fields', id: f.id, isActive: !f.isActive })
                }
              />
            </Group>
          </Paper>
        );
      })}
      {editing && (
        <FieldFormModal
          field={editing === 'new' ? undefined : editing}
          problems={draft.data.problems}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
