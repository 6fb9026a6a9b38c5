import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, UnstyledButton } from '@mantine/core';
import { IconFlag, IconFlagFilled } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentDto, ResponseDto } from '../../../shared/audits/audits.schema';
import { isCommentMissing } from '../../../shared/audits/scoring';
import type { SnapshotQuestion } from '../../../shared/checklists/snapshot.schema';
import { errorMessage } from '../../api/error-message';
import { type PhotoUpload, useSaveResponse } from '../../sync/useLocalAudits';
import { type AnswerState, answerFromResponse, toSaveBody } from './answer-state';
import { PhotoStrip } from './PhotoStrip';

interface Props {
  auditUuid: string;
  question: SnapshotQuestion;
  response: ResponseDto | undefined;
  photos: AttachmentDto[];
  uploads: PhotoUpload[];
  onUpload: (file: File) => void;
  onRemovePhoto: (uuid: string) => void;
  onDismissUpload: (id: string) => void;
}

const TYPING_DELAY_MS = 700;

/** One checklist question: answer, comment, flag and photos, saved automatically. */
export function QuestionCard({ auditUuid, question: q, response, photos, uploads, ...photoHandlers }: Props) {
  const { t } = useTranslation('audits');
  const save = useSaveResponse(auditUuid);
  const [answer, setAnswer] = useState<AnswerState>(() => answerFromResponse(response));
  const pending = useRef<AnswerState | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = () => {
    clearTimeout(timer.current);
    const next = pending.current;
    pending.current = null;
    if (next) save.mutate({ questionId: q.id, answer: toSaveBody(next) });
  };
  const change = (patch: Partial<AnswerState>, delay = 0) => {
    const next = { ...answer, ...patch };
    setAnswer(next);
    pending.current = next;
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, delay);
  };
  // Leaving the page must not lose a comment typed in the last moment.
  // biome-ignore lint/correctness/useExhaustiveDependencies: flush on unmount only
  useEffect(() => () => flush(), []);

  const needsComment = isCommentMissing(q, answer);
  const commentError = needsComment
    ? q.type === 'yes_no'
      ? t('fill.commentRequiredNo')
      : t('fill.commentRequired')
    : null;

  return (
    <Card withBorder radius="md" id={`q-${q.id}`} data-testid="question-card">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600}>
            {q.code}. {q.text}
          </Text>
          <Group gap={4} wrap="nowrap">
            {q.isCritical && (
              <Badge color="red" variant="light">
                {t('fill.critical')}
              </Badge>
            )}
            {q.weight !== 1 && <Badge variant="outline">{t('fill.weight', { weight: q.weight })}</Badge>}
          </Group>
        </Group>
        {q.guideline && (
          <Text size="sm" c="dimmed">
            {q.guideline}
          </Text>
        )}

        {q.type === 'score' && (
          <SimpleGrid cols={{ base: 1, sm: Math.min(q.options.length, 4) }} spacing="xs" role="radiogroup">
            {q.options.map((o) => {
              const selected = answer.score === o.score;
              return (
                <UnstyledButton
                  key={o.score}
                  role="radio"
                  aria-checked={selected}
                  data-testid={`score-${q.id}-${o.score}`}
                  onClick={() => change({ score: selected ? null : o.score })}
                  style={{
                    border: `2px solid var(--mantine-color-${selected ? 'blue-6' : 'gray-3'})`,
                    background: selected ? 'var(--mantine-color-blue-0)' : undefined,
                    borderRadius: 8,
                    padding: '8px 10px',
                  }}
                >
                  <Text fw={700} size="lg">
                    {o.score}
                  </Text>
                  <Text size="xs">{o.description}</Text>
                </UnstyledButton>
              );
            })}
          </SimpleGrid>
        )}

        {q.type === 'yes_no' && (
          <Group gap="xs" role="radiogroup">
            {([true, false] as const).map((value) => (
              <Button
                key={String(value)}
                role="radio"
                aria-checked={answer.yesNo === value}
                variant={answer.yesNo === value ? 'filled' : 'default'}
                color={value ? 'teal' : 'red'}
                onClick={() => change({ yesNo: answer.yesNo === value ? null : value })}
              >
                {value ? t('fill.yes') : t('fill.no')}
              </Button>
            ))}
          </Group>
        )}

        {q.type === 'text' && (
          <Textarea
            label={t('fill.textAnswer')}
            autosize
            minRows={2}
            value={answer.textValue ?? ''}
            onChange={(e) => change({ textValue: e.currentTarget.value || null }, TYPING_DELAY_MS)}
            onBlur={flush}
          />
        )}

        <Textarea
          label={t('fill.comment')}
          autosize
          minRows={1}
          value={answer.comment ?? ''}
          error={commentError}
          withAsterisk={needsComment}
          onChange={(e) => change({ comment: e.currentTarget.value || null }, TYPING_DELAY_MS)}
          onBlur={flush}
          data-testid={`comment-${q.id}`}
        />

        <Group justify="space-between" align="flex-start" wrap="wrap">
          <PhotoStrip
            questionId={q.id}
            photos={photos}
            uploads={uploads}
            onUpload={photoHandlers.onUpload}
            onRemove={photoHandlers.onRemovePhoto}
            onDismiss={photoHandlers.onDismissUpload}
          />
          <Button
            size="xs"
            variant={answer.isFlagged ? 'filled' : 'subtle'}
            color="orange"
            leftSection={answer.isFlagged ? <IconFlagFilled size={14} /> : <IconFlag size={14} />}
            aria-pressed={answer.isFlagged}
            onClick={() => change({ isFlagged: !answer.isFlagged })}
          >
            {answer.isFlagged ? t('fill.flagged') : t('fill.flag')}
          </Button>
        </Group>
        {save.isError && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(save.error)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
