import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowsExchange, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type {
  DraftCategory,
  DraftQuestion,
  DraftSection,
  DraftTree,
} from '../../../shared/checklists/checklists.schema';
import { EntityActions } from './EntityActions';
import { type ActivatableKind, moved, useReorder, useSetActive } from './useChecklist';

export type BuilderDialog =
  | { kind: 'category'; category?: DraftCategory }
  | { kind: 'section'; categoryId: number; section?: DraftSection }
  | { kind: 'moveSection'; section: DraftSection }
  | { kind: 'moveQuestion'; question: DraftQuestion }
  | { kind: 'question'; sectionId: number; question?: DraftQuestion };

interface Props {
  draft: DraftTree;
  showInactive: boolean;
  onOpen: (dialog: BuilderDialog) => void;
}

function useRowActions() {
  const reorder = useReorder();
  const setActive = useSetActive();
  return {
    move(
      kind: 'categories' | 'sections' | 'questions',
      siblings: number[],
      id: number,
      dir: -1 | 1,
      parentId?: number,
    ) {
      const ids = moved(siblings, id, dir);
      if (ids) reorder.mutate({ kind, ids, ...(parentId === undefined ? {} : { parentId }) });
    },
    toggle(kind: ActivatableKind, id: number, isActive: boolean) {
      setActive.mutate({ kind, id, isActive: !isActive });
    },
  };
}

function ProblemLines({ draft, prefix }: { draft: DraftTree; prefix: string }) {
  const lines = draft.problems.filter((p) => p.path.startsWith(prefix));
  if (!lines.length) return null;
  return (
    <>
      {lines.map((p) => (
        <Text key={p.path + p.code} size="xs" c="red">
          {p.message}
        </Text>
      ))}
    </>
  );
}

function QuestionRow(props: {
  draft: DraftTree;
  question: DraftQuestion;
  siblings: number[];
  sectionId: number;
  onOpen: Props['onOpen'];
}) {
  const { t } = useTranslation('checklists');
  const { draft, question: q, siblings, sectionId, onOpen } = props;
  const actions = useRowActions();
  const i = siblings.indexOf(q.id);
  return (
    <Group
      justify="space-between"
      align="flex-start"
      wrap="wrap"
      gap="xs"
      data-testid="question-row"
      opacity={q.isActive ? 1 : 0.55}
    >
      <Stack gap={2} style={{ flex: '1 1 220px', minWidth: 0 }}>
        <Text size="sm">
          <Text span c="dimmed" size="xs" mr={6}>
            {q.code}
          </Text>
          {q.text}
        </Text>
        <Group gap={4}>
          <Badge size="xs" variant="light">
            {t(`question.types.${q.type}`)}
          </Badge>
          {q.criterionGroup && (
            <Badge size="xs" variant="outline" color="gray">
              {q.criterionGroup}
            </Badge>
          )}
          {q.type === 'score' && q.maxScore !== null && (
            <Badge size="xs" variant="light" color="teal">
              {t('builder.maxScore', { score: q.maxScore })}
            </Badge>
          )}
          {q.isCritical && (
            <Badge size="xs" color="red">
              {t('status.critical')}
            </Badge>
          )}
          {!q.isActive && (
            <Badge size="xs" color="gray">
              {t('status.inactive')}
            </Badge>
          )}
        </Group>
        <ProblemLines draft={draft} prefix={`questions.${q.id}.`} />
      </Stack>
      <EntityActions
        name={q.code}
        isActive={q.isActive}
        canUp={i > 0}
        canDown={i < siblings.length - 1}
        onEdit={() => onOpen({ kind: 'question', sectionId, question: q })}
        onMove={(dir) => actions.move('questions', siblings, q.id, dir, sectionId)}
        onToggle={() => actions.toggle('questions', q.id, q.isActive)}
      >
        <Tooltip label={t('actions.move')} withArrow>
          <ActionIcon
            variant="subtle"
            aria-label={`${t('actions.move')}: ${q.code}`}
            onClick={() => onOpen({ kind: 'moveQuestion', question: q })}
          >
            <IconArrowsExchange size={16} />
          </ActionIcon>
        </Tooltip>
      </EntityActions>
    </Group>
  );
}

