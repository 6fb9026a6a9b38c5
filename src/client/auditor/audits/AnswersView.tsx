import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconFlagFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AuditDetail } from '../../../shared/audits/audits.schema';
import { isReduced } from '../../../shared/audits/scoring';
import { answerFromResponse } from './answer-state';
import { PhotoThumbs } from './PhotoStrip';

/** Read-only answers grouped by zone and section, with comments and photo thumbnails. */
export function AnswersView({ audit }: { audit: AuditDetail }) {
  const { t } = useTranslation('audits');
  const responses = new Map(audit.responses.map((r) => [r.questionId, r]));
  return (
    <Stack gap="md">
      <Title order={3}>{t('summary.answers')}</Title>
      {audit.checklistVersion.snapshot.categories.map((category) => (
        <Stack key={category.id} gap="xs">
          <Title order={4}>{category.name}</Title>
          {category.sections.map((section) => (
            <Stack key={section.id} gap="xs">
              <Text fw={600} c="dimmed">
                {section.title}
              </Text>
              {section.questions.map((q) => {
                const r = responses.get(q.id);
                const answer = answerFromResponse(r);
                const option = q.options.find((o) => o.score === answer.score);
                const value =
                  q.type === 'score'
                    ? answer.score === null
                      ? null
                      : `${answer.score}${option?.description ? ` — ${option.description}` : ''}`
                    : q.type === 'yes_no'
                      ? answer.yesNo === null
                        ? null
                        : answer.yesNo
                          ? t('fill.yes')
                          : t('fill.no')
                      : answer.textValue;
                const photos = audit.attachments.filter((a) => a.questionId === q.id);
                return (
                  <Card key={q.id} withBorder radius="md" p="sm" data-testid="answer-row">
                    <Stack gap={4}>
                      <Group justify="space-between" wrap="nowrap" align="flex-start">
                        <Text size="sm" fw={500}>
                          {q.code}. {q.text}
                        </Text>
                        <Group gap={4} wrap="nowrap">
                          {q.isCritical && isReduced(q, answer) && (
                            <Badge color="red">{t('fill.critical')}</Badge>
                          )}
                          {answer.isFlagged && (
                            <IconFlagFilled size={16} color="orange" aria-label={t('fill.flagged')} />
                          )}
                        </Group>
                      </Group>
                      <Text
                        size="sm"
                        c={value === null ? 'dimmed' : isReduced(q, answer) ? 'red' : undefined}
                      >
                        {value ?? t('fill.notAnswered')}
                      </Text>
                      {answer.comment && (
                        <Text size="sm" fs="italic">
                          {t('fill.comment')}: {answer.comment}
                        </Text>
                      )}
                      <PhotoThumbs photos={photos} />
                    </Stack>
                  </Card>
                );
              })}
            </Stack>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
