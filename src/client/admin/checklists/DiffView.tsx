import { Badge, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldChange, KindDiff, SnapshotDiff } from '../../../shared/checklists/diff';

const KINDS = ['categories', 'sections', 'questions', 'objectInfoFields'] as const;

function useValueText() {
  const { t } = useTranslation('checklists');
  return (value: FieldChange['before']): string => {
    if (value === null || value === '') return t('diff.empty');
    if (typeof value === 'boolean') return value ? t('diff.yes') : t('diff.no');
    if (Array.isArray(value)) return value.join(', ') || t('diff.empty');
    return String(value);
  };
}

function KindBlock({ kind, diff }: { kind: (typeof KINDS)[number]; diff: KindDiff }) {
  const { t } = useTranslation('checklists');
  const valueText = useValueText();
  if (!diff.added.length && !diff.removed.length && !diff.changed.length) return null;
  const name = (ref: { code: string | null; label: string }) =>
    ref.code ? `${ref.code} — ${ref.label}` : ref.label;
  return (
    <Paper withBorder p="sm" data-testid={`diff-${kind}`}>
      <Title order={4} mb="xs">
        {t(`diff.kinds.${kind}`)}
      </Title>
      <List spacing={4} size="sm">
        {diff.added.map((ref) => (
          <List.Item
            key={`a${ref.id}`}
            icon={
              <Badge color="teal" size="xs">
                {t('diff.added')}
              </Badge>
            }
          >
            {name(ref)}
          </List.Item>
        ))}
        {diff.removed.map((ref) => (
          <List.Item
            key={`r${ref.id}`}
            icon={
              <Badge color="red" size="xs">
                {t('diff.removed')}
              </Badge>
            }
          >
            {name(ref)}
          </List.Item>
        ))}
        {diff.changed.map((change) => (
          <List.Item
            key={`c${change.id}`}
            icon={
              <Badge color="blue" size="xs">
                {t('diff.changed')}
              </Badge>
            }
          >
            <Text size="sm">{name(change)}</Text>
            {change.changes.map((c) => (
              <Text key={c.field} size="xs" c="dimmed">
                {t(`diff.fieldNames.${c.field}`, { defaultValue: c.field })}: {valueText(c.before)} →{' '}
                {valueText(c.after)}
              </Text>
            ))}
            {change.options && (
              <Text size="xs" c="dimmed">
                {t('diff.options')}
                {[
                  ...change.options.added.map((o) => t('diff.optionAdded', o)),
                  ...change.options.removed.map((o) => t('diff.optionRemoved', o)),
                  ...change.options.changed.map((o) => t('diff.optionChanged', o)),
                ].join('; ')}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}

/** What changed between two versions, grouped by zones, sections, questions and fields. */
export function DiffView({ diff }: { diff: SnapshotDiff }) {
  const { t } = useTranslation('checklists');
  if (diff.isEmpty) return <Text c="dimmed">{t('diff.noChanges')}</Text>;
  return (
    <Stack gap="sm">
      {KINDS.map((kind) => (
        <KindBlock key={kind} kind={kind} diff={diff[kind]} />
      ))}
    </Stack>
  );
}