function SectionCard(props: {
  draft: DraftTree;
  section: DraftSection;
  siblings: number[];
  showInactive: boolean;
  onOpen: Props['onOpen'];
}) {
  const { t } = useTranslation('checklists');
  const { draft, section: s, siblings, showInactive, onOpen } = props;
  const actions = useRowActions();
  const i = siblings.indexOf(s.id);
  const questionIds = s.questions.map((q) => q.id);
  const visible = s.questions.filter((q) => showInactive || q.isActive);
  return (
    <Paper
      withBorder
      p={{ base: 6, sm: 'sm' }}
      radius="sm"
      data-testid="section-card"
      opacity={s.isActive ? 1 : 0.6}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
          <Stack gap={0} style={{ flex: '1 1 220px', minWidth: 0 }}>
            <Text fw={600}>
              {s.title}{' '}
              {!s.isActive && (
                <Badge size="xs" color="gray">
                  {t('status.inactive')}
                </Badge>
              )}
            </Text>
            {s.description && (
              <Text size="xs" c="dimmed">
                {s.description}
              </Text>
            )}
            <ProblemLines draft={draft} prefix={`sections.${s.id}.`} />
          </Stack>
          <EntityActions
            name={s.title}
            isActive={s.isActive}
            canUp={i > 0}
            canDown={i < siblings.length - 1}
            onEdit={() => onOpen({ kind: 'section', categoryId: s.categoryId, section: s })}
            onMove={(dir) => actions.move('sections', siblings, s.id, dir, s.categoryId)}
            onToggle={() => actions.toggle('sections', s.id, s.isActive)}
          >
            <Tooltip label={t('actions.move')} withArrow>
              <ActionIcon
                variant="subtle"
                aria-label={`${t('actions.move')}: ${s.title}`}
                onClick={() => onOpen({ kind: 'moveSection', section: s })}
              >
                <IconArrowsExchange size={16} />
              </ActionIcon>
            </Tooltip>
          </EntityActions>
        </Group>
        {visible.map((q) => (
          <QuestionRow
            key={q.id}
            draft={draft}
            question={q}
            siblings={questionIds}
            sectionId={s.id}
            onOpen={onOpen}
          />
        ))}
        <Button
          variant="subtle"
          size="xs"
          w="fit-content"
          leftSection={<IconPlus size={14} />}
          onClick={() => onOpen({ kind: 'question', sectionId: s.id })}
        >
          {t('builder.addQuestion')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** The draft as zones → sections → questions, with the row actions of each level. */
export function BuilderTree({ draft, showInactive, onOpen }: Props) {
  const { t } = useTranslation('checklists');
  const actions = useRowActions();
  const categoryIds = draft.categories.map((c) => c.id);
  return (
    <Stack gap="md">
      {draft.categories
        .filter((c) => showInactive || c.isActive)
        .map((c) => {
          const i = categoryIds.indexOf(c.id);
          const sectionIds = c.sections.map((s) => s.id);
          const count = c.sections.reduce((n, s) => n + s.questions.filter((q) => q.isActive).length, 0);
          return (
            <Paper
              key={c.id}
              withBorder
              p={{ base: 'xs', sm: 'md' }}
              radius="md"
              data-testid="zone-card"
              opacity={c.isActive ? 1 : 0.6}
            >
              <Stack gap="sm">
                <Group justify="space-between" wrap="wrap" align="flex-start" gap="xs">
                  <Stack gap={0} style={{ flex: '1 1 220px', minWidth: 0 }}>
                    <Text fw={700} size="lg">
                      {c.name}{' '}
                      <Text span size="xs" c="dimmed">
                        {c.code} · {t('builder.questions', { count })}
                      </Text>{' '}
                      {!c.isActive && (
                        <Badge size="xs" color="gray">
                          {t('status.inactive')}
                        </Badge>
                      )}
                    </Text>
                    <ProblemLines draft={draft} prefix={`categories.${c.id}.`} />
                  </Stack>
                  <EntityActions
                    name={c.name}
                    isActive={c.isActive}
                    canUp={i > 0}
                    canDown={i < categoryIds.length - 1}
                    onEdit={() => onOpen({ kind: 'category', category: c })}
                    onMove={(dir) => actions.move('categories', categoryIds, c.id, dir)}
                    onToggle={() => actions.toggle('categories', c.id, c.isActive)}
                  />
                </Group>
                {c.sections
                  .filter((s) => showInactive || s.isActive)
                  .map((s) => (
                    <SectionCard
                      key={s.id}
                      draft={draft}
                      section={s}
                      siblings={sectionIds}
                      showInactive={showInactive}
                      onOpen={onOpen}
                    />
                  ))}
                <Button
                  variant="light"
                  size="xs"
                  w="fit-content"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => onOpen({ kind: 'section', categoryId: c.id })}
                >
                  {t('builder.addSection')}
                </Button>
              </Stack>
            </Paper>
          );
        })}
    </Stack>
  );
}
